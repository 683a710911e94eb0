"""Subjects, classes with their class teacher, and teaching assignments (teacher × class × subject,
with dates). A teacher is anyone holding the teacher role at this school."""

import re

from sqlmodel import Session, func, select

from mrko_app.models import SchoolClass, StudyYear, Subject, TeachingAssignment, User, UserRole
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import parse_id, require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.dates import parse_date
from mrko_app.services.school_admin.scope import current_year, school_for_staff

_CLASS_NAME = re.compile(r"^(\d{1,2})\s*([A-Za-zА-Яа-яЁё]{0,3})$")


def _name(form: dict, key: str, errors: dict, limit: int = 80) -> str:
    value = " ".join(str(form.get(key) or "").split())
    if not value:
        errors[key] = "error.required"
    elif len(value) > limit:
        errors[key] = "school_admin.too_long"
    return value


# --- subjects ---------------------------------------------------------------------------------

def subjects(db: Session, staff: User | None, school_id) -> list[Subject]:
    school = school_for_staff(db, staff, school_id)
    return list(db.exec(select(Subject).where(Subject.school_id == school.id).order_by(Subject.name_ru)))


def add_subject(db: Session, staff: User | None, school_id, form: dict) -> Subject:
    school = school_for_staff(db, staff, school_id)
    errors: dict[str, str] = {}
    en, ru = _name(form, "name_en", errors), _name(form, "name_ru", errors)
    if en and db.exec(select(Subject.id).where(Subject.school_id == school.id,
                                               func.lower(Subject.name_en) == en.lower())).first():
        errors["name_en"] = "school_admin.subject_taken"
    if errors:
        raise ValidationError(errors)
    subject = Subject(school_id=school.id, name_en=en, name_ru=ru)
    db.add(subject)
    db.flush()
    audit.record(db, staff, school.id, "subject.add", ru, {}, {"name_en": en, "name_ru": ru})
    return subject


# --- teachers and classes ---------------------------------------------------------------------

def teachers(db: Session, school_id: int) -> list[User]:
    """The school's teachers by surname (the caller checked access)."""
    return list(db.exec(select(User).join(UserRole, UserRole.user_id == User.id)
                        .where(UserRole.school_id == school_id, UserRole.role == "teacher")
                        .order_by(User.surname, User.first_name, User.id)).all())


def school_teacher(db: Session, school_id: int, teacher_id, field_name: str, errors: dict, optional: bool = False):
    tid = parse_id(teacher_id)
    if tid is None:
        if not (optional and teacher_id in (None, "")):
            errors[field_name] = "school_admin.teacher_unknown"
        return None
    held = db.exec(select(UserRole.id).where(UserRole.user_id == tid, UserRole.school_id == school_id,
                                             UserRole.role == "teacher")).first()
    if held is None:
        errors[field_name] = "school_admin.teacher_unknown"
        return None
    return db.get(User, tid)


def split_class_name(name: str) -> tuple[int, str] | None:
    m = _CLASS_NAME.match(" ".join(str(name or "").split()))
    if not m or not 1 <= int(m[1]) <= 11:
        return None
    return int(m[1]), m[2].upper()


def year_classes(db: Session, staff: User | None, school_id, year_id=None) -> tuple[StudyYear | None, list]:
    school = school_for_staff(db, staff, school_id)
    year = _year(db, school, year_id) if year_id else current_year(db, school)
    if year is None:
        return None, []
    return year, list(db.exec(select(SchoolClass).where(SchoolClass.year_id == year.id)
                              .order_by(SchoolClass.grade, SchoolClass.letter)))


def _year(db: Session, school, year_id) -> StudyYear:
    year = db.get(StudyYear, require_id(year_id))
    if year is None or year.school_id != school.id:
        raise NotFound()
    return year


