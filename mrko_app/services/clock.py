"""The school's clock. "Today" is the date where the school is (MRKO_TIMEZONE, Europe/Moscow by
default), not where the server happens to run: a server on UTC would otherwise start Moscow's day at
03:00. Stored times are naive UTC (models.base.utcnow); people see them in the school's time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from mrko_app import config


def zone() -> ZoneInfo:
    return ZoneInfo(config.school_timezone())


def today() -> dt.date:
    """Today's date at the school."""
    return dt.datetime.now(zone()).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    """Naive UTC -> naive local time at the school."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone()).replace(tzinfo=None)


def to_utc(local: dt.datetime) -> dt.datetime:
    """Naive local time at the school -> naive UTC."""
    return local.replace(tzinfo=zone()).astimezone(dt.timezone.utc).replace(tzinfo=None)
