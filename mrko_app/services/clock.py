"""The school's clock. "Today" is the date where the school is (MRKO_TIMEZONE, Europe/Moscow by
default), not where the server happens to run: a server on UTC would otherwise start Moscow's day at
03:00. Stored times are naive UTC (models.base.utcnow); people see them in the school's time zone.

A development or demo instance (config.dev_mode) may run the school's clock ahead or behind: the
offset in seconds is kept in `$MRKO_PRIVATE_DIR/clock_offset` (a file, so that every worker of the
instance and a browser test driving it agree). A production instance never reads it."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from mrko_app import config

OFFSET_FILE = "clock_offset"
OFFSET_MAX = 400 * 24 * 3600  # a demo moves the clock within a school year, not further


def zone() -> ZoneInfo:
    return ZoneInfo(config.school_timezone())


def offset() -> dt.timedelta:
    """How far a development/demo instance's school clock is moved; always zero in production."""
    if not config.dev_mode():
        return dt.timedelta()
    try:
        seconds = float((config.private_dir() / OFFSET_FILE).read_text().strip() or 0)
    except (OSError, ValueError):
        return dt.timedelta()
    return dt.timedelta(seconds=max(-OFFSET_MAX, min(OFFSET_MAX, seconds)))


def set_offset(seconds: float) -> None:
    """Move a development/demo instance's school clock (0: the real time again). Refused in production."""
    if not config.dev_mode():
        raise RuntimeError("the school's clock moves only on a development or demo instance")
    path = config.private_dir() / OFFSET_FILE
    tmp = path.with_name(f"{OFFSET_FILE}.{os.getpid()}")
    tmp.write_text(str(float(seconds)))
    os.replace(tmp, path)  # the workers read either the old offset or the new one, never half of it


def now() -> dt.datetime:
    """Now at the school as naive UTC (like every stored time), the moved clock included."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + offset()


def today() -> dt.date:
    """Today's date at the school."""
    return to_local(now()).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    """Naive UTC -> naive local time at the school."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone()).replace(tzinfo=None)


def to_utc(local: dt.datetime) -> dt.datetime:
    """Naive local time at the school -> naive UTC."""
    return local.replace(tzinfo=zone()).astimezone(dt.timezone.utc).replace(tzinfo=None)
