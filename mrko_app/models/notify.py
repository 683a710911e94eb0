"""Messages sent by the notification service; the development outbox reads them."""


from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class OutboxMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=10)  # "email" | "sms" | "app"
    recipient: str = Field(max_length=254, index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    subject: str = Field(default="", max_length=200)
    body: str
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)
    delivered: bool = Field(default=False)
    error: str = Field(default="", max_length=500)


class MailQueueItem(SQLModel, table=True):
    """An e-mail waiting for the SMTP server (services/notify/mail_queue.py): the durable queue the drain task
    empties with retries. The text is kept here until it is delivered, then cleared (the outbox copy is
    what people read)."""

    id: int | None = Field(default=None, primary_key=True)
    outbox_id: int | None = Field(default=None, foreign_key="outboxmessage.id", index=True)
    recipient: str = Field(max_length=254)
    subject: str = Field(default="", max_length=200)
    body: str = ""
    attempts: int = Field(default=0)
    # when the next try may start; a worker that claims the row pushes it forward (a lease)
    next_attempt_at: NaiveDatetime = Field(default_factory=utcnow, index=True)
    sent_at: NaiveDatetime | None = Field(default=None, index=True)
    last_error: str = Field(default="", max_length=500)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
