"""What a loaded school contains, counted from the database, and the demo logins to print."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import distinct, func, select
from sqlmodel import Session

from mrko_app.models import (
    Attendance,
    FinalMark,
    Holiday,
    Homework,
    Lesson,
    Mark,
    MarkHistory,
    ParentChildLink,
    SchoolClass,
    Student,
    StudyYear,
    Subject,
    TimetableSlot,
    UserRole,
)


@dataclass(frozen=True)
class DemoLogin:
    login: str
    password: str
    role: str
    description: str


@dataclass
class DemoSummary:
    school_id: int
    school_name: str
    created: bool  # False: the school was already there and nothing was written
    journal_until: date | None  # the last day with topics, marks and attendance
    counts: dict[str, int] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    seconds: float = 0.0


def count_school(session: Session, school_id: int) -> dict[str, int]:
    def one(stmt) -> int:
        return int(session.execute(stmt).scalar() or 0)

    classes = select(SchoolClass.id).where(SchoolClass.school_id == school_id)
    students = select(Student.id).where(Student.school_id == school_id)
    lessons = select(Lesson.id).where(Lesson.class_id.in_(classes))
    return {
        "classes": one(select(func.count()).select_from(classes.subquery())),
        "students": one(select(func.count()).where(Student.school_id == school_id, Student.status == "studying")),
        "former students": one(select(func.count()).where(Student.school_id == school_id,
                                                          Student.status != "studying")),
        "subjects": one(select(func.count()).where(Subject.school_id == school_id)),
        "teachers": one(select(func.count(distinct(UserRole.user_id))).where(
            UserRole.school_id == school_id, UserRole.role == "teacher")),
        "staff": one(select(func.count(distinct(UserRole.user_id))).where(
            UserRole.school_id == school_id, UserRole.role.in_(("staff", "psychologist")))),
        "parents (linked)": one(select(func.count(distinct(ParentChildLink.parent_id))).where(
            ParentChildLink.student_id.in_(students))),
        "holidays": one(select(func.count()).where(Holiday.year_id.in_(
            select(StudyYear.id).where(StudyYear.school_id == school_id)))),
        "timetable slots": one(select(func.count()).where(TimetableSlot.class_id.in_(classes))),
        "lessons": one(select(func.count()).where(Lesson.class_id.in_(classes))),
        "homework": one(select(func.count()).where(Homework.class_id.in_(classes))),
        "attendance": one(select(func.count()).where(Attendance.lesson_id.in_(lessons))),
        "marks": one(select(func.count()).where(Mark.student_id.in_(students))),
        "debts": one(select(func.count()).where(Mark.student_id.in_(students), Mark.is_debt.is_(True))),
        "mark changes": one(select(func.count()).where(MarkHistory.student_id.in_(students))),
        "final marks": one(select(func.count()).where(FinalMark.student_id.in_(students))),
    }


def journal_until(session: Session, school_id: int) -> date | None:
    classes = select(SchoolClass.id).where(SchoolClass.school_id == school_id)
    return session.execute(select(func.max(Lesson.date)).where(Lesson.class_id.in_(classes),
                                                                Lesson.topic != "")).scalar()


def format_summary(summary: DemoSummary) -> str:
    state = "loaded" if summary.created else "already present, nothing written"
    lines = [f"{summary.school_name}: {state} ({summary.seconds:.1f} s); journal up to {summary.journal_until}"]
    lines += [f"  {name:<18} {value:>9,}" for name, value in summary.counts.items()]
    if summary.logins:
        width = max(len(x.login) for x in summary.logins)
        pw = max(len(x.password) for x in summary.logins)
        lines.append("Demo logins:")
        lines += [f"  {x.login:<{width}}  {x.password:<{pw}}  {x.role:<12} {x.description}" for x in summary.logins]
    return "\n".join(lines)


def print_summary(summary: DemoSummary) -> None:
    print(format_summary(summary))
