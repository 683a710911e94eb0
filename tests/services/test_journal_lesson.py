"""The lesson editor's save: topic and homework together, with a conflict check against what the
editor showed (two tabs or two teachers editing the same lesson do not overwrite each other silently)."""

import pytest
from sqlmodel import func, select

from mrko_app.models import Homework, Lesson
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import read as journal
from tests.services.journal_school import build


@pytest.fixture
def js(db):
    return build(db)


def _save(db, js, topic, homework, due=None, seen=None, who=None, lesson="sep14"):
    return journal_entry.save_lesson(db, who or js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                     lesson_id=js.lessons[lesson].id, topic=topic, homework=homework,
                                     due_date=due, seen=seen)


def _content(db, js, lesson="sep14"):
    db.expire_all()
    found = db.get(Lesson, js.lessons[lesson].id)
    return journal_entry.lesson_content(found, journal.lesson_homework(db, found.id))


def test_topic_and_homework_are_saved_together(db, js):
    seen = _content(db, js)
    assert seen == {"topic": js.lessons["sep14"].topic or "", "homework": "", "due_date": ""}
    _save(db, js, " Fractions ", "No. 5", seen=seen)
    assert _content(db, js) == {"topic": "Fractions", "homework": "No. 5", "due_date": "2026-09-21"}


def test_a_change_made_meanwhile_is_reported_and_nothing_is_written(db, js):
    tab_a = _content(db, js)
    _save(db, js, "Fractions (B)", "No. 7", seen=_content(db, js))  # the second tab saves first
    with pytest.raises(Conflict) as caught:
        _save(db, js, "Fractions (A)", "No. 5", seen=tab_a)
    assert caught.value.key == "journal.conflict_lesson"
    assert caught.value.current == {"topic": "Fractions (B)", "homework": "No. 7", "due_date": "2026-09-21"}
    assert caught.value.params == {"topic": "Fractions (B)", "homework": "No. 7"}
    assert _content(db, js)["topic"] == "Fractions (B)"
    # overwriting on purpose: the editor now passes what it was shown in the conflict
    _save(db, js, "Fractions (A)", "No. 5", seen=caught.value.current)
    assert _content(db, js)["topic"] == "Fractions (A)"


def test_saving_the_same_text_as_the_other_tab_is_no_conflict(db, js):
    tab_a = _content(db, js)
    _save(db, js, "Fractions", "No. 5", seen=_content(db, js))
    _save(db, js, "Fractions", "No. 5", seen=tab_a)
    assert _content(db, js)["homework"] == "No. 5"


def test_without_seen_the_last_save_wins(db, js):
    _save(db, js, "One", "")
    _save(db, js, "Two", "")
    assert _content(db, js)["topic"] == "Two"


def test_bad_homework_leaves_the_topic_alone(db, js):
    before = _content(db, js)
    with pytest.raises(ValidationError) as caught:
        _save(db, js, "New topic", "Read", due="2026-09-01", seen=before)
    assert caught.value.fields == {"due_date": "journal.hw_due_before_lesson"}
    with pytest.raises(ValidationError) as caught:
        _save(db, js, "x" * 301, "Read", seen=before)
    assert caught.value.fields == {"topic": "journal.text_too_long"}
    assert _content(db, js) == before
    assert db.exec(select(func.count()).select_from(Homework)).one() == 0


def test_only_the_journal_s_teacher_or_staff_may_save(db, js):
    for who, lesson in ((js.other_teacher, "sep14"), (js.teacher, "b_maths"), (js.parent, "sep14")):
        with pytest.raises(PermissionDenied):
            _save(db, js, "Hacked", "Hacked", who=who, lesson=lesson)
    assert _content(db, js)["topic"] != "Hacked"
    _save(db, js, "By staff", "", who=js.staff)
    assert _content(db, js)["topic"] == "By staff"
