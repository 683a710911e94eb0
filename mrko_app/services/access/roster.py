"""The school's list of classes and students as staff see it, and a student's status
(studying, graduated, left). When a student stops studying, every parent's access ends at once:
services/access.linked_children only lists studying students, and their unused codes are revoked."""

from datetime import date

from sqlmodel import Session, select

from mrko_app.models import SchoolClass, Student, StudyYear, User
from mrko_app.models.school import STUDENT_STATUSES
from mrko_app.services import clock
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import require_id


def staff_classes(db: Session, staff: User, today: date | None = None) -> list[SchoolClass]:
    """The classes of the current study year in the staff member's schools (the latest year when
    today falls between years)."""
    schools = access.require_staff(db, staff)
    today = today or clock.today()
    years = db.exec(select(StudyYear).where(StudyYear.school_id.in_(schools))).all()
    chosen: dict[int, StudyYear] = {}
    for school_id in schools:
        own = sorted((y for y in years if y.school_id == school_id), key=lambda y: y.start_date)
        started = [y for y in own if y.start_date <= today]
        if started or own:
            chosen[school_id] = started[-1] if started else own[0]
    year_ids = [y.id for y in chosen.values()]
    if not year_ids:
        return []
    return list(db.exec(select(SchoolClass).where(SchoolClass.year_id.in_(year_ids))
                        .order_by(SchoolClass.grade, SchoolClass.letter, SchoolClass.name)).all())


def staff_class(db: Session, staff: User, class_id) -> SchoolClass:
    schools = access.require_staff(db, staff)
    school_class = db.get(SchoolClass, require_id(class_id))
    if school_class is None or school_class.school_id not in schools:
        raise NotFound()
    return school_class


def class_students(db: Session, staff: User, class_id) -> list[Student]:
    """Everyone in the class, studying or not, by surname."""
    school_class = staff_class(db, staff, class_id)
    return list(db.exec(select(Student).where(Student.class_id == school_class.id)
                        .order_by(Student.surname, Student.first_name, Student.id)).all())


def set_student_status(db: Session, staff: User, student_id, status, today: date | None = None) -> Student:
    """Staff record that a student graduated, left, or studies again (a mistake undone)."""
    schools = access.require_staff(db, staff)
    if status not in STUDENT_STATUSES:
        raise ValidationError({"status": "error.invalid"})
    student = db.get(Student, require_id(student_id))
    if student is None or student.school_id not in schools:
        raise NotFound()
    student.status = status
    student.left_on = None if status == "studying" else (today or clock.today())
    db.add(student)
    if status != "studying":
        access_codes.revoke_student_codes(db, student.id)
    db.flush()
    return student
