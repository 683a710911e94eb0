"""Applications for access to a child's diary: a parent submits one with three scans, the staff of
that school approve it (picking the matching student; an access code is issued) or reject it with a
reason; the school has 3 working days (Saturdays and Sundays do not count)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from mrko_app.i18n import DEFAULT_LANGUAGE, tr
from mrko_app.models import AccessApplication, AccessCode, ApplicationDocument, School, SchoolClass, Student, User
from mrko_app.models.access import DOCUMENT_KINDS, REJECT_REASONS
from mrko_app.models.base import utcnow
from mrko_app.services import clock
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import documents
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import parse_id, require_id
from mrko_app.services.notify import messages as notifications

DUE_WORKING_DAYS = 3
RELATIONS = ("parent", "representative")
MAX_OPEN_PER_PARENT = 5
REJECT_TEXT_MAX = 500
_NAME = re.compile(r"^[^\W\d_]+(?:[ '\u2019-][^\W\d_]+)*$")
_CLASS = re.compile(r"^(?:[1-9]|1[0-2])[^\W\d_]{0,2}$")
# Cyrillic letters that look like Latin ones, so that "5А" and "5A" match
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")


# ---- dates --------------------------------------------------------------------------------------

def add_working_days(start: date, days: int = DUE_WORKING_DAYS) -> date:
    """The date `days` working days (Monday to Friday) after `start`."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def is_overdue(application: AccessApplication, today: date | None = None) -> bool:
    return application.status == "submitted" and (today or clock.today()) > application.due_date


def school_day(db: Session, school_id, moment) -> date:
    """The date at the school (its own time zone) of a naive UTC moment: deadlines count from it."""
    return clock.to_local(moment, clock.zone_of(db, school_id)).date()


# ---- helpers ------------------------------------------------------------------------------------

