"""Parent-teacher meetings. A host (teacher, psychologist, staff) offers slots; a parent of a child the
host teaches (any child of the school for the psychologist and staff) books one. The database's unique
constraints decide a race (one booking per slot, one per child per host); the loser is told which slots
are still free. Either parent of the child, or the host, cancels with a reason.

Public API: offer_slots, withdraw_slot, hosts_for_parent, book, book_adjacent, cancel, host_schedule,
send_reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mrko_app import routes
from mrko_app.i18n import formats, tr
from mrko_app.models import (
    MeetingBooking,
    MeetingCancellation,
    MeetingSlot,
    ParentChildLink,
    PsychologistOffer,
    PsychologistRequest,
    Student,
    TeachingAssignment,
    User,
    UserRole,
)
from mrko_app.services import audience as audiences
from mrko_app.services import clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.meetings import forms
from mrko_app.services.notify import messages as notifications

HOST_ROLES = ("teacher", "psychologist", "staff")
NEXT_FREE = 3
REASON_MAX = 300


class SlotTaken(ServiceError):
    """Someone booked the slot first: `free` holds the host's next free slots."""

    def __init__(self, free: list["Slot"]):
        super().__init__("meetings.error.taken")
        self.free = free


@dataclass(frozen=True)
class Slot:
    id: int
    host_id: int
    starts_at: datetime  # naive UTC
    minutes: int
    place: str
    booking_id: int | None = None
    student_name: str = ""  # the host sees whose parent comes; a parent sees only their own child's
    zone: str = ""  # the slot's school's time zone ("" the instance's): its times are shown on that clock


@dataclass(frozen=True)
class Host:
    id: int
    name: str
    free: list[Slot]
    booked: list[Slot]  # this household's bookings with the host


def offer_slots(db: Session, host: User | None, form: dict, *, now: datetime | None = None) -> list[MeetingSlot]:
    """Slots of `minutes` from start to end on a day (school time); times already offered are skipped."""
    roles = access.require_role(db, host, *HOST_ROLES)
    school_id = db.exec(select(UserRole.school_id).where(
        UserRole.user_id == host.id, col(UserRole.role).in_(HOST_ROLES), col(UserRole.school_id).is_not(None))).first()
    if school_id is None:
        raise PermissionDenied()
    zone = clock.zone_of(db, school_id)
    day, start, end, minutes, place = forms.slot_form(form, now or clock.now(), zone)
    del roles
    existing = {s.starts_at: s for s in db.exec(select(MeetingSlot).where(MeetingSlot.host_id == host.id)).all()}
    created, moment = [], datetime.combine(day, start)
    while moment + timedelta(minutes=minutes) <= datetime.combine(day, end):
        starts = clock.to_utc(moment, zone)
        if starts in existing and existing[starts].withdrawn:
            # a withdrawn time offered again: the same row (the host's times are unique) comes back
            slot = existing[starts]
            slot.withdrawn, slot.minutes, slot.place = False, minutes, place
            db.add(slot)
            created.append(slot)
        elif starts not in existing:
            slot = MeetingSlot(school_id=school_id, host_id=host.id, starts_at=starts, minutes=minutes, place=place)
            db.add(slot)
            created.append(slot)
        moment += timedelta(minutes=minutes)
    db.flush()
    return created


def withdraw_slot(db: Session, host: User | None, slot_id, reason="", *, now: datetime | None = None) -> MeetingSlot:
    """The host takes back a time they offered. A booked one needs a reason: the booking is cancelled
    (kept as a MeetingCancellation, STATUS:CANCELLED in the feeds) and the child's parents are told why."""
    access.require_role(db, host, *HOST_ROLES)
    sid = ids.parse_id(slot_id)
    slot = db.get(MeetingSlot, sid) if sid is not None else None
    if slot is None or slot.host_id != host.id or slot.withdrawn:
        raise NotFound()
    booking = db.exec(select(MeetingBooking).where(MeetingBooking.slot_id == slot.id)).first()
    if booking is not None:
        cancel(db, host, booking.id, reason, now=now)
    slot.withdrawn = True
    db.add(slot)
    db.flush()
    return slot


