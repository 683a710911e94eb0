"""What the diary pages should show, read straight from the app's database (no diary service involved)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from mrko_app.models import Lesson, Mark, ParentChildLink, SchoolClass, Student, StudyPeriod, User
from mrko_app.services import clock

PARENT = ("parent1", "parent1pass")


@dataclass
class Child:
    student: Student
    klass: SchoolClass
    page_name: str

    @property
    def id(self) -> int:
        return self.student.id


def children(db: Session, login: str = PARENT[0]) -> list[Child]:
    """The parent's children in link order (the first is the one a fresh browser shows)."""
    db.expire_all()
    rows = db.exec(
        select(ParentChildLink, Student, SchoolClass)
        .join(User, User.id == ParentChildLink.parent_id)
        .join(Student, Student.id == ParentChildLink.student_id)
        .join(SchoolClass, SchoolClass.id == Student.class_id)
        .where(User.login == login)
        .order_by(ParentChildLink.id)
    ).all()
    return [Child(s, c, link.page_name) for link, s, c in rows]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def periods(db: Session, child: Child) -> list[StudyPeriod]:
    return list(db.exec(select(StudyPeriod).where(StudyPeriod.year_id == child.klass.year_id).order_by(StudyPeriod.number)))


def latest_marked_monday(db: Session, child: Child) -> date:
    day = db.exec(select(Mark.date).where(Mark.student_id == child.id, Mark.date <= clock.today(),
                                          col(Mark.deleted).is_(False)).order_by(col(Mark.date).desc())).first()
    assert day is not None, "the demo child has no marks"
    return monday_of(day)


def week_lessons(db: Session, child: Child, monday: date) -> list[Lesson]:
    return list(db.exec(select(Lesson).where(Lesson.class_id == child.klass.id, Lesson.date >= monday,
                                             Lesson.date <= monday + timedelta(days=6))
                        .order_by(Lesson.date, Lesson.lesson_number)))


def marks_between(db: Session, child: Child, first: date, last: date) -> list[Mark]:
    return list(db.exec(select(Mark).where(Mark.student_id == child.id, Mark.date >= first, Mark.date <= last,
                                           col(Mark.deleted).is_(False)).order_by(Mark.id)))


def average_text(marks: list[Mark]) -> str:
    """sum(value x weight) / sum(weight), rounded half up to 2 places; "" without counted marks."""
    counted = [m for m in marks if m.value is not None and not m.is_debt]
    if not counted:
        return ""
    avg = Fraction(sum(m.value * m.weight for m in counted), sum(m.weight for m in counted))
    return str((Decimal(avg.numerator) / Decimal(avg.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def choose_child(page: Page, child: Child) -> None:
    """Pick the child in the header's switcher (the page reloads its data for them)."""
    switcher = page.locator("#child-switcher")
    expect(switcher).to_be_visible(timeout=15000)
    if switcher.input_value() != str(child.id):
        switcher.select_option(str(child.id))
    expect(switcher).to_have_value(str(child.id))


def open_week(page: Page, base: str, monday: date) -> None:
    page.goto(f"{base}/diary?week={monday.isoformat()}")
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", monday.isoformat(), timeout=20000)
