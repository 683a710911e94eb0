"""School life: news posts and who read them, school/class events, parent-teacher meeting slots and
their bookings, private calendar-feed tokens."""

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class NewsPost(SQLModel, table=True):
    """School news (class_id None) or class news. `body_html` is the sanitised rendering of `body`."""

    __table_args__ = (Index("ix_newspost_school_publish", "school_id", "publish_at"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id")
    class_id: int | None = Field(default=None, foreign_key="schoolclass.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    title: str = Field(max_length=200)
    body: str = Field(max_length=10000)
    body_html: str = Field(max_length=40000)
    pinned: bool = Field(default=False)
    publish_at: NaiveDatetime = Field(default_factory=utcnow)  # naive UTC; later: a scheduled post
    expires_at: NaiveDatetime | None = None
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime | None = None  # the last edit
    withdrawn_at: NaiveDatetime | None = None  # withdrawn by its author or staff: shown to nobody


class NewsPicture(SQLModel, table=True):
    """A picture of a news post: re-encoded and resized on upload (services/uploads), kept in the private
    folder under `storage_name`, served only through a signed, short-lived URL to the post's readers."""

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="newspost.id", index=True)
    position: int = Field(default=0)
    storage_name: str = Field(max_length=32, unique=True)
    content_type: str = Field(max_length=40)
    width: int
    height: int
    size: int


class NewsRead(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "post_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    post_id: int = Field(foreign_key="newspost.id", index=True)
    read_at: NaiveDatetime = Field(default_factory=utcnow)


class SchoolEvent(SQLModel, table=True):
    """A school event (class_id None) or a class event / parent meeting (kind "meeting")."""

    __table_args__ = (Index("ix_schoolevent_school_start", "school_id", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id")
    class_id: int | None = Field(default=None, foreign_key="schoolclass.id", index=True)
    kind: str = Field(default="event", max_length=12)  # event | meeting
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    place: str = Field(default="", max_length=200)
    starts_at: NaiveDatetime  # naive UTC
    ends_at: NaiveDatetime
    cancelled: bool = Field(default=False)
    author_id: int = Field(foreign_key="user.id")
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class MeetingSlot(SQLModel, table=True):
    """A time a teacher (or the psychologist, or staff) offers for one parent-teacher meeting."""

    __table_args__ = (UniqueConstraint("host_id", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id")
    host_id: int = Field(foreign_key="user.id")
    starts_at: NaiveDatetime  # naive UTC
    minutes: int
    place: str = Field(default="", max_length=300)  # a room or a video link
    withdrawn: bool = Field(default=False)


class MeetingBooking(SQLModel, table=True):
    """A slot booked for a child. The unique constraints decide races: one booking per slot, and one
    per child per host (the household rule), whichever parent of the child booked it. A cancelled
    booking leaves this table (for MeetingCancellation), so the slot is free again."""

    # AUTOINCREMENT on SQLite: a cancelled booking's id names its calendar entry (the feed's UID), so
    # an id must never be reused for a later booking, as SQLite otherwise does with the highest one
    __table_args__ = (UniqueConstraint("slot_id"), UniqueConstraint("host_id", "student_id"),
                      {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    slot_id: int = Field(foreign_key="meetingslot.id")
    host_id: int = Field(foreign_key="user.id")  # copied from the slot, for the household constraint
    student_id: int = Field(foreign_key="student.id", index=True)
    parent_id: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    reminded_at: NaiveDatetime | None = None  # the day-before reminder went out


class MeetingCancellation(SQLModel, table=True):
    """A cancelled booking, kept so that both sides see why and the calendar feed says CANCELLED."""

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int  # the removed booking's id: the feed's stable UID
    slot_id: int = Field(foreign_key="meetingslot.id", index=True)
    host_id: int = Field(foreign_key="user.id")
    student_id: int = Field(foreign_key="student.id", index=True)
    cancelled_by: int = Field(foreign_key="user.id")
    reason: str = Field(max_length=300)
    cancelled_at: NaiveDatetime = Field(default_factory=utcnow)


class CalendarFeed(SQLModel, table=True):
    """A private iCal URL: only the SHA-256 of its token is kept; revoking sets revoked_at."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    kind: str = Field(default="all", max_length=12)  # all | timetable | homework | events | meetings
    # a parent's chosen children (student ids); None: all of them (a child unlinked later drops out)
    student_ids: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    revoked_at: NaiveDatetime | None = None


class EventRsvp(SQLModel, table=True):
    """A parent's answer to a class meeting: coming or not (one answer per parent per event)."""

    __table_args__ = (UniqueConstraint("event_id", "parent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="schoolevent.id", index=True)
    parent_id: int = Field(foreign_key="user.id")
    coming: bool
    answered_at: NaiveDatetime = Field(default_factory=utcnow)
