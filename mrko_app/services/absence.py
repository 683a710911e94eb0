"""Absence notices: a parent tells the school in advance that their child will be absent; the class
teacher (SchoolClass.class_teacher_id) sees the notices of their class and acknowledges them. The
child's week shows a notice on the days it covers (services/diary/week_view.py)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import AbsenceNotice, SchoolClass, Student, User
from mrko_app.models.base import utcnow
from mrko_app.services import changes, clock
from mrko_app.services.access import rules as access
from mrko_app.services.diary.context import child_context, short_name, users_by_id
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.ids import require_id

REASON_MAX = 300
RECENT_DAYS = 30  # the class teacher's list keeps notices that ended this many days ago


def _date_or_none(value) -> date | None:
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def notice_view(n: AbsenceNotice, school=None) -> dict:
    """The notice for a page; its moments on the clock of the child's `school` (a row or a zone name)."""
    return {
        "id": n.id,
        "start": n.start_date.isoformat(),
        "end": n.end_date.isoformat(),
        "start_text": n.start_date,  # dates and moments: views.present words them for the reader
        "end_text": n.end_date,
        "reason": n.reason,
        "created": clock.to_local(n.created_at, school),
        "acknowledged": n.acknowledged_at is not None,
        "acknowledged_at": clock.to_local(n.acknowledged_at, school) if n.acknowledged_at else "",
    }


def create_notice(db: Session, parent: User | None, student_id, start, end, reason, *,
                  today: date | None = None) -> AbsenceNotice:
    """Validated: both dates given, not in the past, end >= start, end within the child's study year,
    a reason (at most 300 characters). All problems at once, per field."""
    ctx = child_context(db, parent, student_id, today=today)
    today = today or clock.today(ctx.school)  # "not in the past" at the child's school
    errors: dict[str, str] = {}
    first, last = _date_or_none(start), _date_or_none(end)
    text = " ".join(str(reason or "").split())
    if first is None:
        errors["start"] = "diary.absence.error.date" if str(start or "").strip() else "error.required"
    elif first < today:
        errors["start"] = "diary.absence.error.past"
    if last is None:
        errors["end"] = "diary.absence.error.date" if str(end or "").strip() else "error.required"
    elif first is not None and last < first:
        errors["end"] = "diary.absence.error.end_before_start"
    elif last > ctx.year.end_date:
        errors["end"] = "diary.absence.error.after_year"
    if not text:
        errors["reason"] = "error.required"
    elif len(text) > REASON_MAX:
        errors["reason"] = "diary.absence.error.reason_long"
    if errors:
        raise ValidationError(errors, max=REASON_MAX)
    notice = AbsenceNotice(student_id=ctx.student.id, parent_id=parent.id, start_date=first, end_date=last, reason=text)
    db.add(notice)
    db.flush()
    changes.announce(db, changes.of_child(notice.student_id, "absence"))
    return notice


def child_notices(db: Session, parent: User | None, student_id, *, today: date | None = None) -> list[dict]:
    """The child's notices (from any of their parents), latest first."""
    student = access.require_child(db, parent, student_id, today)
    rows = db.exec(
        select(AbsenceNotice).where(AbsenceNotice.student_id == student.id)
        .order_by(col(AbsenceNotice.start_date).desc(), col(AbsenceNotice.id).desc())
    ).all()
    zone = clock.zone_of(db, student.school_id)
    return [notice_view(n, zone) for n in rows]


def class_notices(db: Session, teacher: User | None, *, today: date | None = None) -> list[dict]:
    """The notices for the students of the classes the user is class teacher of, that end today or
    ended in the last 30 days: not yet acknowledged first, then by start date. Four queries."""
    access.require_role(db, teacher, "teacher")
    today = today or clock.today()
    rows = db.exec(
        select(AbsenceNotice, Student, SchoolClass)
        .join(Student, Student.id == AbsenceNotice.student_id)
        .join(SchoolClass, SchoolClass.id == Student.class_id)
        .where(SchoolClass.class_teacher_id == teacher.id,
               AbsenceNotice.end_date >= today - timedelta(days=RECENT_DAYS))
        .order_by(AbsenceNotice.start_date, AbsenceNotice.id)
    ).all()
    parents = users_by_id(db, [n.parent_id for n, _s, _c in rows])
    zones = clock.zones_of(db, {c.school_id for _n, _s, c in rows})
    views = [{**notice_view(n, zones.get(c.school_id, "")), "student": s.full_name, "class_name": c.name,
              "parent": parents[n.parent_id].full_name if n.parent_id in parents else "",
              "parent_short": short_name(parents.get(n.parent_id))} for n, s, c in rows]
    views.sort(key=lambda v: v["acknowledged"])  # stable: pending first, each by start date
    return views


def is_class_teacher(db: Session, user: User | None) -> bool:
    """Whether the user is the class teacher of any class (the notices page is theirs)."""
    if user is None or user.id is None:
        return False
    return db.exec(select(SchoolClass.id).where(SchoolClass.class_teacher_id == user.id)).first() is not None


def acknowledge(db: Session, teacher: User | None, notice_id) -> AbsenceNotice:
    """The class teacher of the notice's student acknowledges it (again: no change)."""
    access.require_role(db, teacher, "teacher")
    nid = require_id(notice_id)
    row = db.exec(
        select(AbsenceNotice, SchoolClass)
        .join(Student, Student.id == AbsenceNotice.student_id)
        .join(SchoolClass, SchoolClass.id == Student.class_id)
        .where(AbsenceNotice.id == nid)
    ).first()
    if row is None:
        raise NotFound()
    notice, school_class = row
    if school_class.class_teacher_id != teacher.id:
        raise PermissionDenied()
    if notice.acknowledged_at is None:
        notice.acknowledged_by = teacher.id
        notice.acknowledged_at = utcnow()
        db.add(notice)
        db.flush()
        changes.announce(db, changes.of_child(notice.student_id, "absence"))
    return notice
