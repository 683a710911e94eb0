"""All marks of a child for a day or a period, with the teacher's comments and the changes made to them.

A mark's view (`mark_view`) is shared with the week: value (or a debt), kind of work and its weight,
the comment, the teacher, and "was N" from MarkHistory when the value was changed.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from mrko_app.i18n import localized
from mrko_app.models import Mark, MarkHistory, User
from mrko_app.services import clock
from mrko_app.services.diary.context import (
    child_context,
    kinds_by_id,
    names,
    parse_day,
    period_view,
    short_name,
    subjects_by_id,
    users_by_id,
)
from mrko_app.services.errors import ValidationError
from mrko_app.services.ids import parse_id

SORTS = ("date", "subject")


def previous_values(db: Session, mark_ids: list[int], school=None) -> dict[int, dict]:
    """mark id -> {"was": the value before its latest change (or "" when it was a debt), "changed_at" (on
    the clock of `school`), "reason"}; only marks whose value was changed. One query."""
    rows = db.exec(
        select(MarkHistory)
        .where(col(MarkHistory.mark_id).in_(sorted(set(mark_ids))))
        .order_by(MarkHistory.changed_at, MarkHistory.id)
    ).all()
    out: dict[int, dict] = {}
    for h in rows:
        if h.old_value != h.new_value:
            out[h.mark_id] = change_view(h, school)
    return out


def change_view(h: MarkHistory, school=None) -> dict:
    """One value change of a mark as previous_values gives it."""
    return {
        "was": "" if h.old_value is None else str(h.old_value),
        "was_debt": h.old_value is None,
        "changed_at": clock.to_local(h.changed_at, school),  # a moment: views.present words it
        "reason": h.reason,
    }


def mark_view(mark: Mark, kind, subject, teacher: User | None, change: dict | None) -> dict:
    change = change or {}
    return {
        "id": mark.id,
        "date": mark.date.isoformat(),
        "date_text": mark.date,
        "value": "" if mark.value is None else str(mark.value),
        "debt": bool(mark.is_debt),
        "debt_due": mark.debt_due or "",
        "weight": mark.weight,
        **names(kind, "kind"),
        **names(subject, "subject"),
        "subject_id": mark.subject_id,
        "comment": mark.comment,
        "teacher": short_name(teacher),
        "changed": bool(change),
        "was": change.get("was", ""),
        "was_debt": bool(change.get("was_debt", False)),
        "change_reason": change.get("reason", ""),
    }


def mark_views(db: Session, marks: list[Mark], subjects: dict | None = None, school=None) -> list[dict]:
    """Views of `marks` in the given order (moments on the clock of the pupil's `school`): 4 queries
    whatever their number (history, kinds, teachers, and subjects unless given)."""
    changes = previous_values(db, [m.id for m in marks], school)
    kinds = kinds_by_id(db, (m.work_kind_id for m in marks))
    if subjects is None:
        subjects = subjects_by_id(db, (m.subject_id for m in marks))
    teachers = users_by_id(db, (m.teacher_id for m in marks))
    return [
        mark_view(m, kinds.get(m.work_kind_id), subjects.get(m.subject_id), teachers.get(m.teacher_id), changes.get(m.id))
        for m in marks
    ]


def marks_list(
    db: Session,
    user: User | None,
    student_id,
    *,
    start=None,
    end=None,
    period_id=None,
    subject_id=None,
    sort: str = "date",
    lang: str = "ru",
    today: date | None = None,
) -> dict:
    """Every mark of the child between two dates (or in a study period; a period wins over dates; with
    neither, the current period, or the whole year outside periods), optionally for one subject, sorted
    by date (newest first) or by subject name in `lang` (then newest first). Returns {"start", "end", "period_id", "marks",
    "subjects": the subjects the child has marks in this year (for the filter)}."""
    ctx = child_context(db, user, student_id, today=today)
    today = today or clock.today(ctx.school)
    if sort not in SORTS:
        raise ValidationError({"sort": "diary.error.sort"})
    chosen_period = None
    if period_id not in (None, ""):
        chosen_period = ctx.find_period(period_id)
        first, last = chosen_period.start_date, chosen_period.end_date
    elif start not in (None, "") or end not in (None, ""):
        first = parse_day(start, "start") if start not in (None, "") else ctx.year.start_date
        last = parse_day(end, "end") if end not in (None, "") else first
        if last < first:
            raise ValidationError({"end": "diary.error.end_before_start"})
    else:
        chosen_period = ctx.period_of(today)
        first, last = (chosen_period.start_date, chosen_period.end_date) if chosen_period else (
            ctx.year.start_date, ctx.year.end_date)
    subject = None
    if subject_id not in (None, ""):
        subject = parse_id(subject_id)
        if subject is None:
            raise ValidationError({"subject": "diary.error.subject"})

    query = select(Mark).where(
        Mark.student_id == ctx.student.id, Mark.date >= first, Mark.date <= last, col(Mark.deleted).is_(False)
    )
    if subject is not None:
        query = query.where(Mark.subject_id == subject)
    marks = list(db.exec(query.order_by(col(Mark.date).desc(), Mark.id)))
    year_subject_ids = set(db.exec(
        select(Mark.subject_id).where(
            Mark.student_id == ctx.student.id,
            Mark.date >= ctx.year.start_date,
            Mark.date <= ctx.year.end_date,
            col(Mark.deleted).is_(False),
        ).distinct()
    ).all())
    subjects = subjects_by_id(db, year_subject_ids | {m.subject_id for m in marks})
    views = mark_views(db, marks, subjects, ctx.school)
    if sort == "subject":
        views.sort(key=lambda v: localized(v, "subject", lang).lower())  # stable: newest first within a subject
    return {
        "start": first.isoformat(),
        "end": last.isoformat(),
        "period_id": chosen_period.id if chosen_period else None,
        "marks": views,
        "periods": [period_view(p) for p in ctx.periods],
        "subjects": sorted(
            ({"id": s.id, **names(s, "name")} for s in subjects.values() if s.id in year_subject_ids),
            key=lambda s: localized(s, "name", lang).lower(),
        ),
    }
