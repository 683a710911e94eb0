"""Who may see and change what. Every service that reads or writes a child's data, a class journal
or the school's administration calls one of these first, whatever the browser sent."""

from datetime import date

from sqlalchemy import bindparam, exists
from sqlmodel import Session, select

from mrko_app.models import ParentChildLink, SchoolClass, Student, TeachingAssignment, User, UserRole
from mrko_app.services import clock
from mrko_app.services.access import kept
from mrko_app.services.columns import run
from mrko_app.services.errors import PermissionDenied
from mrko_app.services.ids import require_id


def require_user(user: User | None) -> User:
    if user is None or user.id is None or not user.is_active:
        raise PermissionDenied("error.login_required")
    return user


def user_roles(db: Session, user: User | None) -> set[str]:
    if user is None or user.id is None:
        return set()
    return set(db.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all())


def require_role(db: Session, user: User | None, *roles: str) -> set[str]:
    """The user's roles, when they include one of `roles`; else PermissionDenied."""
    require_user(user)
    held = user_roles(db, user)
    if roles and not held.intersection(roles):
        raise PermissionDenied()
    return held


def _link_is_active(link: ParentChildLink, student: Student, today: date) -> bool:
    return _is_active(link.end_date, student.status, today)


def _is_active(end_date: date | None, status: str, today: date) -> bool:
    """The one rule: a link not ended by today, to a student still studying."""
    return (end_date is None or end_date > today) and status == "studying"


def linked_children(db: Session, parent: User, today: date | None = None) -> list[tuple[ParentChildLink, Student]]:
    """The parent's children whose diary they may see now: an open link and a student still studying."""
    require_user(parent)
    today = today or clock.today()
    rows = db.exec(
        select(ParentChildLink, Student)
        .join(Student, Student.id == ParentChildLink.student_id)
        .where(ParentChildLink.parent_id == parent.id)
        .order_by(ParentChildLink.id)
    ).all()
    return [(link, student) for link, student in rows if _link_is_active(link, student, today)]


def require_child(db: Session, parent: User | None, student_id, today: date | None = None) -> Student:
    """The student, if `parent` is a parent with an active link to them; else PermissionDenied.
    `student_id` may be anything a browser sent. One statement (the role, the link and the student)."""
    return require_child_row(db, parent, student_id, today)[1]


def require_child_row(db: Session, parent: User | None, student_id, today: date | None = None, *,
                      outer: tuple = ()) -> tuple:
    """(link, student, *outer) as require_child checks them, in one statement: `outer` are
    (entity, on-clause) pairs outer-joined to the student's row (a diary view's class, year, school);
    pass a tuple made once (a module constant), so that its statement is built once."""
    row = _checked_row(db, parent, student_id, today, outer, None)
    return tuple(row)


def require_child_values(db: Session, parent: User | None, student_id, today: date | None = None, *,
                         outer: tuple, columns: tuple) -> tuple:
    """The same check as require_child_row, returning plain `columns` of the student's row and the
    `outer` rows instead of ORM rows, run as Core (columns.run): the check of every remembered diary
    view. Both made once, as module constants. A worker remembers the row that passed (access/kept.py)
    until the link, the student or the parent's roles change, and applies the rule to it again each time."""
    return tuple(_checked_row(db, parent, student_id, today, outer, columns)[2:])


def _checked_row(db: Session, parent: User | None, student_id, today: date | None, outer: tuple,
                 columns: tuple | None):
    require_user(parent)
    sid = require_id(student_id, PermissionDenied)
    today = today or clock.today()
    statement, params = _child_statement(outer, columns), {"parent_id": parent.id, "student_id": sid}
    if columns is None:  # ORM rows (a first read's context): from the database, every time
        return _first_active(db.exec(statement, params=params).all(), _link_is_active, today)
    key = (parent.id, sid, id(statement))
    row = kept.ROWS.get(key)  # plain columns: the row that passed, until a link, student or role changes
    if row is not None and _is_active(row[0], row[1], today):
        return row
    since = kept.ROWS.start()
    row = _first_active(run(db, statement, params).all(), _is_active, today)
    kept.ROWS.put(key, tuple(row), kept.topics(parent.id, sid), since=since)
    return row


def _first_active(rows, active, today: date):
    for row in rows:
        if active(row[0], row[1], today):
            return row
    raise PermissionDenied()


_CHILD_STATEMENTS: dict[tuple, tuple] = {}  # (id(outer), id(columns)) -> (outer, columns, statement)


def _child_statement(outer: tuple, columns: tuple | None):
    """The check's statement with its ids as bound parameters, built once per `outer` and `columns`
    (building a SELECT of five tables costs as much as running it)."""
    key = (id(outer), id(columns))
    kept = _CHILD_STATEMENTS.get(key)
    if kept is not None and kept[0] is outer and kept[1] is columns:
        return kept[2]
    if columns is None:
        query = select(ParentChildLink, Student, *(entity for entity, _on in outer))
    else:
        query = select(ParentChildLink.end_date, Student.status, *columns)
    query = query.select_from(ParentChildLink).join(Student, Student.id == ParentChildLink.student_id)
    for entity, on in outer:
        query = query.outerjoin(entity, on)
    parent_id = bindparam("parent_id")
    query = query.where(ParentChildLink.parent_id == parent_id, ParentChildLink.student_id == bindparam("student_id"),
                        exists().where(UserRole.user_id == parent_id, UserRole.role == "parent"))
    if len(_CHILD_STATEMENTS) < 32:  # a caller building its tuples on every call gets a fresh statement
        _CHILD_STATEMENTS[key] = (outer, columns, query)
    return query


def staff_school_ids(db: Session, user: User | None) -> set[int]:
    if user is None or user.id is None:
        return set()
    rows = db.exec(select(UserRole.school_id).where(UserRole.user_id == user.id, UserRole.role == "staff")).all()
    return {r for r in rows if r is not None}


def require_staff(db: Session, user: User | None, school_id: int | None = None) -> set[int]:
    """The schools the user administers (all of them must include school_id when given)."""
    require_user(user)
    schools = staff_school_ids(db, user)
    if not schools or (school_id is not None and school_id not in schools):
        raise PermissionDenied()
    return schools


def teacher_assignments(db: Session, teacher: User) -> list[TeachingAssignment]:
    require_user(teacher)
    return list(db.exec(select(TeachingAssignment).where(TeachingAssignment.teacher_id == teacher.id)).all())


def require_journal_access(db: Session, user: User | None, class_id, subject_id) -> SchoolClass:
    """The class, if the user teaches that subject there or is staff of its school."""
    require_user(user)
    cid, sid = require_id(class_id, PermissionDenied), require_id(subject_id, PermissionDenied)
    school_class = db.get(SchoolClass, cid)
    if school_class is None:
        raise PermissionDenied()
    assigned = db.exec(
        select(TeachingAssignment.id).where(
            TeachingAssignment.class_id == cid,
            TeachingAssignment.subject_id == sid,
            TeachingAssignment.teacher_id == user.id,
        )
    ).first()
    if assigned is None and school_class.school_id not in staff_school_ids(db, user):
        raise PermissionDenied()
    return school_class
