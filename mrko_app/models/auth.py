"""Sign-in sessions, one-time codes and throttles (lockouts)."""


from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class AuthSession(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    remember: bool = Field(default=False)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    last_seen: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    revoked: bool = Field(default=False)


class OneTimeCode(SQLModel, table=True):
    """A code or link token sent to a phone or an e-mail; only its hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    purpose: str = Field(max_length=30, index=True)
    target: str = Field(max_length=254)
    code_hash: str = Field(max_length=100)
    attempts: int = Field(default=0)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    used_at: NaiveDatetime | None = None


class Throttle(SQLModel, table=True):
    """Failed tries per key (a user, a client address, an access-code redeemer)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=120, unique=True, index=True)
    failures: int = Field(default=0)
    locked_until: NaiveDatetime | None = None
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