def _host_ids_for(db: Session, aud: audiences.Audience) -> dict[int, set[int]]:
    """host id -> the ids of the parent's children the host may meet about: their teachers, and the
    school's psychologist and staff for every child of the school."""
    by_class: dict[int, list[int]] = {}
    for child in aud.children:
        by_class.setdefault(child.class_id, []).append(child.student_id)
    hosts: dict[int, set[int]] = {}
    for teacher_id, class_id in db.exec(select(TeachingAssignment.teacher_id, TeachingAssignment.class_id).where(
            col(TeachingAssignment.class_id).in_(set(by_class) - {None} or {-1}))).all():
        hosts.setdefault(teacher_id, set()).update(by_class[class_id])
    schools = {c.school_id for c in aud.children}
    for user_id, school_id in db.exec(select(UserRole.user_id, UserRole.school_id).where(
            col(UserRole.role).in_(("psychologist", "staff")), col(UserRole.school_id).in_(schools or {-1}))).all():
        hosts.setdefault(user_id, set()).update(c.student_id for c in aud.children if c.school_id == school_id)
    return hosts


def hosts_for_parent(db: Session, parent: User | None, *, now: datetime | None = None) -> list[Host]:
    """The hosts who offer future slots to this parent: their free slots and the household's bookings.
    Four queries whatever the school's size."""
    access.require_role(db, parent, "parent")
    aud = audiences.audience(db, parent)
    kids = {c.student_id: c.name for c in aud.children}
    allowed = _host_ids_for(db, aud)
    rows = db.exec(
        select(MeetingSlot, MeetingBooking, User)
        .join(User, User.id == MeetingSlot.host_id)
        .outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
        .where(col(MeetingSlot.host_id).in_(set(allowed) or {-1}), MeetingSlot.starts_at > (now or clock.now()),
               MeetingSlot.withdrawn == False, ~col(MeetingSlot.id).in_(_OFFERED))  # noqa: E712
        .order_by(MeetingSlot.host_id, MeetingSlot.starts_at)
    ).all()
    zones = clock.zones_of(db, {slot.school_id for slot, _b, _u in rows})
    hosts: dict[int, Host] = {}
    for slot, booking, user in rows:
        host = hosts.setdefault(user.id, Host(user.id, user.full_name, [], []))
        zone = zones.get(slot.school_id, "")
        if booking is None:
            host.free.append(Slot(slot.id, slot.host_id, slot.starts_at, slot.minutes, slot.place, zone=zone))
        elif booking.student_id in kids:
            host.booked.append(Slot(slot.id, slot.host_id, slot.starts_at, slot.minutes, slot.place,
                                    booking.id, kids[booking.student_id], zone))
    return list(hosts.values())


# slots the psychologist offered from a private request: booked only from that request, by its parent,
# and never listed (nor their bookings mailed) to anyone else
_OFFERED = select(PsychologistOffer.slot_id)


def _private_parent(db: Session, slot_id: int) -> int | None:
    """The parent a slot is held for (offered from their request to the psychologist), else None."""
    return db.exec(select(PsychologistRequest.parent_id).join(
        PsychologistOffer, PsychologistOffer.request_id == PsychologistRequest.id).where(
        PsychologistOffer.slot_id == slot_id)).first()


def _next_free(db: Session, host_id: int, after: datetime) -> list[Slot]:
    rows = db.exec(
        select(MeetingSlot).outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
        .where(MeetingSlot.host_id == host_id, MeetingSlot.starts_at > after, col(MeetingBooking.id).is_(None),
               MeetingSlot.withdrawn == False, ~col(MeetingSlot.id).in_(_OFFERED))  # noqa: E712
        .order_by(MeetingSlot.starts_at).limit(NEXT_FREE)).all()
    zones = clock.zones_of(db, {s.school_id for s in rows})
    return [Slot(s.id, s.host_id, s.starts_at, s.minutes, s.place, zone=zones.get(s.school_id, "")) for s in rows]


