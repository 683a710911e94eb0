"""Attendance, a lesson's topic and homework in the class journal."""

from datetime import date

import pytest
from sqlmodel import func, select

from mrko_app.models import Attendance, Homework, Lesson
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.journal import entry as journal_entry
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    return build(db)


def _att(db, js, status, who=None, lesson="sep7", student=0, **kw):
    args = js.ref(student_id=js.students[student].id, lesson_id=js.lessons[lesson].id, status=status, today=TODAY)
    args.update(kw)
    return journal_entry.set_attendance(db, who or js.teacher, **args)


def _rows(db):
    return db.exec(select(func.count()).select_from(Attendance)).one()


def test_marking_absence_then_changing_then_clearing_it(db, js):
    row = _att(db, js, "absent")
    assert (row.status, row.version, row.set_by, row.date) == ("absent", 1, js.teacher.id, js.lessons["sep7"].date)
    first_stamp = row.updated_at
    row = _att(db, js, "ill", version=1)
    assert (row.status, row.version) == ("ill", 2) and row.updated_at >= first_stamp
    lesson = js.lessons["sep7"]
    stamp = lesson.updated_at
    assert _att(db, js, "", version=2) is None
    assert _rows(db) == 0
    db.refresh(lesson)
    assert lesson.updated_at >= stamp  # a cleared mark leaves no row: the lesson tells the diary


@pytest.mark.parametrize("status", ["absent", "valid", "ill", "late"])
def test_every_attendance_mark_is_accepted(db, js, status):
    assert _att(db, js, status).status == status


@pytest.mark.parametrize("status", ["x", "н", "present!", "ABSENT"])
def test_an_unknown_attendance_mark_is_refused(db, js, status):
    with pytest.raises(ValidationError) as caught:
        _att(db, js, status)
    assert caught.value.fields == {"status": "journal.attendance_unknown"}
    assert _rows(db) == 0


def test_clearing_what_is_not_there_changes_nothing(db, js):
    assert _att(db, js, "present") is None and _rows(db) == 0


def test_a_stale_version_is_a_conflict_with_the_current_status(db, js):
    _att(db, js, "absent")
    _att(db, js, "valid", who=js.staff, version=1)
    with pytest.raises(Conflict) as caught:
        _att(db, js, "late", version=1)
    assert caught.value.current == {"status": "valid", "version": 2, "by": "Directorova I.P."}
    with pytest.raises(Conflict):
        _att(db, js, "", version=1)
    assert db.exec(select(Attendance)).one().status == "valid"


def test_marking_a_cell_someone_marked_since_is_a_conflict(db, js):
    _att(db, js, "ill", who=js.staff)
    with pytest.raises(Conflict) as caught:
        _att(db, js, "absent")  # the client saw no mark
    assert caught.value.current["status"] == "ill"


def test_changing_a_mark_someone_cleared_since_is_a_conflict(db, js):
    _att(db, js, "ill")
    _att(db, js, "", who=js.staff, version=1)
    with pytest.raises(Conflict) as caught:
        _att(db, js, "late", version=1)
    assert caught.value.current["status"] == ""
    assert _rows(db) == 0


@pytest.mark.parametrize("lesson, key", [("oct8", "journal.lesson_in_future"),
                                         ("nov9", "journal.lesson_outside_period"),
                                         ("cancelled", "journal.lesson_cancelled")])
def test_attendance_needs_a_held_lesson_of_the_period(db, js, lesson, key):
    with pytest.raises(ValidationError) as caught:
        _att(db, js, "absent", lesson=lesson)
    assert caught.value.fields == {"lesson": key}


def test_attendance_access_and_ids_are_checked(db, js):
    with pytest.raises(PermissionDenied):
        _att(db, js, "absent", who=js.other_teacher)
    with pytest.raises(PermissionDenied):
        _att(db, js, "absent", lesson="b_maths")
    with pytest.raises(ValidationError):
        journal_entry.set_attendance(db, js.teacher, **js.ref(student_id=js.outsider.id,
                                     lesson_id=js.lessons["sep7"].id, status="absent", today=TODAY))
    assert _rows(db) == 0
    assert _att(db, js, "late", who=js.staff).status == "late"


def _topic(db, js, topic, who=None, lesson="oct8"):
    return journal_entry.set_topic(db, who or js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                   lesson_id=js.lessons[lesson].id, topic=topic)


def test_the_topic_of_a_lesson_any_date(db, js):
    stamp = js.lessons["oct8"].updated_at
    lesson = _topic(db, js, "  Decimal fractions ")
    assert db.get(Lesson, lesson.id).topic == "Decimal fractions" and lesson.updated_at >= stamp
    with pytest.raises(ValidationError) as caught:
        _topic(db, js, "x" * 301)
    assert caught.value.fields == {"topic": "journal.text_too_long"}
    for who, name in ((js.other_teacher, "oct8"), (js.teacher, "russian"), (js.parent, "oct8")):
        with pytest.raises(PermissionDenied):
            _topic(db, js, "Hacked", who=who, lesson=name)
    assert db.get(Lesson, lesson.id).topic == "Decimal fractions"


def _hw(db, js, text, due=None, who=None, lesson="sep14"):
    return journal_entry.set_homework(db, who or js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      lesson_id=js.lessons[lesson].id, text=text, due_date=due)


def test_homework_is_due_by_default_at_the_next_lesson_of_the_subject(db, js):
    hw = _hw(db, js, "No. 12, 14")
    assert (hw.text, hw.due_date, hw.class_id, hw.subject_id) == ("No. 12, 14", date(2026, 9, 21), js.class_a.id,
                                                                 js.maths.id)
    again = _hw(db, js, "No. 12-15", due="2026-09-23")
    assert again.id == hw.id and again.due_date == date(2026, 9, 23)
    assert _hw(db, js, "No. 12-15", due="24.09.2026").due_date == date(2026, 9, 24)  # as typed in Russia
    assert db.exec(select(func.count()).select_from(Homework)).one() == 1


def test_homework_due_dates_are_checked(db, js):
    for due, key in (("2026-09-01", "journal.hw_due_before_lesson"), ("2027-06-15", "journal.hw_due_after_year"),
                     ("31.09.2026", "journal.date_invalid")):
        with pytest.raises(ValidationError) as caught:
            _hw(db, js, "Read", due=due)
        assert caught.value.fields == {"due_date": key}
    with pytest.raises(ValidationError) as caught:
        _hw(db, js, "Read", lesson="nov9")  # no later lesson to default to
    assert caught.value.fields == {"due_date": "journal.hw_due_required"}
    assert db.exec(select(func.count()).select_from(Homework)).one() == 0


def test_empty_homework_removes_it_and_tells_the_lesson(db, js):
    _hw(db, js, "Read p. 5")
    stamp = js.lessons["sep14"].updated_at
    assert _hw(db, js, "  ") is None
    assert db.exec(select(func.count()).select_from(Homework)).one() == 0
    assert js.lessons["sep14"].updated_at >= stamp


def test_homework_access_is_checked(db, js):
    for who, lesson in ((js.other_teacher, "sep14"), (js.teacher, "b_maths"), (js.other_staff, "sep14")):
        with pytest.raises(PermissionDenied):
            _hw(db, js, "Hacked", who=who, lesson=lesson)
    assert _hw(db, js, "By staff", who=js.staff).created_by == js.staff.id
