"""The timetable valid on a date, and the homework due next / set in the past."""

from datetime import date, time, timedelta

import pytest

from mrko_app.models import TimetableSlot
from mrko_app.services import diary
from mrko_app.services.diary import timetable
from mrko_app.services.errors import PermissionDenied
from mrko_app.views.present import present
from tests.services import diary_school
from tests.services.query_count import counting

TODAY = date(2026, 11, 25)


@pytest.fixture
def s(db):
    return diary_school.build(db)


def _day(view, iso):
    return next(d for d in view["days"] if d["date"] == iso)


def test_timetable_week_of_a_date(s, db):
    view = present(timetable.timetable_week(db, s.parent, s.student.id, "2026-11-26", today=TODAY), "ru")
    assert (view["date"], view["monday"], view["prev"], view["next"]) == (
        "2026-11-26", "2026-11-23", "2026-11-19", "2026-12-03")
    assert [d["weekday"] for d in view["days"]] == [0, 1, 2, 3, 4, 5]
    monday = _day(view, "2026-11-23")
    assert [(x["number"], x["subject_ru"], x["start"], x["end"], x["teacher"], x["room"]) for x in monday["slots"]] == [
        (1, "Математика", "08:30", "09:15", "Математикова А. П.", "21"),
        (2, "Русский язык", "09:25", "10:10", "Русланов Б.", "22"),
    ]
    assert _day(view, "2026-11-26")["is_chosen"] and _day(view, "2026-11-25")["is_today"]
    assert _day(view, "2026-11-28")["slots"] == []


def test_timetable_uses_the_slots_valid_on_each_date(s, db):
    # from 26.11 maths on Monday moves to lesson 3 in room 7 with a new slot
    old = s.slots[0]
    old.valid_to = date(2026, 11, 25)
    db.add(old)
    db.add(TimetableSlot(class_id=s.klass.id, weekday=0, lesson_number=3, start_time=time(10, 30), end_time=time(11, 15),
                         subject_id=s.math.id, teacher_id=s.substitute.id, room="7", valid_from=date(2026, 11, 26),
                         valid_to=s.year.end_date))
    db.flush()
    before = _day(timetable.timetable_week(db, s.parent, s.student.id, "2026-11-23", today=TODAY), "2026-11-23")
    after = _day(timetable.timetable_week(db, s.parent, s.student.id, "2026-11-30", today=TODAY), "2026-11-30")
    assert [(x["number"], x["room"]) for x in before["slots"]] == [(1, "21"), (2, "22")]
    assert [(x["number"], x["room"], x["teacher"]) for x in after["slots"]] == [(2, "22", "Русланов Б."), (3, "7", "Заменова В. С.")]
    # another class's timetable never shows
    db.add(TimetableSlot(class_id=s.other_class.id, weekday=5, lesson_number=1, start_time=time(8, 30),
                         end_time=time(9, 15), subject_id=s.math.id, teacher_id=s.math_teacher.id,
                         valid_from=s.year.start_date, valid_to=s.year.end_date))
    db.flush()
    assert _day(timetable.timetable_week(db, s.parent, s.student.id, "2026-11-28", today=TODAY), "2026-11-28")["slots"] == []


def test_timetable_marks_holidays_and_checks_access(s, db):
    view = timetable.timetable_week(db, s.parent, s.student.id, "2026-11-04", today=TODAY)
    assert _day(view, "2026-11-04")["kind"] == "holiday" and _day(view, "2026-11-02")["kind"] == "vacation"
    with pytest.raises(PermissionDenied):
        timetable.timetable_week(db, s.other_parent, s.student.id, "2026-11-04", today=TODAY)


def test_timetable_query_count_is_constant(s, db):
    with counting(db) as few:
        timetable.timetable_week(db, s.parent, s.student.id, "2026-11-23", today=TODAY)
    for weekday in range(6):
        for number in (4, 5, 6, 7):
            db.add(TimetableSlot(class_id=s.klass.id, weekday=weekday, lesson_number=number, start_time=time(12),
                                 end_time=time(12, 45), subject_id=s.russian.id, teacher_id=s.substitute.id,
                                 valid_from=s.year.start_date, valid_to=s.year.end_date))
    with counting(db) as many:
        timetable.timetable_week(db, s.parent, s.student.id, "2026-11-23", today=TODAY)
    assert few[0] == many[0] == 6


def test_homework_due_and_past(s, db):
    mon = s.lesson(date(2026, 11, 23), 1)
    tue = s.lesson(date(2026, 11, 24), 1, s.russian)
    due_today = s.homework(mon, "№ 125", TODAY)
    due_later = s.homework(tue, "упр. 40", date(2026, 11, 27))
    past = s.homework(s.lesson(date(2026, 11, 16), 1), "№ 100", date(2026, 11, 18))
    older = s.homework(s.lesson(date(2026, 11, 9), 1), "№ 90", date(2026, 11, 11))
    s.homework(s.lesson(date(2026, 11, 23), 1, klass=s.other_class), "чужое", TODAY)
    view = present(diary.homework_lists(db, s.parent, s.student.id, today=TODAY), "ru")
    assert [(g["date"], [i["id"] for i in g["items"]]) for g in view["due"]] == [
        ("2026-11-25", [due_today.id]), ("2026-11-27", [due_later.id])]
    assert [(g["date"], [i["id"] for i in g["items"]]) for g in view["past"]] == [
        ("2026-11-18", [past.id]), ("2026-11-11", [older.id])]
    item = view["due"][1]["items"][0]
    assert (item["text"], item["subject_ru"], item["set_on"], item["teacher"]) == (
        "упр. 40", "Русский язык", "24.11.2026", "Русланов Б.")
    assert not view["past_more"]
    limited = diary.homework_lists(db, s.parent, s.student.id, today=TODAY, past_limit=1)
    assert [g["date"] for g in limited["past"]] == ["2026-11-18"] and limited["past_more"]


def test_homework_query_count_is_constant(s, db):
    with counting(db) as few:
        diary.homework_lists(db, s.parent, s.student.id, today=TODAY)
    for i in range(25):
        lesson = s.lesson(date(2026, 11, 2) + timedelta(days=i), 3, s.russian if i % 2 else s.math)
        s.homework(lesson, f"задание {i}", lesson.date + timedelta(days=2))
    with counting(db) as many:
        view = diary.homework_lists(db, s.parent, s.student.id, today=TODAY)
    assert sum(len(g["items"]) for g in view["due"] + view["past"]) == 25
    assert few[0] == many[0] == 5
    with pytest.raises(PermissionDenied):
        diary.homework_lists(db, s.other_parent, s.student.id, today=TODAY)
