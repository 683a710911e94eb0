"""Year end: every class of one year moves up a grade into the next year (5А → 6А, the class teacher
with it), its studying students with it; the last grade graduates on the last day of the year. The
preview says what will happen; the next year's timetable starts empty."""

from datetime import timedelta

from sqlmodel import Session, select

from mrko_app.models import SchoolClass, Student, StudyYear, TimetableSlot, User
from mrko_app.services.access import roster
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.scope import school_for_staff
from mrko_app.services.school_admin.students import move

LAST_GRADE = 11


def _years(db: Session, school, from_year_id, to_year_id) -> tuple[StudyYear, StudyYear]:
    years = []
    for year_id in (from_year_id, to_year_id):
        year = db.get(StudyYear, require_id(year_id))
        if year is None or year.school_id != school.id:
            raise NotFound()
        years.append(year)
    if years[1].start_date <= years[0].end_date:
        raise ValidationError({"to_year_id": "school_admin.promote_years"})
    return years[0], years[1]


def _last_grade(value) -> int:
    try:
        grade = int(str(value or LAST_GRADE).strip())
    except ValueError:
        grade = 0
    if not 1 <= grade <= 11:
        raise ValidationError({"last_grade": "school_admin.grade_range"})
    return grade


def preview_promotion(db: Session, staff: User | None, school_id, from_year_id, to_year_id,
                      last_grade=None) -> list[dict]:
    """[{from, to ("" = they graduate), students}] by grade."""
    school = school_for_staff(db, staff, school_id)
    source, _target = _years(db, school, from_year_id, to_year_id)
    last = _last_grade(last_grade)
    plan = []
    for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == source.id)
                     .order_by(SchoolClass.grade, SchoolClass.letter)):
        count = len(db.exec(select(Student.id).where(Student.class_id == c.id, Student.status == "studying")).all())
        plan.append({"from": c.name, "to": "" if c.grade >= last else f"{c.grade + 1}{c.letter}", "students": count})
    return plan


def promote(db: Session, staff: User | None, school_id, from_year_id, to_year_id, last_grade=None,
            copy_timetable: bool = False) -> list[dict]:
    """`copy_timetable`: each new class starts with its old class's week (the slots in force on the
    old year's last day) for the whole new year, checked like any new slot; otherwise it starts empty."""
    from mrko_app.services.school_admin.timetable import save_slot

    school = school_for_staff(db, staff, school_id)
    source, target = _years(db, school, from_year_id, to_year_id)
    plan = preview_promotion(db, staff, school.id, source.id, target.id, last_grade)
    existing = {c.name: c for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == target.id))}
    graduation = min(source.end_date, target.start_date - timedelta(days=1))
    for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == source.id)).all():
        step = next(p for p in plan if p["from"] == c.name)
        students = db.exec(select(Student).where(Student.class_id == c.id, Student.status == "studying")).all()
        if not step["to"]:
            for s in students:
                roster.set_student_status(db, staff, s.id, "graduated", today=graduation)
                move(db, staff, s, "graduate", graduation, c.id, None)
            continue
        new = existing.get(step["to"])
        if new is None:
            new = SchoolClass(school_id=school.id, year_id=target.id, grade=c.grade + 1, letter=c.letter,
                              name=step["to"], class_teacher_id=c.class_teacher_id)
            db.add(new)
            db.flush()
            existing[new.name] = new
        for s in students:
            s.class_id = new.id
            db.add(s)
            move(db, staff, s, "promote", target.start_date, c.id, new.id)
        if copy_timetable:
            last_day = source.end_date
            for slot in db.exec(select(TimetableSlot).where(TimetableSlot.class_id == c.id,
                                                            TimetableSlot.valid_from <= last_day,
                                                            TimetableSlot.valid_to >= last_day)).all():
                save_slot(db, staff, school.id, new.id, {
                    "weekday": str(slot.weekday), "lesson_number": str(slot.lesson_number),
                    "subject_id": slot.subject_id, "teacher_id": slot.teacher_id, "room": slot.room})
    db.flush()
    audit.record(db, staff, school.id, "year.promote", f"{source.name} → {target.name}", {},
                 {"classes": {p["from"]: p["to"] or "—" for p in plan}})
    return plan
