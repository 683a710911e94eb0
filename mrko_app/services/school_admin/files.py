"""Import and export of the roster (classes and students) and of the teachers, as CSV or XLSX.

Reading gives a preview first: every row with its problems (catalogue keys beside the column), and
nothing is written. `import_*` checks every row again and writes all of them, or none when any row is
wrong (ValidationError naming the rows). Classes missing from the current year are created.
Exports use the same columns, so an exported file imports again.
"""

import csv
import io
import zipfile

from openpyxl import load_workbook
from sqlmodel import Session, select

from mrko_app.models import SchoolClass, Student, User
from mrko_app.services.errors import ValidationError
from mrko_app.services.school_admin import parent_letters
from mrko_app.services.school_admin.classes import split_class_name, teachers
from mrko_app.services.school_admin.dates import fmt
from mrko_app.services.school_admin.invites import INVITE_ROLES, clean_person, send_invite
from mrko_app.services.school_admin.scope import current_year, school_for_staff
from mrko_app.services.school_admin.students import clean_student, enrol_checked
from mrko_app.services.surveys.export import to_csv, to_xlsx

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
STUDENT_COLUMNS = ("class", "surname", "first_name", "patronymic", "birth_date")  # what an export writes
ROSTER_COLUMNS = (*STUDENT_COLUMNS, *parent_letters.COLUMNS)
OPTIONAL = {"patronymic", *parent_letters.COLUMNS}
TEACHER_COLUMNS = ("surname", "first_name", "patronymic", "contact", "roles")
# headings accepted besides the English column names (a school's own spreadsheet)
ALIASES = {"класс": "class", "фамилия": "surname", "имя": "first_name", "отчество": "patronymic",
           "дата рождения": "birth_date", "контакт": "contact", "роли": "roles", **parent_letters.ALIASES}


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """The rows of a CSV (UTF-8, with or without BOM; comma or semicolon) or XLSX file, as text."""
    if not content:
        raise ValidationError({"file": "school_admin.file_empty"})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": "school_admin.file_too_big"})
    name = (filename or "").lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = [["" if v is None else (v.strftime("%d.%m.%Y") if hasattr(v, "strftime") else str(v)).strip()
                     for v in row] for row in book.active.iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise ValidationError({"file": "school_admin.file_unreadable"}) from None
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": "school_admin.file_encoding"}) from None
        dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=dialect)]
    rows = [r for r in rows if any(r)]
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError({"file": "school_admin.file_too_many"}, limit=MAX_ROWS)
    return rows


def _records(rows: list[list[str]], columns: tuple[str, ...]) -> list[dict]:
    if not rows:
        raise ValidationError({"file": "school_admin.file_empty"})
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    missing = [c for c in columns if c not in header and c not in OPTIONAL]
    if missing:
        raise ValidationError({"file": "school_admin.file_columns"}, columns=", ".join(missing))
    return [{c: (row[header.index(c)] if c in header and header.index(c) < len(row) else "") for c in columns}
            for row in rows[1:]]


def _row(number: int, record: dict, errors: dict[str, str]) -> dict:
    return {"row": number, "values": record, "errors": errors}


def check_roster(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> list[dict]:
    """Every data row (numbered as in the file: the heading is row 1) with its problems."""
    school = school_for_staff(db, staff, school_id)
    if current_year(db, school) is None:
        raise ValidationError({"file": "school_admin.no_year_file"})
    checked, seen = [], set()
    for number, record in enumerate(_records(rows, ROSTER_COLUMNS), 2):
        data, errors = clean_student(record)
        errors.update(parent_letters.clean_contacts(record)[1])
        if split_class_name(record["class"]) is None:
            errors["class"] = "school_admin.class_name"
        key = (data["surname"], data["first_name"], data["patronymic"], data["birth_date"])
        if not errors and key in seen:
            errors["surname"] = "school_admin.row_twice"
        seen.add(key)
        checked.append(_row(number, record, errors))
    return checked


def import_roster(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> int:
    """All rows or none: the students enrolled today into their classes of the current year; a row with
    parents' contacts sends them an access code (parent_letters), in the same transaction."""
    school = school_for_staff(db, staff, school_id)
    checked = check_roster(db, staff, school.id, rows)
    bad = [r["row"] for r in checked if r["errors"]]
    if bad:
        raise ValidationError({"file": "school_admin.file_has_errors"}, rows=", ".join(map(str, bad[:20])))
    year = current_year(db, school)
    classes = {c.name: c for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == year.id))}
    from mrko_app.services import clock

    for r in checked:
        grade, letter = split_class_name(r["values"]["class"])
        name = f"{grade}{letter}"
        if name not in classes:
            classes[name] = SchoolClass(school_id=school.id, year_id=year.id, grade=grade, letter=letter, name=name)
            db.add(classes[name])
            db.flush()
        data, _ = clean_student(r["values"])
        student = enrol_checked(db, staff, school, classes[name], data, clock.today(school))
        parent_letters.send_code(db, staff, school, student, name, parent_letters.clean_contacts(r["values"])[0])
    return len(checked)


def check_teachers(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> list[dict]:
    school_for_staff(db, staff, school_id)
    checked = []
    for number, record in enumerate(_records(rows, TEACHER_COLUMNS), 2):
        _data, errors = clean_person(record)
        roles = _roles(record["roles"])
        if not roles:
            errors["roles"] = "school_admin.roles_required"
        checked.append(_row(number, record, errors))
    return checked


def _roles(text: str) -> list[str]:
    words = {w.strip().lower() for w in str(text or "").replace(";", ",").split(",") if w.strip()}
    named = {"учитель": "teacher", "сотрудник": "staff", "психолог": "psychologist"}
    roles = {named.get(w, w) for w in words}
    return [r for r in INVITE_ROLES if r in roles] if roles <= set(INVITE_ROLES) else []


def import_teachers(db: Session, staff: User | None, school_id, rows: list[list[str]]) -> int:
    """All or none: a set-up link to every teacher of the file."""
    school = school_for_staff(db, staff, school_id)
    checked = check_teachers(db, staff, school.id, rows)
    bad = [r["row"] for r in checked if r["errors"]]
    if bad:
        raise ValidationError({"file": "school_admin.file_has_errors"}, rows=", ".join(map(str, bad[:20])))
    for r in checked:
        data, _ = clean_person(r["values"])
        send_invite(db, staff, school, data, _roles(r["values"]["roles"]))
    return len(checked)


# --- export -----------------------------------------------------------------------------------

def roster_rows(db: Session, staff: User | None, school_id) -> list[list[str]]:
    school = school_for_staff(db, staff, school_id)
    year = current_year(db, school)
    rows = [list(STUDENT_COLUMNS)]  # parents' contacts are not kept (parent_letters)
    if year is None:
        return rows
    found = db.exec(select(Student, SchoolClass).join(SchoolClass, SchoolClass.id == Student.class_id)
                    .where(SchoolClass.year_id == year.id, Student.status == "studying")
                    .order_by(SchoolClass.grade, SchoolClass.letter, Student.surname, Student.first_name)).all()
    return rows + [[c.name, s.surname, s.first_name, s.patronymic, fmt(s.birth_date)] for s, c in found]


def teacher_rows(db: Session, staff: User | None, school_id) -> list[list[str]]:
    school = school_for_staff(db, staff, school_id)
    return [list(TEACHER_COLUMNS)] + [[t.surname, t.first_name, t.patronymic, t.email, "teacher"]
                                      for t in teachers(db, school.id)]


def export(rows: list[list[str]], kind: str, title: str) -> bytes:
    return to_xlsx(rows, title) if kind == "xlsx" else to_csv(rows)
