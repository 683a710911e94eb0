"""The demo school as the journal's browser tests see it, and the steps they take."""

from dataclasses import dataclass
from datetime import date, timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mrko_app.models import (
    Attendance,
    Lesson,
    Mark,
    ParentChildLink,
    SchoolClass,
    Student,
    Subject,
    TeachingAssignment,
    User,
    UserRole,
)
from mrko_app.services import clock
from mrko_app.services.accounts.passwords import hash_secret
from mrko_app.services.journal import read as journal
from tests.e2e.helpers import login


@dataclass
class DemoJournal:
    teacher: User  # teacher1: mathematics in 5А
    parent: User  # parent1: Маша's mother
    student: Student  # Маша, in 5А
    school_class: SchoolClass
    subject: Subject
    period_id: int
    lessons: list[Lesson]  # the grid's columns, in order

    @property
    def url_query(self) -> str:
        return f"?journal={self.school_class.id}:{self.subject.id}&period={self.period_id}"

    def held(self) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.date <= clock.today()]

    def column(self, lesson: Lesson) -> int:
        return [x.id for x in self.lessons].index(lesson.id)


def demo_journal(db: Session) -> DemoJournal:
    db.expire_all()
    teacher = db.exec(select(User).where(User.login == "teacher1")).one()
    parent = db.exec(select(User).where(User.login == "parent1")).one()
    student, school_class = db.exec(
        select(Student, SchoolClass)
        .join(ParentChildLink, ParentChildLink.student_id == Student.id)
        .join(SchoolClass, SchoolClass.id == Student.class_id)
        .where(ParentChildLink.parent_id == parent.id, SchoolClass.name == "5А")
    ).one()
    subject_id = db.exec(select(TeachingAssignment.subject_id).where(
        TeachingAssignment.class_id == school_class.id, TeachingAssignment.teacher_id == teacher.id)).first()
    period = journal.current_period(journal.periods_of(db, school_class), clock.today())
    grid = journal.load_grid(db, teacher, school_class.id, subject_id, period.id)
    return DemoJournal(teacher, parent, student, school_class, db.get(Subject, subject_id), period.id, grid.lessons)


def free_lessons(db: Session, dj: DemoJournal, student: Student | None = None) -> list[Lesson]:
    """The held lessons of the grid where the student has neither a mark nor an attendance mark."""
    student = student or dj.student
    db.expire_all()
    marked = set(db.exec(select(Mark.lesson_id).where(Mark.student_id == student.id,
                                                      Mark.deleted == False)).all())  # noqa: E712
    marked |= set(db.exec(select(Attendance.lesson_id).where(Attendance.student_id == student.id)).all())
    return [lesson for lesson in dj.held() if lesson.id not in marked]


def cell_marks(db: Session, student_id: int, lesson_id: int) -> list[Mark]:
    db.expire_all()
    return list(db.exec(select(Mark).where(Mark.student_id == student_id, Mark.lesson_id == lesson_id,
                                           Mark.deleted == False).order_by(Mark.id)))  # noqa: E712


def open_journal(page: Page, app_url: str, dj: DemoJournal) -> None:
    page.goto(f"{app_url}/journal{dj.url_query}")
    expect(page.locator("#journal-grid")).to_be_visible(timeout=20000)
    expect(page.locator(f"#student-{dj.student.id}")).to_be_visible()


def parent_diary(page: Page, app_url: str, dj: DemoJournal, path: str = "/diary", week: date | None = None) -> None:
    """parent1 signs in and opens the diary of Маша (the child switcher remembers the choice)."""
    login(page, app_url, "parent1", "parent1pass")
    query = f"?week={(week - timedelta(days=week.weekday())).isoformat()}" if week else ""
    page.goto(f"{app_url}{path}{query}")
    switcher = page.locator("#child-switcher")
    expect(switcher).to_be_visible(timeout=20000)
    if switcher.input_value() != str(dj.student.id):
        switcher.select_option(str(dj.student.id))
    expect(switcher).to_have_value(str(dj.student.id))


def cell(page: Page, student_id: int, lesson_id: int):
    return page.locator(f"#cell-{student_id}-{lesson_id}")


def other_class_teacher(db: Session, dj: DemoJournal) -> tuple[User, str]:
    """A teacher of mathematics in another class (not 5А), with a known password: (user, password)."""
    login, password = "jother1", "jother1pass"
    user = db.exec(select(User).where(User.login == login)).first()
    if user is None:
        other = db.exec(select(SchoolClass).where(SchoolClass.school_id == dj.school_class.school_id,
                                                  SchoolClass.id != dj.school_class.id)
                        .order_by(SchoolClass.grade.desc())).first()
        user = User(surname="Чужой", first_name="Иван", email="jother1@example.org", login=login,
                    phone="+79990009901", password_hash=hash_secret(password), is_active=True, phone_confirmed=True)
        db.add(user)
        db.flush()
        db.add(UserRole(user_id=user.id, role="teacher", school_id=dj.school_class.school_id))
        db.add(TeachingAssignment(class_id=other.id, subject_id=dj.subject.id, teacher_id=user.id))
        db.commit()
    return user, password
