"""The school calendar: school events (every parent and teacher of the school), class events and
parent meetings (that class), holidays and study periods, and the reader's booked meetings.
Public API: create_event, month. Records are dataclasses; the view formats them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, and_, col, or_, select

from mrko_app.models import (Holiday, MeetingBooking, MeetingSlot, SchoolClass, SchoolEvent, StudyPeriod, StudyYear,
                             User)
from mrko_app.services import audience as audiences
from mrko_app.services import clock
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError

TITLE_MAX, TEXT_MAX, PLACE_MAX = 200, 2000, 200


@dataclass(frozen=True)
class Entry:
    kind: str  # event | meeting | holiday | period | booking
    title: str  # for holidays and periods: "" (the view names them from name_en/name_ru or the number)
    starts: date | datetime  # a date for all-day entries, else naive UTC
    ends: date | datetime
    place: str = ""
    description: str = ""
    class_name: str | None = None
    name_en: str = ""
    name_ru: str = ""
    number: int = 0
    cancelled: bool = False


def create_event(db: Session, user: User | None, form) -> SchoolEvent:
    """Staff for the school or any class; a class teacher for their class. Errors per field."""
    form = form if isinstance(form, dict) else {}
    aud = audiences.audience(db, user)
    target = audiences.parse_target(form.get("target"))
    errors: dict[str, str] = {}
    school_id = class_id = None
    if target is None:
        errors["target"] = "error.required"
    elif target[0] == "school":
        if target[1] not in aud.staff_school_ids:
            raise PermissionDenied()
        school_id = target[1]
    else:
        klass = db.get(SchoolClass, target[1]) if abs(target[1]) < 2**62 else None
        if klass is None:
            raise NotFound()
        if klass.class_teacher_id != user.id and klass.school_id not in aud.staff_school_ids:
            raise PermissionDenied()
        school_id, class_id = klass.school_id, klass.id
    title = " ".join(str(form.get("title") or "").split())
    place = " ".join(str(form.get("place") or "").split())
    description = str(form.get("description") or "").strip()
    starts, ends = audiences.local_moment(form.get("starts")), audiences.local_moment(form.get("ends"))
    for name, value, limit in (("title", title, TITLE_MAX), ("place", place, PLACE_MAX)):
        if not value:
            errors[name] = "error.required"
        elif len(value) > limit:
            errors[name] = "events.error.long"
    if len(description) > TEXT_MAX:
        errors["description"] = "events.error.long"
    if not isinstance(starts, datetime):
        errors["starts"] = "news.error.moment"
    if not isinstance(ends, datetime):
        errors["ends"] = "news.error.moment"
    elif isinstance(starts, datetime) and ends <= starts:
        errors["ends"] = "meetings.error.end_before_start"
    if errors:
        raise ValidationError(errors, max=TITLE_MAX)
    kind = "meeting" if class_id and form.get("meeting") in (True, "on", "true", "1") else "event"
    event = SchoolEvent(school_id=school_id, class_id=class_id, kind=kind, title=title, place=place,
                        description=description, starts_at=starts, ends_at=ends, author_id=user.id)
    db.add(event)
    db.flush()
    return event


def month(db: Session, user: User | None, year: int, month_number: int) -> list[Entry]:
    """Everything of the month (school time) that concerns the user, by start. Six queries."""
    aud = audiences.audience(db, user)
    first = date(year, month_number, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    start, end = clock.to_utc(datetime.combine(first, time())), clock.to_utc(datetime.combine(last + timedelta(days=1), time()))
    entries: list[Entry] = []
    for ev, class_name in db.exec(
            select(SchoolEvent, SchoolClass.name).outerjoin(SchoolClass, SchoolClass.id == SchoolEvent.class_id).where(
                or_(and_(col(SchoolEvent.class_id).is_(None), col(SchoolEvent.school_id).in_(aud.school_ids or {-1})),
                    col(SchoolEvent.class_id).in_(aud.class_ids or {-1})),
                SchoolEvent.starts_at < end, SchoolEvent.ends_at >= start)).all():
        entries.append(Entry(ev.kind, ev.title, ev.starts_at, ev.ends_at, ev.place, ev.description, class_name,
                             cancelled=ev.cancelled))
    years = select(StudyYear.id).where(col(StudyYear.school_id).in_(aud.school_ids or {-1}))
    for h in db.exec(select(Holiday).where(col(Holiday.year_id).in_(years), Holiday.start_date <= last,
                                           Holiday.end_date >= first)).all():
        entries.append(Entry("holiday", "", h.start_date, h.end_date, name_en=h.name_en, name_ru=h.name_ru))
    for p in db.exec(select(StudyPeriod).where(col(StudyPeriod.year_id).in_(years), StudyPeriod.start_date <= last,
                                               StudyPeriod.end_date >= first)).all():
        entries.append(Entry("period", "", p.start_date, p.end_date, number=p.number))
    kids = {c.student_id for c in aud.children}
    for slot, host in db.exec(
            select(MeetingSlot, User).join(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
            .join(User, User.id == MeetingSlot.host_id)
            .where(or_(col(MeetingBooking.student_id).in_(kids or {-1}), MeetingSlot.host_id == aud.user_id),
                   MeetingSlot.starts_at >= start, MeetingSlot.starts_at < end)).all():
        entries.append(Entry("booking", host.full_name, slot.starts_at, slot.starts_at + timedelta(minutes=slot.minutes),
                             slot.place))

    def key(e: Entry):
        moment = e.starts if isinstance(e.starts, datetime) else datetime.combine(e.starts, time())
        return (moment, e.kind)

    return sorted(entries, key=key)
