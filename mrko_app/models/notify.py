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
