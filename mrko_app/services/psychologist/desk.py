"""The psychologist's desk: requests of their schools by status, one request (every opening logged),
triage, answers, meeting slots offered from a request, sharing with a named person, the access log,
and the school's promise and notice. Anyone else gets NotFound for a request, as for a missing id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mrko_app.models import (
    MeetingBooking,
    MeetingSlot,
    ParentChildLink,
    PsychologistAccess,
    PsychologistOffer,
    PsychologistReply,
    PsychologistRequest,
    PsychologistSettings,
    PsychologistShare,
    SchoolClass,
    Student,
    User,
    UserRole,
)
from mrko_app.services import clock, ids, markdown
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.psychologist import rules, views


@dataclass(frozen=True)
class LogLine:
    person: str
    action: str
    at: datetime


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    relation: str  # parent | class_teacher | staff


def _schools(db: Session, user: User | None) -> set[int]:
    access.require_user(user)
    schools = rules.psychologist_schools(db, user)
    if not schools:
        raise PermissionDenied()
    return schools


def requests(db: Session, psychologist: User | None, status: str | None = None) -> list[views.Request]:
    """The requests of the psychologist's schools, newest first; `status` one of rules.STATUSES or all."""
    schools = _schools(db, psychologist)
    query = select(PsychologistRequest).where(col(PsychologistRequest.school_id).in_(schools))
    if status in rules.STATUSES:
        query = query.where(PsychologistRequest.status == status)
    rows = db.exec(query.order_by(col(PsychologistRequest.created_at).desc()).limit(200)).all()
    return views.summaries(db, list(rows), "psychologist")


def counts(db: Session, psychologist: User | None) -> dict[str, int]:
    schools = _schools(db, psychologist)
    rows = db.exec(select(PsychologistRequest.status).where(col(PsychologistRequest.school_id).in_(schools))).all()
    return {s: sum(1 for r in rows if r == s) for s in rules.STATUSES}


def open_request(db: Session, psychologist: User | None, request_id, *, now: datetime | None = None) -> views.Request:
    """One request with its thread; the opening goes in the access log."""
    seen = rules.find(db, psychologist, request_id, psychologist_only=True)
    rules.log(db, psychologist, seen.request, "read", now=now)
    db.flush()
    return views.full(db, seen, psychologist)


def _mine(db: Session, psychologist: User | None, request_id) -> PsychologistRequest:
    return rules.find(db, psychologist, request_id, psychologist_only=True).request


def set_status(db: Session, psychologist: User | None, request_id, status, *, now: datetime | None = None):
    request = _mine(db, psychologist, request_id)
    if status not in rules.STATUSES:
        raise ValidationError({"status": "error.required"})
    now = now or clock.now()
    request.status, request.updated_at = status, now
    db.add(request)
    rules.log(db, psychologist, request, "status", now=now)
    db.flush()
    rules.announce(db, request)
    return request


def reply(db: Session, psychologist: User | None, request_id, body, *, now: datetime | None = None) -> PsychologistReply:
    """An answer in the private thread: sanitised Markdown; a new request moves to "in progress"."""
    request = _mine(db, psychologist, request_id)
    text = rules.text_of(body, "body", rules.TEXT_MAX)
    now = now or clock.now()
    row = PsychologistReply(request_id=request.id, author_id=psychologist.id, body=text,
                            body_html=markdown.render(text), created_at=now)
    request.answered_at = request.answered_at or now
    if request.status == "new":
        request.status = "in_progress"
    request.updated_at = now
    db.add_all([row, request])
    rules.log(db, psychologist, request, "reply", now=now)
    db.flush()
    rules.announce(db, request)
    return row


def free_slots(db: Session, psychologist: User | None, *, now: datetime | None = None) -> list[views.Offer]:
    """The psychologist's own future slots nobody booked and no request holds: what may be offered."""
    _schools(db, psychologist)
    rows = db.exec(
        select(MeetingSlot)
        .outerjoin(MeetingBooking, MeetingBooking.slot_id == MeetingSlot.id)
        .outerjoin(PsychologistOffer, PsychologistOffer.slot_id == MeetingSlot.id)
        .where(MeetingSlot.host_id == psychologist.id, MeetingSlot.starts_at > (now or clock.now()),
               MeetingSlot.withdrawn == False, col(MeetingBooking.id).is_(None),  # noqa: E712
               col(PsychologistOffer.id).is_(None))
        .order_by(MeetingSlot.starts_at).limit(40)).all()
    return [views.Offer(s.id, s.starts_at, s.minutes, s.place, False) for s in rows]


