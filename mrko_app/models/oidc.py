"""Sign-in through OpenID Connect providers (services/accounts/oidc.py): linked identities, the authorization
requests in flight, and the one-time tickets that hand a finished sign-in to the browser."""

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel, UniqueConstraint

from mrko_app.models.base import utcnow


class OidcIdentity(SQLModel, table=True):
    """A provider's account (issuer-scoped `subject`) linked to a user: signing in there signs in here."""

    __table_args__ = (UniqueConstraint("provider", "subject"), UniqueConstraint("user_id", "provider"))

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    provider: str = Field(max_length=40)
    subject: str = Field(max_length=255)
    email: str = Field(default="", max_length=254)  # as the provider said, to show on the profile
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    last_used_at: NaiveDatetime | None = None


class OidcFlow(SQLModel, table=True):
    """An authorization request sent to a provider: its `state` (hashed; the browser also holds it in
    a cookie), the `nonce` the ID token must carry and the PKCE verifier. Single use, 10 minutes."""

    id: int | None = Field(default=None, primary_key=True)
    state_hash: str = Field(max_length=64, unique=True, index=True)
    provider: str = Field(max_length=40)
    nonce: str = Field(max_length=100)
    code_verifier: str = Field(max_length=128)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    used_at: NaiveDatetime | None = None


class SignInTicket(SQLModel, table=True):
    """What the callback hands the browser in the URL instead of a session: random, stored hashed,
    single use, 2 minutes. A page exchanges it (an event handler) for a session or for the first-sign-in
    choice (link or register), for which it carries the provider's claims."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_hash: str = Field(max_length=64, unique=True, index=True)
    provider: str = Field(max_length=40)
    subject: str = Field(max_length=255)
    claims: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    expires_at: NaiveDatetime
    used_at: NaiveDatetime | None = None
