"""Lockouts after failed sign-ins (and wrong security answers).

- A user: 5 failed tries in a row lock the account for 15 minutes (User.failed_logins,
  User.locked_until); a success resets the count, and so does the end of a lock.
- A client address ("ip:<addr>" in `Throttle`): 20 failures, each less than 15 minutes after the
  previous one, lock the address for 15 minutes. The limit is higher than the user's because a school
  or a mobile operator puts many parents behind one address; it stops password spraying across
  accounts, not a single guesser. A success does not reset it (else one valid account would let a
  guesser go on for ever). No address (None / "") means no address throttle.

- An unknown login, e-mail or phone ("who:<sha256>" in `Throttle`) is locked exactly like a user,
  so that "the account is locked" after five tries does not tell that an account exists.

Errors returned by `record_failure` carry `persist = True`: the caller commits the counts
(db.session_scope does) instead of rolling them back with the failed request.
"""

import hashlib
import os
from datetime import datetime, timedelta

from sqlmodel import Session, select

from mrko_app.models import Throttle, User
from mrko_app.services.accounts.identity import canonical_identifier
from mrko_app.services.accounts.passwords import check_secret, hash_secret
from mrko_app.services.accounts.verification_codes import persisting
from mrko_app.services.errors import Locked, ServiceError

USER_MAX_FAILURES = 5
USER_LOCK = timedelta(minutes=15)
# per deployment: MRKO_ADDRESS_MAX_FAILURES (the browser tests, all from 127.0.0.1, raise it)
ADDRESS_MAX_FAILURES = int(os.environ.get("MRKO_ADDRESS_MAX_FAILURES", "20"))
ADDRESS_WINDOW = timedelta(minutes=15)
ADDRESS_LOCK = timedelta(minutes=15)

_dummy_hash: str | None = None


def dummy_check(secret: str) -> None:
    """Spend the time of a real bcrypt check when there is nothing to check against."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_secret("no-such-user-1")
    check_secret(secret or "", _dummy_hash)


def _address_row(session: Session, client_ip: str | None) -> Throttle | None:
    if not client_ip:
        return None
    return session.exec(select(Throttle).where(Throttle.key == f"ip:{client_ip}"[:120])).first()


def check_address(session: Session, client_ip: str | None, now: datetime) -> None:
    row = _address_row(session, client_ip)
    if row is not None and row.locked_until and row.locked_until > now:
        raise Locked("accounts.address_locked", until=row.locked_until)


def _unknown_row(session: Session, identifier: str | None) -> Throttle | None:
    found = canonical_identifier(identifier)
    if found is None:
        return None
    key = "who:" + hashlib.sha256(":".join(found).encode("utf-8")).hexdigest()[:40]
    return session.exec(select(Throttle).where(Throttle.key == key)).first() or Throttle(key=key, failures=0)


def check_unknown_lock(session: Session, identifier: str | None, now: datetime) -> None:
    """check_user_lock for an identifier that names no account."""
    row = _unknown_row(session, identifier)
    if row is not None and row.locked_until and row.locked_until > now:
        raise Locked("accounts.locked", until=row.locked_until)


def check_user_lock(session: Session, user: User, now: datetime) -> None:
    """Raise Locked while the user is locked; forget an ended lock and its failures."""
    if user.locked_until is None:
        return
    if user.locked_until > now:
        raise Locked("accounts.locked", until=user.locked_until)
    user.locked_until = None
    user.failed_logins = 0
    session.add(user)


def record_failure(session: Session, user: User | None, client_ip: str | None, now: datetime,
                   error: ServiceError, identifier: str | None = None) -> ServiceError:
    """Count a failed try for the user (or, with no user, the unknown `identifier`) and the address;
    return the error to raise (a Locked one when this try started a lock), marked persist."""
    result = error
    unknown = _unknown_row(session, identifier) if user is None else None
    if unknown is not None:
        if unknown.locked_until and unknown.locked_until <= now:
            unknown.failures, unknown.locked_until = 0, None
        unknown.failures += 1
        unknown.updated_at = now
        if unknown.failures >= USER_MAX_FAILURES:
            unknown.locked_until = now + USER_LOCK
            result = Locked("accounts.locked", until=unknown.locked_until)
        session.add(unknown)
    row = _address_row(session, client_ip) if client_ip else None
    if client_ip:
        if row is None:
            row = Throttle(key=f"ip:{client_ip}"[:120], updated_at=now)
        if (row.locked_until and row.locked_until <= now) or row.updated_at < now - ADDRESS_WINDOW:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.updated_at = now
        if row.failures >= ADDRESS_MAX_FAILURES:
            row.locked_until = now + ADDRESS_LOCK
            result = Locked("accounts.address_locked", until=row.locked_until)
        session.add(row)
    if user is not None:
        user.failed_logins += 1
        if user.failed_logins >= USER_MAX_FAILURES:
            user.locked_until = now + USER_LOCK
            result = Locked("accounts.locked", until=user.locked_until)
        session.add(user)
    session.flush()
    return persisting(result)
