"""The periodic task that delivers due alerts: registered as a Reflex lifespan task in mrko_app/mrko_app.py
(`app.register_lifespan_task(alerts_runner.deliver_alerts_periodically)`), so every backend worker runs it
every MRKO_ALERTS_INTERVAL seconds (default 60). Several workers are safe: on PostgreSQL the due rows are
locked with SKIP LOCKED, so each alert is delivered by one worker only."""

import asyncio
import logging
import os

from mrko_app import db as database
from mrko_app.services.alerts import delivery as alerts_delivery
from mrko_app.services.inbox import delivery as inbox_delivery

logger = logging.getLogger(__name__)


def interval() -> float:
    try:
        return max(float(os.environ.get("MRKO_ALERTS_INTERVAL", "60")), 1.0)
    except ValueError:
        return 60.0


def deliver_once() -> dict:
    """One delivery round: the alerts in one transaction, then the notification centre's held e-mails
    and daily digests (services/inbox/delivery.py) in another, so a failure of one spares the other."""
    with database.session_scope() as db:
        counts = alerts_delivery.deliver_due(db)
    with database.session_scope() as db:
        counts.update({f"centre_{k}": v for k, v in inbox_delivery.deliver_due(db).items()})
    return counts


async def deliver_alerts_periodically() -> None:
    """Run deliver_once every interval() seconds until the app stops (in a thread: the database calls are
    blocking and must not hold up the event loop)."""
    while True:
        try:
            counts = await asyncio.to_thread(deliver_once)
            if any(counts.values()):
                logger.info("alerts delivered: %s", counts)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bad round must not stop the next ones
            logger.exception("delivering alerts failed")
        await asyncio.sleep(interval())
