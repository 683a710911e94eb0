"""The school psychologist: a parent's private request about their child, its thread, the meeting slots
offered from it, the people the psychologist shared it with, and who read it when."""

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class PsychologistRequest(SQLModel, table=True):
    """A consultation or a question about one child. `anonymous`: nobody but the psychologist learns the
    parent's name (a shared reader sees the child only). Status: new | in_progress | meeting_booked | closed."""

    __table_args__ = (Index("ix_psyrequest_school_status", "school_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id")
    student_id: int = Field(foreign_key="student.id")
    parent_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(default="consultation", max_length=12)  # consultation | question
    topic: str = Field(max_length=120)
    text: str = Field(max_length=4000)
    text_html: str = Field(max_length=16000)
    anonymous: bool = Field(default=False)
    status: str = Field(default="new", max_length=16)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    answered_at: NaiveDatetime | None = Field(default=None)  # the psychologist's first reply
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class PsychologistReply(SQLModel, table=True):
    """One message of a request's private thread (the parent or the psychologist)."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="psychologistrequest.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    body: str = Field(max_length=4000)
    body_html: str = Field(max_length=16000)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class PsychologistShare(SQLModel, table=True):
    """The psychologist let one named person read the request: the other parent, the class teacher or staff."""

    __table_args__ = (UniqueConstraint("request_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="psychologistrequest.id", index=True)
    person_id: int = Field(foreign_key="user.id", index=True)
    relation: str = Field(max_length=16)  # parent | class_teacher | staff
    shared_by: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class PsychologistOffer(SQLModel, table=True):
    """A meeting slot the psychologist offered from a request: reserved for that request's parent."""

    __table_args__ = (UniqueConstraint("slot_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="psychologistrequest.id", index=True)
    slot_id: int = Field(foreign_key="meetingslot.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class PsychologistAccess(SQLModel, table=True):
    """Who opened or changed which request when (read | status | reply | share | offer)."""

    __table_args__ = (Index("ix_psyaccess_request_at", "request_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="psychologistrequest.id")
    user_id: int = Field(foreign_key="user.id")
    action: str = Field(max_length=12)
    at: NaiveDatetime = Field(default_factory=utcnow)


class PsychologistSettings(SQLModel, table=True):
    """Per school: the answer time promised to parents and the confidentiality notice ("" : the catalogue's)."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", unique=True)
    answer_days: int = Field(default=3)
    notice: str = Field(default="", max_length=2000)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