def _text(form: dict, name: str) -> str:
    value = form.get(name, "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def normalize_class_name(text: str) -> str:
    return "".join(text.split()).upper()


def _class_key(text: str) -> str:
    return normalize_class_name(text).translate(_LOOKALIKES)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# ---- the parent's side --------------------------------------------------------------------------

def clean_form(db: Session, form: dict, today: date) -> dict:
    """The application's fields from a submitted form, or ValidationError naming each bad field."""
    if not isinstance(form, dict):
        form = {}
    errors: dict[str, str] = {}
    values: dict = {}
    school = None
    school_text = _text(form, "school_id")
    if (school_number := parse_id(school_text)) is not None:
        school = db.get(School, school_number)
    if school is None:
        errors["school_id"] = "error.required" if not school_text else "access.app_school_unknown"
    else:
        values["school_id"] = school.id
    for name, required in (("surname", True), ("first_name", True), ("patronymic", False)):
        value = _text(form, name)
        if not value:
            if required:
                errors[name] = "error.required"
        elif len(value) > 80 or not _NAME.match(value):
            errors[name] = "access.app_name_invalid"
        values[f"child_{name}"] = value
    birth_text = _text(form, "birth_date")
    birth = _parse_date(birth_text)
    if not birth_text:
        errors["birth_date"] = "error.required"
    elif birth is None or birth > today or birth < date(today.year - 25, 1, 1) or birth > date(today.year - 3, 12, 31):
        errors["birth_date"] = "access.app_birth_invalid"
    values["child_birth_date"] = birth
    class_name = normalize_class_name(_text(form, "class_name"))
    if not class_name:
        errors["class_name"] = "error.required"
    elif not _CLASS.match(class_name):
        errors["class_name"] = "access.app_class_invalid"
    values["class_name"] = class_name
    relation = _text(form, "relation")
    if relation not in RELATIONS:
        errors["relation"] = "error.required"
    values["relation"] = relation
    if errors:
        raise ValidationError(errors)
    return values


def submit(db: Session, parent: User, form: dict, files: dict, now: datetime | None = None) -> AccessApplication:
    """A new application from a parent. `files` maps each document kind to the StoredFile dict the
    upload produced (kept server-side by the state, never taken from the browser)."""
    access.require_role(db, parent, "parent")
    now = now or utcnow()
    errors: dict[str, str] = {}
    try:
        values = clean_form(db, form, now.date())
    except ValidationError as exc:
        errors.update(exc.fields)
        values = {}
    files = files if isinstance(files, dict) else {}
    for kind in DOCUMENT_KINDS:
        stored = files.get(kind)
        if not isinstance(stored, dict) or not documents.exists(stored.get("storage_name", "")):
            errors[f"doc_{kind}"] = "access.doc_missing"
    if errors:
        raise ValidationError(errors)
    open_ones = db.exec(select(AccessApplication).where(AccessApplication.parent_id == parent.id,
                                                        AccessApplication.status == "submitted")).all()
    if len(open_ones) >= MAX_OPEN_PER_PARENT:
        raise ValidationError({"form": "access.app_too_many"}, limit=MAX_OPEN_PER_PARENT)
    for other in open_ones:
        if (other.child_surname.casefold(), other.child_first_name.casefold(), other.child_birth_date) == (
                values["child_surname"].casefold(), values["child_first_name"].casefold(), values["child_birth_date"]):
            raise ValidationError({"form": "access.app_duplicate"})
    application = AccessApplication(parent_id=parent.id, submitted_at=now,
                                    due_date=add_working_days(school_day(db, values["school_id"], now)),
                                    **values)
    db.add(application)
    db.flush()
    for kind in DOCUMENT_KINDS:
        stored = files[kind]
        db.add(ApplicationDocument(application_id=application.id, kind=kind, filename=stored["filename"][:200],
                                   content_type=stored["content_type"], size=int(stored["size"]),
                                   sha256=stored["sha256"], storage_name=stored["storage_name"], uploaded_at=now))
    db.flush()
    return application


def parent_applications(db: Session, parent: User) -> list[AccessApplication]:
    access.require_role(db, parent, "parent")
    return list(db.exec(select(AccessApplication).where(AccessApplication.parent_id == parent.id)
                        .order_by(AccessApplication.submitted_at.desc(), AccessApplication.id.desc())).all())


def parent_application(db: Session, parent: User, application_id) -> AccessApplication:
    """One of the parent's own applications (to apply again with its details)."""
    access.require_role(db, parent, "parent")
    application = db.get(AccessApplication, require_id(application_id))
    if application is None or application.parent_id != parent.id:
        raise NotFound()
    return application


APPLICATION_FIELDS = ("school_id", "surname", "first_name", "patronymic", "birth_date", "class_name", "relation")


def details_to_apply_again(db: Session, parent: User, application_id) -> dict[str, str]:
    """The form fields of one of the parent's own applications, to start a new one from (the scans are
    not reused: they are uploaded again). Another parent's application is NotFound."""
    application = parent_application(db, parent, application_id)
    return {"school_id": str(application.school_id), "surname": application.child_surname,
            "first_name": application.child_first_name, "patronymic": application.child_patronymic,
            "birth_date": application.child_birth_date.isoformat(), "class_name": application.class_name,
            "relation": application.relation}


def school_names(db: Session, school_ids=None) -> dict[int, str]:
    """school id -> name, for the given ids (None: every school)."""
    if school_ids is not None and not school_ids:
        return {}
    query = select(School) if school_ids is None else select(School).where(School.id.in_(sorted(school_ids)))
    return {s.id: s.name for s in db.exec(query).all()}


def class_names(db: Session, class_ids) -> dict[int, str]:
    """class id -> name, for the given ids."""
    ids = sorted({i for i in class_ids if i})
    return {c.id: c.name for c in db.exec(select(SchoolClass).where(SchoolClass.id.in_(ids))).all()} if ids else {}


def applicants(db: Session, apps: list[AccessApplication]) -> dict[int, User]:
    """parent id -> the User who applied, for a list of applications."""
    ids = sorted({a.parent_id for a in apps})
    return {u.id: u for u in db.exec(select(User).where(User.id.in_(ids))).all()} if ids else {}


def schools(db: Session) -> list[School]:
    return list(db.exec(select(School).order_by(School.name)).all())


# ---- the school's side --------------------------------------------------------------------------

def staff_application(db: Session, staff: User, application_id) -> AccessApplication:
    """An application of a school the staff member administers; else NotFound / PermissionDenied."""
    access.require_staff(db, staff)
    application = db.get(AccessApplication, require_id(application_id))
    if application is None:
        raise NotFound()
    access.require_staff(db, staff, application.school_id)
    return application


def queue(db: Session, staff: User, statuses: tuple[str, ...] = ("submitted",)) -> list[AccessApplication]:
    """Applications to the staff member's schools, the most urgent first."""
    schools_ = access.require_staff(db, staff)
    query = select(AccessApplication).where(AccessApplication.school_id.in_(schools_))
    if statuses:
        query = query.where(AccessApplication.status.in_(statuses))
    return list(db.exec(query.order_by(AccessApplication.due_date, AccessApplication.id)).all())


def documents_of(db: Session, application_ids: list[int]) -> dict[int, list[ApplicationDocument]]:
    """The documents of several applications in one query (callers have checked access)."""
    result: dict[int, list[ApplicationDocument]] = {i: [] for i in application_ids}
    if application_ids:
        rows = db.exec(select(ApplicationDocument).where(ApplicationDocument.application_id.in_(application_ids))
                       .order_by(ApplicationDocument.id)).all()
        for doc in rows:
            result[doc.application_id].append(doc)
    return result


def document_for_staff(db: Session, staff: User, document_id) -> tuple[ApplicationDocument, bytes]:
    """A scan's bytes, for the staff of the application's school only."""
    access.require_staff(db, staff)
    doc = db.get(ApplicationDocument, require_id(document_id))
    if doc is None:
        raise NotFound()
    staff_application(db, staff, doc.application_id)
    return doc, documents.read(doc.storage_name)


@dataclass
class Candidate:
    student: Student
    class_name: str
    score: int  # 0..4: surname, first name, birth date, class


def suggest_students(db: Session, staff: User, application_id, limit: int = 8) -> list[Candidate]:
    """Studying students of the application's school that look like the child: matching surname,
    first name, birth date or class; best matches first."""
    application = staff_application(db, staff, application_id)
    surname = application.child_surname.casefold()
    rows = db.exec(
        select(Student, SchoolClass)
        .join(SchoolClass, SchoolClass.id == Student.class_id, isouter=True)
        .where(Student.school_id == application.school_id, Student.status == "studying")
    ).all()
    found: list[Candidate] = []
    for student, school_class in rows:
        class_name = school_class.name if school_class else ""
        score = sum((
            student.surname.casefold() == surname,
            student.first_name.casefold() == application.child_first_name.casefold(),
            student.birth_date == application.child_birth_date,
            bool(class_name) and _class_key(class_name) == _class_key(application.class_name),
        ))
        if score >= 2 or (score == 1 and student.surname.casefold() == surname):
            found.append(Candidate(student, class_name, score))
    found.sort(key=lambda c: (-c.score, c.student.surname, c.student.first_name, c.student.id))
    return found[:limit]


def _tell_parent(db: Session, application: AccessApplication, key: str, now: datetime) -> None:
    """E-mail the applicant the decision, in their language (it also lands in the outbox)."""
    parent = db.get(User, application.parent_id)
    school = db.get(School, application.school_id)
    if parent is None:
        return
    lang = parent.language or DEFAULT_LANGUAGE
    params = {
        "child": f"{application.child_surname} {application.child_first_name}",
        "school": school.name if school else "",
        "reason": tr(f"access.reason.{application.reject_reason}", lang) if application.reject_reason else "",
        "text": application.reject_text,
    }
    notifications.send(db, channel="email", recipient=parent.email, user_id=parent.id, now=now,
                       subject=tr(f"{key}.subject", lang, **params), body=tr(f"{key}.body", lang, **params))


def _decide(db: Session, staff: User, application_id) -> AccessApplication:
    application = staff_application(db, staff, application_id)
    if application.status != "submitted":
        raise ValidationError({"form": "access.app_already_decided"})
    return application


def approve(db: Session, staff: User, application_id, student_id,
            now: datetime | None = None) -> tuple[AccessApplication, AccessCode, str]:
    """Approve, naming the student of that school; returns the application and the new code (plain once)."""
    now = now or utcnow()
    application = _decide(db, staff, application_id)
    sid = parse_id(student_id)
    student = db.get(Student, sid) if sid else None
    if student is None or student.school_id != application.school_id:
        raise ValidationError({"student": "access.app_pick_student"})
    if student.status != "studying":
        raise ValidationError({"student": "access.student_not_studying"})
    application.status, application.student_id = "approved", student.id
    application.decided_by, application.decided_at = staff.id, now
    db.add(application)
    code, plain = access_codes.issue_code(db, staff, student.id, application_id=application.id, now=now)
    _tell_parent(db, application, "access.mail_approved", now)
    return application, code, plain


def reject(db: Session, staff: User, application_id, reason, text="", now: datetime | None = None) -> AccessApplication:
    application = _decide(db, staff, application_id)
    if reason not in REJECT_REASONS:
        raise ValidationError({"reason": "access.app_pick_reason"})
    text = " ".join(text.split()) if isinstance(text, str) else ""
    if reason == "other" and not text:
        raise ValidationError({"reject_text": "error.required"})
    if len(text) > REJECT_TEXT_MAX:
        raise ValidationError({"reject_text": "access.app_text_long"}, limit=REJECT_TEXT_MAX)
    now = now or utcnow()
    application.status, application.reject_reason, application.reject_text = "rejected", reason, text
    application.decided_by, application.decided_at = staff.id, now
    db.add(application)
    _tell_parent(db, application, "access.mail_rejected", now)
    db.flush()
    return application


def reissue(db: Session, staff: User, application_id, now: datetime | None = None) -> tuple[AccessCode, str]:
    """A new code for an approved application; the earlier unused one stops working."""
    application = staff_application(db, staff, application_id)
    if application.status != "approved" or application.student_id is None:
        raise ValidationError({"form": "access.app_not_approved"})
    return access_codes.issue_code(db, staff, application.student_id, application_id=application.id, now=now)