def offer(db: Session, psychologist: User | None, request_id, slot_id, *, now: datetime | None = None):
    """Hold one of the psychologist's free slots for this request's parent (nobody else can book it)."""
    request = _mine(db, psychologist, request_id)
    if request.status == "closed":
        raise ValidationError({"slot": "psy.error.closed"})
    sid = ids.parse_id(slot_id)
    if sid is None or sid not in {s.slot_id for s in free_slots(db, psychologist, now=now)}:
        raise NotFound()
    try:
        with db.begin_nested():
            db.add(PsychologistOffer(request_id=request.id, slot_id=sid, created_at=now or clock.now()))
            db.flush()
    except IntegrityError:
        raise ValidationError({"slot": "meetings.error.taken"}) from None
    if request.status == "new":
        request.status = "in_progress"
    request.updated_at = now or clock.now()
    db.add(request)
    rules.log(db, psychologist, request, "offer", now=now)
    db.flush()
    rules.announce(db, request)


def candidates(db: Session, psychologist: User | None, request_id) -> list[Candidate]:
    """Whom the request may be shared with: the child's other parents, the class teacher, the school's staff."""
    request = _mine(db, psychologist, request_id)
    student = db.get(Student, request.student_id)
    found: dict[int, Candidate] = {}
    parents = db.exec(select(User).join(ParentChildLink, ParentChildLink.parent_id == User.id).where(
        ParentChildLink.student_id == request.student_id, col(ParentChildLink.end_date).is_(None),
        User.id != request.parent_id)).all()
    for u in parents:
        found[u.id] = Candidate(u.id, u.full_name, "parent")
    klass = db.get(SchoolClass, student.class_id) if student and student.class_id else None
    if klass and klass.class_teacher_id:
        teacher = db.get(User, klass.class_teacher_id)
        if teacher and teacher.id not in found:
            found[teacher.id] = Candidate(teacher.id, teacher.full_name, "class_teacher")
    for u in db.exec(select(User).join(UserRole, UserRole.user_id == User.id).where(
            UserRole.school_id == request.school_id, UserRole.role == "staff").order_by(User.surname)).all():
        found.setdefault(u.id, Candidate(u.id, u.full_name, "staff"))
    found.pop(psychologist.id, None)
    return list(found.values())


def share(db: Session, psychologist: User | None, request_id, person_id, *, now: datetime | None = None):
    """Let one of the candidates read the request (an anonymous parent's name stays hidden from them)."""
    request = _mine(db, psychologist, request_id)
    pid = ids.parse_id(person_id)
    chosen = next((c for c in candidates(db, psychologist, request.id) if c.user_id == pid), None)
    if chosen is None:
        raise NotFound()
    if db.exec(select(PsychologistShare.id).where(PsychologistShare.request_id == request.id,
                                                  PsychologistShare.person_id == pid)).first():
        return None
    db.add(PsychologistShare(request_id=request.id, person_id=pid, relation=chosen.relation,
                             shared_by=psychologist.id, created_at=now or clock.now()))
    rules.log(db, psychologist, request, "share", now=now)
    db.flush()
    rules.announce(db, request, parent=False, extra=(pid,))
    return chosen


def access_log(db: Session, psychologist: User | None, request_id) -> list[LogLine]:
    """Who opened or changed the request, newest first (the last LOG_SHOWN lines)."""
    request = _mine(db, psychologist, request_id)
    rows = db.exec(select(PsychologistAccess, User).join(User, User.id == PsychologistAccess.user_id)
                   .where(PsychologistAccess.request_id == request.id)
                   .order_by(col(PsychologistAccess.at).desc(), col(PsychologistAccess.id).desc())
                   .limit(rules.LOG_SHOWN)).all()
    return [LogLine(u.full_name, a.action, a.at) for a, u in rows]


def settings(db: Session, psychologist: User | None) -> rules.Promise:
    return rules.promise(db, min(_schools(db, psychologist)))


def set_settings(db: Session, psychologist: User | None, answer_days, notice, *, now: datetime | None = None):
    """The promise and notice of the psychologist's school(s); an empty notice means the catalogue's."""
    schools = _schools(db, psychologist)
    days = ids.parse_id(answer_days)
    if days is None or days > rules.ANSWER_DAYS_MAX:
        raise ValidationError({"answer_days": "psy.error.answer_days"}, max=rules.ANSWER_DAYS_MAX)
    text = rules.text_of(notice, "notice", rules.NOTICE_MAX, required=False)
    for school_id in schools:
        row = db.exec(select(PsychologistSettings).where(PsychologistSettings.school_id == school_id)).first()
        row = row or PsychologistSettings(school_id=school_id)
        row.answer_days, row.notice, row.updated_at = days, text, now or clock.now()
        db.add(row)
    db.flush()

