"""The "what do I need" calculator for a parent's child: the fewest further marks, with the school's kinds
of work and weights, that bring the proposed period mark to a target (forecast.what_do_i_need). The plan
in words is the view layer's (views/stats_plan.py)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from mrko_app.models import User
from mrko_app.services import clock, school_calendar
from mrko_app.services.access import rules as access
from mrko_app.services.errors import ValidationError
from mrko_app.services.gradebook.forecast import what_do_i_need
from mrko_app.services.ids import parse_id
from mrko_app.services.stats import child as stats

MAX_MARKS = 10  # a plan longer than this is "can no longer be reached"


def school_kinds(data: stats.ChildData) -> list[tuple[str, int]]:
    """The school's active kinds of work as (code, weight), in the school's order."""
    return [(k.code, k.weight) for k in sorted(data.kinds.values(), key=lambda k: k.id) if k.active and k.weight > 0]


def _mark(value) -> int | None:
    """A target mark as sent by the form: a whole number of at most three ASCII digits (the widest scale
    is 0..100), else None; the caller checks it is on the school's scale."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text and len(text) <= 3 and text.isascii() and text.isdigit() else None


def plan_for_student(data: stats.ChildData, subject_id, target, choice=None, today: dt.date | None = None) -> dict:
    """The plan over the chosen period (the current one when the year or nothing valid is chosen).
    ValidationError on the fields "subject" / "target" for a subject not the child's or a target off the
    school's scale."""
    today = today or clock.today()
    errors = {}
    sid, mark = parse_id(subject_id), _mark(target)
    if sid not in data.subjects:
        errors["subject"] = "stats.plan.subject_invalid"
    if mark is None or mark not in data.rules.scale:
        errors["target"] = "stats.plan.target_invalid"
    kinds = school_kinds(data)
    if not errors and not kinds:
        errors["subject"] = "stats.plan.no_kinds"
    if errors:
        raise ValidationError(errors)
    scope = stats.choose_scope(data, choice, today)
    if scope.id is None:
        scope = school_calendar.current_period(data.periods, today) or scope
    result = what_do_i_need(data.entries(sid, scope), mark, data.rules, kinds, max_marks=MAX_MARKS)
    names = {k.code: {"name_en": k.name_en, "name_ru": k.name_ru} for k in data.kinds.values()}
    subject = data.subjects[sid]
    return result | {
        "subject_id": sid,
        "subject": {"name_en": subject.name_en, "name_ru": subject.name_ru},
        "period_number": scope.number,
        "kind_names": {code: names.get(code, {"name_en": code}) for code, _ in kinds},
        "heaviest_kind": max(kinds, key=lambda k: k[1])[0],
        "mark_max": data.rules.mark_max,
    }


def plan(db: Session, user: User, student_id, subject_id, target, choice=None, today: dt.date | None = None) -> dict:
    """plan_for_student for a parent's child (access checked first)."""
    today = today or clock.today()
    student = access.require_child(db, user, student_id, today)
    data = stats.load_child(db, student)
    if data is None:
        raise ValidationError({"subject": "stats.no_year"})
    return plan_for_student(data, subject_id, target, choice, today)
