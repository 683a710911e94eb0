"""The Department of Education's administrator: creates schools, each with its first staff member
(invited by a one-time set-up link), and sees the list. A school starts with the domain's default
rules (scale 2..5, thresholds 4.60 / 3.60 / 2.60, quarters) and default kinds of work."""

from datetime import datetime

from sqlmodel import Session, func, select

from mrko_app.models import School, StaffInvite, User, UserRole, WorkKind
from mrko_app.models.school import DEFAULT_THRESHOLDS
from mrko_app.services.errors import ValidationError
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.invites import clean_person, send_invite
from mrko_app.services.school_admin.scope import require_department

NAME_MAX, SHORT_MAX = 200, 60
# code, English, Russian, weight (domain.md: a sensible default table)
DEFAULT_WORK_KINDS = [
    ("answer", "Answer in class", "Ответ на уроке", 1),
    ("homework", "Homework", "Домашняя работа", 1),
    ("independent", "Independent work", "Самостоятельная работа", 2),
    ("test", "Test / dictation", "Тест / диктант", 2),
    ("control", "Control work", "Контрольная работа", 3),
    ("exam", "Exam", "Экзамен", 4),
]


def new_school(db: Session, name: str, short_name: str = "", work_kinds=DEFAULT_WORK_KINDS) -> School:
    """The school row with default rules and its kinds of work (no checks: callers check)."""
    school = School(name=name, short_name=short_name, mark_min=2, mark_max=5, thresholds=dict(DEFAULT_THRESHOLDS),
                    period_system="quarters", year_rule="thresholds", timezone="", bells={})
    db.add(school)
    db.flush()
    for code, en, ru, weight in work_kinds:
        db.add(WorkKind(school_id=school.id, code=code, name_en=en, name_ru=ru, weight=weight))
    db.flush()
    return school


def create_school(db: Session, admin: User | None, form: dict,
                  now: datetime | None = None) -> tuple[School, StaffInvite]:
    """Fields: name, short_name, and the first staff member's surname, first_name, patronymic, contact.
    Every problem at once; nothing is written unless all are fine."""
    require_department(db, admin)
    name = " ".join(str(form.get("name") or "").split())
    short_name = " ".join(str(form.get("short_name") or "").split())
    person, errors = clean_person(form)
    if not name:
        errors["name"] = "error.required"
    elif len(name) > NAME_MAX:
        errors["name"] = "school_admin.too_long"
    elif db.exec(select(School.id).where(func.lower(School.name) == name.lower())).first() is not None:
        errors["name"] = "school_admin.name_taken"
    if len(short_name) > SHORT_MAX:
        errors["short_name"] = "school_admin.too_long"
    if errors:
        raise ValidationError(errors)
    school = new_school(db, name, short_name)
    audit.record(db, admin, school.id, "school.create", name, {}, {"name": name, "short_name": short_name}, now)
    invite = send_invite(db, admin, school, person, ["staff"], now)
    return school, invite


def department_schools(db: Session, admin: User | None) -> list[dict]:
    """Every school with how many staff it has and its invitations still pending."""
    require_department(db, admin)
    staff = dict(db.exec(select(UserRole.school_id, func.count(UserRole.id)).where(UserRole.role == "staff")
                         .group_by(UserRole.school_id)).all())
    pending = dict(db.exec(select(StaffInvite.school_id, func.count(StaffInvite.id))
                           .where(StaffInvite.used_at == None, StaffInvite.revoked == False)  # noqa: E711,E712
                           .group_by(StaffInvite.school_id)).all())
    return [{"id": s.id, "name": s.name, "short_name": s.short_name, "staff": staff.get(s.id, 0),
             "pending": pending.get(s.id, 0)}
            for s in db.exec(select(School).order_by(School.name)).all()]


__all__ = ["DEFAULT_WORK_KINDS", "create_school", "department_schools", "new_school"]
