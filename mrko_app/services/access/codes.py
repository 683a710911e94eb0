"""One-time access codes for a child's diary: issued by school staff, redeemed by a parent.

- A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown grouped as
  XXXX-XXXX-XXXX-XXXX: 32**16 = 2**80 possibilities. Input is normalised (case, spaces, dashes).
- Only its SHA-256 is stored (the code is random enough that no slow hash is needed); the plain
  code exists once, in the return value of `issue_code`, for the envelope page.
- A code expires (30 days by default), is used once, and is revoked when re-issued for the same
  application or by staff. A code for a student who no longer studies is refused.
- Wrong codes are counted per parent in `Throttle` ("redeem:<user id>"): 5 wrong tries lock redeeming
  for 15 minutes. Errors raised after counting carry `persist = True`, so the caller commits the count.
"""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from mrko_app.models import AccessApplication, AccessCode, ParentChildLink, School, SchoolClass, Student, Throttle, User
from mrko_app.models.base import utcnow
from mrko_app.services.access import rules as access
from mrko_app.services.errors import Locked, NotFound, ServiceError, ValidationError
from mrko_app.services.ids import require_id

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 16
GROUP = 4
VALID_DAYS = 30
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)
PAGE_NAME_MAX = 40


# ---- the code itself ------------------------------------------------------------------------

def format_code(raw: str) -> str:
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def generate_code() -> str:
    """A fresh random code, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def normalize_code(text) -> str:
    """The code's 16 characters, upper-cased without spaces and dashes; "" if it cannot be a code."""
    if not isinstance(text, str) or len(text) > 100:
        return ""
    raw = "".join(ch for ch in text.upper() if ch not in " -\t\n\r\u2010\u2011\u2012\u2013\u2014")
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return ""
    return raw


def hash_code(normalized: str) -> str:
    return hashlib.sha256(f"mrko-access-code:{normalized}".encode()).hexdigest()


def code_status(code: AccessCode, now: datetime | None = None) -> str:
    """used | revoked | expired | active"""
    now = now or utcnow()
    if code.used_at is not None:
        return "used"
    if code.revoked:
        return "revoked"
    if code.expires_at <= now:
        return "expired"
    return "active"


# ---- staff: issuing and revoking ------------------------------------------------------------

def _staff_student(db: Session, staff: User, student_id) -> Student:
    schools = access.require_staff(db, staff)
    student = db.get(Student, require_id(student_id))
    if student is None or student.school_id not in schools:
        raise NotFound()
    return student


def issue_code(db: Session, staff: User, student_id, *, application_id: int | None = None,
               now: datetime | None = None, days: int = VALID_DAYS) -> tuple[AccessCode, str]:
    """A new code for a studying student of the staff member's school; returns (row, plain code).
    Re-issuing revokes the earlier unused code: the application's one, or for a code issued directly
    (no application), the student's earlier unused direct code. Used codes stay as they are, so a
    second parent gets a code of their own once the first has used theirs."""
    now = now or utcnow()
    student = _staff_student(db, staff, student_id)
    if student.status != "studying":
        raise ValidationError({"student": "access.student_not_studying"})
    earlier = select(AccessCode).where(AccessCode.used_at.is_(None), AccessCode.revoked == False)  # noqa: E712
    if application_id is not None:
        earlier = earlier.where(AccessCode.application_id == application_id)
    else:
        earlier = earlier.where(AccessCode.student_id == student.id, AccessCode.application_id.is_(None))
    for old in db.exec(earlier).all():
        old.revoked = True
        db.add(old)
    plain = generate_code()
    code = AccessCode(student_id=student.id, code_hash=hash_code(normalize_code(plain)),
                      application_id=application_id, created_by=staff.id, created_at=now,
                      expires_at=now + timedelta(days=days))
    db.add(code)
    db.flush()
    return code, plain


def revoke_code(db: Session, staff: User, code_id) -> AccessCode:
    code = db.get(AccessCode, require_id(code_id))
    if code is None:
        raise NotFound()
    _staff_student(db, staff, code.student_id)
    if code.used_at is None and not code.revoked:
        code.revoked = True
        db.add(code)
        db.flush()
    return code


def student_codes(db: Session, staff: User, student_id) -> list[AccessCode]:
    student = _staff_student(db, staff, student_id)
    return list(db.exec(select(AccessCode).where(AccessCode.student_id == student.id)
                        .order_by(AccessCode.created_at.desc(), AccessCode.id.desc())).all())


def revoke_student_codes(db: Session, student_id: int) -> int:
    """Revoke every unused code of a student (when they graduate or leave). No access check: callers do."""
    codes = db.exec(select(AccessCode).where(AccessCode.student_id == student_id, AccessCode.used_at.is_(None),
                                             AccessCode.revoked == False)).all()  # noqa: E712
    for code in codes:
        code.revoked = True
        db.add(code)
    db.flush()
    return len(codes)


# ---- parents: checking and redeeming --------------------------------------------------------

def _throttle_key(parent: User) -> str:
    return f"redeem:{parent.id}"


