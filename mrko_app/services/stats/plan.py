"""The "what do I need" calculator for a parent's child: the fewest further marks, with the school's kinds
of work and weights, that bring the proposed period mark to a target (forecast.what_do_i_need), and that
plan in words."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from mrko_app.i18n import formats, localized, tr
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


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def plan_for_student(data: stats.ChildData, subject_id, target, choice=None, today: dt.date | None = None) -> dict:
    """The plan over the chosen period (the current one when the year or nothing valid is chosen).
    ValidationError on the fields "subject" / "target" for a subject not the child's or a target off the
    school's scale."""
    today = today or clock.today()
    errors = {}
    sid, mark = parse_id(subject_id), _int(target)
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


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + tr("stats.plan.and", lang) + parts[-1]


def plan_words(result: dict, lang: str) -> str:
    """The plan as a sentence: "2 × Control work with a 5 and 1 × Answer in class with a 4: the average
    would be 4.62, a 5." (or that the target is already there, or out of reach)."""
    subject = localized(result["subject"], "name", lang)
    if result["already"]:
        return tr("stats.plan.already", lang, subject=subject, target=result["target"],
                  average=_num(result["current_average"], lang), mark=result["current_mark"])
    if not result["reachable"]:
        kind = localized(result["kind_names"][result["heaviest_kind"]], "name", lang)
        return tr("stats.plan.unreachable", lang, subject=subject, target=result["target"], count=result["max_marks"],
                  top=result["mark_max"], kind=kind, average=_num(result["best_average"], lang),
                  mark=result["best_mark"])
    groups: list[list] = []  # [kind, value, count] in plan order
    for item in result["plan"]:
        if groups and groups[-1][0] == item["kind"] and groups[-1][1] == item["value"]:
            groups[-1][2] += 1
        else:
            groups.append([item["kind"], item["value"], 1])
    parts = [tr("stats.plan.item", lang, count=count, kind=localized(result["kind_names"][kind], "name", lang), value=value)
             for kind, value, count in groups]
    return tr("stats.plan.needed", lang, subject=subject, target=result["target"], plan=_join(parts, lang),
              average=_num(result["resulting_average"], lang), mark=result["resulting_mark"])


def _num(value, lang: str) -> str:
    return formats.number(value, lang)
