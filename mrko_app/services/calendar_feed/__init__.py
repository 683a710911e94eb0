"""Private calendar feeds (iCal, RFC 5545). A person creates a URL holding a random token; only its
SHA-256 is stored, so the URL is shown once. Revoking (or regenerating) makes the old URL answer 404.
A feed of kind "all" holds everything; "timetable", "homework", "events", "meetings" only that kind.

Public API: create, revoke, feeds, render (token -> bytes, or None for a wrong or revoked token)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mrko_app.models import CalendarFeed, User
from mrko_app.models.base import utcnow
from mrko_app.services import ids
from mrko_app.services.access import rules as access
from mrko_app.services.calendar_feed import ical
from mrko_app.services.errors import NotFound, ValidationError

KINDS = ("all", "timetable", "homework", "events", "meetings")
MAX_ACTIVE = 10


@dataclass(frozen=True)
class Feed:
    id: int
    kind: str
    created_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(db: Session, user: User | None, kind) -> str:
    """A new feed of `kind`, revoking the user's earlier one of that kind: the plain token, once."""
    access.require_role(db, user, "parent", "teacher", "staff", "psychologist")
    kind = str(kind or "")[:12]
    if kind not in KINDS:
        raise ValidationError({"kind": "error.required"})
    now = utcnow()
    for old in db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.kind == kind,
                                                  col(CalendarFeed.revoked_at).is_(None))).all():
        old.revoked_at = now
        db.add(old)
    token = secrets.token_urlsafe(32)
    db.add(CalendarFeed(user_id=user.id, token_hash=_hash(token), kind=kind, created_at=now))
    db.flush()
    return token


def feeds(db: Session, user: User | None) -> list[Feed]:
    access.require_user(user)
    rows = db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id, col(CalendarFeed.revoked_at).is_(None))
                   .order_by(CalendarFeed.id)).all()
    return [Feed(f.id, f.kind, f.created_at) for f in rows]


def revoke(db: Session, user: User | None, feed_id) -> None:
    access.require_user(user)
    fid = ids.require_id(feed_id)
    feed = db.exec(select(CalendarFeed).where(CalendarFeed.id == fid, CalendarFeed.user_id == user.id,
                                              col(CalendarFeed.revoked_at).is_(None))).first()
    if feed is None:
        raise NotFound()
    feed.revoked_at = utcnow()
    db.add(feed)
    db.flush()


def render(db: Session, token: str) -> bytes | None:
    """The feed's calendar, or None (wrong token, revoked, inactive account): the caller answers 404."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    feed = db.exec(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token),
                                              col(CalendarFeed.revoked_at).is_(None))).first()
    if feed is None:
        return None
    user = db.get(User, feed.user_id)
    if user is None or not user.is_active:
        return None
    return ical.build(db, user, feed.kind)