def book(db: Session, parent: User | None, pairs, *, now: datetime | None = None,
         offered: bool = False) -> list[MeetingBooking]:
    """Book slots for children in one step, all or nothing: `pairs` is [(slot id, child id), ...] (a
    parent of siblings books adjacent slots at once). SlotTaken when another parent was first.
    `offered`: the psychologist's request books a slot held for it (services/psychologist checked it)."""
    access.require_role(db, parent, "parent")
    if not isinstance(pairs, (list, tuple)) or not 1 <= len(pairs) <= 5:
        raise ValidationError({"slot": "error.required"})
    now = now or clock.now()
    aud = audiences.audience(db, parent)
    allowed = _host_ids_for(db, aud)
    bookings = []
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValidationError({"slot": "error.required"})
        slot_id, student_id = ids.parse_id(pair[0]), ids.parse_id(pair[1])
        slot = db.get(MeetingSlot, slot_id) if slot_id is not None else None
        if slot is None or slot.withdrawn or slot.starts_at <= now:
            raise NotFound()
        held_for = _private_parent(db, slot.id)
        if held_for is not None and (not offered or held_for != parent.id):
            raise NotFound()
        if student_id not in allowed.get(slot.host_id, set()):
            raise PermissionDenied()
        bookings.append(MeetingBooking(slot_id=slot.id, host_id=slot.host_id, student_id=student_id,
                                       parent_id=parent.id, created_at=now))
    for booking in bookings:
        if db.exec(select(MeetingBooking.id).where(MeetingBooking.host_id == booking.host_id,
                                                   MeetingBooking.student_id == booking.student_id)).first():
            raise ValidationError({"slot": "meetings.error.child_booked"})
    try:
        with db.begin_nested():
            db.add_all(bookings)
            db.flush()
    except IntegrityError:
        # a unique constraint decided: someone else was first (or the child was booked meanwhile)
        first = db.get(MeetingSlot, bookings[0].slot_id)
        raise SlotTaken(_next_free(db, first.host_id, now)) from None
    # the host sees it in the centre (the e-mail is the day-before reminder); no child's name is stored
    # there: the schedule it links to shows who, as long as the host may see them
    slots = {b.slot_id: db.get(MeetingSlot, b.slot_id) for b in bookings}
    zones = clock.zones_of(db, {s.school_id for s in slots.values()})
    for booking in bookings:
        slot = slots[booking.slot_id]
        zone = zones.get(slot.school_id, "")
        inbox.notify(db, [booking.host_id], "meetings", title=lambda lang, slot=slot, zone=zone: tr(
            "inbox.meetings.booked", lang, when=formats.datetime(clock.to_local(slot.starts_at, zone), lang)),
            body=slot.place, link=routes.HOST_MEETINGS, key=f"booking:{booking.id}", email=False, now=now)
    return bookings


def book_adjacent(db: Session, parent: User | None, slot_id, *, now: datetime | None = None) -> list[MeetingBooking]:
    """Siblings in one step: the slot and the host's next free ones, one per child of the parent the
    host may meet about and who has no booking with the host yet (children in the parent's order)."""
    access.require_role(db, parent, "parent")
    now = now or clock.now()
    sid = ids.parse_id(slot_id)
    slot = db.get(MeetingSlot, sid) if sid is not None else None
    if slot is None or slot.withdrawn or slot.starts_at <= now:
        raise NotFound()
    aud = audiences.audience(db, parent)
    allowed = _host_ids_for(db, aud).get(slot.host_id, set())
    booked = set(db.exec(select(MeetingBooking.student_id).where(MeetingBooking.host_id == slot.host_id)).all())
    kids = [c.student_id for c in aud.children if c.student_id in allowed and c.student_id not in booked]
    if not kids:
        raise ValidationError({"slot": "meetings.error.child_booked"})
    free = [slot.id] + [s.id for s in _next_free(db, slot.host_id, slot.starts_at)]
    if len(free) < len(kids):
        raise SlotTaken(_next_free(db, slot.host_id, now))
    return book(db, parent, list(zip(free, kids)), now=now)


def cancel(db: Session, user: User | None, booking_id, reason, *, now: datetime | None = None) -> MeetingCancellation:
    """The host or a parent of the child cancels, with a reason; the other side is told."""
    access.require_user(user)
    bid = ids.parse_id(booking_id)
    booking = db.get(MeetingBooking, bid) if bid is not None else None
    if booking is None:
        raise NotFound()
    is_parent = booking.student_id in {s.id for _l, s in access.linked_children(db, user)} \
        if "parent" in access.user_roles(db, user) else False
    if is_parent and _private_parent(db, booking.slot_id) not in (None, user.id):
        is_parent = False  # a private slot's booking is the asking parent's alone
    if booking.host_id != user.id and not is_parent:
        raise PermissionDenied()
    text = " ".join(str(reason or "").split())
    if not text:
        raise ValidationError({"reason": "error.required"})
    if len(text) > REASON_MAX:
        raise ValidationError({"reason": "meetings.error.reason_long"}, max=REASON_MAX)
    slot = db.get(MeetingSlot, booking.slot_id)
    record = MeetingCancellation(booking_id=booking.id, slot_id=booking.slot_id, host_id=booking.host_id,
                                 student_id=booking.student_id, cancelled_by=user.id, reason=text,
                                 cancelled_at=now or clock.now())
    db.add(record)
    db.delete(booking)
    db.flush()
    zone = clock.zone_of(db, slot.school_id)
    for person in _people(db, booking, exclude=user.id):
        when = formats.datetime(clock.to_local(slot.starts_at, zone), person.language)
        notifications.send(db, channel="email", recipient=person.email, user_id=person.id,
                           subject=tr("meetings.mail.subject", person.language, when=when),
                           body=tr("meetings.mail.cancelled", person.language, when=when, reason=text))
    inbox.notify_each(db, "meetings", [  # e-mailed just above: in the app only
        inbox.Tell(p.id, lambda lang: tr("inbox.meetings.cancelled", lang,
                                         when=formats.datetime(clock.to_local(slot.starts_at, zone), lang)),
                   body=text, link=_meetings_page(p, booking), key=f"cancelled:{record.id}")
        for p in _people(db, booking, exclude=user.id)], email=False, now=record.cancelled_at)
    return record