def _throttle_row(db: Session, parent: User) -> Throttle | None:
    return db.exec(select(Throttle).where(Throttle.key == _throttle_key(parent))).first()


def locked_until(db: Session, parent: User, now: datetime | None = None) -> datetime | None:
    """When the parent may try codes again, while a lock lasts; else None."""
    now = now or utcnow()
    row = _throttle_row(db, parent)
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def _persist(error: ServiceError) -> ServiceError:
    error.persist = True
    return error


def _record_failure(db: Session, parent: User, now: datetime) -> ServiceError:
    row = _throttle_row(db, parent) or Throttle(key=_throttle_key(parent), failures=0)
    if row.locked_until is not None and row.locked_until <= now:
        row.failures, row.locked_until = 0, None
    row.failures += 1
    row.updated_at = now
    error: ServiceError
    if row.failures >= MAX_FAILURES:
        row.locked_until, row.failures = now + LOCK, 0
        error = Locked("access.code_locked", until=row.locked_until)
    else:
        error = ValidationError({"code": "access.code_wrong"}, left=MAX_FAILURES - row.failures)
    db.add(row)
    db.flush()
    return _persist(error)


def _reset_failures(db: Session, parent: User) -> None:
    row = _throttle_row(db, parent)
    if row is not None and row.failures:
        row.failures = 0
        db.add(row)


def _find_code(db: Session, parent: User, text, now: datetime) -> tuple[AccessCode, Student]:
    """The usable code a parent typed, or the reason it cannot be used (wrong ones are counted)."""
    access.require_role(db, parent, "parent")
    until = locked_until(db, parent, now)
    if until is not None:
        raise Locked("access.code_locked", until=until)
    normalized = normalize_code(text)
    if not normalized:
        raise ValidationError({"code": "access.code_format"})
    code = db.exec(select(AccessCode).where(AccessCode.code_hash == hash_code(normalized))).first()
    if code is None:
        raise _record_failure(db, parent, now)
    status = code_status(code, now)
    if status != "active":
        raise ValidationError({"code": f"access.code_{status}"})
    student = db.get(Student, code.student_id)
    if student is None or student.status != "studying":
        raise ValidationError({"code": "access.code_student_left"})
    if code.application_id is not None:
        application = db.get(AccessApplication, code.application_id)
        if application is not None and application.parent_id != parent.id:
            raise ValidationError({"code": "access.code_other_parent"})
    already = [s.id for _link, s in access.linked_children(db, parent, now.date())]
    if student.id in already:
        raise ValidationError({"code": "access.code_already_linked"})
    return code, student


def describe_code_student(db: Session, code: AccessCode) -> dict[str, str]:
    """describe_student for the student an access code opens."""
    return describe_student(db, db.get(Student, code.student_id))


def describe_student(db: Session, student: Student) -> dict[str, str]:
    school = db.get(School, student.school_id)
    school_class = db.get(SchoolClass, student.class_id) if student.class_id else None
    return {
        "student_name": student.full_name,
        "birth_date": student.birth_date.isoformat(),
        "class_name": school_class.name if school_class else "",
        "school_name": school.name if school else "",
    }


def check_code(db: Session, parent: User, text, now: datetime | None = None) -> dict[str, str]:
    """Step one of redeeming: whose diary the code opens (nothing is used up yet)."""
    now = now or utcnow()
    _code, student = _find_code(db, parent, text, now)
    _reset_failures(db, parent)
    return describe_student(db, student)


def clean_page_name(db: Session, parent: User, name, today: date | None = None) -> str:
    """The name the parent gives the child's page: 1..40 characters, unique among their children."""
    value = " ".join(name.split()) if isinstance(name, str) else ""
    if not value:
        raise ValidationError({"page_name": "error.required"})
    if len(value) > PAGE_NAME_MAX:
        raise ValidationError({"page_name": "access.page_name_long"}, limit=PAGE_NAME_MAX)
    taken = {link.page_name.casefold() for link, _s in access.linked_children(db, parent, today)}
    if value.casefold() in taken:
        raise ValidationError({"page_name": "access.page_name_taken"})
    return value


def redeem_code(db: Session, parent: User, text, page_name, now: datetime | None = None) -> ParentChildLink:
    """Use the code: link the parent to the student under the page name they chose."""
    now = now or utcnow()
    code, student = _find_code(db, parent, text, now)
    name = clean_page_name(db, parent, page_name, now.date())
    used = db.execute(
        update(AccessCode)
        .where(AccessCode.id == code.id, AccessCode.used_at.is_(None), AccessCode.revoked == False)  # noqa: E712
        .values(used_at=now, used_by=parent.id)
    )
    if used.rowcount != 1:  # someone else used it a moment ago
        raise ValidationError({"code": "access.code_used"})
    db.refresh(code)
    link = ParentChildLink(parent_id=parent.id, student_id=student.id, page_name=name, start_date=now.date(),
                           access_code_id=code.id)
    db.add(link)
    _reset_failures(db, parent)
    db.flush()
    return link

