"""Checks shared by the journal's writing services: every id and value a browser sends is re-read
and checked here (the lesson belongs to the journal's class and subject and lies in the period, the
student is in the class, the mark is on the scale, the kind of work is the school's...)."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlmodel import Session, select

from mrko_app.models import Lesson, Mark, MarkHistory, Student, User, WorkKind
from mrko_app.services import school_calendar
from mrko_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from mrko_app.services.gradebook.rules import GradingRules
from mrko_app.services.ids import parse_id, require_id
from mrko_app.services.journal.read import JournalContext

MARK_PATTERN = re.compile(r"[+-]?\d{1,4}")


def short_name(user: User | None) -> str:
    """"Surname F. P." for telling who changed something."""
    if user is None:
        return ""
    initials = "".join(f"{p[0]}." for p in (user.first_name, user.patronymic) if p)
    return f"{user.surname} {initials}".strip()


def parse_mark(value, rules: GradingRules, field: str = "value") -> int:
    """A mark on the school's scale from whatever the browser sent ("5", 5, " 4 ")."""
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if not text:
        raise ValidationError({field: "journal.mark_required"})
    if not MARK_PATTERN.fullmatch(text):
        raise ValidationError({field: "journal.mark_not_number"}, low=rules.mark_min, high=rules.mark_max)
    number = int(text)
    if number not in rules.scale:
        raise ValidationError({field: "journal.mark_out_of_scale"}, low=rules.mark_min, high=rules.mark_max)
    return number


def parse_version(value) -> int | None:
    """The version the client saw: None or 0 means "there was nothing"."""
    if value in (None, "", 0, "0"):
        return None
    number = parse_id(value)
    if number is None:
        raise NotFound()
    return number


def clean_text(value, limit: int, field: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise ValidationError({field: "journal.text_too_long"}, limit=limit)
    return text


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")


def parse_date(value, field: str) -> date | None:
    """A date as typed: 2026-10-05, 05.10.2026 or 05.10.26; empty: None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError({field: "journal.date_invalid"})


def journal_lesson(db: Session, ctx: JournalContext, lesson_id) -> Lesson:
    """A lesson of this journal's class and subject; a lesson of another journal is refused."""
    lesson = db.get(Lesson, require_id(lesson_id))
    if lesson is None:
        raise NotFound("journal.lesson_not_found")
    if lesson.class_id != ctx.class_id or lesson.subject_id != ctx.subject_id:
        raise PermissionDenied("journal.lesson_not_in_journal")
    if ctx.substitute is not None and lesson.substitute_teacher_id != ctx.substitute:
        raise PermissionDenied("journal.lesson_not_substituted")
    return lesson


def markable_lesson(db: Session, ctx: JournalContext, lesson_id, today: date) -> Lesson:
    """A lesson of this journal that can take marks and attendance now: in the period, held, not ahead."""
    if ctx.period is None:
        raise ValidationError({"lesson": "journal.period_required"})
    lesson = journal_lesson(db, ctx, lesson_id)
    if not school_calendar.holds(ctx.period, lesson.date):
        raise ValidationError({"lesson": "journal.lesson_outside_period"})
    if lesson.cancelled:
        raise ValidationError({"lesson": "journal.lesson_cancelled"})
    if lesson.date > today:
        raise ValidationError({"lesson": "journal.lesson_in_future"})
    return lesson


def class_student(db: Session, ctx: JournalContext, student_id) -> Student:
    """A student now studying in the journal's class."""
    student = db.get(Student, require_id(student_id))
    if student is None or student.class_id != ctx.class_id or student.status != "studying":
        raise ValidationError({"student": "journal.student_not_in_class"})
    return student


def work_kind(db: Session, ctx: JournalContext, work_kind_id) -> WorkKind:
    """The school's active kind of work with that id; none given: the school's default (the active
    kind with the lowest weight, e.g. an answer in class)."""
    if work_kind_id in (None, ""):
        kind = db.exec(
            select(WorkKind)
            .where(WorkKind.school_id == ctx.school.id, WorkKind.active == True)  # noqa: E712
            .order_by(WorkKind.weight, WorkKind.id)
        ).first()
        if kind is None:
            raise ValidationError({"kind": "journal.no_kinds"})
        return kind
    kind_id = parse_id(work_kind_id)
    kind = db.get(WorkKind, kind_id) if kind_id else None
    if kind is None or kind.school_id != ctx.school.id or not kind.active:
        raise ValidationError({"kind": "journal.kind_unknown"})
    return kind


def lock_lesson(db: Session, lesson: Lesson) -> None:
    """Serialise writes to one lesson's cells (PostgreSQL row lock; SQLite has one writer anyway)."""
    db.exec(select(Lesson.id).where(Lesson.id == lesson.id).with_for_update())


def cell_marks(db: Session, student_id: int, lesson_id: int) -> list[Mark]:
    return list(
        db.exec(
            select(Mark)
            .where(Mark.student_id == student_id, Mark.lesson_id == lesson_id, Mark.deleted == False)  # noqa: E712
            .order_by(Mark.id)
        )
    )


def mark_conflict(db: Session, mark: Mark | None, by_id: int | None = None) -> Conflict:
    """The Conflict raised when the client's copy of a cell's mark is out of date: what is there now."""
    if mark is None:
        return Conflict("journal.conflict_mark", current={"value": "", "version": 0, "mark_id": "", "by": ""},
                        by="", value="—")
    changer = db.get(User, by_id or _last_changer(db, mark))
    value = "" if mark.deleted or mark.value is None else str(mark.value)
    by = short_name(changer)
    return Conflict(
        "journal.conflict_mark",
        current={"value": value, "version": 0 if mark.deleted else mark.version,
                 "mark_id": "" if mark.deleted else str(mark.id), "by": by},
        by=by,
        value=value or "—",
    )


def _last_changer(db: Session, mark: Mark) -> int:
    last = db.exec(
        select(MarkHistory.changed_by).where(MarkHistory.mark_id == mark.id).order_by(MarkHistory.id.desc())
    ).first()
    return last or mark.teacher_id
