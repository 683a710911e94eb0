"""The child's week, laid out like a paper school diary.

Each day (Monday to Saturday, and Sunday when it has lessons): its date, what kind of day it is (a
study day, a holiday, the vacation between periods), the lessons in order (number, time, subject,
teacher, room, topic; cancelled / taught by a substitute), the homework set at each lesson, the marks
given (with "was N" when a mark was changed) and the attendance mark, plus the parent's absence notices
covering the day. A study day without Lesson rows shows the timetable's slots as planned lessons.

`week` runs a fixed number of queries however many lessons and marks the week holds (10: the access
check returning the keys of the week alone; then the class's part, shared by its pupils: the check again
with the child's class/year/school rows, periods, holidays, lessons (with their subject and teachers),
timetable slots, homework; then the child's: marks (with kind of work, subject, teacher and value
changes), attendance, absence notices). The open page is refreshed by push when the journal announces a
change (services/changes), never by polling. Both parts are remembered by the worker until such a
change (services/changes/memo.py): a week read again (the other parent, a page reloaded, the week paged
back to) costs the access check alone, and a classmate's week the check and the child's three reads.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Date, and_, bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mrko_app.i18n.formats import DayMonth
from mrko_app.models import (
    AbsenceNotice,
    Attendance,
    Homework,
    Lesson,
    Mark,
    MarkHistory,
    Subject,
    TimetableSlot,
    User,
    WorkKind,
)
from mrko_app.services import changes, clock, columns
from mrko_app.services.columns import Columns
from mrko_app.services.diary.context import (
    ChildContext,
    checked_child,
    checked_keys,
    context_of,
    monday_of,
    names,
    parse_day,
    short_name,
)
from mrko_app.services.diary.marks import change_view, mark_view

# the teachers joined under their roles, made once: a fresh alias per call costs more than the query
TEACHER, SUBSTITUTE, SLOT_TEACHER, MARK_TEACHER = (aliased(User, name=n) for n in ("teacher", "substitute",
                                                                                   "slot_teacher", "mark_teacher"))


def _hm(t):
    return t or ""  # a time: views.present words it


def _lesson_view(lesson, subject, teacher, substitute) -> dict:  # rows of _LESSONS
    return {
        "key": f"l{lesson.id}",
        "number": lesson.lesson_number,
        "start": _hm(lesson.start_time),
        "end": _hm(lesson.end_time),
        **names(subject, "subject"),
        "teacher": short_name(teacher),
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


def _slot_view(slot, day: date, subject, teacher) -> dict:  # a row of _SLOTS
    return {
        "key": f"s{slot.id}-{day.isoformat()}",
        "number": slot.lesson_number,
        "start": _hm(slot.start_time),
        "end": _hm(slot.end_time),
        **names(subject, "subject"),
        "teacher": short_name(teacher),
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


WEEK_KINDS = frozenset({"marks", "attendance", "lesson", "homework", "absence"})  # what a week shows
_WEEKS = changes.Memo("diary week", WEEK_KINDS)


def week(db: Session, user: User | None, student_id, day=None, *, today: date | None = None) -> dict:
    """The week holding `day` (any date; a browser's string is parsed; default today). The view is
    shared with other readers of the same week: read it, never change it."""
    keys = checked_keys(db, user, student_id, today)
    today = today or clock.today(keys.timezone)  # the date where the child's school is
    monday = monday_of(parse_day(day, "week") if day not in (None, "") else today)

    def read_class_week() -> dict:  # the child's class, year and school rows only when the class's is read
        ctx = context_of(db, checked_child(db, user, keys.student_id, today), holidays=True)
        return _read_class_week(db, ctx, monday, today)

    def read_week() -> dict:
        key = (keys.class_id, monday, today)
        topics = [changes.topic("class", keys.class_id), changes.topic("school", keys.school_id)]
        view = _child_week(db, keys.student_id, _CLASS_WEEKS.remembered(key, topics, read_class_week))
        if view is None:  # a mark of a lesson the class's remembered week lacks: that one is stale
            since = _CLASS_WEEKS.start()
            class_week = read_class_week()
            _CLASS_WEEKS.put(key, class_week, topics, since=since)
            view = _child_week(db, keys.student_id, class_week, stale=False)
        return view

    return _WEEKS.remembered((keys.student_id, keys.class_id, monday, today),
                             changes.child_view_topics(keys.student_id, keys.class_id, keys.school_id), read_week)


# the class's part of a week (its days, lessons, planned slots, homework), shared by its pupils' weeks
CLASS_WEEK_KINDS = frozenset({"lesson", "homework"})
_CLASS_WEEKS = changes.Memo("class week", CLASS_WEEK_KINDS)


def _names(entity, name: str) -> Columns:
    return Columns(name, entity.id, entity.name_en, entity.name_ru)


def _person(user, name: str) -> Columns:
    return Columns(name, user.id, user.surname, user.first_name, user.patronymic)


def _week_statements() -> tuple:
    """The week's reads, built once with their values bound per call (building these joins cost as
    much as running them). The names of subjects, teachers and kinds of work come joined to the rows
    that name them; every row is read as named columns (services/columns.py), not as ORM instances,
    which cost most of a first read."""
    class_id, student_id = bindparam("class_id"), bindparam("student_id")
    monday, sunday = bindparam("monday", type_=Date), bindparam("sunday", type_=Date)
    teacher, substitute, slot_teacher, mark_teacher = TEACHER, SUBSTITUTE, SLOT_TEACHER, MARK_TEACHER
    lessons = (
        select(Columns("lesson", Lesson.id, Lesson.date, Lesson.lesson_number, Lesson.start_time, Lesson.end_time,
                       Lesson.room, Lesson.topic, Lesson.cancelled),
               _names(Subject, "subject"), _person(teacher, "teacher"), _person(substitute, "substitute"))
        .select_from(Lesson)
        .outerjoin(Subject, col(Subject.id) == Lesson.subject_id)
        .outerjoin(teacher, col(teacher.id) == Lesson.teacher_id)
        .outerjoin(substitute, col(substitute.id) == Lesson.substitute_teacher_id)
        .where(Lesson.class_id == class_id, Lesson.date >= monday, Lesson.date <= sunday)
        .order_by(Lesson.date, Lesson.lesson_number, Lesson.id)
    )
    attendance = (
        select(Columns("attendance", Attendance.lesson_id, Attendance.status, Attendance.note))
        .select_from(Attendance).join(Lesson, col(Lesson.id) == Attendance.lesson_id)
        .where(Attendance.student_id == student_id, Lesson.class_id == class_id, Lesson.date >= monday,
               Lesson.date <= sunday)
    )
    slots = (
        select(Columns("slot", TimetableSlot.id, TimetableSlot.weekday, TimetableSlot.lesson_number,
                       TimetableSlot.start_time, TimetableSlot.end_time, TimetableSlot.room,
                       TimetableSlot.valid_from, TimetableSlot.valid_to),
               _names(Subject, "subject"), _person(slot_teacher, "teacher"))
        .select_from(TimetableSlot)
        .outerjoin(Subject, col(Subject.id) == TimetableSlot.subject_id)
        .outerjoin(slot_teacher, col(slot_teacher.id) == TimetableSlot.teacher_id)
        .where(TimetableSlot.class_id == class_id, TimetableSlot.valid_from <= sunday, TimetableSlot.valid_to >= monday)
        .order_by(TimetableSlot.weekday, TimetableSlot.lesson_number)
    )
    marks = (
        select(Columns("mark", Mark.id, Mark.date, Mark.lesson_id, Mark.value, Mark.is_debt, Mark.debt_due,
                       Mark.weight, Mark.subject_id, Mark.comment),
               _names(WorkKind, "kind"), _names(Subject, "subject"), _person(mark_teacher, "teacher"),
               Columns("change", MarkHistory.id, MarkHistory.old_value, MarkHistory.changed_at, MarkHistory.reason))
        .select_from(Mark)
        .outerjoin(WorkKind, col(WorkKind.id) == Mark.work_kind_id)
        .outerjoin(Subject, col(Subject.id) == Mark.subject_id)
        .outerjoin(mark_teacher, col(mark_teacher.id) == Mark.teacher_id)
        .outerjoin(MarkHistory, and_(col(MarkHistory.mark_id) == Mark.id,
                                     col(MarkHistory.old_value).is_distinct_from(MarkHistory.new_value)))
        .where(Mark.student_id == student_id, Mark.date >= monday, Mark.date <= sunday, col(Mark.deleted).is_(False))
        .order_by(Mark.date, Mark.id, MarkHistory.changed_at, MarkHistory.id)
    )
    homework = (
        select(Columns("homework", Homework.id, Homework.lesson_id, Homework.text, Homework.due_date))
        .select_from(Homework).join(Lesson, col(Lesson.id) == Homework.lesson_id)
        .where(Lesson.class_id == class_id, Lesson.date >= monday, Lesson.date <= sunday)
        .order_by(Homework.due_date, Homework.id)
    )
    notices = (
        select(Columns("notice", AbsenceNotice.id, AbsenceNotice.start_date, AbsenceNotice.end_date,
                       AbsenceNotice.reason, AbsenceNotice.acknowledged_at))
        .select_from(AbsenceNotice)
        .where(AbsenceNotice.student_id == student_id, AbsenceNotice.start_date <= sunday,
               AbsenceNotice.end_date >= monday)
        .order_by(AbsenceNotice.start_date, AbsenceNotice.id)
    )
    return lessons, slots, homework, marks, attendance, notices


_LESSONS, _SLOTS, _HOMEWORK, _MARKS, _ATTENDANCE, _NOTICES = _week_statements()


def _read_class_week(db: Session, ctx: ChildContext, monday: date, today: date) -> dict:
    """The class's week: each day (Sunday too) with its kind and its lessons (or the timetable's slots as
    planned lessons on a study day without Lesson rows) and their homework; no pupil's marks."""
    sunday = monday + timedelta(days=6)
    week = {"class_id": ctx.school_class.id, "monday": monday, "sunday": sunday}
    lesson_rows = columns.rows(db, _LESSONS, week)
    slots = columns.rows(db, _SLOTS, week)
    homework = columns.rows(db, _HOMEWORK, week)

    views: dict[int, dict] = {}
    by_date: dict[date, list[int]] = defaultdict(list)
    for lesson, subject, who, sub in lesson_rows:
        views[lesson.id] = _lesson_view(lesson, subject, who, sub)
        by_date[lesson.date].append(lesson.id)
    for hw in homework:
        views[hw.lesson_id]["homework"].append({"text": hw.text, "due": hw.due_date})
    days = []
    for offset in range(7):
        d = monday + timedelta(days=offset)
        kind = ctx.day_kind(d)
        ids = by_date.get(d, [])
        lessons = [views[i] for i in ids]
        if not lessons and kind == "study":
            lessons = [_slot_view(slot, d, subject, who) for slot, subject, who in slots
                       if slot.weekday == d.weekday() and slot.valid_from <= d <= slot.valid_to]
        period = ctx.period_of(d)
        days.append({"day": d, "kind": kind, "holiday": ctx.holiday_of(d), "period": period.number if period else 0,
                     "lessons": lessons, "ids": ids})
    return {"monday": monday, "today": today, "year_start": ctx.year.start_date.isoformat(),
            "year_end": ctx.year.end_date.isoformat(), "days": days, "class_id": ctx.school_class.id}


