"""One-time codes (6 digits, sent by SMS) and link tokens (sent by e-mail), stored hashed.

Rules:
- a code lives 10 minutes, a link token 1 hour; each is single-use;
- a code allows 5 wrong tries, then it is dead and a new one must be requested;
- a new code for the same user and purpose may be requested once per 60 seconds (else
  TooSoon: ServiceError "codes.resend_too_soon" with `seconds`); it replaces (expires) the previous ones;
- codes are hashed with bcrypt (only a million possible values), link tokens (256 bits of
  randomness) with sha256 so that they can be looked up.

Errors: a wrong code raises `ValidationError({"code": "codes.wrong"}, remaining=n)` after counting
the try, so it carries `persist = True` (the caller commits the count: see db.session_scope).
"""

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import OneTimeCode, User
from mrko_app.models.base import utcnow
from mrko_app.services.accounts.passwords import check_secret, hash_secret
from mrko_app.services.errors import ServiceError, ValidationError

CODE_TTL = timedelta(minutes=10)
LINK_TTL = timedelta(hours=1)
MAX_ATTEMPTS = 5
RESEND_INTERVAL = timedelta(seconds=60)

PHONE_CONFIRM = "phone_confirm"
PHONE_CHANGE = "phone_change"
RESET_PHONE = "reset_phone"
RESET_LINK = "reset_link"


class TooSoon(ServiceError):
    """A new code was asked for less than RESEND_INTERVAL after the previous one: `seconds` to wait."""

    def __init__(self, seconds: int):
        super().__init__("codes.resend_too_soon", seconds=seconds)
        self.seconds = seconds


def persisting(exc: ServiceError) -> ServiceError:
    """Mark an error raised after recording a failed try: the caller must commit, not roll back."""
    exc.persist = True
    return exc


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _latest(session: Session, user_id: int, purpose: str) -> OneTimeCode | None:
    query = (
        select(OneTimeCode)
        .where(OneTimeCode.user_id == user_id, OneTimeCode.purpose == purpose)
        .order_by(col(OneTimeCode.created_at).desc(), col(OneTimeCode.id).desc())
        .limit(1)
    )
    return session.exec(query).first()


def resend_wait(session: Session, user: User, purpose: str, now: datetime | None = None) -> int:
    """Seconds to wait before a new code for this purpose may be sent (0: now)."""
    now = now or utcnow()
    latest = _latest(session, user.id, purpose)
    if latest is None:
        return 0
    left = (latest.created_at + RESEND_INTERVAL - now).total_seconds()
    return max(0, math.ceil(left))


def _issue(session: Session, user: User, purpose: str, target: str, secret_hash: str, ttl, now) -> OneTimeCode:
    wait = resend_wait(session, user, purpose, now)
    if wait:
        raise TooSoon(wait)
    for old in session.exec(
        select(OneTimeCode).where(
            OneTimeCode.user_id == user.id,
            OneTimeCode.purpose == purpose,
            col(OneTimeCode.used_at).is_(None),
            OneTimeCode.expires_at > now,
        )
    ):
        old.expires_at = now
        session.add(old)
    row = OneTimeCode(
        user_id=user.id,
        purpose=purpose,
        target=target,
        code_hash=secret_hash,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(row)
    session.flush()
    return row


def issue_code(session: Session, user: User, purpose: str, target: str, now: datetime | None = None) -> str:
    """A new 6-digit code for `user` (the caller sends it to `target`). Raises TooSoon."""
    now = now or utcnow()
    code = f"{secrets.randbelow(10**6):06d}"
    _issue(session, user, purpose, target, hash_secret(code), CODE_TTL, now)
    return code


def issue_link_token(session: Session, user: User, purpose: str, target: str, now: datetime | None = None) -> str:
    """A new single-use URL token for `user`. Raises TooSoon."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    _issue(session, user, purpose, target, token_hash(token), LINK_TTL, now)
    return token


def verify_code(session: Session, user: User, purpose: str, code: str, now: datetime | None = None) -> OneTimeCode:
    """Check the latest code of `user` for `purpose`; on success mark it used and return it."""
    now = now or utcnow()
    code = (code or "").strip().replace(" ", "")
    if not code:
        raise ValidationError({"code": "error.required"})
    row = _latest(session, user.id, purpose)
    if row is None or row.used_at is not None:
        raise ValidationError({"code": "codes.expired"})
    if row.attempts >= MAX_ATTEMPTS:
        raise ValidationError({"code": "codes.too_many_tries"})
    if row.expires_at <= now:
        raise ValidationError({"code": "codes.expired"})
    if not (code.isdigit() and len(code) == 6 and check_secret(code, row.code_hash)):
        row.attempts += 1
        session.add(row)
        session.flush()
        remaining = MAX_ATTEMPTS - row.attempts
        key = "codes.wrong" if remaining else "codes.too_many_tries"
        raise persisting(ValidationError({"code": key}, remaining=remaining))
    row.used_at = now
    session.add(row)
    session.flush()
    return row


def find_link(session: Session, purpose: str, token: str, now: datetime | None = None) -> OneTimeCode | None:
    """The unused, unexpired link row for `token`, or None."""
    now = now or utcnow()
    if not token:
        return None
    row = session.exec(
        select(OneTimeCode).where(OneTimeCode.purpose == purpose, OneTimeCode.code_hash == token_hash(token))
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def use_link(session: Session, purpose: str, token: str, now: datetime | None = None) -> OneTimeCode:
    """Consume a link token; raises ServiceError("recovery.link_invalid") when unknown, used or expired."""
    now = now or utcnow()
    row = find_link(session, purpose, token, now)
    if row is None:
        raise ServiceError("recovery.link_invalid")
    row.used_at = now
    session.add(row)
    session.flush()
    return row
