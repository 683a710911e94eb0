"""The child's homework: what is due next (today onwards, soonest first) and what was set in the past
(latest first), grouped by due date. Fixed number of queries (5): access with the class 1, periods 1, upcoming, past,
lessons, subjects and teachers are joined in."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from sqlmodel import Session, col, select

from mrko_app.models import Homework, Lesson, Subject, User
from mrko_app.services import clock
from mrko_app.services.diary.context import child_context, names, short_name, users_by_id

PAST_LIMIT = 60


def _group(rows, teachers) -> list[dict]:
    groups: OrderedDict[date, list[dict]] = OrderedDict()
    for hw, lesson_date, subject in rows:
        groups.setdefault(hw.due_date, []).append({
            "id": hw.id,
            "text": hw.text,
            **names(subject, "subject"),
            "set_on": lesson_date,
            "teacher": short_name(teachers.get(hw.created_by)),
        })
    return [{"date": d.isoformat(), "date_text": d, "weekday": d.weekday(), "items": items}
            for d, items in groups.items()]


def homework_lists(db: Session, user: User | None, student_id, *, today: date | None = None,
                   past_limit: int = PAST_LIMIT) -> dict:
    """{"due": [day groups from today on], "past": [day groups before today, latest first, at most
    `past_limit` assignments], "past_more": whether older ones were left out}."""
    ctx = child_context(db, user, student_id, today=today)
    today = today or clock.today(ctx.school)  # the date where the child's school is
    base = (
        select(Homework, Lesson.date, Subject)
        .join(Lesson, Lesson.id == Homework.lesson_id)
        .join(Subject, Subject.id == Homework.subject_id)
        .where(Homework.class_id == ctx.school_class.id)
    )
    due = db.exec(base.where(Homework.due_date >= today).order_by(Homework.due_date, Subject.name_ru, Homework.id)).all()
    past = db.exec(
        base.where(Homework.due_date < today)
        .order_by(col(Homework.due_date).desc(), Subject.name_ru, Homework.id)
        .limit(past_limit + 1)
    ).all()
    more = len(past) > past_limit
    past = past[:past_limit]
    teachers = users_by_id(db, [hw.created_by for hw, _d, _s in (*due, *past)])
    return {"today": today.isoformat(), "due": _group(due, teachers), "past": _group(past, teachers), "past_more": more}
