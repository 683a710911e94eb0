"""Alerts a parent configures for a child (a low mark, a low average, an absence, a changed mark) and the
alert events queued for delivery (in the app, and by e-mail when chosen)."""

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow

ALERT_KINDS = ("low_mark", "mark_changed", "low_average", "absence")


class AlertRule(SQLModel, table=True):
    """One parent's alert settings for one child. No row: the defaults below apply."""

    __table_args__ = (UniqueConstraint("parent_id", "student_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="user.id", index=True)
    student_id: int = Field(foreign_key="student.id", index=True)
    on_low_mark: bool = Field(default=True)
    low_mark_at_most: int = Field(default=2)  # a mark at or below this value
    on_low_average: bool = Field(default=False)
    average_below: float = Field(default=3.5)
    on_absence: bool = Field(default=True)
    on_mark_changed: bool = Field(default=True)
    by_email: bool = Field(default=False)
    digest: bool = Field(default=False)  # one e-mail a day instead of one per alert
    digest_hour: int = Field(default=18)  # local hour of the daily digest
    quiet_start: int = Field(default=22 * 60)  # local minutes after midnight; start == end: no quiet hours
    quiet_end: int = Field(default=7 * 60)
    delay_minutes: int = Field(default=5)  # a correction within this delay cancels the alert
    last_digest_on: str = Field(default="", max_length=10)  # local date (ISO) of the last digest sent
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class AlertEvent(SQLModel, table=True):
    """An alert for a parent: queued (deliver_after), then delivered (delivered_at) or cancelled.
    `key` names what it is about ("mark:12", "att:7", "avg:3:5:2"): one pending event per parent and key."""

    __table_args__ = (
        Index("ix_alertevent_due", "delivered_at", "cancelled", "deliver_after"),
        Index("ix_alertevent_parent_key", "parent_id", "key"),
        Index("ix_alertevent_parent_delivered", "parent_id", "delivered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="user.id")
    student_id: int = Field(foreign_key="student.id", index=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=40)
    # what the text needs: subject_id, date, value, old_value, average, threshold, status
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
    deliver_after: NaiveDatetime
    delivered_at: NaiveDatetime | None = None
    cancelled: bool = Field(default=False)
    emailed: bool = Field(default=False)
    seen: bool = Field(default=False)

