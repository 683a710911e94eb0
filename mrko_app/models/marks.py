"""Marks, their history, attendance, period/year (final) marks, absence notices."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class Mark(SQLModel, table=True):
    """A mark for a student at a lesson. A debt has no value until replaced by a mark."""

    __table_args__ = (
        Index("ix_mark_student_date", "student_id", "date"),
        Index("ix_mark_student_subject", "student_id", "subject_id", "date"),
        Index("ix_mark_lesson", "lesson_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id")
    lesson_id: int | None = Field(default=None, foreign_key="lesson.id")
    subject_id: int = Field(foreign_key="subject.id")
    date: date
    value: int | None = None
    is_debt: bool = Field(default=False)
    debt_due: date | None = None
    work_kind_id: int = Field(foreign_key="workkind.id")
    weight: int = Field(default=1)
    comment: str = Field(default="", max_length=500)
    teacher_id: int = Field(foreign_key="user.id")
    version: int = Field(default=1)
    deleted: bool = Field(default=False)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class MarkHistory(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    mark_id: int = Field(foreign_key="mark.id", index=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    old_value: int | None = None
    new_value: int | None = None
    old_work_kind_id: int | None = None
    new_work_kind_id: int | None = None
    changed_by: int = Field(foreign_key="user.id")
    changed_at: NaiveDatetime = Field(default_factory=utcnow)
    reason: str = Field(default="", max_length=300)


ATTENDANCE_STATUSES = ("absent", "valid", "ill", "late")


class Attendance(SQLModel, table=True):
    """An attendance mark for a lesson; no row means present."""

    __table_args__ = (UniqueConstraint("student_id", "lesson_id"), Index("ix_att_lesson", "lesson_id"))

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    lesson_id: int = Field(foreign_key="lesson.id")
    date: date
    status: str = Field(max_length=10)
    note: str = Field(default="", max_length=200)
    set_by: int = Field(foreign_key="user.id")
    version: int = Field(default=1)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class FinalMark(SQLModel, table=True):
    """A period mark (period_id set) or a year mark (period_id null)."""

    __table_args__ = (
        UniqueConstraint("student_id", "subject_id", "year_id", "period_id"),
        Index("ix_final_student_year", "student_id", "year_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id")
    subject_id: int = Field(foreign_key="subject.id")
    year_id: int = Field(foreign_key="studyyear.id")
    period_id: int | None = Field(default=None, foreign_key="studyperiod.id")
    value: int
    proposed_value: int | None = None
    average: float | None = None
    reason: str = Field(default="", max_length=300)
    confirmed_by: int = Field(foreign_key="user.id")
    confirmed_at: NaiveDatetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class AbsenceNotice(SQLModel, table=True):
    """A parent tells the school in advance that the child will be absent."""

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    parent_id: int = Field(foreign_key="user.id")
    start_date: date
    end_date: date
    reason: str = Field(max_length=300)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    acknowledged_by: int | None = Field(default=None, foreign_key="user.id")
    acknowledged_at: NaiveDatetime | None = None
