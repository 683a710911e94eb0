"""Who may build, own and answer a survey; who is in its audience.

A subject is what answers once: "u:<user id>" (the parents and teachers audiences) or "s:<student id>"
(the children audience: one answer per child, by any of the child's parents)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mrko_app.models import ParentChildLink, SchoolClass, Student, TeachingAssignment, User, UserRole
from mrko_app.models.surveys import Survey
from mrko_app.services import ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import PermissionDenied


@dataclass(frozen=True)
class Subject:
    key: str
    student_id: int | None
    class_id: int | None



def teacher_classes(db: Session, user: User) -> set[int]:
    """The classes a teacher teaches in or is class teacher of."""
    taught = db.exec(select(TeachingAssignment.class_id).where(TeachingAssignment.teacher_id == user.id)).all()
    led = db.exec(select(SchoolClass.id).where(SchoolClass.class_teacher_id == user.id)).all()
    return set(taught) | set(led)


def builder_school(db: Session, user: User | None) -> tuple[int, set[int] | None]:
    """(school, the classes they may address; None: any). Staff build for their school; a teacher for
    the classes they teach."""
    held = access.require_role(db, user, "staff", "teacher")
    schools = access.staff_school_ids(db, user)
    if "staff" in held and schools:
        return min(schools), None
    classes = teacher_classes(db, user)
    if not classes:
        raise PermissionDenied()
    school = db.exec(select(SchoolClass.school_id).where(col(SchoolClass.id).in_(sorted(classes)))).first()
    return school, classes


def is_owner(db: Session, user: User | None, survey: Survey) -> bool:
    """The one who made it, or staff of its school."""
    if user is None or user.id is None:
        return False
    return survey.owner_id == user.id or survey.school_id in access.staff_school_ids(db, user)


def owned_survey(db: Session, user: User | None, survey_id) -> Survey:
    access.require_user(user)
    survey = db.get(Survey, ids.require_id(survey_id))
    if survey is None or not is_owner(db, user, survey):
        raise PermissionDenied()  # the same answer whether it exists or not
    return survey


def school_classes(db: Session, school_id: int) -> dict[int, str]:
    rows = db.exec(select(SchoolClass.id, SchoolClass.name).where(SchoolClass.school_id == school_id)
                   .order_by(SchoolClass.grade, SchoolClass.name)).all()
    return dict(rows)


def _class_ok(survey: Survey, class_id: int | None) -> bool:
    return class_id is not None and (not survey.class_ids or class_id in survey.class_ids)


@dataclass(frozen=True)
class Participant:
    """What decides which surveys a user may answer, read once (four statements at most)."""

    roles: frozenset[str]
    kids: tuple[Student, ...]  # the children whose diary the parent may see now
    classes: frozenset[int]  # a teacher's classes
    schools: frozenset[int]  # the schools where the user teaches


def participant(db: Session, user: User) -> Participant:
    roles = frozenset(access.user_roles(db, user))
    kids = tuple(s for _l, s in access.linked_children(db, user)) if "parent" in roles else ()
    classes, schools = frozenset(), frozenset()
    if "teacher" in roles:
        classes = frozenset(teacher_classes(db, user))
        schools = frozenset(s for s in db.exec(select(UserRole.school_id).where(
            UserRole.user_id == user.id, UserRole.role == "teacher")).all() if s is not None)
    return Participant(roles, kids, classes, schools)


def subjects_in(who: Participant, user: User, survey: Survey) -> list[Subject]:
    """What `user` may answer `survey` as (empty: not in its audience)."""
    if survey.audience == "teachers":
        if "teacher" not in who.roles:
            return []
        if survey.class_ids and not who.classes & set(survey.class_ids):
            return []
        if not survey.class_ids and survey.school_id not in who.schools:
            return []
        return [Subject(f"u:{user.id}", None, None)]
    if "parent" not in who.roles:
        return []
    kids = [s for s in who.kids if s.school_id == survey.school_id and _class_ok(survey, s.class_id)]
    if survey.audience == "children":
        return [Subject(f"s:{s.id}", s.id, s.class_id) for s in kids]
    return [Subject(f"u:{user.id}", None, kids[0].class_id)] if kids else []


def subjects_for(db: Session, user: User | None, survey: Survey) -> list[Subject]:
    if user is None or user.id is None:
        return []
    return subjects_in(participant(db, user), user, survey)


def subject_for(db: Session, user: User | None, survey: Survey, student_id) -> Subject:
    subjects = subjects_for(db, user, survey)
    if survey.audience == "children":
        wanted = ids.require_id(student_id) if student_id not in (None, "") else None
        subjects = [s for s in subjects if s.student_id == wanted]
    if not subjects:
        raise PermissionDenied()
    return subjects[0]


def audience_keys(db: Session, survey: Survey) -> dict[str, list[int]]:
    """Every subject in the audience -> the users who may answer for it (for counts and reminders)."""
    if survey.audience == "teachers":
        if survey.class_ids:
            ids = set(db.exec(select(TeachingAssignment.teacher_id)
                              .where(col(TeachingAssignment.class_id).in_(survey.class_ids))).all())
        else:
            ids = set(db.exec(select(UserRole.user_id).where(UserRole.role == "teacher",
                                                             UserRole.school_id == survey.school_id)).all())
        return {f"u:{i}": [i] for i in sorted(ids)}
    query = (select(ParentChildLink.parent_id, Student.id)
             .join(Student, Student.id == ParentChildLink.student_id)
             .where(Student.school_id == survey.school_id, Student.status == "studying",
                    col(ParentChildLink.end_date).is_(None)))
    if survey.class_ids:
        query = query.where(col(Student.class_id).in_(survey.class_ids))
    out: dict[str, list[int]] = {}
    for parent_id, student_id in db.exec(query).all():
        key = f"s:{student_id}" if survey.audience == "children" else f"u:{parent_id}"
        out.setdefault(key, []).append(parent_id)
    return out
