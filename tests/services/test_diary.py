"""The week: days, holidays and vacations, lessons (cancelled, substitute, planned), marks with "was N",
attendance, homework, absence notices; access; a constant number of queries."""

from datetime import date, timedelta

import pytest

from mrko_app.models import AbsenceNotice, ParentChildLink
from mrko_app.services import diary
from mrko_app.services.errors import PermissionDenied, ValidationError
from mrko_app.views.present import present
from tests.services import diary_school
from tests.services.query_count import counting

MON = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


@pytest.fixture
def s(db):
    return diary_school.build(db)


def _day(view, iso):
    return next(d for d in view["days"] if d["date"] == iso)


def _busy_week(s, monday=MON):
    """Mon: maths (3 changed to 4, homework), Russian cancelled; Tue: Russian by a substitute, absent."""
    math = s.lesson(monday, 1, s.math, topic="Дроби")
    rus = s.lesson(monday, 2, s.russian, cancelled=True)
    tue = s.lesson(monday + timedelta(days=1), 1, s.russian, substitute_teacher_id=s.substitute.id, topic="Причастие")
    mark = s.mark(math, 3, "test", comment="Контрольная по дробям")
    s.change(mark, 4, "пересдача")
    s.homework(math, "№ 125, 126", monday + timedelta(days=2))
    s.attend(tue, "absent")
    return math, rus, tue, mark


def test_week_lays_out_lessons_marks_homework_attendance(s, db):
    _busy_week(s)
    view = present(diary.week(db, s.parent, s.student.id, "2026-11-26", today=TODAY), "ru")
    assert (view["monday"], view["sunday"], view["prev"], view["next"]) == (
        "2026-11-23", "2026-11-29", "2026-11-16", "2026-11-30")
    assert [d["date"] for d in view["days"]] == [(MON + timedelta(days=i)).isoformat() for i in range(6)]
    assert [d["is_today"] for d in view["days"]] == [False, False, True, False, False, False]

    monday = _day(view, "2026-11-23")
    assert [(lesson["number"], lesson["subject_ru"]) for lesson in monday["lessons"]] == [(1, "Математика"), (2, "Русский язык")]
    math, rus = monday["lessons"]
    assert (math["start"], math["end"], math["teacher"], math["topic"], math["room"]) == (
        "08:30", "09:15", "Математикова А. П.", "Дроби", "21")
    assert math["homework"] == [{"text": "№ 125, 126", "due": "25.11.2026"}]
    [mark] = math["marks"]
    assert (mark["value"], mark["was"], mark["kind_ru"], mark["weight"], mark["comment"]) == (
        "4", "3", "Контрольная работа", 3, "Контрольная по дробям")
    assert mark["changed"] and mark["change_reason"] == "пересдача"
    assert rus["cancelled"] and not math["cancelled"]

    tuesday = _day(view, "2026-11-24")
    [tue] = tuesday["lessons"]
    assert tue["substitute"] == "Заменова В. С." and tue["teacher"] == "Русланов Б."
    assert tue["attendance"] == "absent" and math["attendance"] == ""


def test_days_without_lessons_show_the_timetable_and_saturday_is_empty(s, db):
    _busy_week(s)
    view = diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    wednesday = _day(view, "2026-11-25")
    assert [(x["number"], x["subject_en"], x["planned"]) for x in wednesday["lessons"]] == [(2, "Mathematics", True)]
    saturday = _day(view, "2026-11-28")
    assert saturday["empty"] and saturday["kind"] == "study" and saturday["lessons"] == []
    assert not _day(view, "2026-11-23")["empty"]


def test_holiday_and_vacation_days(s, db):
    view = diary.week(db, s.parent, s.student.id, "2026-11-04", today=TODAY)
    assert view["monday"] == "2026-11-02"
    kinds = {d["date"]: d["kind"] for d in view["days"]}
    assert kinds["2026-11-02"] == "vacation"  # between the 1st and 2nd quarters
    assert kinds["2026-11-03"] == "study"
    assert kinds["2026-11-04"] == "holiday"
    assert _day(view, "2026-11-04")["holiday_ru"] == "День народного единства"
    assert _day(view, "2026-11-04")["lessons"] == []  # no planned lessons on a holiday
    assert _day(view, "2026-11-03")["lessons"] and _day(view, "2026-11-03")["period"] == 2
    summer = diary.week(db, s.parent, s.student.id, "2027-07-14", today=TODAY)
    assert {d["kind"] for d in summer["days"]} == {"vacation"}


