"""The periodic task that sends the day-before meeting reminders, registered as a Reflex lifespan task
beside the alerts' one (mrko_app/mrko_app.py). Each booking is reminded once (reminded_at); with
several workers on PostgreSQL two may race on a booking, so the round locks its rows (SKIP LOCKED)."""

import asyncio
import logging

from mrko_app import db as database
from mrko_app.services import meetings
from mrko_app.services.alerts.runner import interval

logger = logging.getLogger(__name__)


def remind_once() -> int:
    with database.session_scope() as db:
        return meetings.send_reminders(db)


async def send_reminders_periodically() -> None:
    while True:
        try:
            sent = await asyncio.to_thread(remind_once)
            if sent:
                logger.info("meeting reminders sent: %s", sent)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bad round must not stop the next ones
            logger.exception("sending meeting reminders failed")
        await asyncio.sleep(interval())
