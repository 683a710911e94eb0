"""The FAQ, the feedback queue and the directory of departments: public information staff curate."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class FaqEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    section: str = Field(max_length=20, index=True)
    slug: str = Field(max_length=80, unique=True, index=True)  # the stable link: /faq?entry=<slug>
    question: str = Field(max_length=200)
    answer: str = Field(max_length=10000)  # Markdown
    position: int = Field(default=0)
    source_post_id: int | None = Field(default=None, foreign_key="forumpost.id")
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_by: int | None = Field(default=None, foreign_key="user.id")


class FeedbackTicket(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=80)
    contact: str = Field(max_length=254)
    contact_kind: str = Field(max_length=5)  # "email" | "sms"
    topic: str = Field(max_length=20)
    message: str = Field(max_length=3000)
    status: str = Field(default="new", max_length=12, index=True)
    assignee_id: int | None = Field(default=None, foreign_key="user.id")
    # the sender when signed in: the answer also reaches their notification centre
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    answer: str = Field(default="", max_length=3000)
    answered_at: NaiveDatetime | None = None
    client_key: str = Field(default="", max_length=64, index=True)  # a hash of the sender's address
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)


class DirectoryUnit(SQLModel, table=True):
    """A department or service; school_id None is the Department of Education. A `show_*` flag off
    keeps that field for staff only."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=1000)
    address: str = Field(default="", max_length=200)
    hours: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    show_address: bool = Field(default=True)
    show_hours: bool = Field(default=True)
    show_phone: bool = Field(default=True)
    show_email: bool = Field(default=True)
    position: int = Field(default=0)


class DirectoryContact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="directoryunit.id", index=True)
    name: str = Field(max_length=120)
    post: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    public: bool = Field(default=True)
