"""Private calendar feeds (iCal, RFC 5545). A person creates a URL holding a random token; only its
SHA-256 is stored, so the URL is shown once. Revoking (or regenerating) makes the old URL answer 404.
A feed of kind "all" holds everything; "timetable", "homework", "events", "meetings" only that kind.
A parent chooses which of their children a feed holds (none chosen: all of them, the ones linked later too).

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
    children: tuple[str, ...] = ()  # the chosen children's page names; () : all of them


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _chosen(db: Session, user: User, student_ids) -> list[int] | None:
    """The chosen children as sorted ids (each must be the parent's child now); None for all."""
    if not student_ids:
        return None
    if not isinstance(student_ids, (list, tuple, set)) or len(student_ids) > 20:
        raise ValidationError({"children": "error.required"})
    mine = {s.id for _l, s in access.linked_children(db, user)}
    chosen = {ids.parse_id(v) for v in student_ids}
    if not chosen <= mine:
        raise NotFound()
    return None if chosen == mine else sorted(chosen)


def create(db: Session, user: User | None, kind, student_ids=None) -> str:
    """A new feed of `kind` (for the chosen children), revoking the user's earlier one of that kind and
    for the same children: the plain token, once."""
    access.require_role(db, user, "parent", "teacher", "staff", "psychologist")
    kind = str(kind or "")[:12]
    if kind not in KINDS:
        raise ValidationError({"kind": "error.required"})
    chosen = _chosen(db, user, student_ids)
    now = utcnow()
    for old in db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.kind == kind,
                                                  col(CalendarFeed.revoked_at).is_(None))).all():
        if (old.student_ids or None) == chosen:
            old.revoked_at = now
            db.add(old)
    token = secrets.token_urlsafe(32)
    db.add(CalendarFeed(user_id=user.id, token_hash=_hash(token), kind=kind, created_at=now, student_ids=chosen))
    db.flush()
    return token


def feeds(db: Session, user: User | None) -> list[Feed]:
    access.require_user(user)
    rows = db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id, col(CalendarFeed.revoked_at).is_(None))
                   .order_by(CalendarFeed.id)).all()
    names = {s.id: link.page_name for link, s in access.linked_children(db, user)} \
        if any(f.student_ids for f in rows) else {}
    return [Feed(f.id, f.kind, f.created_at, tuple(names[i] for i in f.student_ids or () if i in names)) for f in rows]


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
    return ical.build(db, user, feed.kind, feed.student_ids)
