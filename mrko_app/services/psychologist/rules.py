"""Who may see a request, the limits, the school's promise and notice, the access log.

A request is seen by the psychologists of its school, by the parent who wrote it, and by the people the
psychologist shared it with; to anyone else (teachers, staff, the other parent) it does not exist: the
same NotFound as a missing id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import (
    PsychologistAccess,
    PsychologistRequest,
    PsychologistSettings,
    PsychologistShare,
    User,
    UserRole,
)
from mrko_app.services import changes, clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError

KINDS = ("consultation", "question")
STATUSES = ("new", "in_progress", "meeting_booked", "closed")
TOPIC_MAX = 120
TEXT_MAX = 4000
NOTICE_MAX = 2000
ANSWER_DAYS = 3  # the promise when the school has not set one
ANSWER_DAYS_MAX = 30
PER_DAY = 5  # requests one parent may send in 24 hours
READ_LOG_GAP = timedelta(minutes=5)  # a re-read (a live refresh) within this is not logged again
LOG_SHOWN = 50


@dataclass(frozen=True)
class Promise:
    """What the parent is told before sending: the answer time and the notice ("" : the catalogue's)."""

    answer_days: int
    notice: str


def psychologist_schools(db: Session, user: User | None) -> set[int]:
    if user is None or user.id is None or not user.is_active:
        return set()
    return set(db.exec(select(UserRole.school_id).where(
        UserRole.user_id == user.id, UserRole.role == "psychologist", col(UserRole.school_id).is_not(None))).all())


def psychologists_of(db: Session, school_id: int) -> list[int]:
    return list(db.exec(select(UserRole.user_id).where(
        UserRole.school_id == school_id, UserRole.role == "psychologist")).all())


def promise(db: Session, school_id: int) -> Promise:
    row = db.exec(select(PsychologistSettings).where(PsychologistSettings.school_id == school_id)).first()
    return Promise(row.answer_days, row.notice) if row else Promise(ANSWER_DAYS, "")


def text_of(value, field: str, limit: int, *, required: bool = True) -> str:
    """User text as sent: stripped, within `limit` characters; ValidationError beside `field` otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ValidationError({field: "error.required"})
    if len(text) > limit:
        raise ValidationError({field: "psy.error.too_long"}, max=limit)
    return text


@dataclass(frozen=True)
class Seen:
    """A request and how the reader comes to see it: "psychologist", "parent" (its author) or "shared"."""

    request: PsychologistRequest
    as_: str


def find(db: Session, user: User | None, request_id, *, psychologist_only: bool = False) -> Seen:
    """The request, if `user` may see it; else NotFound, whatever the reason (no such id, not yours)."""
    access.require_user(user)
    rid = ids.parse_id(request_id)
    request = db.get(PsychologistRequest, rid) if rid is not None else None
    if request is None:
        raise NotFound()
    if request.school_id in psychologist_schools(db, user):
        return Seen(request, "psychologist")
    if psychologist_only:
        raise NotFound()
    if request.parent_id == user.id:
        return Seen(request, "parent")
    if db.exec(select(PsychologistShare.id).where(PsychologistShare.request_id == request.id,
                                                  PsychologistShare.person_id == user.id)).first():
        return Seen(request, "shared")
    raise NotFound()


def log(db: Session, user: User, request: PsychologistRequest, action: str, *, now: datetime | None = None) -> None:
    """One line of the access log. A read repeated within READ_LOG_GAP (a live refresh) is not a new line."""
    now = now or clock.now()
    if action == "read" and db.exec(select(PsychologistAccess.id).where(
            PsychologistAccess.request_id == request.id, PsychologistAccess.user_id == user.id,
            PsychologistAccess.action == "read", PsychologistAccess.at > now - READ_LOG_GAP)).first():
        return
    db.add(PsychologistAccess(request_id=request.id, user_id=user.id, action=action, at=now))


def announce(db: Session, request: PsychologistRequest, *, parent: bool = True, extra: tuple[int, ...] = ()) -> None:
    """After the commit: the school's psychologists' desks, the parent's page (and `extra` people's)."""
    people = set(psychologists_of(db, request.school_id)) | set(extra)
    if parent:
        people.add(request.parent_id)
    changes.announce(db, *(changes.of_user(uid, "psychologist") for uid in sorted(people)))
