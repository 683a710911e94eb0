"""Steps and data shared by the access browser tests and the attack suite."""

import hashlib
import struct
import zlib
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

from fpdf import FPDF
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mrko_app.models import (
    AccessApplication,
    AccessCode,
    MeetingBooking,
    ParentChildLink,
    SchoolClass,
    Student,
    User,
    UserRole,
)
from mrko_app.models.base import utcnow
from mrko_app.services.access import codes as access_codes
from mrko_app.services.accounts import passwords


def png_bytes(colour: bytes = b"\xff\x00\x00") -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + colour)) + chunk(b"IEND", b""))


def pdf_bytes(text: str = "Application") -> bytes:
    """A small valid one-page PDF."""
    document = FPDF(format=(105, 148))
    document.add_page()
    document.set_font("Helvetica", size=12)
    document.cell(text=text)
    return bytes(document.output())


def scan_files(folder: Path) -> dict[str, Path]:
    """Three documents on disk, as a parent would pick them."""
    files = {"application": ("заявление.pdf", pdf_bytes("Zayavlenie")),
             "birth_certificate": ("svidetelstvo.png", png_bytes(b"\x00\xff\x00")),
             "identity": ("passport.png", png_bytes(b"\x00\x00\xff"))}
    paths = {}
    for kind, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[kind] = path
    return paths


def sign_in(page: Page, app_url: str, login: str, password: str, route: str) -> None:
    """Log in on the login page, then open `route` (the landing page may belong to another area)."""
    page.goto(f"{app_url}/login")
    page.locator("#field-identifier").fill(login)
    page.locator("#field-password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=20000)
    page.goto(f"{app_url}{route}")
    expect(page.locator("#logout")).to_be_visible(timeout=20000)


def user(db: Session, login: str) -> User:
    db.expire_all()
    return db.exec(select(User).where(User.login == login)).one()


TEST_PARENTS = ("parent1", "parent2", "parent3")
TEST_PREFIXES = ("attacker", "acct")


def free_student(db: Session, class_name: str = "5А") -> tuple[Student, SchoolClass]:
    """A studying student of the class whom none of the parents the tests sign in as is linked to,
    whom nobody has applied for and who has no access code yet (their demo parents may be linked)."""
    db.expire_all()
    test_parents = [u.id for u in db.exec(select(User)).all()
                    if u.login in TEST_PARENTS or u.login.startswith(TEST_PREFIXES)]
    taken = set(db.exec(select(ParentChildLink.student_id).where(ParentChildLink.parent_id.in_(test_parents))).all())
    taken |= set(db.exec(select(AccessApplication.student_id)).all())
    taken |= set(db.exec(select(AccessCode.student_id)).all())
    named = {(a.child_surname, a.child_first_name) for a in db.exec(select(AccessApplication)).all()}
    rows = db.exec(select(Student, SchoolClass).join(SchoolClass, SchoolClass.id == Student.class_id)
                   .where(SchoolClass.name == class_name, Student.status == "studying").order_by(Student.id)).all()
    for student, school_class in rows:
        if student.id not in taken and (student.surname, student.first_name) not in named:
            return student, school_class
    raise AssertionError(f"no free student left in {class_name}")


def new_parent(db: Session, login: str, password: str = "secret12") -> User:
    """A fresh parent account (so that a lockout in one test cannot touch another)."""
    number = 9500000000 + int(hashlib.sha1(login.encode()).hexdigest(), 16) % 10**8
    account = User(surname="Тестова", first_name="Анна", email=f"{login}@example.test", login=login,
                   phone=f"+7{number}", password_hash=passwords.hash_secret(password), is_active=True,
                   phone_confirmed=True)
    db.add(account)
    db.flush()
    db.add(UserRole(user_id=account.id, role="parent"))
    db.commit()
    return account


def issue_code(db: Session, student_id: int, *, days_ago: int = 0, staff_login: str = "staff1") -> str:
    """An access code issued by the school's staff (as the codes page does), possibly long ago."""
    staff = user(db, staff_login)
    _code, plain = access_codes.issue_code(db, staff, student_id, now=utcnow() - timedelta(days=days_ago))
    db.commit()
    return plain


class Family(NamedTuple):
    parent: User
    student: Student


def fresh_family(db: Session, login: str, class_name: str = "5А", page_name: str | None = None) -> Family:
    """A fresh parent (new_parent) linked, through an access code redeemed as on the codes page, to a pupil
    of the class that no test parent has: a free demo pupil, or a new one once the whole suite has used
    them up. Nobody else's bookings or links hang on the pupil (a demo family's meeting booking would)."""
    parent = new_parent(db, login)
    return Family(parent, link_free_child(db, parent, class_name, page_name))


def link_free_child(db: Session, parent: User, class_name: str = "5А", page_name: str | None = None) -> Student:
    """Another pupil of the class for `parent`, found (or enrolled) as in fresh_family."""
    try:
        student, _cls = free_student(db, class_name)
        while db.exec(select(MeetingBooking.id).where(MeetingBooking.student_id == student.id)).first():
            issue_code(db, student.id)  # a demo family booked for this one: mark it used, take the next
            student, _cls = free_student(db, class_name)
    except AssertionError:
        student = _enrolled(db, class_name, parent.login)
    access_codes.redeem_code(db, parent, issue_code(db, student.id), page_name or student.first_name)
    db.commit()
    return student


def _enrolled(db: Session, class_name: str, login: str) -> Student:
    """A new pupil of the class (this year's), for when the whole suite has used up the demo's free ones."""
    classmate = db.exec(select(Student).join(SchoolClass, SchoolClass.id == Student.class_id)
                        .where(SchoolClass.name == class_name, Student.status == "studying")).first()
    student = Student(school_id=classmate.school_id, class_id=classmate.class_id, surname="Тестов",
                      first_name=f"Ученик-{login}"[:80], birth_date=classmate.birth_date)
    db.add(student)
    db.flush()
    return student
