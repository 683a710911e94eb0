"""Writing the calendar: add, edit and cancel events. Staff add for the school or any class, a class
teacher for their class; the author or the school's staff edit and cancel. A cancelled event stays (the
calendar marks it, the iCal feed says STATUS:CANCELLED) and can no longer be edited."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mrko_app import routes
from mrko_app.i18n import formats, tr
from mrko_app.models import SchoolEvent, User
from mrko_app.models.base import utcnow
from mrko_app.services import audience as audiences
from mrko_app.services import clock, ids
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.inbox import centre as inbox

TITLE_MAX, TEXT_MAX, PLACE_MAX = 200, 2000, 200


def _read(db: Session, user: User, aud, form) -> dict:
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    school_id, class_id = audiences.writable_target(db, user, aud, form.get("target"), errors)
    title = " ".join(str(form.get("title") or "").split())
    place = " ".join(str(form.get("place") or "").split())
    description = str(form.get("description") or "").strip()
    zone = clock.zone_of(db, school_id)  # the form's times are the school's
    starts, ends = audiences.local_moment(form.get("starts"), zone), audiences.local_moment(form.get("ends"), zone)
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
    return {"school_id": school_id, "class_id": class_id, "kind": kind, "title": title, "place": place,
            "description": description, "starts_at": starts, "ends_at": ends}


def create_event(db: Session, user: User | None, form) -> SchoolEvent:
    """Staff for the school or any class; a class teacher for their class. Errors per field."""
    aud = audiences.audience(db, user)
    event = SchoolEvent(author_id=user.id, **_read(db, user, aud, form))
    db.add(event)
    db.flush()
    _tell(db, user, event, "new")
    return event


def _tell(db: Session, user: User, event: SchoolEvent, what: str) -> None:
    """The event's audience (but its author) hears of it in the notification centre."""
    def body(lang: str) -> str:
        return f"{formats.datetime(clock.to_local(event.starts_at, zone), lang)}, {event.place}"

    zone = clock.zone_of(db, event.school_id)

    inbox.notify(db, audiences.reached(db, event.school_id, event.class_id) - {user.id}, "events",
                 title=lambda lang: tr(f"inbox.events.{what}", lang, title=event.title), body=body,
                 link=routes.CALENDAR, key=f"event-{what}:{event.id}")


def _editable(db: Session, user: User | None, event_id) -> tuple[SchoolEvent, audiences.Audience]:
    aud = audiences.audience(db, user)
    event = db.get(SchoolEvent, ids.require_id(event_id))
    if event is None or event.cancelled:
        raise NotFound()
    if event.author_id != user.id and event.school_id not in aud.staff_school_ids:
        raise PermissionDenied()
    return event, aud


def for_editing(db: Session, user: User | None, event_id) -> dict[str, str]:
    event, _aud = _editable(db, user, event_id)
    zone = clock.zone_of(db, event.school_id)

    def local(moment: datetime) -> str:  # the form's datetime-local value, on the school's clock
        return clock.to_local(moment, zone).strftime("%Y-%m-%dT%H:%M")

    return {"id": str(event.id), "target": f"class:{event.class_id}" if event.class_id else f"school:{event.school_id}",
            "title": event.title, "place": event.place, "description": event.description,
            "starts": local(event.starts_at), "ends": local(event.ends_at), "meeting": "on" if event.kind == "meeting" else ""}


def update_event(db: Session, user: User | None, event_id, form) -> SchoolEvent:
    """The author or staff change the event (its audience too, within what they may write to)."""
    event, aud = _editable(db, user, event_id)
    for name, value in _read(db, user, aud, form).items():
        setattr(event, name, value)
    event.updated_at = utcnow()  # the feed's DTSTAMP: calendar programs take the newer copy
    db.add(event)
    db.flush()
    return event


def cancel_event(db: Session, user: User | None, event_id) -> SchoolEvent:
    event, _aud = _editable(db, user, event_id)
    event.cancelled, event.updated_at = True, utcnow()
    db.add(event)
    db.flush()
    _tell(db, user, event, "cancelled")
    return event


