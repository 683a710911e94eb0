"""One keystroke of the journal grid: write the cell, read it back, and re-propose the student's
period mark, in one transaction with one access check (`journal_context` once, the student and the
lesson once). Before, the state wrote and read back in one transaction (two access checks) and asked
for the proposal in a second one (a third check); `bench/journal_bench.py` compares both paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from mrko_app.models import Attendance, Mark, User
from mrko_app.services import clock
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import finals as final_marks
from mrko_app.services.journal import read as journal
from mrko_app.services.journal.checks import class_student, markable_lesson

OPS = ("mark", "att", "clear")


@dataclass
class CellSaved:
    marks: list[Mark]  # the cell's marks as stored now, oldest first
    attendance: Attendance | None
    proposal: final_marks.Proposal  # the student's period average and proposed mark after the save


def save_cell(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id, lesson_id, op: str,
              value="", mark_id=None, version=None, att_version=None, today: date | None = None) -> CellSaved:
    """op "mark": put `value` into the cell (mark_id + version: change that mark; none: a new mark into a
    cell the client saw empty); "att": set the attendance status `value` (att_version: the version the
    client saw); "clear": remove the mark mark_id (with its version), else the attendance mark.
    Conflict / ValidationError / PermissionDenied as the single writes raise them."""
    if op not in OPS:
        raise ValueError(f"unknown journal operation {op!r}")
    ctx = journal.journal_context(db, user, class_id, subject_id, period_id)
    lesson = markable_lesson(db, ctx, lesson_id, today or clock.today(ctx.school))
    student = class_student(db, ctx, student_id)
    cell = {"class_id": ctx.class_id, "subject_id": ctx.subject_id, "period_id": ctx.period.id,
            "student_id": student.id, "lesson_id": lesson.id, "today": today, "ctx": ctx}
    if op == "mark":
        if mark_id in (None, ""):
            journal_entry.set_mark(db, user, **cell, value=value, expect_empty=True)
        else:
            journal_entry.set_mark(db, user, **cell, value=value, mark_id=mark_id, version=version)
    elif op == "att":
        journal_entry.set_attendance(db, user, **cell, status=value, version=att_version)
    elif mark_id not in (None, ""):
        journal_entry.clear_mark(db, user, **cell, mark_id=mark_id, version=version)
    elif att_version is not None:
        journal_entry.set_attendance(db, user, **cell, status="", version=att_version)
    marks, attendance = journal.cell_rows(db, student.id, lesson.id)
    return CellSaved(marks, attendance, final_marks.proposal(db, ctx, student))
