"""A person's choices: per kind in the app only, e-mail now or e-mail in the daily digest; the e-mail
quiet hours and the digest's hour (on the clock of the person's school, clock.person_zones). No saved row: the defaults of models/inbox.py."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, col, select

from mrko_app.models import NotificationPreference, NotificationSettings, User
from mrko_app.models.base import utcnow
from mrko_app.models.inbox import DEFAULT_MODES, DELIVERY_MODES, NOTIFICATION_KINDS
from mrko_app.services.access import rules as access
from mrko_app.services.clock import to_local, to_utc
from mrko_app.services.errors import ValidationError

KINDS = NOTIFICATION_KINDS
MODES = DELIVERY_MODES
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def modes_of(db: Session, user_ids) -> dict[int, dict[str, str]]:
    """user id -> kind -> mode, defaults filled in. One query for any number of people."""
    ids = sorted({int(u) for u in user_ids})
    out = {uid: dict(DEFAULT_MODES) for uid in ids}
    if ids:
        for row in db.exec(select(NotificationPreference).where(col(NotificationPreference.user_id).in_(ids))):
            if row.kind in DEFAULT_MODES and row.mode in MODES:
                out[row.user_id][row.kind] = row.mode
    return out


def settings_of(db: Session, user_ids) -> dict[int, NotificationSettings]:
    """user id -> quiet hours and digest hour (an unsaved default row for those who never chose)."""
    ids = sorted({int(u) for u in user_ids})
    saved = {s.user_id: s for s in db.exec(select(NotificationSettings)
                                           .where(col(NotificationSettings.user_id).in_(ids or [-1])))}
    return {uid: saved.get(uid) or NotificationSettings(user_id=uid) for uid in ids}


def in_quiet_hours(settings: NotificationSettings, local: dt.datetime) -> bool:
    start, end = settings.quiet_start, settings.quiet_end
    if start == end:
        return False
    minute = local.hour * 60 + local.minute
    return start <= minute < end if start < end else (minute >= start or minute < end)


def quiet_end_after(settings: NotificationSettings, moment: dt.datetime, zone: str = "") -> dt.datetime:
    """`moment` (naive UTC) when outside the quiet hours (on the clock of `zone`, clock.person_zones'), else when
    they end (naive UTC)."""
    local = to_local(moment, zone)
    if not in_quiet_hours(settings, local):
        return moment
    end = dt.datetime.combine(local.date(), dt.time(settings.quiet_end // 60, settings.quiet_end % 60))
    if end <= local:
        end += dt.timedelta(days=1)
    return to_utc(end, zone)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def view(db: Session, user: User | None) -> dict:
    """What the settings form shows: {"modes": {kind: mode}, "quiet_start", "quiet_end", "digest_hour"}."""
    access.require_user(user)
    modes = modes_of(db, [user.id])[user.id]
    settings = settings_of(db, [user.id])[user.id]
    quiet = settings.quiet_start != settings.quiet_end
    return {"modes": modes, "quiet_start": _hhmm(settings.quiet_start) if quiet else "",
            "quiet_end": _hhmm(settings.quiet_end) if quiet else "", "digest_hour": str(settings.digest_hour)}


def set_mode(db: Session, user: User | None, kind, mode) -> str:
    """One kind's choice (the page sends one control at a time)."""
    access.require_user(user)
    if kind not in KINDS:
        raise ValidationError({"kind": "inbox.error.kind"})
    if mode not in MODES:
        raise ValidationError({kind: "inbox.error.mode"})
    row = db.exec(select(NotificationPreference).where(NotificationPreference.user_id == user.id,
                                                       NotificationPreference.kind == kind)).first()
    row = row or NotificationPreference(user_id=user.id, kind=kind, mode=mode)
    row.mode, row.updated_at = mode, utcnow()
    db.add(row)
    db.flush()
    return mode


def _minutes(text) -> int | None:
    match = TIME_RE.match(str(text or "").strip()[:10])
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def save_settings(db: Session, user: User | None, form) -> NotificationSettings:
    """Quiet hours ("" and "": none) and the digest's hour; every problem at once."""
    access.require_user(user)
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    start_text = str(form.get("quiet_start") or "").strip()[:10]
    end_text = str(form.get("quiet_end") or "").strip()[:10]
    start, end = _minutes(start_text), _minutes(end_text)
    if start_text and start is None:
        errors["quiet_start"] = "alerts.error.time"
    if end_text and end is None:
        errors["quiet_end"] = "alerts.error.time"
    if bool(start_text) != bool(end_text):
        errors["quiet_end" if start_text else "quiet_start"] = "alerts.error.quiet_both"
    hour_text = str(form.get("digest_hour") or "").strip()[:3]
    hour = int(hour_text) if hour_text.isdigit() else -1
    if not 0 <= hour <= 23:
        errors["digest_hour"] = "alerts.error.hour"
    if not errors and start_text and start != end:
        probe = NotificationSettings(quiet_start=start, quiet_end=end)
        if in_quiet_hours(probe, dt.datetime.combine(dt.date.today(), dt.time(hour))):
            errors["digest_hour"] = "inbox.error.digest_quiet"  # else the digest would never go
    if errors:
        raise ValidationError(errors)
    row = db.exec(select(NotificationSettings).where(NotificationSettings.user_id == user.id)).first()
    row = row or NotificationSettings(user_id=user.id)
    row.quiet_start, row.quiet_end = (start, end) if start_text else (0, 0)
    row.digest_hour, row.updated_at = hour, utcnow()
    db.add(row)
    db.flush()
    return row
