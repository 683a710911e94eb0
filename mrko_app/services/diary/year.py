"""The child's whole year on one grid: subject x month, with the marks, the lessons missed (and the
times late) and the homework set, a year average per subject and totals per month.

Fixed number of queries (7): access check with the class 1, periods 1, subjects taught in the class, marks, attendance
(with each lesson's subject), homework, subject names.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from mrko_app.i18n import localized
from mrko_app.i18n.formats import DayMonth
from mrko_app.models import Attendance, Homework, Lesson, Mark, TeachingAssignment, User
from mrko_app.services.diary.context import child_context, names, subjects_by_id
from mrko_app.services.gradebook import rules as gradebook

MISSED = ("absent", "valid", "ill")


def months_of(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) from start's month to end's month, in order."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def year_grid(db: Session, user: User | None, student_id, *, lang: str = "ru", today: date | None = None) -> dict:
    ctx = child_context(db, user, student_id, today=today)
    first, last = ctx.year.start_date, ctx.year.end_date
    months = months_of(first, last)
    index = {ym: i for i, ym in enumerate(months)}
    sid, cid = ctx.student.id, ctx.school_class.id

    taught = set(db.exec(select(TeachingAssignment.subject_id).where(TeachingAssignment.class_id == cid)).all())
    marks = list(db.exec(
        select(Mark)
        .where(Mark.student_id == sid, Mark.date >= first, Mark.date <= last, col(Mark.deleted).is_(False))
        .order_by(Mark.date, Mark.id)
    ))
    attendance = db.exec(
        select(Attendance.date, Attendance.status, Lesson.subject_id)
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(Attendance.student_id == sid, Attendance.date >= first, Attendance.date <= last)
    ).all()
    homework = db.exec(
        select(Homework.subject_id, Homework.due_date)
        .where(Homework.class_id == cid, Homework.due_date >= first, Homework.due_date <= last)
    ).all()
    subject_ids = taught | {m.subject_id for m in marks} | {a[2] for a in attendance} | {h[0] for h in homework}
    subjects = subjects_by_id(db, subject_ids)

    def blank():
        return [{"marks": [], "missed": 0, "late": 0, "homework": 0} for _ in months]

    cells: dict[int, list[dict]] = defaultdict(blank)
    entries: dict[int, list] = defaultdict(list)
    for m in marks:
        cell = cells[m.subject_id][index[(m.date.year, m.date.month)]]
        cell["marks"].append({"value": "" if m.value is None else str(m.value), "debt": bool(m.is_debt),
                              "weight": m.weight, "date": DayMonth.of(m.date)})
        entries[m.subject_id].append(gradebook.MarkEntry.from_mark(m))
    for day, status, subject_id in attendance:
        cell = cells[subject_id][index[(day.year, day.month)]]
        if status in MISSED:
            cell["missed"] += 1
        elif status == "late":
            cell["late"] += 1
    for subject_id, due in homework:
        cells[subject_id][index[(due.year, due.month)]]["homework"] += 1

    rows = []
    for subject_id, subject in sorted(subjects.items(), key=lambda kv: localized(kv[1], "name", lang).lower()):
        row_cells = cells[subject_id]
        average = gradebook.weighted_average(entries[subject_id])
        rows.append({
            "subject_id": subject_id,
            **names(subject, "subject"),
            "cells": row_cells,
            "marks_count": sum(1 for c in row_cells for x in c["marks"] if not x["debt"] and x["value"]),
            "average": "" if average is None else f"{gradebook.display_average(average):.2f}",
            "missed": sum(c["missed"] for c in row_cells),
            "late": sum(c["late"] for c in row_cells),
            "homework": sum(c["homework"] for c in row_cells),
        })
    totals = [
        {"missed": sum(r["cells"][i]["missed"] for r in rows), "late": sum(r["cells"][i]["late"] for r in rows),
         "homework": sum(r["cells"][i]["homework"] for r in rows),
         "marks": sum(len(r["cells"][i]["marks"]) for r in rows)}
        for i in range(len(months))
    ]
    return {
        "year": ctx.year.name,
        "months": [{"year": y, "month": m, "key": f"{y}-{m:02d}"} for y, m in months],
        "rows": rows,
        "totals": totals,
    }
