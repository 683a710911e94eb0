"""Staff change the roles of people already set up at their school: audited, the last staff member
keeps the staff role, a teacher with assignments keeps the teacher role, other schools' roles untouched."""

import pytest
from sqlmodel import select

from mrko_app.models import AuditEntry, TeachingAssignment, UserRole
from mrko_app.services import school_admin as sa
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services.access_world import make_user, make_world


def _roles(db, user, school):
    return sorted(r.role for r in db.exec(select(UserRole).where(UserRole.user_id == user.id,
                                                                UserRole.school_id == school.id)))


def test_staff_change_roles_of_their_people_with_an_audit_entry_and_the_last_staff_member_kept(db):
    w = make_world(db)
    people = sa.school_people(db, w.staff, w.school.id)
    assert {(p.login, tuple(r)) for p, r in people} >= {(w.staff.login, ("staff",)), (w.teacher.login, ("teacher",))}
    assert sa.set_roles(db, w.staff, w.school.id, w.teacher.id, ["teacher", "psychologist"]) == [
        "teacher", "psychologist"]
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "person.roles")).one()
    assert (entry.before, entry.after) == ({"roles": ["teacher"]}, {"roles": ["teacher", "psychologist"]})
    with pytest.raises(ValidationError) as refused:  # the last staff member of the school
        sa.set_roles(db, w.staff, w.school.id, w.staff.id, ["teacher"])
    assert refused.value.fields == {"roles": "school_admin.last_staff"}
    sa.set_roles(db, w.staff, w.school.id, w.teacher.id, ["teacher", "staff"])
    assert sa.set_roles(db, w.teacher, w.school.id, w.staff.id, ["psychologist"]) == ["psychologist"]  # now allowed
    assert _roles(db, w.staff, w.school) == ["psychologist"]
    with pytest.raises(PermissionDenied):  # no longer staff
        sa.school_people(db, w.staff, w.school.id)


def test_roles_stay_within_the_school_and_the_teacher_role_follows_assignments(db):
    w = make_world(db)
    both = make_user(db, "both_schools", ("teacher", w.school.id), ("teacher", w.other_school.id))
    sa.set_roles(db, w.staff, w.school.id, both.id, [])  # off this school's list
    assert _roles(db, both, w.school) == [] and _roles(db, both, w.other_school) == ["teacher"]
    with pytest.raises(NotFound):  # no longer one of this school's people
        sa.set_roles(db, w.staff, w.school.id, both.id, ["teacher"])
    with pytest.raises(NotFound):  # a person of another school only
        sa.set_roles(db, w.staff, w.school.id, w.other_staff.id, ["teacher"])
    with pytest.raises(PermissionDenied):
        sa.set_roles(db, w.other_staff, w.school.id, w.teacher.id, [])
    with pytest.raises(ValidationError):
        sa.set_roles(db, w.staff, w.school.id, w.teacher.id, ["department"])
    from mrko_app.models import Subject

    subject = Subject(school_id=w.school.id, name_en="Maths", name_ru="Математика")
    db.add(subject)
    db.flush()
    db.add(TeachingAssignment(class_id=w.class_5a.id, subject_id=subject.id, teacher_id=w.teacher.id))
    db.flush()
    with pytest.raises(ValidationError) as refused:
        sa.set_roles(db, w.staff, w.school.id, w.teacher.id, ["psychologist"])
    assert refused.value.fields == {"roles": "school_admin.teacher_assigned"} and refused.value.params == {
        "assignments": 1}
