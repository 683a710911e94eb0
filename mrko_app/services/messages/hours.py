"""Teachers' working hours: outside them a parent sees when an answer can be expected, and the
notification centre holds the teacher's notifications until `next_working_start`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, col, delete, select

from mrko_app.models import UserRole, WorkingHours
from mrko_app.services import clock
from mrko_app.services.access import rules as access
from mrko_app.services.errors import ValidationError


@dataclass(frozen=True)
class Day:
    weekday: int
    start: time
    end: time


def _parse(value) -> time | None:
    text = str(value or "").strip()[:5]
    try:
        hour, minute = text.split(":")
        return time(int(hour), int(minute))
    except ValueError:
        return None


def working_hours(db: Session, teacher_id: int) -> list[Day]:
    rows = db.exec(select(WorkingHours).where(WorkingHours.teacher_id == teacher_id).order_by(WorkingHours.weekday)).all()
    return [Day(r.weekday, r.start, r.end) for r in rows]


def set_working_hours(db: Session, teacher, days: dict) -> list[Day]:
    """`days`: weekday (0 = Monday) -> (start "HH:MM", end "HH:MM"); a weekday left out is a day off;
    an empty dict clears the hours (always reachable)."""
    access.require_role(db, teacher, "teacher")
    if not isinstance(days, dict) or len(days) > 7:
        raise ValidationError({"hours": "messages.error.hours"})
    rows, errors = [], {}
    for key, pair in days.items():
        weekday = int(key) if str(key).isdigit() and int(key) < 7 else None
        start, end = (_parse(pair[0]), _parse(pair[1])) if isinstance(pair, (list, tuple)) and len(pair) == 2 else (None, None)
        if weekday is None or start is None or end is None or start >= end:
            errors[f"day{key}"[:8]] = "messages.error.hours"
            continue
        rows.append(WorkingHours(teacher_id=teacher.id, weekday=weekday, start=start, end=end))
    if errors:
        raise ValidationError(errors)
    db.exec(delete(WorkingHours).where(WorkingHours.teacher_id == teacher.id))
    for row in rows:
        db.add(row)
    db.flush()
    return working_hours(db, teacher.id)


def teacher_zone(db: Session, teacher_id: int) -> str:
    """The zone the teacher's hours are kept in: their (first) school's ("" the instance's)."""
    school_id = db.exec(select(UserRole.school_id).where(
        UserRole.user_id == teacher_id, UserRole.role == "teacher", col(UserRole.school_id).is_not(None))
        .order_by(UserRole.school_id)).first()
    return clock.zone_of(db, school_id)


def next_working_start(db: Session, teacher_id: int, now: datetime | None = None) -> datetime | None:
    """None when the teacher is within working hours now (or set none); else when they next start
    (naive UTC). The hours are on the teacher's school's clock."""
    days = {d.weekday: d for d in working_hours(db, teacher_id)}
    if not days:
        return None
    zone = teacher_zone(db, teacher_id)
    local = clock.to_local(now or clock.now(), zone)
    today = days.get(local.weekday())
    if today and today.start <= local.time() < today.end:
        return None
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        hours = days.get(day.weekday())
        if hours is None:
            continue
        start = datetime.combine(day, hours.start)
        if start > local:
            return clock.to_utc(start, zone)
    return None
