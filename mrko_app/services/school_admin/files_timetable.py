"""Import and export of the timetable (CSV or XLSX): columns class, weekday (1 = Monday .. 6), lesson,
subject (its Russian or English name), teacher (login or e-mail), room, valid_from, valid_to (empty:
the whole year). The preview is a trial run of every row through timetable.save_slot inside a
savepoint that is rolled back, so it reports exactly what the import would refuse (a double-booked
teacher or room, also against an earlier row of the same file); the import writes all rows or none."""

from sqlmodel import Session, select

from mrko_app.models import SchoolClass, Subject, TimetableSlot, User
from mrko_app.services.errors import ValidationError
from mrko_app.services.school_admin.classes import teachers
from mrko_app.services.school_admin.dates import fmt
from mrko_app.services.school_admin.files import _records
from mrko_app.services.school_admin.scope import current_year, school_for_staff
from mrko_app.services.school_admin.timetable import save_slot

TIMETABLE_COLUMNS = ("class", "weekday", "lesson", "subject", "teacher", "room", "valid_from", "valid_to")
FIELD_COLUMNS = {"weekday": "weekday", "lesson_number": "lesson", "subject_id": "subject", "teacher_id": "teacher",
                 "room": "room", "valid_from": "valid_from", "valid_to": "valid_to"}


def _form(db: Session, school, classes: dict, record: dict, errors: dict) -> tuple[int | None, dict]:
    school_class = classes.get(record["class"].replace(" ", "").upper())
    if school_class is None:
        errors["class"] = "school_admin.class_unknown"
    day = record["weekday"].strip()
    weekday = str(int(day) - 1) if day.isdigit() and 1 <= int(day) <= 6 else ""
    name = record["subject"].strip().casefold()  # in Python: SQLite's lower() leaves Cyrillic as it is
    subject = next((s for s in db.exec(select(Subject).where(Subject.school_id == school.id))
                    if name in (s.name_ru.casefold(), s.name_en.casefold())), None)
    who = record["teacher"].strip().lower()
    teacher = next((t for t in teachers(db, school.id) if who in (t.login, t.email)), None)
    form = {"weekday": weekday, "lesson_number": record["lesson"], "subject_id": subject.id if subject else "",
            "teacher_id": teacher.id if teacher else "", "room": record["room"], "valid_from": record["valid_from"],
            "valid_to": record["valid_to"]}
    return (school_class.id if school_class else None), form


def _run_rows(db: Session, staff: User, school, rows) -> list[dict]:
    year = current_year(db, school)
    classes = {c.name.upper(): c for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == year.id))} \
        if year else {}
    checked = []
    for number, record in enumerate(_records(rows, TIMETABLE_COLUMNS), 2):
        errors: dict[str, str] = {}
        params: dict = {}
        class_id, form = _form(db, school, classes, record, errors)
        if class_id is not None:
            try:
                save_slot(db, staff, school.id, class_id, form)
            except ValidationError as exc:
                errors.update({FIELD_COLUMNS.get(k, k): key for k, key in exc.fields.items()})
                params = dict(exc.params)
        checked.append({"row": number, "values": record, "errors": errors, "params": params})
    return checked


def check_timetable(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> list[dict]:
    """Every row with its problems; nothing stays written (the trial run is rolled back)."""
    school = school_for_staff(db, staff, school_id)
    nested = db.begin_nested()
    try:
        return _run_rows(db, staff, school, rows)
    finally:
        nested.rollback()


def import_timetable(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> int:
    school = school_for_staff(db, staff, school_id)
    nested = db.begin_nested()
    checked = _run_rows(db, staff, school, rows)
    bad = [r["row"] for r in checked if r["errors"]]
    if not bad:
        nested.commit()
    else:  # none of the rows written before the bad one stays
        nested.rollback()
        raise ValidationError({"file": "school_admin.file_has_errors"}, rows=", ".join(map(str, bad[:20])))
    return len(checked)


def timetable_rows(db: Session, staff: User | None, school_id) -> list[list[str]]:
    school = school_for_staff(db, staff, school_id)
    year = current_year(db, school)
    rows = [list(TIMETABLE_COLUMNS)]
    if year is None:
        return rows
    found = db.exec(select(TimetableSlot, SchoolClass, Subject, User)
                    .join(SchoolClass, SchoolClass.id == TimetableSlot.class_id)
                    .join(Subject, Subject.id == TimetableSlot.subject_id)
                    .join(User, User.id == TimetableSlot.teacher_id)
                    .where(SchoolClass.year_id == year.id)
                    .order_by(SchoolClass.grade, SchoolClass.letter, TimetableSlot.weekday,
                              TimetableSlot.lesson_number)).all()
    return rows + [[c.name, str(s.weekday + 1), str(s.lesson_number), subj.name_ru, t.login, s.room,
                    fmt(s.valid_from), fmt(s.valid_to)] for s, c, subj, t in found]
