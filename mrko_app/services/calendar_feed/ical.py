"""Building one person's iCalendar: lessons, homework due dates, events and meetings of the children
(a parent) or of the classes taught and the meetings hosted (a teacher, the psychologist, staff).
Times carry the school's time zone (a VTIMEZONE is included); UIDs are stable per record, so a
calendar program updates an entry instead of duplicating it; a cancellation is STATUS:CANCELLED."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import icalendar
from sqlmodel import Session, and_, col, or_, select

from mrko_app.i18n import localized
from mrko_app.i18n import tr as text
from mrko_app.models import (
    Homework,
    Lesson,
    MeetingBooking,
    MeetingCancellation,
    MeetingSlot,
    PsychologistOffer,
    SchoolClass,
    SchoolEvent,
    Subject,
    User,
)
from mrko_app.services import audience as audiences
from mrko_app.services import clock

PAST_DAYS = 14
AHEAD_DAYS = 60
DOMAIN = "mrko.school"
UTC = timezone.utc


def subject_name(subject: Subject, lang: str) -> str:
    return localized(subject, "name", lang)


def _local(moment_utc: datetime, zone: str = "") -> datetime:
    """A stored moment on its school's clock (`zone`; "" the instance's), as an aware time for the feed."""
    return moment_utc.replace(tzinfo=UTC).astimezone(clock.zone(zone))


def _event(uid: str, summary: str, start, end, *, location: str = "", description: str = "",
           cancelled: bool = False, stamp: datetime | None = None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", (stamp or datetime(2026, 1, 1)).replace(tzinfo=UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _only(aud: audiences.Audience, student_ids: list[int] | None) -> audiences.Audience:
    """The audience narrowed to the chosen children (still linked ones only): their classes' news and
    events, and the school's for the schools they are in; a teacher's own classes stay."""
    if not student_ids:
        return aud
    children = [c for c in aud.children if c.student_id in set(student_ids)]
    others = {c.class_id for c in aud.children if c not in children}
    own = aud.class_ids - others | {c.class_id for c in children}
    schools = (aud.school_ids - {c.school_id for c in aud.children}) | {c.school_id for c in children}
    return audiences.Audience(aud.user_id, aud.roles, schools | aud.staff_school_ids, own, children,
                              aud.staff_school_ids, aud.led_class_ids)


def build(db: Session, user: User, kind: str, student_ids: list[int] | None = None) -> bytes:
    aud = _only(audiences.audience(db, user), student_ids)
    lang = user.language
    cal = icalendar.Calendar()
    cal.add("prodid", "-//MRKO Diary//school life//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", text("feed.name", lang))
    today = clock.today()
    first, last = today - timedelta(days=PAST_DAYS), today + timedelta(days=AHEAD_DAYS)
    zones = clock.zones_of(db, aud.school_ids | aud.staff_school_ids)

    def zone_of(school_id: int) -> str:  # every time in the feed on its own school's clock
        if school_id not in zones:
            zones[school_id] = clock.zone_of(db, school_id)
        return zones[school_id]

    # the calendar's own zone: its school's when the reader has one school (or one zone), else the instance's
    one = set(zones.values())
    cal.add("x-wr-timezone", clock.zone(one.pop() if len(one) == 1 else "").key)
    child_classes = {c.class_id for c in aud.children}
    if kind in ("all", "timetable"):
        where = or_(col(Lesson.class_id).in_(child_classes or {-1}), Lesson.teacher_id == user.id)
        for lesson, subject, school_id in db.exec(
                select(Lesson, Subject, SchoolClass.school_id).join(Subject, Subject.id == Lesson.subject_id)
                .join(SchoolClass, SchoolClass.id == Lesson.class_id)
                .where(where, Lesson.date >= first, Lesson.date <= last)).all():
            zone = clock.zone(zone_of(school_id))
            cal.add_component(_event(
                f"lesson-{lesson.id}", subject_name(subject, lang),
                datetime.combine(lesson.date, lesson.start_time, zone), datetime.combine(lesson.date, lesson.end_time, zone),
                location=lesson.room, cancelled=lesson.cancelled, stamp=lesson.updated_at))
    if kind in ("all", "homework"):
        for hw, subject in db.exec(select(Homework, Subject).join(Subject, Subject.id == Homework.subject_id)
                                   .where(col(Homework.class_id).in_(child_classes or {-1}),
                                          Homework.due_date >= first, Homework.due_date <= last)).all():
            cal.add_component(_event(f"homework-{hw.id}", text("feed.homework", lang, subject=subject_name(subject, lang)),
                                     hw.due_date, hw.due_date + timedelta(days=1), description=hw.text,
                                     stamp=hw.updated_at))
    if kind in ("all", "events"):
        start, end = clock.to_utc(datetime.combine(first, datetime.min.time())), clock.to_utc(
            datetime.combine(last, datetime.min.time()))
        for ev in db.exec(select(SchoolEvent).where(
                or_(and_(col(SchoolEvent.class_id).is_(None), col(SchoolEvent.school_id).in_(aud.school_ids or {-1})),
                    col(SchoolEvent.class_id).in_(aud.class_ids or {-1})),
                SchoolEvent.starts_at >= start, SchoolEvent.starts_at <= end)).all():
            cal.add_component(_event(f"event-{ev.id}", ev.title, _local(ev.starts_at, zone_of(ev.school_id)),
                                     _local(ev.ends_at, zone_of(ev.school_id)),
                                     location=ev.place, description=ev.description, cancelled=ev.cancelled,
                                     stamp=ev.updated_at))
    if kind in ("all", "meetings"):
        kids = {c.student_id for c in aud.children}
        private = col(MeetingSlot.id).in_(select(PsychologistOffer.slot_id))  # held for one parent's request
        mine = or_(MeetingBooking.host_id == user.id, MeetingBooking.parent_id == user.id,
                   and_(col(MeetingBooking.student_id).in_(kids or {-1}), ~private))
        for booking, slot, host in db.exec(
                select(MeetingBooking, MeetingSlot, User).join(MeetingSlot, MeetingSlot.id == MeetingBooking.slot_id)
                .join(User, User.id == MeetingSlot.host_id).where(mine)).all():
            cal.add_component(_event(f"meeting-{booking.id}", text("feed.meeting", lang, host=host.full_name),
                                     _local(slot.starts_at, zone_of(slot.school_id)),
                                     _local(slot.starts_at + timedelta(minutes=slot.minutes), zone_of(slot.school_id)),
                                     location=slot.place, stamp=booking.created_at))
        gone = or_(MeetingCancellation.host_id == user.id,
                   and_(col(MeetingCancellation.student_id).in_(kids or {-1}), ~private))
        for record, slot, host in db.exec(
                select(MeetingCancellation, MeetingSlot, User).join(MeetingSlot, MeetingSlot.id == MeetingCancellation.slot_id)
                .join(User, User.id == MeetingSlot.host_id).where(gone)).all():
            cal.add_component(_event(f"meeting-{record.booking_id}", text("feed.meeting", lang, host=host.full_name),
                                     _local(slot.starts_at, zone_of(slot.school_id)),
                                     _local(slot.starts_at + timedelta(minutes=slot.minutes), zone_of(slot.school_id)),
                                     location=slot.place, description=record.reason, cancelled=True,
                                     stamp=record.cancelled_at))
    cal.add_missing_timezones()
    return cal.to_ical()
