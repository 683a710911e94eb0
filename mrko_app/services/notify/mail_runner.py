"""The task that drains the e-mail queue (services/notify/mail_queue.py): registered as a Reflex lifespan task
in mrko_app/mrko_app.py next to the alerts task, so every backend worker runs a round every
MRKO_MAIL_INTERVAL seconds (default 5). The SMTP conversation runs in a thread with no transaction open."""

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from mrko_app import config
from mrko_app import db as database
from mrko_app.models.base import utcnow
from mrko_app.services.notify import mail_queue
from mrko_app.services.notify import messages as notifications

logger = logging.getLogger(__name__)


def drain_once(scope: Callable[[], AbstractContextManager] | None = None, now: datetime | None = None) -> dict:
    """One round: claim the due e-mails, try each, record the outcomes. `scope` opens a transaction
    (db.session_scope by default). Returns {"sent": n, "failed": n}."""
    scope = scope or database.session_scope
    transport = notifications.transport("email")
    if transport is None or not transport.configured():
        return {"sent": 0, "failed": 0}
    with scope() as db:
        claimed = mail_queue.claim(db, now)
    counts = {"sent": 0, "failed": 0}
    for item in claimed:
        try:
            transport.deliver(item.recipient, item.subject, item.body, created_at=item.created_at,
                              message_id=item.message_id)
        except Exception as exc:  # any failure is retried later, never raised
            error = f"{exc.__class__.__name__}: {exc}"
            logger.warning("e-mail #%s to %s failed (try %s): %s", item.id, item.recipient, item.attempts + 1, error)
            with scope() as db:
                mail_queue.mark_failed(db, item.id, error, now)
            counts["failed"] += 1
        else:
            with scope() as db:
                mail_queue.mark_sent(db, item.id, now or utcnow())
            counts["sent"] += 1
    return counts


async def drain_mail_periodically() -> None:
    """Run drain_once every config.mail_interval() seconds until the app stops."""
    while True:
        try:
            counts = await asyncio.to_thread(drain_once)
            if any(counts.values()):
                logger.info("mail queue: %s", counts)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bad round (the database away) must not stop the next ones
            logger.exception("draining the mail queue failed")
        await asyncio.sleep(config.mail_interval())
