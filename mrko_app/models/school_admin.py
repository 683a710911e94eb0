"""School administration: the audit log of administrative changes and the one-time set-up links
that invite a school's first staff member, its teachers and its staff."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class AuditEntry(SQLModel, table=True):
    """One administrative change: who, what, when, before -> after (JSON snapshots of the fields changed)."""

    __table_args__ = (Index("ix_audit_school_at", "school_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int | None = Field(default=None, foreign_key="school.id")
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=40)  # a catalogue key suffix: "rules.save", "school.create", ...
    target: str = Field(default="", max_length=200)  # what was changed, in the school's words ("5А", a name)
    before: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: NaiveDatetime = Field(default_factory=utcnow)


class StaffInvite(SQLModel, table=True):
    """A one-time set-up link sent to a person (by e-mail or SMS) who becomes staff, teacher or
    psychologist of a school; only the token's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    surname: str = Field(max_length=80)
    first_name: str = Field(max_length=80)
    patronymic: str = Field(default="", max_length=80)
    channel: str = Field(max_length=8)  # email | sms
    contact: str = Field(max_length=254)
    roles: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_by: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    used_at: NaiveDatetime | None = None
    revoked: bool = Field(default=False)
    user_id: int | None = Field(default=None, foreign_key="user.id")


STUDENT_MOVES = ("enrol", "transfer", "leave", "graduate", "return", "promote")


class StudentMove(SQLModel, table=True):
    """A student's history at the school: enrolled, moved between classes, left, graduated, each dated."""

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    kind: str = Field(max_length=12)
    from_class_id: int | None = Field(default=None, foreign_key="schoolclass.id")
    to_class_id: int | None = Field(default=None, foreign_key="schoolclass.id")
    on: date
    by: int | None = Field(default=None, foreign_key="user.id")
    at: NaiveDatetime = Field(default_factory=utcnow)
