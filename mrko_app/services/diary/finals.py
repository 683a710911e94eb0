"""Final marks: per subject, the confirmed mark for each study period and for the year (FinalMark rows),
beside the weighted average of that period's marks and the mark it proposes, with how it was computed.
An unfinished period shows the current average and the mark it would give today.

All arithmetic is services/gradebook/rules.py's (explain_average, propose_mark, year_mark); this module only
gathers the rows. Fixed number of queries (7): access with the class 1, periods 1, subjects taught, marks, final marks,
subject names, kinds of work.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from mrko_app.i18n import localized
from mrko_app.models import FinalMark, Mark, TeachingAssignment, User
from mrko_app.services import changes, clock, school_calendar
from mrko_app.services.diary.context import (
    ChildContext,
    checked_child,
    checked_keys,
    context_of,
    kinds_by_id,
    names,
    period_view,
    subjects_by_id,
)
from mrko_app.services.gradebook import rules as gradebook


def _text(value) -> str:
    return "" if value is None else str(value)


def _period_state(p, today: date) -> str:
    if p.end_date < today:
        return "closed"
    if p.start_date > today:
        return "future"
    return "current"


def _explanation(marks: list[Mark], kinds: dict, rules: gradebook.GradingRules) -> dict:
    entries = [gradebook.MarkEntry.from_mark(m) for m in marks]
    exp = gradebook.explain_average(entries, rules)
    rows = []
    for mark, row in zip(marks, exp["rows"], strict=True):
        rows.append({
            "date_text": mark.date,
            **names(kinds.get(mark.work_kind_id), "kind"),
            "value": _text(row["value"]),
            "weight": row["weight"],
            "product": _text(row["product"]),
            "counted": bool(row["counted"]),
            "debt": bool(row["debt"]),
            "comment": mark.comment,
        })
    return {
        "rows": rows,
        "count": exp["count"],
        "debts": exp["debts"],
        "sum_products": exp["sum_products"],
        "sum_weights": exp["sum_weights"],
        "average": "" if exp["average"] is None else f"{exp['average']:.2f}",
        "formula": exp["formula"],
        "thresholds": [{"mark": t["mark"], "from": "" if t["from"] is None else f"{t['from']:.2f}"}
                       for t in exp["thresholds"]],
        "proposed": _text(exp["proposed"]),
        "rounding_caveat": bool(exp["rounding_caveat"]),
    }


def finals(db: Session, user: User | None, student_id, *, lang: str = "ru", today: date | None = None,
           only_remembered: bool = False) -> dict:
    """{"periods": [{id, number, start, end, state}], "rows": [{subject_id, subject names, cells: [per
    period {key, confirmed, average, proposed, state, count}], year: {key, confirmed, average, proposed,
    period_marks}}], "details": {"<subject_id>:<key>": explanation}, "student", "class_name", "year",
    "school"}. Keys are "p<period id>" and "year". The access check runs every time; the table is
    remembered by the worker until a change of the child's marks or finals (services/changes/memo.py),
    and shared: read it, never change it. `only_remembered`: the remembered table or
    changes.NOT_REMEMBERED, never read here."""
    keys = checked_keys(db, user, student_id, today)
    today = today or clock.today(keys.timezone)  # the date where the child's school is
    key = (keys.student_id, keys.class_id, today, lang)
    if only_remembered:
        return _FINALS.kept(key)
    return _FINALS.remembered(key,
                              changes.child_view_topics(keys.student_id, keys.class_id, keys.school_id),
                              lambda: _read_finals(db, context_of(db, checked_child(db, user, keys.student_id, today)),
                                                   lang, today))


FINALS_KINDS = frozenset({"marks", "finals", "lesson"})  # "lesson" of the school: its periods moved
_FINALS = changes.Memo("final marks", FINALS_KINDS)


def _read_finals(db: Session, ctx: ChildContext, lang: str, today: date) -> dict:
    rules = gradebook.GradingRules.from_school(ctx.school)
    sid, year = ctx.student.id, ctx.year
    taught = set(db.exec(select(TeachingAssignment.subject_id)
                         .where(TeachingAssignment.class_id == ctx.school_class.id)).all())
    marks = list(db.exec(
        select(Mark)
        .where(Mark.student_id == sid, school_calendar.within(col(Mark.date), year), col(Mark.deleted).is_(False))
        .order_by(Mark.date, Mark.id)
    ))
    confirmed = {(f.subject_id, f.period_id): f for f in db.exec(
        select(FinalMark).where(FinalMark.student_id == sid, FinalMark.year_id == year.id))}
    subjects = subjects_by_id(db, taught | {m.subject_id for m in marks} | {k[0] for k in confirmed})
    kinds = kinds_by_id(db, [m.work_kind_id for m in marks])

    by_cell: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    by_subject: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        by_subject[m.subject_id].append(m)
        period = ctx.period_of(m.date)
        if period is not None:
            by_cell[(m.subject_id, period.id)].append(m)

    rows, details = [], {}
    for subject_id, subject in sorted(subjects.items(), key=lambda kv: localized(kv[1], "name", lang).lower()):
        cells, period_marks = [], []
        for p in ctx.periods:
            key = f"p{p.id}"
            exp = _explanation(by_cell[(subject_id, p.id)], kinds, rules)
            final = confirmed.get((subject_id, p.id))
            period_marks.append(final.value if final else None)
            exp.update(confirmed=_text(final.value if final else None), reason=final.reason if final else "",
                       kind="period", number=p.number, state=_period_state(p, today))
            details[f"{subject_id}:{key}"] = exp
            cells.append({"key": key, "confirmed": exp["confirmed"], "average": exp["average"],
                          "proposed": exp["proposed"], "state": exp["state"], "count": exp["count"]})
        final = confirmed.get((subject_id, None))
        year_exp = _explanation(by_subject[subject_id], kinds, rules)
        proposed_year = gradebook.year_mark(period_marks, rules)
        year_exp.update(
            confirmed=_text(final.value if final else None), reason=final.reason if final else "", kind="year",
            number=0, state="closed" if year.end_date < today else "current",
            period_marks=[{"number": p.number, "value": _text(v)} for p, v in zip(ctx.periods, period_marks, strict=True)],
            year_proposed=_text(proposed_year),
        )
        details[f"{subject_id}:year"] = year_exp
        rows.append({
            "subject_id": subject_id,
            **names(subject, "subject"),
            "cells": cells,
            "year": {"key": "year", "confirmed": year_exp["confirmed"], "average": year_exp["average"],
                     "proposed": year_exp["year_proposed"], "state": year_exp["state"], "count": year_exp["count"]},
        })
    return {
        "student": ctx.student.full_name,
        "class_name": ctx.school_class.name,
        "year": year.name,
        "school": ctx.school.name,
        "periods": [{**period_view(p), "state": _period_state(p, today)} for p in ctx.periods],
        "rows": rows,
        "details": details,
        "thresholds": [{"mark": m, "from": f"{float(t):.2f}"} for m, t in gradebook.threshold_table(rules)],
    }
