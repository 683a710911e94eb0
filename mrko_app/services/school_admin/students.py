"""Students: enrolled into a class, moved to another, left or graduated, each on a date and kept in
their history (StudentMove). Parents' access follows services/access/rules.py: it lasts while the student
studies (roster.set_student_status revokes unused codes when they stop)."""

from datetime import date

from sqlmodel import Session, col, select

from mrko_app.models import SchoolClass, Student, StudentMove, User
from mrko_app.services import clock
from mrko_app.services.access import roster
from mrko_app.services.accounts import validation as v
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.classes import staff_class
from mrko_app.services.school_admin.dates import fmt, parse_date
from mrko_app.services.school_admin.scope import school_for_staff

STATUS_MOVES = {"left": "leave", "graduated": "graduate", "studying": "return"}


def clean_student(form: dict) -> tuple[dict, dict[str, str]]:
    """surname, first_name, patronymic, birth_date (a child of 5 to 20)."""
    errors = {f: key for f, key in (("surname", v.check_name(form.get("surname"))),
                                    ("first_name", v.check_name(form.get("first_name"))),
                                    ("patronymic", v.check_name(form.get("patronymic"), required=False))) if key}
    born = parse_date(form.get("birth_date"))
    today = clock.today()
    if born is None:
        errors["birth_date"] = "school_admin.date_invalid"
    elif not 5 <= (today.year - born.year) <= 20:
        errors["birth_date"] = "school_admin.birth_date_range"
    data = {f: v.normalize_name(form.get(f)) for f in ("surname", "first_name", "patronymic")}
    data["birth_date"] = born
    return data, errors


def _on(value, errors: dict) -> date:
    if value in (None, ""):
        return clock.today()
    day = parse_date(value)
    if day is None:
        errors["on"] = "school_admin.date_invalid"
    return day


def move(db: Session, staff: User | None, student: Student, kind: str, on: date, from_class=None, to_class=None):
    db.add(StudentMove(student_id=student.id, school_id=student.school_id, kind=kind, on=on,
                       from_class_id=from_class, to_class_id=to_class, by=staff.id if staff else None))


def enrol_checked(db: Session, staff: User, school, school_class: SchoolClass, data: dict, on: date) -> Student:
    """Write an enrolment already checked (import uses it for every row of a file)."""
    student = Student(school_id=school.id, class_id=school_class.id, **data)
    db.add(student)
    db.flush()
    move(db, staff, student, "enrol", on, None, school_class.id)
    audit.record(db, staff, school.id, "student.enrol", student.full_name, {},
                 {"class": school_class.name, "on": on, "birth_date": data["birth_date"]})
    return student


def enrol(db: Session, staff: User | None, school_id, class_id, form: dict) -> Student:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    data, errors = clean_student(form)
    on = _on(form.get("on"), errors)
    if errors:
        raise ValidationError(errors)
    return enrol_checked(db, staff, school, school_class, data, on)


def _student(db: Session, school, student_id) -> Student:
    student = db.get(Student, require_id(student_id))
    if student is None or student.school_id != school.id:
        raise NotFound()
    return student


def transfer(db: Session, staff: User | None, school_id, student_id, class_id, on=None) -> Student:
    """Move a studying student to another class of the school (same year or not)."""
    school = school_for_staff(db, staff, school_id)
    student = _student(db, school, student_id)
    target = staff_class(db, school, class_id)
    errors: dict[str, str] = {}
    day = _on(on, errors)
    if student.status != "studying":
        errors["class_id"] = "school_admin.not_studying"
    elif student.class_id == target.id:
        errors["class_id"] = "school_admin.same_class"
    if errors:
        raise ValidationError(errors)
    source = db.get(SchoolClass, student.class_id) if student.class_id else None
    student.class_id = target.id
    db.add(student)
    move(db, staff, student, "transfer", day, source.id if source else None, target.id)
    audit.record(db, staff, school.id, "student.transfer", student.full_name,
                 {"class": source.name if source else ""}, {"class": target.name, "on": day})
    return student


def set_status(db: Session, staff: User | None, school_id, student_id, status, on=None) -> Student:
    """Left, graduated (on a date), or studying again; the parents' access follows (roster)."""
    school = school_for_staff(db, staff, school_id)
    student = _student(db, school, student_id)
    errors: dict[str, str] = {}
    day = _on(on, errors)
    if status not in STATUS_MOVES:
        errors["status"] = "error.invalid"
    if errors:
        raise ValidationError(errors)
    before = student.status
    roster.set_student_status(db, staff, student.id, status, today=day)
    if before != status:
        move(db, staff, student, STATUS_MOVES[status], day, student.class_id, None)
        audit.record(db, staff, school.id, f"student.{STATUS_MOVES[status]}", student.full_name,
                     {"status": before}, {"status": status, "on": day})
    return student


def history(db: Session, staff: User | None, school_id, student_id) -> list[dict]:
    school = school_for_staff(db, staff, school_id)
    student = _student(db, school, student_id)
    moves = db.exec(select(StudentMove).where(StudentMove.student_id == student.id)
                    .order_by(col(StudentMove.on), col(StudentMove.id))).all()
    names = {c.id: c.name for c in db.exec(select(SchoolClass).where(SchoolClass.school_id == school.id))}
    return [{"kind": m.kind, "on": fmt(m.on), "from": names.get(m.from_class_id, ""),
             "to": names.get(m.to_class_id, "")} for m in moves]


def class_roster(db: Session, staff: User | None, school_id, class_id) -> list[Student]:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    return list(db.exec(select(Student).where(Student.class_id == school_class.id)
                        .order_by(Student.surname, Student.first_name, Student.id)))


def set_status_of(db: Session, staff: User | None, student_id, status, on=None) -> Student:
    """set_status for a student of any school the staff member runs (the codes page has no school choice)."""
    student = db.get(Student, require_id(student_id))
    if student is None:
        raise NotFound()
    return set_status(db, staff, student.school_id, student.id, status, on)