def _child_week(db: Session, student_id: int, class_week: dict, *, stale: bool = True) -> dict | None:
    """The child's week: the class's, with the child's marks, attendance and absence notices in it. None
    when a mark of the week names a lesson the class's week lacks and that week may be `stale` (a lesson
    added by a write that announced no "lesson")."""
    monday, today = class_week["monday"], class_week["today"]
    sunday = monday + timedelta(days=6)
    week = {"class_id": class_week["class_id"], "student_id": student_id, "monday": monday, "sunday": sunday}
    attendance = {a.lesson_id: a for a in columns.rows(db, _ATTENDANCE, week)}
    notices = columns.rows(db, _NOTICES, week)
    marks: dict[int, tuple] = {}  # mark id -> (mark, kind, subject, teacher, its latest value change)
    for m, kind, subject, who, change in columns.rows(db, _MARKS, week):
        marks[m.id] = (m, kind, subject, who, change_view(change) if change is not None else None)
    lesson_ids = {i for day in class_week["days"] for i in day["ids"]}
    by_lesson: dict[int, list[dict]] = defaultdict(list)
    extra_marks: dict[date, list[dict]] = defaultdict(list)
    if stale and any(m[0].lesson_id is not None and m[0].lesson_id not in lesson_ids for m in marks.values()):
        return None
    for m, kind, subject, who, change in marks.values():
        view = mark_view(m, kind, subject, who, change)
        (by_lesson[m.lesson_id] if m.lesson_id in lesson_ids else extra_marks[m.date]).append(view)

    days = []
    for offset, class_day in enumerate(class_week["days"]):
        d, kind = class_day["day"], class_day["kind"]
        lessons = class_day["lessons"]
        if class_day["ids"]:  # the class's lesson views are shared: the child's marks go into copies
            lessons = [_with_child(view, by_lesson.get(i), attendance.get(i)) for view, i in zip(lessons, class_day["ids"])]
        if offset == 6 and not lessons and not extra_marks.get(d):
            continue  # Sunday only when something happened on it
        day_notices = [n for n in notices if n.start_date <= d <= n.end_date]
        days.append({
            "date": d.isoformat(),
            "date_text": DayMonth.of(d),
            "weekday": d.weekday(),
            "is_today": d == today,
            "kind": kind,
            **names(class_day["holiday"], "holiday"),
            "period": class_day["period"],
            "empty": kind == "study" and not lessons and not extra_marks.get(d),
            "lessons": lessons,
            "extra_marks": extra_marks.get(d, []),
            "notices": [{"reason": n.reason, "start": DayMonth.of(n.start_date), "end": DayMonth.of(n.end_date),
                         "acknowledged": n.acknowledged_at is not None} for n in day_notices],
        })
    return {
        "student_id": student_id,
        "class_id": class_week["class_id"],  # what the page follows (changes.child_topics)
        "monday": monday.isoformat(),
        "sunday": sunday.isoformat(),
        "range_text": (monday, sunday),
        "prev": (monday - timedelta(days=7)).isoformat(),
        "next": (monday + timedelta(days=7)).isoformat(),
        "today": today.isoformat(),
        "this_week": monday == monday_of(today),
        "year_start": class_week["year_start"],
        "year_end": class_week["year_end"],
        "days": days,
    }


def _with_child(view: dict, marks: list[dict] | None, attendance) -> dict:
    if not marks and attendance is None:
        return view
    return {**view, "marks": marks or [], "attendance": attendance.status if attendance else "",
            "attendance_note": attendance.note if attendance else ""}
