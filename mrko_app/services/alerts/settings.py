"""What a parent does on the alerts page: read and save the settings for a child, read the delivered
alerts, mark them seen. Every function starts with the access check."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from mrko_app.i18n import LANGUAGES
from mrko_app.models import AlertEvent, AlertRule, School, User
from mrko_app.models.base import utcnow
from mrko_app.services.access import rules as access
from mrko_app.services.alerts.delivery import _Lookup
from mrko_app.services.alerts.hooks import default_rule
from mrko_app.services.clock import to_local
from mrko_app.services.errors import ValidationError
from mrko_app.services.inbox import centre as inbox

EMAIL_MODES = ("off", "each", "digest")
MAX_DELAY = 120  # minutes
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def rule_view(rule: AlertRule) -> dict:
    """The settings as the form shows them (plain strings and booleans)."""
    mode = "off" if not rule.by_email else ("digest" if rule.digest else "each")
    return {
        "on_low_mark": bool(rule.on_low_mark),
        "low_mark_at_most": str(rule.low_mark_at_most),
        "on_low_average": bool(rule.on_low_average),
        "average_below": f"{rule.average_below:.2f}",
        "on_absence": bool(rule.on_absence),
        "on_mark_changed": bool(rule.on_mark_changed),
        "email_mode": mode,
        "digest_hour": str(rule.digest_hour),
        "quiet_start": _hhmm(rule.quiet_start) if rule.quiet_start != rule.quiet_end else "",
        "quiet_end": _hhmm(rule.quiet_end) if rule.quiet_start != rule.quiet_end else "",
        "delay_minutes": str(rule.delay_minutes),
    }


def get_rule(db: Session, user: User, student_id) -> AlertRule:
    student = access.require_child(db, user, student_id)
    rule = db.exec(select(AlertRule).where(AlertRule.parent_id == user.id, AlertRule.student_id == student.id)).first()
    return rule or default_rule(user.id, student.id)


def _flag(form: dict, name: str) -> bool:
    return str(form.get(name, "")).strip().lower() in ("on", "true", "1", "yes")


def _minutes(text) -> int | None:
    match = TIME_RE.match(str(text or "").strip())
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def save_rule(db: Session, user: User, student_id, form: dict) -> AlertRule:
    """Validate the form (all problems at once, ValidationError with catalogue keys per field) and save."""
    student = access.require_child(db, user, student_id)
    school = db.get(School, student.school_id)
    lo, hi = (school.mark_min, school.mark_max) if school else (2, 5)
    errors: dict[str, str] = {}

    def integer(name: str, low: int, high: int, key: str) -> int | None:
        try:
            value = int(str(form.get(name, "")).strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            errors[name] = key
            return None
        return value

    at_most = integer("low_mark_at_most", lo, hi - 1, "alerts.error.mark")
    delay = integer("delay_minutes", 0, MAX_DELAY, "alerts.error.delay")
    digest_hour = integer("digest_hour", 0, 23, "alerts.error.hour")
    try:
        average = float(str(form.get("average_below", "")).strip().replace(",", "."))
    except ValueError:
        average = None
    if average is None or not lo < average <= hi:
        errors["average_below"] = "alerts.error.average"
    mode = str(form.get("email_mode", "off"))
    if mode not in EMAIL_MODES:
        errors["email_mode"] = "alerts.error.email_mode"
    start_text, end_text = str(form.get("quiet_start", "")).strip(), str(form.get("quiet_end", "")).strip()
    quiet_start, quiet_end = _minutes(start_text), _minutes(end_text)
    if start_text and quiet_start is None:
        errors["quiet_start"] = "alerts.error.time"
    if end_text and quiet_end is None:
        errors["quiet_end"] = "alerts.error.time"
    if bool(start_text) != bool(end_text):
        errors["quiet_end" if start_text else "quiet_start"] = "alerts.error.quiet_both"
    if errors:
        raise ValidationError(errors, low=lo, high=hi - 1, max_delay=MAX_DELAY)
    rule = db.exec(select(AlertRule).where(AlertRule.parent_id == user.id, AlertRule.student_id == student.id)).first()
    rule = rule or default_rule(user.id, student.id)
    rule.on_low_mark = _flag(form, "on_low_mark")
    rule.low_mark_at_most = at_most
    rule.on_low_average = _flag(form, "on_low_average")
    rule.average_below = round(average, 2)
    rule.on_absence = _flag(form, "on_absence")
    rule.on_mark_changed = _flag(form, "on_mark_changed")
    rule.by_email, rule.digest = mode != "off", mode == "digest"
    rule.digest_hour = digest_hour
    rule.quiet_start, rule.quiet_end = (quiet_start, quiet_end) if start_text else (0, 0)
    rule.delay_minutes = delay
    rule.updated_at = utcnow()
    db.add(rule)
    db.flush()
    return rule


def delivered_alerts(db: Session, user: User, limit: int = 50) -> list[dict]:
    """The parent's delivered alerts (all their children), newest first, worded in every language:
    [{id, text_<lang> for each language, delivered_at (on the school's clock), kind, seen}]. Seven queries."""
    access.require_role(db, user, "parent")
    children = {s.id for _link, s in access.linked_children(db, user)}
    if not children:
        return []
    events = list(db.exec(
        select(AlertEvent).where(AlertEvent.parent_id == user.id, col(AlertEvent.student_id).in_(children),
                                 col(AlertEvent.delivered_at).is_not(None), col(AlertEvent.cancelled).is_(False))
        .order_by(col(AlertEvent.delivered_at).desc(), col(AlertEvent.id).desc()).limit(limit)
    ).all())
    look = _Lookup(db, events) if events else None
    return [
        {
            "id": e.id,
            **{f"text_{lang}": look.text(e, lang) for lang in LANGUAGES},
            "delivered_at": to_local(e.delivered_at, look.zones.get(e.student_id, "")),  # the child's school's clock
            "kind": e.kind,
            "seen": bool(e.seen),
        }
        for e in events
    ]


def unread_count(db: Session, user: User) -> int:
    access.require_role(db, user, "parent")
    return int(db.exec(
        select(func.count()).select_from(AlertEvent).where(
            AlertEvent.parent_id == user.id, col(AlertEvent.delivered_at).is_not(None),
            col(AlertEvent.cancelled).is_(False), col(AlertEvent.seen).is_(False))
    ).one())


def mark_seen(db: Session, user: User, now: dt.datetime | None = None) -> int:
    """Mark every delivered alert of the parent seen; returns how many were unread."""
    access.require_role(db, user, "parent")
    result = db.exec(
        update(AlertEvent)
        .where(col(AlertEvent.parent_id) == user.id, col(AlertEvent.delivered_at).is_not(None),
               col(AlertEvent.seen).is_(False))
        .values(seen=True, updated_at=now or utcnow())
    )
    inbox.mark_all_read(db, user, "alerts", now=now)  # seen here is read in the centre too
    return result.rowcount or 0
