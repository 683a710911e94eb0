"""Rate limits on the actions anyone may take without signing in that send something: registration
codes, resent codes, password-reset links, reset codes after a right security answer, login reminders.

Two counters per request, each over a fixed window of one hour (`Throttle` rows):
- the client address ("send-ip:<addr>"): MRKO_SEND_MAX_PER_ADDRESS requests (default 30: a school or
  a mobile operator puts many parents behind one address);
- the target, the phone number or e-mail address the message would go to, whichever action sends
  it ("send-to:<sha256 of it>", so that the table keeps no addresses): MRKO_SEND_MAX_PER_TARGET
  (default 5). It is counted whether or not an account has that target, so the answer tells nothing.
A request over a limit raises Locked ("limits.address" / "limits.target", until=the end of the
window) and is not counted. No address (None / "") means no address limit, as in lockout.py.
The browser tests, all from 127.0.0.1, raise both limits (tests/e2e/conftest.py).

Writing to the forum (questions, answers, comments) is limited per account in services/forum/rules.py
and, here, per client address too ("post-ip:<addr>", MRKO_POST_MAX_PER_ADDRESS a hour, default 60:
generous, since a school's network or a mobile operator puts many people behind one address).
"""

import hashlib
import os
from datetime import datetime, timedelta

from sqlmodel import Session, select

from mrko_app.models import Throttle
from mrko_app.services.errors import Locked

WINDOW = timedelta(hours=1)
DEFAULT_PER_ADDRESS = 30
DEFAULT_PER_TARGET = 5
DEFAULT_POSTS_PER_ADDRESS = 60


def per_address() -> int:
    return int(os.environ.get("MRKO_SEND_MAX_PER_ADDRESS", DEFAULT_PER_ADDRESS))


def per_target() -> int:
    return int(os.environ.get("MRKO_SEND_MAX_PER_TARGET", DEFAULT_PER_TARGET))


def posts_per_address() -> int:
    return int(os.environ.get("MRKO_POST_MAX_PER_ADDRESS", DEFAULT_POSTS_PER_ADDRESS))


def _target_key(target: str) -> str:
    return "send-to:" + hashlib.sha256(target.strip().lower().encode("utf-8")).hexdigest()[:40]


def _row(session: Session, key: str, now: datetime) -> Throttle:
    """The counter for `key` in its current window (`updated_at` is when the window started)."""
    row = session.exec(select(Throttle).where(Throttle.key == key)).first()
    if row is None:
        row = Throttle(key=key, failures=0, updated_at=now)
    elif row.updated_at <= now - WINDOW:
        row.failures, row.updated_at = 0, now
    return row


def count_send(session: Session, client_ip: str | None, targets: tuple[str | None, ...], now: datetime) -> None:
    """Count one sending request from `client_ip` to each of `targets` (None/"" skipped);
    raise Locked when one of them is at its limit (then nothing is counted)."""
    checks = [(f"send-ip:{client_ip}"[:120], per_address(), "limits.address")] if client_ip else []
    checks += [(_target_key(t), per_target(), "limits.target") for t in dict.fromkeys(targets) if t]
    rows = []
    for key, limit, message in checks:
        row = _row(session, key, now)
        if row.failures >= limit:
            raise Locked(message, until=row.updated_at + WINDOW)
        rows.append(row)
    for row in rows:
        row.failures += 1
        session.add(row)
    session.flush()


def count_post(session: Session, client_ip: str | None, now: datetime) -> None:
    """Count one forum post from `client_ip`; raise Locked (nothing counted) when the address is at
    its limit for the hour. No address, no limit."""
    if not client_ip:
        return
    row = _row(session, f"post-ip:{client_ip}"[:120], now)
    if row.failures >= posts_per_address():
        raise Locked("limits.address", until=row.updated_at + WINDOW)
    row.failures += 1
    session.add(row)
    session.flush()
