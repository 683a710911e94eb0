"""The people already set up at a school (teachers, staff, psychologists) and their roles there.

Staff change a person's roles at their own school; each change is audited with before -> after. Two
rules keep a school workable: its last staff member keeps the staff role (else nobody could run it),
and the teacher role stays while the person still has teaching assignments of this school's classes
(end them first: the journal follows assignments). Roles a person holds at other schools are untouched.
"""

from sqlmodel import Session, col, select

from mrko_app.models import SchoolClass, TeachingAssignment, User, UserRole
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.invites import INVITE_ROLES
from mrko_app.services.school_admin.scope import school_for_staff


def school_people(db: Session, staff: User | None, school_id) -> list[tuple[User, list[str]]]:
    """Everyone holding a role of INVITE_ROLES at the school, with those roles, by surname."""
    school = school_for_staff(db, staff, school_id)
    rows = db.exec(select(User, UserRole.role).join(UserRole, UserRole.user_id == User.id)
                   .where(UserRole.school_id == school.id, col(UserRole.role).in_(INVITE_ROLES))).all()
    people: dict[int, tuple[User, list[str]]] = {}
    for user, role in rows:
        people.setdefault(user.id, (user, []))[1].append(role)
    return sorted(((u, [r for r in INVITE_ROLES if r in roles]) for u, roles in people.values()),
                  key=lambda p: (p[0].surname, p[0].first_name, p[0].id))


def set_roles(db: Session, staff: User | None, school_id, person_id, roles) -> list[str]:
    """Give the person exactly `roles` (a subset of teacher / staff / psychologist) at the school; none
    takes them off its staff list. Returns the roles they now hold there."""
    school = school_for_staff(db, staff, school_id)
    if not isinstance(roles, list | tuple | set) or any(r not in INVITE_ROLES for r in roles):
        raise ValidationError({"roles": "school_admin.roles_required"})
    wanted = [r for r in INVITE_ROLES if r in roles]
    pid = require_id(person_id)
    held_rows = db.exec(select(UserRole).where(UserRole.user_id == pid, UserRole.school_id == school.id,
                                               col(UserRole.role).in_(INVITE_ROLES))).all()
    person = db.get(User, pid) if held_rows else None
    if person is None:
        raise NotFound()
    held = [r for r in INVITE_ROLES if r in {row.role for row in held_rows}]
    if held == wanted:
        return held
    if "staff" in held and "staff" not in wanted:
        # lock the school's staff rows, so two staff taking each other's role cannot both succeed
        others = db.exec(select(UserRole.id).where(UserRole.school_id == school.id, UserRole.role == "staff",
                                                   UserRole.user_id != pid).with_for_update()).all()
        if not others:
            raise ValidationError({"roles": "school_admin.last_staff"})
    if "teacher" in held and "teacher" not in wanted:
        assigned = db.exec(select(TeachingAssignment.id).join(SchoolClass, SchoolClass.id == TeachingAssignment.class_id)
                           .where(TeachingAssignment.teacher_id == pid, SchoolClass.school_id == school.id)).all()
        if assigned:
            raise ValidationError({"roles": "school_admin.teacher_assigned"}, assignments=len(assigned))
    for row in held_rows:
        if row.role not in wanted:
            db.delete(row)
    for role in wanted:
        if role not in held:
            db.add(UserRole(user_id=pid, role=role, school_id=school.id))
    db.flush()
    audit.record(db, staff, school.id, "person.roles", person.full_name, {"roles": held}, {"roles": wanted})
    return wanted
