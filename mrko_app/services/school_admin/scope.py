"""Whose school is it: the one check every administrative service makes first."""

from sqlmodel import Session, select

from mrko_app.models import School, User, UserRole
from mrko_app.services.access import rules as access
from mrko_app.services.errors import PermissionDenied
from mrko_app.services.ids import require_id

DEPARTMENT = "department"


def school_for_staff(db: Session, user: User | None, school_id) -> School:
    """The school, when `user` is its staff; otherwise PermissionDenied (another school's staff, a
    teacher, a parent, an unknown or malformed id all look the same)."""
    sid = require_id(school_id, PermissionDenied)
    access.require_staff(db, user, sid)
    school = db.get(School, sid)
    if school is None:
        raise PermissionDenied()
    return school


def staff_schools(db: Session, user: User | None) -> list[School]:
    """The schools the user is staff of, by name (none: PermissionDenied)."""
    ids = access.require_staff(db, user)
    return sorted((db.get(School, i) for i in ids), key=lambda s: s.name)


def require_department(db: Session, user: User | None) -> User:
    access.require_user(user)
    held = db.exec(select(UserRole.id).where(UserRole.user_id == user.id, UserRole.role == DEPARTMENT)).first()
    if held is None:
        raise PermissionDenied()
    return user


def current_year(db: Session, school: School, today=None):
    """The study year running today (the latest started one, else the first), or None."""
    from mrko_app.models import StudyYear
    from mrko_app.services import clock

    today = today or clock.today(school)
    years = sorted(db.exec(select(StudyYear).where(StudyYear.school_id == school.id)).all(),
                   key=lambda y: y.start_date)
    started = [y for y in years if y.start_date <= today]
    return started[-1] if started else (years[0] if years else None)
