"""The audit log: every administrative change, who made it, when, and its before -> after.

Services of this package call `record` in the same transaction as the change, so a change and its
entry are written together or not at all. Staff read their own school's log (`search`).
"""

from datetime import date, datetime

from sqlalchemy import String, cast
from sqlmodel import Session, col, or_, select

from mrko_app.models import AuditEntry, User
from mrko_app.models.base import utcnow
from mrko_app.services.school_admin.scope import school_for_staff

SEARCH_MAX = 100  # characters of a search
PAGE = 200  # entries a search shows


def _plain(value):
    """A JSON-safe copy (dates as ISO text)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose value differs, on both sides."""
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys if k in before}, {k: after.get(k) for k in keys if k in after}


def record(db: Session, actor: User | None, school_id: int | None, action: str, target: str = "",
           before: dict | None = None, after: dict | None = None, now: datetime | None = None) -> AuditEntry:
    entry = AuditEntry(school_id=school_id, actor_id=actor.id if actor else None, action=action,
                       target=target[:200], before=_plain(before or {}), after=_plain(after or {}),
                       at=now or utcnow())
    db.add(entry)
    db.flush()
    return entry


def search(db: Session, user: User | None, school_id, text: str = "") -> list[tuple[AuditEntry, User | None]]:
    """The school's entries, newest first, whose action, target, actor or before/after mention `text`."""
    school = school_for_staff(db, user, school_id)
    query = (select(AuditEntry, User).join(User, User.id == AuditEntry.actor_id, isouter=True)
             .where(AuditEntry.school_id == school.id))
    words = (text or "").strip()[:SEARCH_MAX]
    if words:
        like = f"%{words}%"
        query = query.where(or_(col(AuditEntry.action).ilike(like), col(AuditEntry.target).ilike(like),
                                col(User.surname).ilike(like), col(User.login).ilike(like),
                                cast(AuditEntry.before, String).ilike(like),
                                cast(AuditEntry.after, String).ilike(like)))
    query = query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(PAGE)
    return list(db.exec(query).all())
