"""Sign-in sessions: a random token for the browser, only its sha256 in `AuthSession`.

Lifetimes:
- "remember me": 30 days from sign-in, fixed (not extended).
- otherwise: 12 hours, sliding: a resolve extends the expiry to now + 12 h, but never beyond
  7 days after sign-in (then the user signs in again).
`last_seen` (and with it the sliding expiry) is written at most once a minute, so resolving a
session on every event costs one indexed read and rarely a write; and a worker that hears the change
channel remembers a resolved session for up to half a minute (services/changes/memo.py), until it ends
(sign-out, every session ended): then no statement at all.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, col, select

from mrko_app.models import AuthSession, User
from mrko_app.models.base import utcnow
from mrko_app.services import changes

REMEMBER_TTL = timedelta(days=30)
SESSION_TTL = timedelta(hours=12)
SESSION_MAX_AGE = timedelta(days=7)
TOUCH_INTERVAL = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(session: Session, user: User, remember: bool = False, now: datetime | None = None) -> str:
    """A new session for `user`; returns the token to keep in the browser (never stored as such)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = AuthSession(
        user_id=user.id,
        token_hash=_hash(token),
        remember=remember,
        created_at=now,
        last_seen=now,
        expires_at=now + (REMEMBER_TTL if remember else SESSION_TTL),
    )
    session.add(row)
    session.flush()
    return token


def _find(session: Session, token: str | None) -> AuthSession | None:
    if not token:
        return None
    return session.exec(select(AuthSession).where(AuthSession.token_hash == _hash(token))).first()


_RESOLVE = select(AuthSession, User).join(User, col(User.id) == AuthSession.user_id) \
    .where(AuthSession.token_hash == bindparam("token_hash"))


# token hash -> (the user's columns, expires_at, last_seen): dropped when a session of the user ends
_SESSIONS = changes.Memo("sessions", {"session"}, ttl=30.0, size=50_000)


def resolve_session(session: Session, token: str | None, now: datetime | None = None, *,
                    attach: bool = True) -> User | None:
    """The signed-in user for `token`, or None (unknown, expired, revoked, or inactive user). `attach=False`
    for a read that changes nothing of the user (a diary view): the worker's remembered copy itself, not
    merged into `session` (the merge was a tenth of a remembered diary event); never change it."""
    now = now or utcnow()
    if not token:
        return None
    token_hash = _hash(token)
    since = _SESSIONS.start()
    kept = _SESSIONS.get(token_hash)
    if kept is not None and kept[1] > now and now - kept[2] < TOUCH_INTERVAL:
        return _attached(session, kept[0]) if attach else kept[0]
    # the session and its user in one statement, built once: it runs on every event
    found = session.exec(_RESOLVE, params={"token_hash": token_hash}).first()
    if found is None:
        return None
    row, user = found
    if row.revoked or row.expires_at <= now or not user.is_active:
        return None
    if now - row.last_seen >= TOUCH_INTERVAL:
        row.last_seen = now
        if not row.remember:
            row.expires_at = max(row.expires_at, min(now + SESSION_TTL, row.created_at + SESSION_MAX_AGE))
        session.add(row)
        session.flush()
    _SESSIONS.put(token_hash, (_detached_copy(user), row.expires_at, row.last_seen),
                  [changes.topic("user", user.id)], since=since)
    return user


@event.listens_for(OrmSession, "before_flush")
def _forget_changed_users(session: OrmSession, _context, _instances) -> None:
    """A user's row changed (a name, the language, a password) or went: the remembered copies of it go,
    in every worker, once the change is committed (whatever service changed it)."""
    for obj in session.dirty:
        if isinstance(obj, User) and obj.id is not None and session.is_modified(obj, include_collections=False):
            changes.announce(session, changes.of_user(obj.id, "session"))
    for obj in session.deleted:  # an account or a session removed outright
        if isinstance(obj, User | AuthSession):
            changes.announce(session, changes.of_user(obj.id if isinstance(obj, User) else obj.user_id, "session"))


def _detached_copy(user: User) -> User:
    """A copy of the user's row belonging to no session, to remember: never changed, only merged."""
    copy = User(**user.model_dump())
    make_transient_to_detached(copy)
    return copy


def _attached(session: Session, kept: User) -> User:
    """The remembered user as a row of this session, without a statement (SQLAlchemy's merge without
    load, the way to put a cached row back; the kept copy is only read): a service may read it, or
    change it and flush."""
    return session.merge(kept, load=False)


def end_session(session: Session, token: str | None) -> None:
    """Sign out: revoke the session of `token` (unknown tokens are ignored)."""
    row = _find(session, token)
    if row is not None and not row.revoked:
        row.revoked = True
        session.add(row)
        session.flush()
        changes.announce(session, changes.of_user(row.user_id, "session"))  # every worker forgets it


def end_all_sessions(session: Session, user: User, keep_token: str | None = None) -> int:
    """Revoke every session of `user` except the one of `keep_token`; returns how many ended."""
    keep = _hash(keep_token) if keep_token else None
    rows = session.exec(
        select(AuthSession).where(AuthSession.user_id == user.id, col(AuthSession.revoked).is_(False))
    ).all()
    ended = 0
    for row in rows:
        if row.token_hash != keep:
            row.revoked = True
            session.add(row)
            ended += 1
    session.flush()
    if ended:
        changes.announce(session, changes.of_user(user.id, "session"))
    return ended
