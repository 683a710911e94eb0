"""The parent's side: the promise and notice of the child's school, a new request, the parent's own
requests with the answers, a reply in the thread, booking a slot the psychologist offered; and, for
anyone, the requests the psychologist shared with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from mrko_app.models import PsychologistOffer, PsychologistReply, PsychologistRequest, PsychologistShare, User
from mrko_app.services import clock, ids, markdown, meetings
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.psychologist import rules, views


@dataclass(frozen=True)
class ChildDesk:
    """What the parent's page shows for the chosen child's school."""

    has_psychologist: bool
    promise: rules.Promise


def for_child(db: Session, parent: User | None, student_id) -> ChildDesk:
    access.require_role(db, parent, "parent")
    student = access.require_child(db, parent, student_id)
    return ChildDesk(bool(rules.psychologists_of(db, student.school_id)), rules.promise(db, student.school_id))


def create(db: Session, parent: User | None, student_id, form, *, now: datetime | None = None) -> PsychologistRequest:
    """A parent of the child asks the psychologist of the child's school. `form`: kind, topic, text, anonymous."""
    access.require_role(db, parent, "parent")
    student = access.require_child(db, parent, student_id)
    if not rules.psychologists_of(db, student.school_id):
        raise ValidationError({"text": "psy.error.no_psychologist"})
    form = form if isinstance(form, dict) else {}
    kind = form.get("kind")
    problems = {}
    if kind not in rules.KINDS:
        problems["kind"] = "error.required"
    try:
        topic = rules.text_of(form.get("topic"), "topic", rules.TOPIC_MAX)
    except ValidationError as exc:
        problems.update(exc.fields)
        topic = ""
    try:
        text = rules.text_of(form.get("text"), "text", rules.TEXT_MAX)
    except ValidationError as exc:
        problems.update(exc.fields)
        text = ""
    if problems:
        raise ValidationError(problems, max=rules.TEXT_MAX if "text" in problems else rules.TOPIC_MAX)
    now = now or clock.now()
    sent = db.exec(select(func.count()).select_from(PsychologistRequest).where(
        PsychologistRequest.parent_id == parent.id, PsychologistRequest.created_at > now - timedelta(days=1))).one()
    if sent >= rules.PER_DAY:
        raise ValidationError({"text": "psy.error.too_many"}, count=rules.PER_DAY)
    request = PsychologistRequest(school_id=student.school_id, student_id=student.id, parent_id=parent.id,
                                  kind=kind, topic=topic, text=text, text_html=markdown.render(text),
                                  anonymous=form.get("anonymous") in (True, "on", "true", "1"),
                                  created_at=now, updated_at=now)
    db.add(request)
    db.flush()
    rules.announce(db, request)
    return request


def mine(db: Session, parent: User | None) -> list[views.Request]:
    """The parent's own requests, newest first, each with its thread and the slots offered."""
    access.require_role(db, parent, "parent")
    rows = db.exec(select(PsychologistRequest).where(PsychologistRequest.parent_id == parent.id)
                   .order_by(col(PsychologistRequest.created_at).desc()).limit(50)).all()
    return [views.full(db, rules.Seen(r, "parent"), parent) for r in rows]


def shared_with_me(db: Session, user: User | None, *, now: datetime | None = None) -> list[views.Request]:
    """Requests the psychologist shared with this person (read-only; each read is logged)."""
    access.require_user(user)
    rows = db.exec(select(PsychologistRequest).join(PsychologistShare, PsychologistShare.request_id == PsychologistRequest.id)
                   .where(PsychologistShare.person_id == user.id)
                   .order_by(col(PsychologistRequest.created_at).desc()).limit(50)).all()
    out = []
    for r in rows:
        if r.parent_id == user.id:
            continue  # their own request: shown as theirs
        seen = rules.Seen(r, "shared")
        rules.log(db, user, r, "read", now=now)
        out.append(views.full(db, seen, user))
    db.flush()
    return out


def reply(db: Session, parent: User | None, request_id, body, *, now: datetime | None = None) -> PsychologistReply:
    """The parent writes again in their own request's thread (not once it is closed)."""
    access.require_role(db, parent, "parent")
    seen = rules.find(db, parent, request_id)
    if seen.as_ != "parent":
        raise NotFound()
    request = seen.request
    if request.status == "closed":
        raise ValidationError({"body": "psy.error.closed"})
    text = rules.text_of(body, "body", rules.TEXT_MAX)
    now = now or clock.now()
    row = PsychologistReply(request_id=request.id, author_id=parent.id, body=text, body_html=markdown.render(text),
                            created_at=now)
    request.updated_at = now
    db.add_all([row, request])
    db.flush()
    rules.announce(db, request)
    return row


def book(db: Session, parent: User | None, request_id, slot_id, *, now: datetime | None = None):
    """The parent books one of the slots offered from their request (the meetings' rules and race
    decide); the request becomes "meeting booked"."""
    access.require_role(db, parent, "parent")
    seen = rules.find(db, parent, request_id)
    if seen.as_ != "parent" or seen.request.status == "closed":
        raise NotFound()
    request = seen.request
    sid = ids.parse_id(slot_id)
    if sid is None or not db.exec(select(PsychologistOffer.id).where(
            PsychologistOffer.request_id == request.id, PsychologistOffer.slot_id == sid)).first():
        raise NotFound()
    bookings = meetings.book(db, parent, [[sid, request.student_id]], now=now, offered=True)
    request.status, request.updated_at = "meeting_booked", now or clock.now()
    db.add(request)
    db.flush()
    rules.announce(db, request)
    return bookings[0]
