"""Access to a child's diary: applications with documents, access codes, parent-child links."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class ParentChildLink(SQLModel, table=True):
    __table_args__ = (Index("ix_link_parent_student", "parent_id", "student_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="user.id")
    student_id: int = Field(foreign_key="student.id", index=True)
    page_name: str = Field(max_length=40)
    start_date: date
    end_date: date | None = None
    access_code_id: int | None = Field(default=None, foreign_key="accesscode.id")


APPLICATION_STATUSES = ("submitted", "approved", "rejected")
REJECT_REASONS = ("contradictory", "other_school", "documents", "other")
DOCUMENT_KINDS = ("application", "birth_certificate", "identity")


class AccessApplication(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="user.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    child_surname: str = Field(max_length=80)
    child_first_name: str = Field(max_length=80)
    child_patronymic: str = Field(default="", max_length=80)
    child_birth_date: date
    class_name: str = Field(max_length=10)
    relation: str = Field(max_length=20)  # parent | representative
    status: str = Field(default="submitted", max_length=12, index=True)
    submitted_at: NaiveDatetime = Field(default_factory=utcnow)
    due_date: date
    decided_by: int | None = Field(default=None, foreign_key="user.id")
    decided_at: NaiveDatetime | None = None
    reject_reason: str = Field(default="", max_length=20)
    reject_text: str = Field(default="", max_length=500)
    student_id: int | None = Field(default=None, foreign_key="student.id")


class ApplicationDocument(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="accessapplication.id", index=True)
    kind: str = Field(max_length=20)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=40)
    size: int
    sha256: str = Field(max_length=64)
    storage_name: str = Field(max_length=80)  # file name inside the private documents folder
    uploaded_at: NaiveDatetime = Field(default_factory=utcnow)


class AccessCode(SQLModel, table=True):
    """A one-time access code for a student's diary; only its hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    application_id: int | None = Field(default=None, foreign_key="accessapplication.id")
    created_by: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    used_at: NaiveDatetime | None = None
    used_by: int | None = Field(default=None, foreign_key="user.id")
    revoked: bool = Field(default=False)
