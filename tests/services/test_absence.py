"""Absence notices: a parent's notice is validated; the class teacher sees and acknowledges it."""

from datetime import date

import pytest

from mrko_app.models import AbsenceNotice
from mrko_app.services import absence
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school

TODAY = date(2026, 11, 25)


@pytest.fixture
def s(db):
    return diary_school.build(db)


def test_a_parent_sends_a_notice(s, db):
    notice = absence.create_notice(db, s.parent, s.student.id, "2026-11-26", "2026-11-27", "  Поездка   к врачу ",
                                   today=TODAY)
    stored = db.get(AbsenceNotice, notice.id)
    assert (stored.student_id, stored.parent_id, stored.start_date, stored.end_date, stored.reason) == (
        s.student.id, s.parent.id, date(2026, 11, 26), date(2026, 11, 27), "Поездка к врачу")
    assert stored.acknowledged_at is None
    [view] = absence.child_notices(db, s.parent, s.student.id, today=TODAY)
    assert (view["start_text"], view["end_text"], view["acknowledged"]) == (date(2026, 11, 26), date(2026, 11, 27), False)
    from mrko_app.views.present import present

    assert (present(view, "ru")["start_text"], present(view, "en")["end_text"]) == ("26.11.2026", "11/27/2026")
    # today itself is allowed, and a one-day notice
    absence.create_notice(db, s.parent, s.student.id, TODAY, TODAY, "Праздник в семье", today=TODAY)


@pytest.mark.parametrize("start,end,reason,fields", [
    ("2026-11-24", "2026-11-26", "Болезнь", {"start": "diary.absence.error.past"}),
    ("2026-11-27", "2026-11-26", "Болезнь", {"end": "diary.absence.error.end_before_start"}),
    ("2026-11-27", "2026-11-28", "   ", {"reason": "error.required"}),
    ("", "", "", {"start": "error.required", "end": "error.required", "reason": "error.required"}),
    ("27.11.2026", "2026-11-28", "x", {"start": "diary.absence.error.date"}),
    ("2026-11-27", "2027-06-15", "Отпуск", {"end": "diary.absence.error.after_year"}),
    ("2026-11-27", "2026-11-28", "x" * 301, {"reason": "diary.absence.error.reason_long"}),
])
def test_notice_rules(s, db, start, end, reason, fields):
    with pytest.raises(ValidationError) as err:
        absence.create_notice(db, s.parent, s.student.id, start, end, reason, today=TODAY)
    assert err.value.fields == fields
    assert db.exec(AbsenceNotice.__table__.select()).first() is None


def test_only_the_childs_parent_may_send_or_read(s, db):
    with pytest.raises(PermissionDenied):
        absence.create_notice(db, s.other_parent, s.student.id, "2026-11-26", "2026-11-26", "x", today=TODAY)
    with pytest.raises(PermissionDenied):
        absence.create_notice(db, s.class_teacher, s.student.id, "2026-11-26", "2026-11-26", "x", today=TODAY)
    with pytest.raises(PermissionDenied):
        absence.child_notices(db, s.other_parent, s.student.id, today=TODAY)


def test_the_class_teacher_sees_and_acknowledges(s, db):
    mine = absence.create_notice(db, s.parent, s.student.id, "2026-11-26", "2026-11-27", "Врач", today=TODAY)
    later = absence.create_notice(db, s.parent, s.student.id, "2026-12-01", "2026-12-01", "Соревнования", today=TODAY)
    absence.create_notice(db, s.other_parent, s.other_student.id, "2026-11-26", "2026-11-26", "Другой класс", today=TODAY)
    assert absence.is_class_teacher(db, s.class_teacher) and not absence.is_class_teacher(db, s.math_teacher)

    views = absence.class_notices(db, s.class_teacher, today=TODAY)
    assert [v["id"] for v in views] == [mine.id, later.id]
    assert (views[0]["student"], views[0]["class_name"], views[0]["parent"]) == ("Иванов Петя", "5А", "Иванова Мария")
    assert absence.class_notices(db, s.math_teacher, today=TODAY) == []

    with pytest.raises(PermissionDenied):
        absence.acknowledge(db, s.math_teacher, mine.id)
    with pytest.raises(PermissionDenied):
        absence.acknowledge(db, s.parent, mine.id)
    with pytest.raises(NotFound):
        absence.acknowledge(db, s.class_teacher, "nope")
    absence.acknowledge(db, s.class_teacher, str(mine.id))
    stored = db.get(AbsenceNotice, mine.id)
    assert stored.acknowledged_by == s.class_teacher.id and stored.acknowledged_at is not None
    first_stamp = stored.acknowledged_at
    absence.acknowledge(db, s.class_teacher, mine.id)  # again: unchanged
    assert db.get(AbsenceNotice, mine.id).acknowledged_at == first_stamp

    views = absence.class_notices(db, s.class_teacher, today=TODAY)
    assert [(v["id"], v["acknowledged"]) for v in views] == [(later.id, False), (mine.id, True)]
    # a month after it ended, it leaves the list
    assert [v["id"] for v in absence.class_notices(db, s.class_teacher, today=date(2027, 1, 5))] == []
    with pytest.raises(PermissionDenied):
        absence.class_notices(db, s.parent, today=TODAY)
