"""A request as one reader may see it: the thread, the offered slots, and for the psychologist the shares.
A reader who is not the psychologist or the author never gets the name of an anonymous request's parent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import (
    MeetingBooking,
    MeetingSlot,
    PsychologistOffer,
    PsychologistReply,
    PsychologistRequest,
    PsychologistShare,
    Student,
    User,
)
from mrko_app.services.psychologist import rules


@dataclass(frozen=True)
class Reply:
    id: int
    by_psychologist: bool
    author: str  # "" when the reader may not know who wrote it (an anonymous parent)
    body_html: str
    created_at: datetime


@dataclass(frozen=True)
class Offer:
    slot_id: int
    starts_at: datetime
    minutes: int
    place: str
    booked: bool  # booked for this request


@dataclass(frozen=True)
class Share:
    person: str
    relation: str
    created_at: datetime


@dataclass(frozen=True)
class Request:
    id: int
    kind: str
    topic: str
    text_html: str
    anonymous: bool
    status: str
    child: str
    parent: str  # "" when withheld from this reader
    created_at: datetime
    answered_at: datetime | None
    answer_due: datetime
    seen_as: str
    replies: list[Reply] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)


def _names(db: Session, user_ids: set[int]) -> dict[int, str]:
    return {u.id: u.full_name for u in db.exec(select(User).where(col(User.id).in_(user_ids or {-1}))).all()}


def summaries(db: Session, requests: list[PsychologistRequest], seen_as: str) -> list[Request]:
    """Several requests without their texts and threads (the desk's list: reading one is opening it,
    which is logged): three queries."""
    kids = {s.id: s.full_name for s in db.exec(select(Student).where(
        col(Student.id).in_({r.student_id for r in requests} or {-1}))).all()}
    parents = _names(db, {r.parent_id for r in requests}) if seen_as == "psychologist" else {}
    promises = {sid: rules.promise(db, sid).answer_days for sid in {r.school_id for r in requests}}
    return [Request(**{**_summary(r, kids.get(r.student_id, ""), parents.get(r.parent_id, ""), promises[r.school_id],
                                  seen_as).__dict__, "text_html": ""}) for r in requests]


def _summary(r: PsychologistRequest, child: str, parent: str, days: int, seen_as: str) -> Request:
    return Request(r.id, r.kind, r.topic, r.text_html, r.anonymous, r.status, child, parent, r.created_at,
                   r.answered_at, r.created_at + timedelta(days=days), seen_as)


def full(db: Session, seen: rules.Seen, reader: User) -> Request:
    """One request with its thread and offers (and, for the psychologist, whom it was shared with)."""
    r = seen.request
    child = db.get(Student, r.student_id)
    replies = db.exec(select(PsychologistReply).where(PsychologistReply.request_id == r.id)
                      .order_by(PsychologistReply.created_at, PsychologistReply.id)).all()
    names = _names(db, {x.author_id for x in replies} | {r.parent_id})
    show_parent = seen.as_ != "shared" or not r.anonymous
    parent = names.get(r.parent_id, "") if show_parent else ""
    thread = [Reply(x.id, x.author_id != r.parent_id,
                    parent if x.author_id == r.parent_id else names.get(x.author_id, ""), x.body_html, x.created_at)
              for x in replies]
    summary = _summary(r, child.full_name if child else "", parent, rules.promise(db, r.school_id).answer_days,
                       seen.as_)
    offers = offers_of(db, r) if seen.as_ != "shared" else []
    shares = []
    if seen.as_ == "psychologist":
        rows = db.exec(select(PsychologistShare).where(PsychologistShare.request_id == r.id)
                       .order_by(PsychologistShare.id)).all()
        people = _names(db, {s.person_id for s in rows})
        shares = [Share(people.get(s.person_id, ""), s.relation, s.created_at) for s in rows]
    return Request(**{**summary.__dict__, "replies": thread, "offers": offers, "shares": shares})


def offers_of(db: Session, r: PsychologistRequest) -> list[Offer]:
    """The slots offered from the request that are still open or booked for it (withdrawn ones drop out)."""
    rows = db.exec(
        select(MeetingSlot, MeetingBooking)
        .join(PsychologistOffer, PsychologistOffer.slot_id == MeetingSlot.id)
        .outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
        .where(PsychologistOffer.request_id == r.id, MeetingSlot.withdrawn == False)  # noqa: E712
        .order_by(MeetingSlot.starts_at)).all()
    return [Offer(s.id, s.starts_at, s.minutes, s.place, b is not None and b.parent_id == r.parent_id)
            for s, b in rows if b is None or b.parent_id == r.parent_id]
