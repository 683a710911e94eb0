"""The durable e-mail queue: one `MailQueueItem` row per message, drained by a background task
(services/notify/mail_runner.py) with retries and exponential backoff.

Why a table: the action that sends a message (a registration, a password reset, the alert digest) only
writes a row inside its own transaction, so a slow or failing SMTP server never blocks or breaks it, a
message is queued exactly when the action commits, and nothing is lost while the server is down or the
app restarts: the row waits until a drain round delivers it.

A round `claim`s the due rows in a short transaction, pushing their `next_attempt_at` forward by LEASE
(on PostgreSQL with SKIP LOCKED, so several workers never take the same row), talks to the server with no
transaction open, then records each outcome (`mark_sent` / `mark_failed`). A worker that dies mid-round
leaves its rows to be retried once the lease ends: a message may, rarely, arrive twice, never zero times.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import MailQueueItem, OutboxMessage
from mrko_app.models.base import utcnow

LEASE = timedelta(minutes=5)
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)
BATCH = 50
ERROR_MAX = 500


@dataclass(frozen=True)
class Claimed:
    """What a drain round needs of a row, read inside the claim's transaction."""

    id: int
    recipient: str
    subject: str
    body: str
    attempts: int
    created_at: datetime
    message_id: str


def enqueue(session: Session, message: OutboxMessage, subject: str, body: str) -> MailQueueItem:
    """Queue an (already flushed) outbox e-mail for delivery. The text is passed on its own, not read
    from the outbox copy, which may hold a redacted version (codes and links are not kept there)."""
    item = MailQueueItem(outbox_id=message.id, recipient=message.recipient, subject=subject[:200],
                         body=body, created_at=message.created_at, next_attempt_at=message.created_at)
    session.add(item)
    session.flush()
    return item


def backoff(attempts: int) -> timedelta:
    """The wait after the n-th failed try: 30 s, 1 min, 2 min, ... at most an hour."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_MAX)


def claim(session: Session, now: datetime | None = None, limit: int = BATCH) -> list[Claimed]:
    """Take the due rows for one round (their lease starts now)."""
    now = now or utcnow()
    query = (
        select(MailQueueItem)
        .where(col(MailQueueItem.sent_at).is_(None), MailQueueItem.next_attempt_at <= now)
        .order_by(col(MailQueueItem.next_attempt_at), col(MailQueueItem.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for item in session.exec(query).all():
        item.next_attempt_at = now + LEASE
        session.add(item)
        claimed.append(Claimed(item.id, item.recipient, item.subject, item.body, item.attempts, item.created_at,
                               f"<mrko-{item.id}-{item.created_at:%Y%m%d%H%M%S}@mrko.diary>"))
    session.flush()
    return claimed


def _outbox_row(session: Session, item: MailQueueItem) -> OutboxMessage | None:
    return session.get(OutboxMessage, item.outbox_id) if item.outbox_id is not None else None


def mark_sent(session: Session, item_id: int, now: datetime | None = None) -> None:
    """The server accepted the message: done; the queued copy of the text is dropped."""
    item = session.get(MailQueueItem, item_id)
    if item is None:
        return
    item.sent_at, item.body, item.last_error = now or utcnow(), "", ""
    item.attempts += 1
    session.add(item)
    message = _outbox_row(session, item)
    if message is not None:
        message.delivered, message.error = True, ""
        session.add(message)
    session.flush()


def mark_failed(session: Session, item_id: int, error: str, now: datetime | None = None) -> None:
    """The try failed: wait `backoff(attempts)` before the next one (the row is never dropped)."""
    now = now or utcnow()
    item = session.get(MailQueueItem, item_id)
    if item is None or item.sent_at is not None:
        return
    item.attempts += 1
    item.last_error = error[:ERROR_MAX]
    item.next_attempt_at = now + backoff(item.attempts)
    session.add(item)
    message = _outbox_row(session, item)
    if message is not None:
        message.error = item.last_error
        session.add(message)
    session.flush()


def pending(session: Session) -> list[MailQueueItem]:
    """The rows not delivered yet, oldest first."""
    query = select(MailQueueItem).where(col(MailQueueItem.sent_at).is_(None)).order_by(col(MailQueueItem.id))
    return list(session.exec(query))
