"""The teacher's class journal: which journals a user may open, and loading one of them.

A journal is a class + a subject + a study period (or the whole year). `journal_context` resolves what
the browser asked for and checks access (the teacher of that class and subject, or the school's staff);
`load_grid` reads a period's journal in a fixed number of queries, whatever the size of the class:
students, lessons, marks, attendance, homework, kinds of work and final marks, one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from mrko_app.models import (
    Attendance,
    FinalMark,
    Homework,
    Lesson,
    Mark,
    School,
    SchoolClass,
    Student,
    StudyPeriod,
    Subject,
    TeachingAssignment,
    User,
    WorkKind,
)
from mrko_app.services import school_calendar
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied
from mrko_app.services.gradebook.rules import GradingRules, MarkEntry, propose_mark, weighted_average
from mrko_app.services.ids import require_id

YEAR = "year"  # what the browser sends for "the whole year" instead of a period id


@dataclass
class JournalContext:
    """A journal the acting user may use: class, subject, school, the period (None: the year)."""

    school_class: SchoolClass
    subject: Subject
    school: School
    period: StudyPeriod | None
    rules: GradingRules
    # the user's id when their only right to this journal is substituting some of its lessons: they
    # read it, and write only into the lessons they substitute (checks.journal_lesson); no final marks
    substitute: int | None = None

    @property
    def class_id(self) -> int:
        return self.school_class.id

    @property
    def subject_id(self) -> int:
        return self.subject.id


def journal_context(db: Session, user: User | None, class_id, subject_id, period_id=YEAR) -> JournalContext:
    """The journal of `class_id` + `subject_id` for `period_id` (a period of the class's year, or
    None / "year" for the year), if `user` may use it; else PermissionDenied / NotFound."""
    substitute = None
    try:
        school_class = access.require_journal_access(db, user, class_id, subject_id)
    except PermissionDenied:
        school_class, substitute = _substituted_class(db, user, class_id, subject_id), user.id
    subject = db.get(Subject, require_id(subject_id))
    if subject is None or subject.school_id != school_class.school_id:
        raise PermissionDenied()
    school = db.get(School, school_class.school_id)
    period = None
    if period_id not in (None, "", YEAR):
        period = db.get(StudyPeriod, require_id(period_id))
        if period is None or period.year_id != school_class.year_id:
            raise NotFound("journal.period_not_found")
    return JournalContext(school_class, subject, school, period, GradingRules.from_school(school), substitute)


def _substituted_class(db: Session, user: User, class_id, subject_id) -> SchoolClass:
    """The class, if `user` substitutes a lesson (not cancelled) of this class and subject; else refused."""
    cid, sid = require_id(class_id, PermissionDenied), require_id(subject_id, PermissionDenied)
    held = db.exec(select(Lesson.id).where(Lesson.class_id == cid, Lesson.subject_id == sid,
                                           Lesson.substitute_teacher_id == user.id,
                                           Lesson.cancelled == False)).first()  # noqa: E712
    school_class = db.get(SchoolClass, cid) if held is not None else None
    if school_class is None:
        raise PermissionDenied()
    return school_class


def journal_choices(db: Session, user: User | None) -> list[tuple[SchoolClass, Subject]]:
    """The (class, subject) journals the user may open: the ones they teach, those with a lesson they
    substitute, and for staff every taught subject of every class of their schools. Sorted by grade, class, subject."""
    access.require_user(user)
    staff_schools = access.staff_school_ids(db, user)
    query = (
        select(SchoolClass, Subject)
        .join(TeachingAssignment, TeachingAssignment.class_id == SchoolClass.id)
        .join(Subject, Subject.id == TeachingAssignment.subject_id)
    )
    if staff_schools:
        query = query.where(
            (TeachingAssignment.teacher_id == user.id) | SchoolClass.school_id.in_(sorted(staff_schools))
        )
    else:
        query = query.where(TeachingAssignment.teacher_id == user.id)
    seen: dict[tuple[int, int], tuple[SchoolClass, Subject]] = {}
    substituted = (select(SchoolClass, Subject).join(Lesson, Lesson.class_id == SchoolClass.id)
                   .join(Subject, Subject.id == Lesson.subject_id)
                   .where(Lesson.substitute_teacher_id == user.id, Lesson.cancelled == False))  # noqa: E712
    for school_class, subject in [*db.exec(query).all(), *db.exec(substituted).all()]:
        seen.setdefault((school_class.id, subject.id), (school_class, subject))
    return sorted(seen.values(), key=lambda p: (p[0].grade, p[0].name, p[1].name_ru, p[1].id))


def periods_of(db: Session, school_class: SchoolClass) -> list[StudyPeriod]:
    return list(
        db.exec(select(StudyPeriod).where(StudyPeriod.year_id == school_class.year_id).order_by(StudyPeriod.number))
    )


current_period = school_calendar.current_period  # the period a journal opens on (the calendar's rule)


def class_students(db: Session, class_id: int) -> list[Student]:
    return list(
        db.exec(
            select(Student)
            .where(Student.class_id == class_id, Student.status == "studying")
            .order_by(Student.surname, Student.first_name, Student.id)
        )
    )


def entries(marks: list[Mark], kinds: dict[int, WorkKind] | None = None) -> list[MarkEntry]:
    kinds = kinds or {}
    return [MarkEntry.from_mark(m, kinds[m.work_kind_id].code if m.work_kind_id in kinds else "") for m in marks]


@dataclass
class JournalGrid:
    """A period's journal as read from the database (rows, not a view)."""

    context: JournalContext
    students: list[Student]
    lessons: list[Lesson]
    kinds: dict[int, WorkKind]
    marks: dict[tuple[int, int], list[Mark]] = field(default_factory=dict)  # (student, lesson) -> marks
    attendance: dict[tuple[int, int], Attendance] = field(default_factory=dict)
    homework: dict[int, Homework] = field(default_factory=dict)  # lesson -> homework
    finals: dict[int, FinalMark] = field(default_factory=dict)  # student -> the period's final mark
    averages: dict[int, float | None] = field(default_factory=dict)
    proposals: dict[int, int | None] = field(default_factory=dict)