def _meetings_page(person: User, booking: MeetingBooking) -> str:
    return routes.HOST_MEETINGS if person.id == booking.host_id else routes.MEETINGS


def _people(db: Session, booking: MeetingBooking, exclude: int | None = None) -> list[User]:
    """The host and every parent linked to the booked child (only the one who asked, for a private slot)."""
    parent_ids = set(db.exec(select(ParentChildLink.parent_id).where(
        ParentChildLink.student_id == booking.student_id, col(ParentChildLink.end_date).is_(None))).all())
    if _private_parent(db, booking.slot_id) is not None:
        parent_ids = {booking.parent_id}
    ids = (parent_ids | {booking.host_id}) - {exclude}
    return list(db.exec(select(User).where(col(User.id).in_(ids or {-1}))).all())


def host_schedule(db: Session, host: User | None, *, since: date | None = None) -> list[Slot]:
    """The host's slots from `since` (today at the host's school), with the booked children's names."""
    access.require_role(db, host, *HOST_ROLES)
    school_id = db.exec(select(UserRole.school_id).where(
        UserRole.user_id == host.id, col(UserRole.role).in_(HOST_ROLES), col(UserRole.school_id).is_not(None))).first()
    home = clock.zone_of(db, school_id)
    start = clock.to_utc(datetime.combine(since or clock.today(home), time()), home)
    rows = db.exec(
        select(MeetingSlot, MeetingBooking, Student)
        .outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
        .outerjoin(Student, Student.id == MeetingBooking.student_id)
        .where(MeetingSlot.host_id == host.id, MeetingSlot.starts_at >= start,
               MeetingSlot.withdrawn == False)  # noqa: E712
        .order_by(MeetingSlot.starts_at)).all()
    zones = clock.zones_of(db, {s.school_id for s, _b, _st in rows})
    return [Slot(s.id, s.host_id, s.starts_at, s.minutes, s.place, b.id if b else None,
                 st.full_name if st else "", zones.get(s.school_id, "")) for s, b, st in rows]


def send_reminders(db: Session, *, now: datetime | None = None) -> int:
    """The day before (on the slot's school's clock): one message to the host and each parent of the
    child, once per booking."""
    now = now or clock.now()
    # every zone's "tomorrow" lies within now-1 day .. now+3 days in UTC: read that window once, then
    # keep the slots that are tomorrow where their school is
    rows = db.exec(
        select(MeetingBooking, MeetingSlot).join(MeetingSlot, MeetingSlot.id == MeetingBooking.slot_id)
        .where(col(MeetingBooking.reminded_at).is_(None), MeetingSlot.starts_at >= now - timedelta(days=1),
               MeetingSlot.starts_at < now + timedelta(days=3))
        .with_for_update(skip_locked=True, of=MeetingBooking)).all()
    zones = clock.zones_of(db, {slot.school_id for _b, slot in rows})
    rows = [(b, s) for b, s in rows if clock.to_local(s.starts_at, zones.get(s.school_id, "")).date()
            == clock.to_local(now, zones.get(s.school_id, "")).date() + timedelta(days=1)]
    for booking, slot in rows:
        # through the notification centre: e-mailed as each person chose (by default at once, after
        # their quiet hours), and shown in the app
        zone = zones.get(slot.school_id, "")

        def when(lang: str, slot=slot, zone=zone) -> str:
            return formats.datetime(clock.to_local(slot.starts_at, zone), lang)

        inbox.notify_each(db, "meetings", [
            inbox.Tell(p.id, lambda lang, when=when: tr("inbox.meetings.reminder", lang, when=when(lang)),
                       body=lambda lang, when=when, slot=slot: tr("meetings.mail.reminder", lang, when=when(lang),
                                                                  place=slot.place),
                       link=_meetings_page(p, booking), key=f"reminder:{booking.id}")
            for p in _people(db, booking)], now=now)
        booking.reminded_at = now
        db.add(booking)
    db.flush()
    return len(rows)
