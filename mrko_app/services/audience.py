"""Who a person is in the school's life: the schools and classes whose news and events reach them.
Parents through their children (active links), teachers through the classes they teach or lead,
staff and the psychologist through their school. Three queries whatever the school's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, or_, select

from mrko_app.models import ParentChildLink, SchoolClass, Student, TeachingAssignment, User, UserRole
from mrko_app.services import clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied


@dataclass(frozen=True)
class Child:
    student_id: int
    name: str  # the parent's own page name for the child
    class_id: int | None
    school_id: int


@dataclass
class Audience:
    user_id: int
    roles: set[str]
    school_ids: set[int] = field(default_factory=set)  # school-wide news and events reach these
    class_ids: set[int] = field(default_factory=set)  # class news and events reach these
    children: list[Child] = field(default_factory=list)
    staff_school_ids: set[int] = field(default_factory=set)
    led_class_ids: set[int] = field(default_factory=set)  # classes the user is class teacher of


def audience(db: Session, user: User | None, today: date | None = None) -> Audience:
    access.require_user(user)
    role_rows = db.exec(select(UserRole.role, UserRole.school_id).where(UserRole.user_id == user.id)).all()
    aud = Audience(user_id=user.id, roles={r for r, _s in role_rows})
    for role, school_id in role_rows:
        if school_id is not None and role in ("staff", "psychologist", "teacher"):
            aud.school_ids.add(school_id)
            if role == "staff":
                aud.staff_school_ids.add(school_id)
    if "parent" in aud.roles:
        for link, student in access.linked_children(db, user, today):
            aud.children.append(Child(student.id, link.page_name, student.class_id, student.school_id))
            aud.school_ids.add(student.school_id)
            if student.class_id is not None:
                aud.class_ids.add(student.class_id)
    if aud.roles & {"teacher", "staff"}:
        taught = select(TeachingAssignment.class_id).where(TeachingAssignment.teacher_id == user.id)
        rows = db.exec(select(SchoolClass.id, SchoolClass.school_id, SchoolClass.class_teacher_id).where(
            or_(SchoolClass.id.in_(taught), SchoolClass.class_teacher_id == user.id))).all()
        for class_id, school_id, lead in rows:
            aud.class_ids.add(class_id)
            aud.school_ids.add(school_id)
            if lead == user.id:
                aud.led_class_ids.add(class_id)
    return aud


# form values shared by the news and events forms
def parse_target(value) -> tuple[str, int] | None:
    kind, _, ident = str(value or "")[:40].partition(":")
    if kind not in ("school", "class") or not ident.strip().isdigit():
        return None
    # digits that are no id (0, past the column's range) name nothing: (kind, 0) is found nowhere
    return kind, ids.parse_id(ident) or 0


def local_moment(value, school=None) -> datetime | None | str:
    """A datetime-local value at the school (a School, its zone name, or None: the instance's zone) ->
    naive UTC; "" -> None; anything else -> "bad"."""
    text = str(value or "").strip()[:30]
    if not text:
        return None
    try:
        return clock.to_utc(datetime.fromisoformat(text), school)
    except ValueError:
        return "bad"


def writable_target(db: Session, user, aud, value, errors: dict[str, str]) -> tuple[int | None, int | None]:
    """(school_id, class_id) a news post or an event is for: the school (its staff) or a class (its class
    teacher, or the school's staff). No target: an error on the "target" field; someone else's: refused."""
    target = parse_target(value)
    if target is None:
        errors["target"] = "error.required"
        return None, None
    if target[0] == "school":
        if target[1] not in aud.staff_school_ids:
            raise PermissionDenied()
        return target[1], None
    klass = db.get(SchoolClass, target[1])
    if klass is None:
        raise NotFound()
    if klass.class_teacher_id != user.id and klass.school_id not in aud.staff_school_ids:
        raise PermissionDenied()
    return klass.school_id, klass.id


def reached(db: Session, school_id: int, class_id: int | None, today: date | None = None) -> set[int]:
    """The reverse of `audience`: the people a school's (or a class's) news or event reaches, for the
    notification centre. Parents of the children studying there (active links), the class's teachers
    and class teacher, or for the whole school everyone with a role in it. Three queries at most."""
    today = today or clock.today()
    kids = select(Student.id).where(Student.school_id == school_id, Student.status == "studying")
    if class_id is not None:
        kids = kids.where(Student.class_id == class_id)
    people = set(db.exec(select(ParentChildLink.parent_id).where(
        ParentChildLink.student_id.in_(kids),
        or_(ParentChildLink.end_date.is_(None), ParentChildLink.end_date > today))).all())
    if class_id is None:
        people |= set(db.exec(select(UserRole.user_id).where(UserRole.school_id == school_id)).all())
    else:
        people |= set(db.exec(select(TeachingAssignment.teacher_id)
                              .where(TeachingAssignment.class_id == class_id)).all())
        lead = db.exec(select(SchoolClass.class_teacher_id).where(SchoolClass.id == class_id)).first()
        if lead:
            people.add(lead)
    return people
