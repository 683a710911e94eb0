"""The school calendar: school events (every parent and teacher of the school), class events and
parent meetings (that class), holidays and study periods, and the reader's booked meetings.
Public API: create_event, update_event, cancel_event, for_editing, month, between, rsvp. Records are
dataclasses; the view formats them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, and_, col, func, or_, select

from mrko_app.models import (
    EventRsvp,
    Holiday,
    MeetingBooking,
    MeetingSlot,
    PsychologistOffer,
    SchoolClass,
    SchoolEvent,
    StudyPeriod,
    StudyYear,
    User,
)
from mrko_app.services import audience as audiences
from mrko_app.services import clock, ids
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.events.editing import (
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    cancel_event,
    create_event,
    for_editing,
    update_event,
)

__all__ = ["PLACE_MAX", "TEXT_MAX", "TITLE_MAX", "Entry", "between", "cancel_event", "create_event", "for_editing",
           "month", "rsvp", "update_event"]


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
    event_id: int | None = None
    my_answer: str = ""  # a parent's RSVP to a class meeting: "yes" | "no" | ""
    counts: tuple[int, int] | None = None  # (coming, not coming), for the class teacher and staff only
    answerable: bool = False  # a parents' meeting of the reader's child's class
    editable: bool = False  # the reader added it, or is staff of its school
    zone: str = ""  # its school's time zone ("" the instance's): timed entries are shown on that clock


def month(db: Session, user: User | None, year: int, month_number: int) -> list[Entry]:
    """Everything of the month (school time) that concerns the user, by start."""
    first = date(year, month_number, 1)
    return between(db, user, first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


def between(db: Session, user: User | None, first: date, last: date) -> list[Entry]:
    """Everything from `first` to `last` (school days, inclusive) that concerns the user, by start: a
    month, a week. Eight queries whatever the school's size or the span."""
    aud = audiences.audience(db, user)
    # each school's days begin at its own midnight: read a day more on each side, then keep what falls
    # within first..last on its own school's clock
    start = clock.to_utc(datetime.combine(first - timedelta(days=1), time()))
    end = clock.to_utc(datetime.combine(last + timedelta(days=2), time()))
    zones = clock.zones_of(db, aud.school_ids | aud.staff_school_ids)

    def within(school_id: int, starts: datetime, ends: datetime) -> bool:
        zone = zones.get(school_id, "")
        return (clock.to_local(starts, zone).date() <= last
                and clock.to_local(ends - timedelta(seconds=1), zone).date() >= first)

    entries: list[Entry] = []
    rows = db.exec(
        select(SchoolEvent, SchoolClass).outerjoin(SchoolClass, SchoolClass.id == SchoolEvent.class_id).where(
            or_(and_(col(SchoolEvent.class_id).is_(None), col(SchoolEvent.school_id).in_(aud.school_ids or {-1})),
                col(SchoolEvent.class_id).in_(aud.class_ids or {-1})),
            SchoolEvent.starts_at < end, SchoolEvent.ends_at >= start)).all()
    rows = [(ev, klass) for ev, klass in rows if within(ev.school_id, ev.starts_at, max(ev.ends_at, ev.starts_at
                                                                                          + timedelta(seconds=1)))]
    meeting_ids = [ev.id for ev, _c in rows if ev.kind == "meeting"]
    mine = dict(db.exec(select(EventRsvp.event_id, EventRsvp.coming).where(
        EventRsvp.parent_id == aud.user_id, col(EventRsvp.event_id).in_(meeting_ids or [-1]))).all())
    counts: dict[int, list[int]] = {}
    for event_id, coming, n in db.exec(select(EventRsvp.event_id, EventRsvp.coming, func.count()).where(
            col(EventRsvp.event_id).in_(meeting_ids or [-1])).group_by(EventRsvp.event_id, EventRsvp.coming)).all():
        counts.setdefault(event_id, [0, 0])[0 if coming else 1] += n
    own_children_classes = {c.class_id for c in aud.children}
    for ev, klass in rows:
        leads = klass is not None and (klass.class_teacher_id == aud.user_id or klass.school_id in aud.staff_school_ids)
        answer = "" if ev.id not in mine else ("yes" if mine[ev.id] else "no")
        entries.append(Entry(ev.kind, ev.title, ev.starts_at, ev.ends_at, ev.place, ev.description,
                             klass.name if klass else None, cancelled=ev.cancelled, event_id=ev.id,
                             my_answer=answer if ev.class_id in own_children_classes else "",
                             answerable=ev.kind == "meeting" and ev.class_id in own_children_classes and not ev.cancelled,
                             editable=not ev.cancelled and (ev.author_id == aud.user_id or ev.school_id in aud.staff_school_ids),
                             counts=tuple(counts.get(ev.id, [0, 0])) if ev.kind == "meeting" and leads else None,
                             zone=zones.get(ev.school_id, "")))
    years = select(StudyYear.id).where(col(StudyYear.school_id).in_(aud.school_ids or {-1}))
    for h in db.exec(select(Holiday).where(col(Holiday.year_id).in_(years), Holiday.start_date <= last,
                                           Holiday.end_date >= first)).all():
        entries.append(Entry("holiday", "", h.start_date, h.end_date, name_en=h.name_en, name_ru=h.name_ru))
    # every period of the year (a handful): the school holidays are the gaps between two of them
    periods = db.exec(select(StudyPeriod).where(col(StudyPeriod.year_id).in_(years))
                      .order_by(StudyPeriod.year_id, StudyPeriod.start_date)).all()
    for p in periods:
        if p.start_date <= last and p.end_date >= first:
            entries.append(Entry("period", "", p.start_date, p.end_date, number=p.number))
    for before, after in zip(periods, periods[1:]):
        gap_start, gap_end = before.end_date + timedelta(days=1), after.start_date - timedelta(days=1)
        if before.year_id == after.year_id and gap_start <= gap_end and gap_start <= last and gap_end >= first:
            entries.append(Entry("vacation", "", gap_start, gap_end, number=before.number))
    kids = {c.student_id for c in aud.children}
    for slot, host in db.exec(
            select(MeetingSlot, User).join(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
            .join(User, User.id == MeetingSlot.host_id)
            .where(or_(col(MeetingBooking.student_id).in_(kids or {-1}), MeetingSlot.host_id == aud.user_id),
                   # a meeting booked from a private psychologist request: the asking parent's only
                   or_(MeetingBooking.parent_id == aud.user_id, MeetingSlot.host_id == aud.user_id,
                       ~col(MeetingSlot.id).in_(select(PsychologistOffer.slot_id))),
                   MeetingSlot.starts_at >= start, MeetingSlot.starts_at < end)).all():
        if slot.school_id not in zones:
            zones[slot.school_id] = clock.zone_of(db, slot.school_id)  # a host's school outside the reader's
        ends = slot.starts_at + timedelta(minutes=slot.minutes)
        if within(slot.school_id, slot.starts_at, ends):
            entries.append(Entry("booking", host.full_name, slot.starts_at, ends, slot.place,
                                 zone=zones.get(slot.school_id, "")))

    def key(e: Entry):
        moment = e.starts if isinstance(e.starts, datetime) else datetime.combine(e.starts, time())
        return (moment, e.kind)

    return sorted(entries, key=key)


def rsvp(db: Session, parent: User | None, event_id, coming) -> EventRsvp:
    """A parent of a child in the class answers its parents' meeting (again: the answer changes)."""
    aud = audiences.audience(db, parent)
    if "parent" not in aud.roles:
        raise PermissionDenied()
    eid = ids.require_id(event_id)
    event = db.get(SchoolEvent, eid)
    if event is None or event.kind != "meeting" or event.class_id not in {c.class_id for c in aud.children}:
        raise NotFound()
    if coming not in (True, False, "yes", "no"):
        raise ValidationError({"coming": "error.required"})
    answer = db.exec(select(EventRsvp).where(EventRsvp.event_id == eid, EventRsvp.parent_id == aud.user_id)).first()
    answer = answer or EventRsvp(event_id=eid, parent_id=aud.user_id, coming=True)
    answer.coming = coming in (True, "yes")
    db.add(answer)
    db.flush()
    return answer
