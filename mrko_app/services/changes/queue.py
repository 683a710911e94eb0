"""Changes wait on the SQLAlchemy session until its transaction commits; a rollback drops them.

So a page is never told about something that was not saved, and a change is told once per commit
(duplicates within one transaction are merged). Hooked on every Session (the class-level events)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from mrko_app.services.changes import bus, memo
from mrko_app.services.changes.topics import Change

_KEY = "mrko_changes"


def announce(db: Session, *changes: Change) -> None:
    """Queue changes on the session; they are published after its commit, dropped on its rollback."""
    if not db.in_transaction():
        db.begin()  # so that a rollback before any statement still drops them
    pending = db.info.setdefault(_KEY, {})
    for change in changes:
        pending[change] = None  # a dict keeps the order and merges duplicates


def pending(db: Session) -> list[Change]:
    return list(db.info.get(_KEY, {}))


@event.listens_for(Session, "after_commit")
def _publish_committed(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released (SQLAlchemy calls this for it too): the real commit is still to come
    batch = session.info.pop(_KEY, None)
    if batch:
        memo.changed(list(batch))  # this process's memos first: a read right after the commit is fresh
        bus.publish(list(batch))


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction) -> None:
    # every rollback() of the session, begun or not; a savepoint's own rollback keeps the outer changes
    if not previous_transaction.nested:
        session.info.pop(_KEY, None)
