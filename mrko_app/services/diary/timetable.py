"""The class timetable: the TimetableSlot rows valid on each day of the chosen date's week (lesson
number, times, subject, teacher, room), with holidays and vacations marked. Fixed number of queries (6):
access with the class 1, periods and holidays 2, slots, subjects, teachers."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from mrko_app.i18n.formats import DayMonth
from mrko_app.models import TimetableSlot, User
from mrko_app.services import clock
from mrko_app.services.diary.context import (
    child_context,
    monday_of,
    names,
    parse_day,
    short_name,
    subjects_by_id,
    users_by_id,
)


def slots_on(slots: list[TimetableSlot], day: date) -> list[TimetableSlot]:
    """The slots in force on `day` (its weekday, valid_from <= day <= valid_to), by lesson number."""
    return sorted((s for s in slots if s.weekday == day.weekday() and s.valid_from <= day <= s.valid_to),
                  key=lambda s: (s.lesson_number, s.id))


def timetable_week(db: Session, user: User | None, student_id, day=None, *, today: date | None = None) -> dict:
    """The week holding `day` (default today): {"date": the chosen day, "monday", "prev", "next", "days":
    [{date, weekday, kind, holiday names, is_chosen, is_today, slots: [...]}] Monday..Saturday (and
    Sunday when it has slots or is the chosen day)}."""
    ctx = child_context(db, user, student_id, holidays=True, today=today)
    today = today or clock.today(ctx.school)  # the date where the child's school is
    chosen = parse_day(day, "date") if day not in (None, "") else today
    monday = monday_of(chosen)
    sunday = monday + timedelta(days=6)
    slots = list(db.exec(
        select(TimetableSlot).where(
            TimetableSlot.class_id == ctx.school_class.id,
            TimetableSlot.valid_from <= sunday,
            TimetableSlot.valid_to >= monday,
        )
    ))
    subjects = subjects_by_id(db, [s.subject_id for s in slots])
    teachers = users_by_id(db, [s.teacher_id for s in slots])
    days = []
    for offset in range(7):
        d = monday + timedelta(days=offset)
        day_slots = slots_on(slots, d)
        if offset == 6 and not day_slots and d != chosen:
            continue
        holiday = ctx.holiday_of(d)
        days.append({
            "date": d.isoformat(),
            "date_text": DayMonth.of(d),
            "weekday": d.weekday(),
            "kind": ctx.day_kind(d),
            **names(holiday, "holiday"),
            "is_chosen": d == chosen,
            "is_today": d == today,
            "slots": [{
                "key": f"{s.id}-{d.isoformat()}",
                "number": s.lesson_number,
                "start": s.start_time,
                "end": s.end_time,
                **names(subjects.get(s.subject_id), "subject"),
                "teacher": short_name(teachers.get(s.teacher_id)),
                "room": s.room,
            } for s in day_slots],
        })
    return {
        "date": chosen.isoformat(),
        "monday": monday.isoformat(),
        "range_text": (monday, sunday),
        "prev": (chosen - timedelta(days=7)).isoformat(),
        "next": (chosen + timedelta(days=7)).isoformat(),
        "class_name": ctx.school_class.name,
        "days": days,
    }
