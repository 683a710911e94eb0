"""Announcing changes to whoever has them open: the one push mechanism of the app.

A service that changes something people may be looking at announces it on its session:

    changes.announce(db, changes.of_child(student.id, "marks"), changes.of_class(class_id, "marks"))

The records wait on the session and are published only after its commit (dropped on a rollback), through
`bus` (Redis pub/sub with REFLEX_REDIS_URL, else PostgreSQL NOTIFY, else in-process) to every backend worker. There
`state/push.py` refreshes the open tabs that follow those topics. Vocabulary: `topics.py`.
"""

from mrko_app.services.changes.bus import listen, publish, transport
from mrko_app.services.changes.lookups import child_topics, child_view_topics
from mrko_app.services.changes.memo import NOT_REMEMBERED, Memo
from mrko_app.services.changes.queue import announce, pending
from mrko_app.services.changes.topics import (
    KINDS,
    SCOPES,
    Change,
    Topic,
    of_child,
    of_class,
    of_school,
    of_user,
    topic,
)

__all__ = [
    "KINDS", "NOT_REMEMBERED", "SCOPES", "Change", "Memo", "Topic", "announce", "child_topics", "child_view_topics", "listen",
    "of_child", "of_class", "of_school", "of_user", "pending", "publish", "topic", "transport",
]
