"""The child's week, laid out like a paper school diary.

Each day (Monday to Saturday, and Sunday when it has lessons): its date, what kind of day it is (a
study day, a holiday, the vacation between periods), the lessons in order (number, time, subject,
teacher, room, topic; cancelled / taught by a substitute), the homework set at each lesson, the marks
given (with "was N" when a mark was changed) and the attendance mark, plus the parent's absence notices
covering the day. A study day without Lesson rows shows the timetable's slots as planned lessons.

`week` runs a fixed number of queries however many lessons and marks the week holds (15: 2 for the
access check, 3 for the child's class/year/school, periods and holidays, then lessons, slots, marks,
mark history, attendance, homework, notices, subjects, teachers, kinds of work). The open page is refreshed by push when the journal announces a change
(services/changes), never by polling.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlmodel import Session, col, select

from mrko_app.i18n.formats import DayMonth
from mrko_app.models import AbsenceNotice, Attendance, Homework, Lesson, Mark, TimetableSlot, User
from mrko_app.services import clock
from mrko_app.services.diary.context import (
    child_context,
    kinds_by_id,
    monday_of,
    names,
    parse_day,
    short_name,
    subjects_by_id,
    users_by_id,
)
from mrko_app.services.diary.marks import mark_view, previous_values


def _hm(t):
    return t or ""  # a time: views.present words it


def _lesson_view(lesson: Lesson, subjects, teachers) -> dict:
    substitute = teachers.get(lesson.substitute_teacher_id) if lesson.substitute_teacher_id else None
    return {
        "key": f"l{lesson.id}",
        "number": lesson.lesson_number,
        "start": _hm(lesson.start_time),
        "end": _hm(lesson.end_time),
        **names(subjects.get(lesson.subject_id), "subject"),
        "teacher": short_name(teachers.get(lesson.teacher_id)),
        "room": lesson.room,
        "topic": lesson.topic,
        "cancelled": bool(lesson.cancelled),
        "substitute": short_name(substitute),
        "planned": False,
        "homework": [],
        "marks": [],
        "attendance": "",
        "attendance_note": "",
    }


def _slot_view(slot: TimetableSlot, day: date, subjects, teachers) -> dict:
    return {
        "key": f"s{slot.id}-{day.isoformat()}",
        "number": slot.lesson_number,
        "start": _hm(slot.start_time),
        "end": _hm(slot.end_time),
        **names(subjects.get(slot.subject_id), "subject"),
        "teacher": short_name(teachers.get(slot.teacher_id)),
        "room": slot.room,
        "topic": "",
        "cancelled": False,
        "substitute": "",
        "planned": True,
        "homework": [],
        "marks": [],
        "attendance": "",
        "attendance_note": "",
    }


def week(db: Session, user: User | None, student_id, day=None, *, today: date | None = None) -> dict:
    """The week holding `day` (any date; a browser's string is parsed; default today)."""
    today = today or clock.today()
    ctx = child_context(db, user, student_id, holidays=True, today=today)
    monday = monday_of(parse_day(day, "week") if day not in (None, "") else today)
    sunday = monday + timedelta(days=6)
    student, class_id = ctx.student, ctx.school_class.id

    lessons = list(db.exec(
        select(Lesson)
        .where(Lesson.class_id == class_id, Lesson.date >= monday, Lesson.date <= sunday)
        .order_by(Lesson.date, Lesson.lesson_number, Lesson.id)
    ))
    slots = list(db.exec(
        select(TimetableSlot)
        .where(TimetableSlot.class_id == class_id, TimetableSlot.valid_from <= sunday, TimetableSlot.valid_to >= monday)
        .order_by(TimetableSlot.weekday, TimetableSlot.lesson_number)
    ))
    marks = list(db.exec(
        select(Mark)
        .where(Mark.student_id == student.id, Mark.date >= monday, Mark.date <= sunday, col(Mark.deleted).is_(False))
        .order_by(Mark.date, Mark.id)
    ))
    changes = previous_values(db, [m.id for m in marks])
    attendance = list(db.exec(
        select(Attendance).where(Attendance.student_id == student.id, Attendance.date >= monday, Attendance.date <= sunday)
    ))
    lesson_ids = [lesson.id for lesson in lessons]
    homework = list(db.exec(
        select(Homework).where(col(Homework.lesson_id).in_(lesson_ids)).order_by(Homework.due_date, Homework.id)
    ))
    notices = list(db.exec(
        select(AbsenceNotice)
        .where(AbsenceNotice.student_id == student.id, AbsenceNotice.start_date <= sunday, AbsenceNotice.end_date >= monday)
        .order_by(AbsenceNotice.start_date, AbsenceNotice.id)
    ))
    subjects = subjects_by_id(db, [x.subject_id for x in (*lessons, *slots, *marks)])
    teachers = users_by_id(db, [x.teacher_id for x in (*lessons, *slots, *marks)]
                           + [lesson.substitute_teacher_id for lesson in lessons])
    kinds = kinds_by_id(db, [m.work_kind_id for m in marks])

    views: dict[int, dict] = {}
    by_date: dict[date, list[dict]] = defaultdict(list)
    for lesson in lessons:
        views[lesson.id] = _lesson_view(lesson, subjects, teachers)
        by_date[lesson.date].append(views[lesson.id])
    for hw in homework:
        views[hw.lesson_id]["homework"].append({"text": hw.text, "due": hw.due_date})
    for att in attendance:
        if att.lesson_id in views:
            views[att.lesson_id]["attendance"] = att.status
            views[att.lesson_id]["attendance_note"] = att.note
    extra_marks: dict[date, list[dict]] = defaultdict(list)
    for m in marks:
        view = mark_view(m, kinds.get(m.work_kind_id), subjects.get(m.subject_id), teachers.get(m.teacher_id),
                         changes.get(m.id))
        if m.lesson_id in views:
            views[m.lesson_id]["marks"].append(view)
        else:
            extra_marks[m.date].append(view)

    days = []
    for offset in range(7):
        d = monday + timedelta(days=offset)
        kind = ctx.day_kind(d)
        day_lessons = by_date.get(d, [])
        if not day_lessons and kind == "study":
            day_lessons = [_slot_view(s, d, subjects, teachers) for s in slots
                           if s.weekday == d.weekday() and s.valid_from <= d <= s.valid_to]
        if offset == 6 and not day_lessons and not extra_marks.get(d):
            continue  # Sunday only when something happened on it
        holiday = ctx.holiday_of(d)
        period = ctx.period_of(d)
        day_notices = [n for n in notices if n.start_date <= d <= n.end_date]
        days.append({
            "date": d.isoformat(),
            "date_text": DayMonth.of(d),
            "weekday": d.weekday(),
            "is_today": d == today,
            "kind": kind,
            **names(holiday, "holiday"),
            "period": period.number if period else 0,
            "empty": kind == "study" and not day_lessons and not extra_marks.get(d),
            "lessons": day_lessons,
            "extra_marks": extra_marks.get(d, []),
            "notices": [{"reason": n.reason, "start": DayMonth.of(n.start_date), "end": DayMonth.of(n.end_date),
                         "acknowledged": n.acknowledged_at is not None} for n in day_notices],
        })
    return {
        "student_id": student.id,
        "monday": monday.isoformat(),
        "sunday": sunday.isoformat(),
        "range_text": (monday, sunday),
        "prev": (monday - timedelta(days=7)).isoformat(),
        "next": (monday + timedelta(days=7)).isoformat(),
        "today": today.isoformat(),
        "this_week": monday == monday_of(today),
        "year_start": ctx.year.start_date.isoformat(),
        "year_end": ctx.year.end_date.isoformat(),
        "days": days,
    }
