"""The notification centre: one row per thing a person is told (alerts, news, events, meetings, messages,
forum and feedback answers, survey invitations), each person's choice per kind (in the app only, e-mail
now, e-mail in a daily digest), their e-mail quiet hours, and the record of each digest sent."""

import datetime as dt

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow

NOTIFICATION_KINDS = ("alerts", "news", "events", "meetings", "messages", "forum", "feedback", "surveys")
DELIVERY_MODES = ("app", "email_now", "email_digest")
# what a person who never chose gets: e-mail at once for what is addressed to them personally (a
# meeting, a message, the answer to their feedback), a daily digest for answers and invitations, the
# app only for what reaches a whole class or school (news, events) and for the alerts, whose e-mail
# the parent sets per child on the alerts page.
DEFAULT_MODES = {"alerts": "app", "news": "app", "events": "app", "meetings": "email_now",
                 "messages": "email_now", "forum": "email_digest", "feedback": "email_now",
                 "surveys": "email_digest"}
# Notification.email: "" not e-mailed, "now" waiting for its moment (quiet hours, a scheduled post),
# "digest" waiting for the daily digest, "sent" handed to the mail queue
EMAIL_STATES = ("", "now", "digest", "sent")


class Notification(SQLModel, table=True):
    """One thing told to one person. `shown_at`: from when it is shown (a post scheduled for later is
    told when it is published). `dedup_key` names what it is about ("news:12"): told once per person."""

    __table_args__ = (
        UniqueConstraint("user_id", "dedup_key"),
        Index("ix_notification_user_unread", "user_id", "read_at", "shown_at"),
        Index("ix_notification_email_due", "email", "email_due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    body: str = Field(default="", max_length=1000)
    link: str = Field(default="", max_length=300)  # a route of the app ("/news", "/forum/question?id=3")
    dedup_key: str | None = Field(default=None, max_length=80)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    shown_at: NaiveDatetime = Field(default_factory=utcnow)
    read_at: NaiveDatetime | None = None
    email: str = Field(default="", max_length=8)
    email_due_at: NaiveDatetime | None = None  # "now": when it may leave (the end of the quiet hours)


class NotificationPreference(SQLModel, table=True):
    """A person's choice for one kind. No row: DEFAULT_MODES."""

    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=20)
    mode: str = Field(max_length=12)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class NotificationSettings(SQLModel, table=True):
    """A person's e-mail quiet hours and digest hour (school's clock). No row: the defaults below."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    quiet_start: int = Field(default=22 * 60)  # minutes after midnight; start == end: no quiet hours
    quiet_end: int = Field(default=7 * 60)
    digest_hour: int = Field(default=18)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class NotificationDigest(SQLModel, table=True):
    """One daily digest sent: the unique (user, day) lets only one worker send it, whatever races."""

    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    day: dt.date
    items: int = Field(default=0)
    sent_at: NaiveDatetime = Field(default_factory=utcnow)
