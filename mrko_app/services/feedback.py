"""The feedback form (anyone, spam-limited per client address) and the staff queue that answers it.
The sender gets a confirmation number, and later the answer, through services/notify/messages.py."""

import hashlib
import os
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mrko_app.i18n import tr
from mrko_app.models import FeedbackTicket, User
from mrko_app.models.base import utcnow
from mrko_app.services import clock, ids
from mrko_app.services.accounts import validation
from mrko_app.services.errors import NotFound, ServiceError, ValidationError
from mrko_app.services.forum import rules
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.notify import messages as notifications

TOPICS = ("access", "login", "marks", "technical", "suggestion", "other")
STATUSES = ("new", "in_progress", "answered", "closed")
# messages per client address; per deployment MRKO_FEEDBACK_PER_HOUR (the browser tests, all from 127.0.0.1,
# raise it)
PER_HOUR = int(os.environ.get("MRKO_FEEDBACK_PER_HOUR", "3"))
PER_DAY = max(PER_HOUR, 10)
MESSAGE_MIN, MESSAGE_MAX = 10, 3000


def _client_key(client_ip) -> str:
    return hashlib.sha256(f"feedback:{client_ip or ''}".encode()).hexdigest()


def _contact(value, errors: dict[str, str]) -> tuple[str, str]:
    value = value.strip() if isinstance(value, str) else ""
    if not value:
        errors["contact"] = "error.required"
    elif "@" in value:
        if validation.check_email(value) is None:
            return validation.normalize_email(value), "email"
        errors["contact"] = "feedback.error.contact"
    elif validation.normalize_phone(value):
        return validation.normalize_phone(value), "sms"
    else:
        errors["contact"] = "feedback.error.contact"
    return "", ""


def submit(db: Session, form, client_ip, now: datetime | None = None, user: User | None = None) -> FeedbackTicket:
    """Store a message from {name, contact, topic, message}; the confirmation goes to the contact.
    `user`: the signed-in sender (server-side), whose notification centre will show the answer."""
    now = now or utcnow()
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    name = rules.text_field(form.get("name"), "name", 2, 80, errors)
    contact, kind = _contact(form.get("contact"), errors)
    topic = form.get("topic")
    if topic not in TOPICS:
        errors["topic"] = "error.required"
    message = rules.text_field(form.get("message"), "message", MESSAGE_MIN, MESSAGE_MAX, errors)
    if errors:
        raise ValidationError(errors)
    key = _client_key(client_ip)
    for window, limit in ((timedelta(hours=1), PER_HOUR), (timedelta(days=1), PER_DAY)):
        sent = db.exec(select(func.count()).select_from(FeedbackTicket).where(
            FeedbackTicket.client_key == key, FeedbackTicket.created_at > now - window)).one()
        if sent >= limit:
            raise ServiceError("feedback.error.rate")
    ticket = FeedbackTicket(number="", name=name, contact=contact, contact_kind=kind, topic=topic, message=message,
                            client_key=key, created_at=now,
                            user_id=user.id if user is not None and user.id is not None else None)
    db.add(ticket)
    db.flush()
    ticket.number = f"ОС-{now.year}-{ticket.id:05d}"
    db.add(ticket)
    notifications.send(db, channel=kind, recipient=contact, subject=f"Обращение {ticket.number} получено",
                       body=f"Здравствуйте, {name}! Ваше обращение № {ticket.number} получено, мы ответим "
                            f"в течение трёх рабочих дней.")
    return ticket


def _ticket(db: Session, user: User | None, ticket_id) -> FeedbackTicket:
    rules.require_moderator(db, user)
    ticket = db.get(FeedbackTicket, ids.require_id(ticket_id))
    if ticket is None:
        raise NotFound()
    return ticket


def queue(db: Session, user: User | None, status="") -> list[dict]:
    rules.require_moderator(db, user)
    query = select(FeedbackTicket, User).join(User, User.id == FeedbackTicket.assignee_id, isouter=True)
    if status in STATUSES:
        query = query.where(FeedbackTicket.status == status)
    rows = db.exec(query.order_by(col(FeedbackTicket.id).desc()).limit(100)).all()
    return [{"id": t.id, "number": t.number, "name": t.name, "contact": t.contact, "topic": t.topic,
             "message": t.message, "status": t.status, "answer": t.answer,
             "assignee": rules.display_name(a) if a else "", "mine": a is not None and a.id == user.id,
             "created": clock.to_local(t.created_at)} for t, a in rows]


def assign_to_me(db: Session, user: User | None, ticket_id) -> FeedbackTicket:
    ticket = _ticket(db, user, ticket_id)
    ticket.assignee_id = user.id
    if ticket.status == "new":
        ticket.status = "in_progress"
    db.add(ticket)
    db.flush()
    return ticket


def set_status(db: Session, user: User | None, ticket_id, status) -> FeedbackTicket:
    ticket = _ticket(db, user, ticket_id)
    if status not in STATUSES:
        raise ValidationError({"status": "forum.error.invalid"})
    ticket.status = status
    db.add(ticket)
    db.flush()
    return ticket


def answer(db: Session, user: User | None, ticket_id, text, now: datetime | None = None) -> FeedbackTicket:
    """Staff answer: it goes to the sender's contact, and the ticket is answered."""
    ticket = _ticket(db, user, ticket_id)
    errors: dict[str, str] = {}
    text = rules.text_field(text, "answer", 2, MESSAGE_MAX, errors)
    if errors:
        raise ValidationError(errors)
    ticket.answer, ticket.answered_at, ticket.status = text, now or utcnow(), "answered"
    ticket.assignee_id = ticket.assignee_id or user.id
    db.add(ticket)
    db.flush()
    notifications.send(db, channel=ticket.contact_kind, recipient=ticket.contact,
                       subject=f"Ответ на обращение {ticket.number}", body=text)
    if ticket.user_id is not None:  # in the app only: the answer has just gone to the contact given
        inbox.notify(db, [ticket.user_id], "feedback",
                     title=lambda lang: tr("inbox.feedback.answer", lang, number=ticket.number), body=text[:1000],
                     key=f"feedback:{ticket.id}", email=False)  # the text is the answer: no link
    return ticket