def add_class(db: Session, staff: User | None, school_id, year_id, form: dict) -> SchoolClass:
    """Fields: name ("5А"), class_teacher_id (optional: a teacher of the school)."""
    school = school_for_staff(db, staff, school_id)
    year = _year(db, school, year_id)
    errors: dict[str, str] = {}
    parts = split_class_name(form.get("name"))
    if parts is None:
        errors["name"] = "school_admin.class_name"
    teacher = school_teacher(db, school.id, form.get("class_teacher_id"), "class_teacher_id", errors, optional=True)
    name = f"{parts[0]}{parts[1]}" if parts else ""
    if parts and db.exec(select(SchoolClass.id).where(SchoolClass.year_id == year.id,
                                                      SchoolClass.name == name)).first():
        errors["name"] = "school_admin.class_taken"
    if errors:
        raise ValidationError(errors)
    school_class = SchoolClass(school_id=school.id, year_id=year.id, grade=parts[0], letter=parts[1], name=name,
                               class_teacher_id=teacher.id if teacher else None)
    db.add(school_class)
    db.flush()
    audit.record(db, staff, school.id, "class.add", name, {},
                 {"year": year.name, "class_teacher": teacher.full_name if teacher else ""})
    return school_class


def staff_class(db: Session, school, class_id) -> SchoolClass:
    school_class = db.get(SchoolClass, require_id(class_id))
    if school_class is None or school_class.school_id != school.id:
        raise NotFound()
    return school_class


def set_class_teacher(db: Session, staff: User | None, school_id, class_id, teacher_id) -> SchoolClass:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    errors: dict[str, str] = {}
    teacher = school_teacher(db, school.id, teacher_id, "class_teacher_id", errors, optional=True)
    if errors:
        raise ValidationError(errors)
    old = db.get(User, school_class.class_teacher_id) if school_class.class_teacher_id else None
    school_class.class_teacher_id = teacher.id if teacher else None
    db.add(school_class)
    audit.record(db, staff, school.id, "class.teacher", school_class.name,
                 {"class_teacher": old.full_name if old else ""},
                 {"class_teacher": teacher.full_name if teacher else ""})
    return school_class


# --- teaching assignments ---------------------------------------------------------------------

def assignments(db: Session, staff: User | None, school_id, class_id) -> list[TeachingAssignment]:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    return list(db.exec(select(TeachingAssignment).where(TeachingAssignment.class_id == school_class.id)
                        .order_by(TeachingAssignment.id)))


def assign(db: Session, staff: User | None, school_id, class_id, form: dict) -> TeachingAssignment:
    """Fields: subject_id, teacher_id, start_date, end_date (both optional: the whole year)."""
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    errors: dict[str, str] = {}
    subject = db.get(Subject, parse_id(form.get("subject_id")) or 0)
    if subject is None or subject.school_id != school.id:
        errors["subject_id"] = "school_admin.subject_unknown"
    teacher = school_teacher(db, school.id, form.get("teacher_id"), "teacher_id", errors)
    dates = {}
    for key in ("start_date", "end_date"):
        text = str(form.get(key) or "").strip()
        dates[key] = parse_date(text) if text else None
        if text and dates[key] is None:
            errors[key] = "school_admin.date_invalid"
    if dates["start_date"] and dates["end_date"] and dates["start_date"] > dates["end_date"]:
        errors["end_date"] = "school_admin.dates_order"
    if not errors and db.exec(select(TeachingAssignment.id).where(
            TeachingAssignment.class_id == school_class.id, TeachingAssignment.subject_id == subject.id,
            TeachingAssignment.teacher_id == teacher.id)).first():
        errors["teacher_id"] = "school_admin.assignment_exists"
    if errors:
        raise ValidationError(errors)
    row = TeachingAssignment(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id, **dates)
    db.add(row)
    db.flush()
    audit.record(db, staff, school.id, "assignment.add", f"{school_class.name} · {subject.name_ru}", {},
                 {"teacher": teacher.full_name, **dates})
    return row


def unassign(db: Session, staff: User | None, school_id, assignment_id) -> None:
    school = school_for_staff(db, staff, school_id)
    row = db.get(TeachingAssignment, require_id(assignment_id))
    school_class = db.get(SchoolClass, row.class_id) if row else None
    if school_class is None or school_class.school_id != school.id:
        raise NotFound()
    teacher, subject = db.get(User, row.teacher_id), db.get(Subject, row.subject_id)
    audit.record(db, staff, school.id, "assignment.remove", f"{school_class.name} · {subject.name_ru}",
                 {"teacher": teacher.full_name}, {})
    db.delete(row)
    db.flush()