def test_sunday_only_with_lessons_and_marks_outside_lessons(s, db):
    s.mark(None, 5, "homework", day=MON + timedelta(days=2), subject=s.russian)
    view = diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    assert len(view["days"]) == 6
    extra = _day(view, "2026-11-25")["extra_marks"]
    assert [(m["value"], m["subject_ru"]) for m in extra] == [("5", "Русский язык")]
    s.lesson(MON + timedelta(days=6), 1, s.math)
    assert len(diary.week(db, s.parent, s.student.id, MON, today=TODAY)["days"]) == 7


def test_debts_and_deleted_marks(s, db):
    math = s.lesson(MON, 1)
    s.mark(math, None, "homework", is_debt=True, debt_due=date(2026, 11, 30))
    s.mark(math, 2, deleted=True)
    [mark] = _day(present(diary.week(db, s.parent, s.student.id, MON, today=TODAY), "ru"),
                  "2026-11-23")["lessons"][0]["marks"]
    assert mark["debt"] and mark["value"] == "" and mark["debt_due"] == "30.11.2026"


def test_the_week_shows_only_this_childs_marks_and_attendance(s, db):
    math = s.lesson(MON, 1)
    s.mark(math, 2, student=s.other_student)
    s.attend(math, "ill", student=s.other_student)
    lesson = _day(diary.week(db, s.parent, s.student.id, MON, today=TODAY), "2026-11-23")["lessons"][0]
    assert lesson["marks"] == [] and lesson["attendance"] == ""


def test_absence_notices_show_on_their_days(s, db):
    db.add(AbsenceNotice(student_id=s.student.id, parent_id=s.parent.id, start_date=date(2026, 11, 26),
                         end_date=date(2026, 12, 2), reason="Санаторий"))
    db.flush()
    view = diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    with_notice = [d["date"] for d in view["days"] if d["notices"]]
    assert with_notice == ["2026-11-26", "2026-11-27", "2026-11-28"]
    assert _day(view, "2026-11-26")["notices"][0]["reason"] == "Санаторий"


def test_access_is_checked(s, db):
    with pytest.raises(PermissionDenied):
        diary.week(db, s.other_parent, s.student.id, MON, today=TODAY)
    with pytest.raises(PermissionDenied):
        diary.week(db, s.parent, "not a number", MON, today=TODAY)
    with pytest.raises(PermissionDenied):
        diary.week(db, None, s.student.id, MON, today=TODAY)
    with pytest.raises(PermissionDenied):  # a teacher is not the child's parent
        diary.week(db, s.math_teacher, s.student.id, MON, today=TODAY)
    link = db.exec(ParentChildLink.__table__.select().where(ParentChildLink.student_id == s.student.id)).first()
    db.get(ParentChildLink, link.id).end_date = date(2026, 11, 1)
    db.flush()
    with pytest.raises(PermissionDenied):  # the link has ended
        diary.week(db, s.parent, s.student.id, MON, today=TODAY)


def test_a_bad_date_is_a_validation_error(s, db):
    with pytest.raises(ValidationError) as err:
        diary.week(db, s.parent, s.student.id, "2026-13-45", today=TODAY)
    assert err.value.fields == {"week": "diary.error.date"}


def test_week_runs_the_same_number_of_queries_for_few_and_many_marks(s, db):
    s.lesson(MON, 1)
    with counting(db) as few:
        diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    for offset in range(6):
        day = MON + timedelta(days=offset)
        for number in (2, 3):
            lesson = s.lesson(day, number, s.russian, substitute_teacher_id=s.substitute.id)
            s.homework(lesson, f"задание {offset}-{number}", day + timedelta(days=2))
            s.attend(lesson, "late")
            for value in (5, 4, 3):
                mark = s.mark(lesson, value)
                s.change(mark, value - 1)
    with counting(db) as many:
        view = diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    assert sum(len(x["marks"]) for d in view["days"] for x in d["lessons"]) == 36
    assert few[0] == many[0] == 10  # the check by keys (what a remembered week costs), the class's 6, the child's 3
