"""The school's clock. "Today" is the date where the school is, not where the server happens to run:
a server on UTC would otherwise start Moscow's day at 03:00. A school's own time zone (School.timezone,
set in its rules) wins; a school without one, and anything not about one school, is on the instance's
MRKO_TIMEZONE (Europe/Moscow by default). Every function takes `school`: a School row, a zone name or
None. Stored times are naive UTC (models.base.utcnow); people see them in the school's time zone.

A development or demo instance (config.dev_mode) may run the school's clock ahead or behind: the
offset in seconds is kept in `$MRKO_PRIVATE_DIR/clock_offset` (a file, so that every worker of the
instance and a browser test driving it agree). A production instance never reads it."""

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import literal, union_all
from sqlmodel import col, or_, select

from mrko_app import config
from mrko_app.models import ParentChildLink, School, Student, UserRole

OFFSET_FILE = "clock_offset"
OFFSET_MAX = 400 * 24 * 3600  # a demo moves the clock within a school year, not further


def zone(school=None) -> ZoneInfo:
    """The time zone of `school` (a School row, a zone name, or None: the instance's default)."""
    name = school if isinstance(school, str) or school is None else getattr(school, "timezone", "")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone the rules form would refuse: the instance's default rather than a crash
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


def today(school=None) -> dt.date:
    """Today's date at the school."""
    return to_local(now(), school).date()


def to_local(moment: dt.datetime, school=None) -> dt.datetime:
    """Naive UTC -> naive local time at the school."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone(school)).replace(tzinfo=None)


def to_utc(local: dt.datetime, school=None) -> dt.datetime:
    """Naive local time at the school -> naive UTC."""
    return local.replace(tzinfo=zone(school)).astimezone(dt.timezone.utc).replace(tzinfo=None)


def zone_of(db, school_id) -> str:
    """The zone name of the school with this id ("" for none, or no such school): one small query, for
    a caller that has the id and not the row."""
    if school_id is None:
        return ""
    return db.exec(select(School.timezone).where(School.id == school_id)).first() or ""



def zones_of(db, school_ids) -> dict[int, str]:
    """school id -> its zone name ("" for the instance's), for the given ids, in one query."""
    ids = sorted({i for i in school_ids if i is not None})
    if not ids:
        return {}
    return dict(db.exec(select(School.id, School.timezone).where(School.id.in_(ids))).all())


def person_zones(db, user_ids) -> dict[int, str]:
    """user id -> the zone a person's own hours (e-mail quiet hours, digest hour) are read in: the school
    they work at, else their child's school (the lowest id first); "" (the instance's) for anyone else.
    One query."""
    ids = sorted({int(u) for u in user_ids})
    if not ids:
        return {}
    day = today()
    staff = (select(UserRole.user_id, School.timezone, literal(0).label("rank"), School.id.label("school"))
             .join(School, School.id == UserRole.school_id).where(col(UserRole.user_id).in_(ids)))
    parents = (select(ParentChildLink.parent_id, School.timezone, literal(1).label("rank"), School.id.label("school"))
               .join(Student, col(Student.id) == ParentChildLink.student_id).join(School, School.id == Student.school_id)
               .where(col(ParentChildLink.parent_id).in_(ids),
                      or_(col(ParentChildLink.end_date).is_(None), col(ParentChildLink.end_date) > day)))
    out: dict[int, str] = {}
    for uid, zone, _rank, _school in db.exec(union_all(staff, parents).order_by("rank", "school")).all():
        out.setdefault(uid, zone or "")
    return out
