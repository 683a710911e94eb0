"""Period and year (final) marks: the journal proposes, the teacher confirms or overrides.

A period mark is proposed from the student's weighted average of the subject's marks in the period
(gradebook.weighted_average) by the school's thresholds (gradebook.propose_mark); the year mark from
the confirmed period marks (gradebook.year_mark). The proposal is always recomputed here, never taken
from the browser. Confirming a different mark than the proposal is an override and needs a reason.
The confirmed FinalMark row (period_id None for the year) is what parents see. Writes carry the
version the client saw (None: it saw no final mark), as for marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import update
from sqlmodel import Session, select

from mrko_app.models import FinalMark, Mark, Student, StudyPeriod, User, WorkKind
from mrko_app.models.base import utcnow
from mrko_app.services import changes, school_calendar
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.gradebook.rules import float_or_none, mean, propose_mark, weighted_average, year_mark
from mrko_app.services.journal.checks import class_student, clean_text, parse_mark, parse_version, short_name
from mrko_app.services.journal.read import JournalContext, class_students, entries, journal_context, periods_of


@dataclass
class Proposal:
    average: float | None  # the weighted average (a period) or the mean of the period marks (the year)
    proposed: int | None
    current: FinalMark | None
    period_values: list[int | None] = field(default_factory=list)  # the year: each period's confirmed mark


def _final_query(ctx: JournalContext, student_id: int):
    query = select(FinalMark).where(FinalMark.student_id == student_id, FinalMark.subject_id == ctx.subject_id,
                                    FinalMark.year_id == ctx.school_class.year_id)
    if ctx.period is None:
        return query.where(FinalMark.period_id == None)  # noqa: E711
    return query.where(FinalMark.period_id == ctx.period.id)


def _year_values(db: Session, ctx: JournalContext, student_id: int) -> list[int | None]:
    periods = periods_of(db, ctx.school_class)
    rows = db.exec(select(FinalMark).where(
        FinalMark.student_id == student_id, FinalMark.subject_id == ctx.subject_id,
        FinalMark.year_id == ctx.school_class.year_id, FinalMark.period_id != None)).all()  # noqa: E711
    by_period = {r.period_id: r.value for r in rows}
    return [by_period.get(p.id) for p in periods]


def proposal(db: Session, ctx: JournalContext, student: Student) -> Proposal:
    """What the journal proposes for `student` in this journal's period (or year) and what is confirmed."""
    current = db.exec(_final_query(ctx, student.id)).first()
    if ctx.period is None:
        values = _year_values(db, ctx, student.id)
        return Proposal(float_or_none(mean(values)), year_mark(values, ctx.rules), current, values)
    marks = db.exec(select(Mark).where(
        Mark.student_id == student.id, Mark.subject_id == ctx.subject_id, Mark.deleted == False,  # noqa: E712
        school_calendar.within(Mark.date, ctx.period))).all()
    kinds = {k.id: k for k in db.exec(select(WorkKind).where(WorkKind.school_id == ctx.school.id))}
    average = weighted_average(entries(list(marks), kinds))
    return Proposal(average, propose_mark(average, ctx.rules), current)


def final_proposal(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id) -> Proposal:
    ctx = journal_context(db, user, class_id, subject_id, period_id)
    return proposal(db, ctx, class_student(db, ctx, student_id))


def _conflict(db: Session, row: FinalMark | None) -> Conflict:
    if row is None:
        return Conflict("final.conflict", current={"value": "", "version": 0, "by": ""}, by="", value="—")
    by = short_name(db.get(User, row.confirmed_by))
    return Conflict("final.conflict", current={"value": str(row.value), "version": row.version, "by": by},
                    by=by, value=str(row.value))


def confirm_final(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id, value=None,
                  reason="", version=None) -> FinalMark:
    """Confirm the proposed mark (value None or equal to the proposal) or override it (another value:
    a reason is required). `period_id` None or "year": the year mark."""
    ctx = journal_context(db, user, class_id, subject_id, period_id)
    if ctx.substitute is not None:
        raise PermissionDenied("journal.final_not_substitute")  # a substitute marks lessons, not periods
    student = class_student(db, ctx, student_id)
    # serialise confirmations for one student (PostgreSQL row lock; SQLite has one writer anyway)
    db.exec(select(Student.id).where(Student.id == student.id).with_for_update())
    prop = proposal(db, ctx, student)
    chosen = prop.proposed if value in (None, "") else parse_mark(value, ctx.rules)
    if chosen is None:
        raise ValidationError({"value": "final.value_required"})
    reason_text = clean_text(reason, 300, "reason")
    if chosen != prop.proposed and not reason_text:
        raise ValidationError({"reason": "final.reason_required"})
    expected = parse_version(version)
    current = prop.current
    average = None if prop.average is None else round(prop.average, 4)
    if current is None:
        if expected is not None:
            raise _conflict(db, None)
        row = FinalMark(student_id=student.id, subject_id=ctx.subject_id, year_id=ctx.school_class.year_id,
                        period_id=ctx.period.id if ctx.period else None, value=chosen, proposed_value=prop.proposed,
                        average=average, reason=reason_text, confirmed_by=user.id)
        db.add(row)
        db.flush()
        changes.announce(db, changes.of_child(student.id, "finals"))
        return row
    if expected != current.version:
        raise _conflict(db, current)
    result = db.execute(
        update(FinalMark).where(FinalMark.id == current.id, FinalMark.version == expected)
        .values(value=chosen, proposed_value=prop.proposed, average=average, reason=reason_text,
                confirmed_by=user.id, confirmed_at=utcnow(), version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    db.refresh(current)
    if result.rowcount != 1:
        raise _conflict(db, current)
    changes.announce(db, changes.of_child(student.id, "finals"))
    return current


@dataclass
class YearView:
    context: JournalContext
    students: list[Student]
    periods: list[StudyPeriod]
    period_marks: dict[tuple[int, int], FinalMark]  # (student, period) -> confirmed period mark
    year_marks: dict[int, FinalMark]
    proposals: dict[int, int | None]
    means: dict[int, float | None]


def load_year(db: Session, user: User | None, class_id, subject_id) -> YearView:
    """The year page of a journal: each student's period marks, the proposed and the confirmed year mark."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    students = class_students(db, ctx.class_id)
    periods = periods_of(db, ctx.school_class)
    rows = db.exec(
        select(FinalMark).join(Student, Student.id == FinalMark.student_id)
        .where(Student.class_id == ctx.class_id, FinalMark.subject_id == ctx.subject_id,
               FinalMark.year_id == ctx.school_class.year_id)
    ).all()
    view = YearView(ctx, students, periods, {}, {}, {}, {})
    for row in rows:
        if row.period_id is None:
            view.year_marks[row.student_id] = row
        else:
            view.period_marks[(row.student_id, row.period_id)] = row
    for s in students:
        values = [view.period_marks[(s.id, p.id)].value if (s.id, p.id) in view.period_marks else None
                  for p in periods]
        view.means[s.id] = float_or_none(mean(values))
        view.proposals[s.id] = year_mark(values, ctx.rules)
    return view
