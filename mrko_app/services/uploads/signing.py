"""Short-lived signed addresses for private files: `/media/<token>` where the token binds what is served
(a purpose such as "news" and the record's id), whom it was handed to (the reader's user id) and until
when, under an HMAC-SHA256 with a key derived from the server secret (config.secret_key). A service
signs only after it checked that the reader may see the record; the endpoint answers 404 to a token
that is malformed, forged, for another purpose or expired, exactly as to an unknown address."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from mrko_app import config

TTL = timedelta(hours=1)
PREFIX = "/media/"
_TOKEN = re.compile(r"^[a-z]{1,12}\.[0-9]{1,19}\.[0-9]{1,19}\.[0-9]{1,12}\.[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class Grant:
    purpose: str
    object_id: int
    user_id: int
    expires: int  # Unix seconds


def _key() -> bytes:
    return hmac.new(config.secret_key(), b"mrko media urls v1", hashlib.sha256).digest()


def _mac(body: str) -> str:
    digest = hmac.new(_key(), body.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _epoch(moment: datetime | None) -> int:
    moment = moment or datetime.now(timezone.utc).replace(tzinfo=None)
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


def token(purpose: str, object_id: int, user_id: int, *, now: datetime | None = None, ttl: timedelta = TTL) -> str:
    # the expiry is rounded up to the next ttl/4, so a page re-rendered a moment later keeps the same
    # address and the browser's cache still holds the picture
    step = max(1, int(ttl.total_seconds() // 4))
    expires = (_epoch(now) + int(ttl.total_seconds()) + step - 1) // step * step
    body = f"{purpose}.{int(object_id)}.{int(user_id)}.{expires}"
    return f"{body}.{_mac(body)}"


def url(purpose: str, object_id: int, user_id: int, *, now: datetime | None = None, ttl: timedelta = TTL) -> str:
    return PREFIX + token(purpose, object_id, user_id, now=now, ttl=ttl)


def verify(value: str, *, now: datetime | None = None) -> Grant | None:
    """The grant a genuine, unexpired token carries; None for anything else."""
    if not isinstance(value, str) or not _TOKEN.match(value):
        return None
    body, _, mac = value.rpartition(".")
    if not hmac.compare_digest(mac, _mac(body)):
        return None
    purpose, object_id, user_id, expires = body.split(".")
    if int(expires) <= _epoch(now):
        return None
    return Grant(purpose, int(object_id), int(user_id), int(expires))