def load_grid(db: Session, user: User | None, class_id, subject_id, period_id) -> JournalGrid:
    """A period's journal: every student of the class, every (not cancelled) lesson of the subject in
    the period, the marks, attendance and homework, each student's weighted average over all their
    marks of the subject in the period, the mark it proposes and the confirmed final mark."""
    ctx = journal_context(db, user, class_id, subject_id, period_id)
    if ctx.period is None:
        raise NotFound("journal.period_not_found")
    period, cid, sid = ctx.period, ctx.class_id, ctx.subject_id
    students = class_students(db, cid)
    lessons = list(
        db.exec(
            select(Lesson)
            .where(Lesson.class_id == cid, Lesson.subject_id == sid, Lesson.cancelled == False,  # noqa: E712
                   school_calendar.within(Lesson.date, period))
            .order_by(Lesson.date, Lesson.lesson_number, Lesson.id)
        )
    )
    kinds = {k.id: k for k in db.exec(select(WorkKind).where(WorkKind.school_id == ctx.school.id))}
    grid = JournalGrid(ctx, students, lessons, kinds)
    student_ids = {s.id for s in students}
    lesson_ids = {lesson.id for lesson in lessons}
    marks = db.exec(
        select(Mark)
        .join(Student, Student.id == Mark.student_id)
        .where(Student.class_id == cid, Mark.subject_id == sid, Mark.deleted == False,  # noqa: E712
               school_calendar.within(Mark.date, period))
        .order_by(Mark.date, Mark.id)
    ).all()
    by_student: dict[int, list[Mark]] = {s: [] for s in student_ids}
    for mark in marks:
        if mark.student_id not in student_ids:
            continue
        by_student[mark.student_id].append(mark)
        if mark.lesson_id in lesson_ids:
            grid.marks.setdefault((mark.student_id, mark.lesson_id), []).append(mark)
    for row in db.exec(
        select(Attendance)
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(Lesson.class_id == cid, Lesson.subject_id == sid,
               school_calendar.within(Lesson.date, period))
    ):
        if row.lesson_id in lesson_ids and row.student_id in student_ids:
            grid.attendance[(row.student_id, row.lesson_id)] = row
    for hw in db.exec(
        select(Homework)
        .join(Lesson, Lesson.id == Homework.lesson_id)
        .where(Lesson.class_id == cid, Lesson.subject_id == sid,
               school_calendar.within(Lesson.date, period))
        .order_by(Homework.id)
    ):
        grid.homework[hw.lesson_id] = hw
    for final in db.exec(
        select(FinalMark)
        .join(Student, Student.id == FinalMark.student_id)
        .where(Student.class_id == cid, FinalMark.subject_id == sid, FinalMark.period_id == period.id)
    ):
        grid.finals[final.student_id] = final
    for student_id, student_marks in by_student.items():
        avg = weighted_average(entries(student_marks, kinds))
        grid.averages[student_id] = avg
        grid.proposals[student_id] = propose_mark(avg, ctx.rules)
    return grid


def read_cell(db: Session, user: User | None, class_id, subject_id, period_id, student_id, lesson_id
              ) -> tuple[list[Mark], Attendance | None]:
    """One cell of the journal as it is now: its marks (oldest first) and its attendance mark."""
    ctx = journal_context(db, user, class_id, subject_id, period_id)
    sid, lid = require_id(student_id), require_id(lesson_id)
    lesson = db.get(Lesson, lid)
    student = db.get(Student, sid)
    if lesson is None or lesson.class_id != ctx.class_id or lesson.subject_id != ctx.subject_id:
        raise PermissionDenied("journal.lesson_not_in_journal")
    if student is None or student.class_id != ctx.class_id:
        raise PermissionDenied()
    return cell_rows(db, sid, lid)


def cell_rows(db: Session, student_id: int, lesson_id: int) -> tuple[list[Mark], Attendance | None]:
    """A cell's marks (oldest first) and attendance mark, for a caller that has checked the journal."""
    marks = list(db.exec(select(Mark).where(Mark.student_id == student_id, Mark.lesson_id == lesson_id,
                                            Mark.deleted == False).order_by(Mark.id)))  # noqa: E712
    attendance = db.exec(select(Attendance).where(Attendance.student_id == student_id,
                                                  Attendance.lesson_id == lesson_id)).first()
    return marks, attendance


def read_lesson(db: Session, user: User | None, class_id, subject_id, lesson_id) -> tuple[Lesson, Homework | None]:
    """A lesson of the journal with the homework set at it."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    lesson = db.get(Lesson, require_id(lesson_id))
    if lesson is None or lesson.class_id != ctx.class_id or lesson.subject_id != ctx.subject_id:
        raise PermissionDenied("journal.lesson_not_in_journal")
    return lesson, lesson_homework(db, lesson.id)


def lesson_homework(db: Session, lesson_id: int) -> Homework | None:
    """The homework set at a lesson (one per lesson; the first if ever more)."""
    return db.exec(select(Homework).where(Homework.lesson_id == lesson_id).order_by(Homework.id)).first()


def school_kinds(db: Session, ctx: JournalContext) -> list[WorkKind]:
    """The school's kinds of work (inactive ones too: old marks may have them), by weight."""
    return list(db.exec(select(WorkKind).where(WorkKind.school_id == ctx.school.id)
                        .order_by(WorkKind.weight, WorkKind.id)))
