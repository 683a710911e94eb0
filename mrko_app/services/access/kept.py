"""What a worker remembers of a parent's link to a child (the access check's row), until it changes.

A parent's every diary, final-marks and statistics event runs the access check; in a busy worker its
statement was the costliest part of a remembered page. The row it reads (the link's end date, the
student's status, the keys of their class and school) is kept here under (parent, student, statement)
and the rule (rules._is_active) is applied to it again on every event: a link that ends tonight ends
tonight. Only rows that passed are kept, so a refused caller always meets the database.

Dropped, in every worker as soon as it is committed, by any change of the rows the check reads: a link
(ended, moved, removed), a student (status, class), a user's roles (changed, removed). A before_flush
listener announces them whatever service wrote them (all such writes go through the ORM: there is no
bulk UPDATE of these tables); an open diary re-reads on it and is refused (state/diary.py). What no write announces (a school's time zone, a class moved to another year) shows within
the memo's half-minute, as a session does (accounts/sessions.py).
"""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from mrko_app.models import ParentChildLink, Student, UserRole
from mrko_app.services import changes

# (parent_id, student_id, id(statement)) -> the check's row (end_date, status, *columns)
ROWS = changes.Memo("access", {"access"}, ttl=30.0, size=50_000)


def topics(parent_id: int, student_id: int) -> list:
    return [changes.topic("user", parent_id), changes.topic("child", student_id)]


def _ids(obj, name: str) -> set[int]:
    """The attribute's value now and before this flush (a link moved to another parent drops both)."""
    history = inspect(obj).attrs[name].history
    return {v for v in (getattr(obj, name), *history.deleted) if v is not None}


@event.listens_for(OrmSession, "before_flush")
def _announce_access_changes(session: OrmSession, _context, _instances) -> None:
    found = []  # a new link or role only grants: nothing kept can be wrong for it
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in (*changed, *session.deleted):
        if isinstance(obj, ParentChildLink):
            found += [changes.of_user(p, "access") for p in _ids(obj, "parent_id")]
            found += [changes.of_child(s, "access") for s in _ids(obj, "student_id")]
        elif isinstance(obj, Student) and obj.id is not None:
            found.append(changes.of_child(obj.id, "access"))
        elif isinstance(obj, UserRole):
            found += [changes.of_user(u, "access") for u in _ids(obj, "user_id")]
    if found:
        changes.announce(session, *found)
