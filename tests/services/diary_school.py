"""A small hand-built school for the diary's service tests.

Study year 2026/2027 in quarters: I 01.09–25.10, II 03.11–28.12, III 12.01–22.03, IV 01.04–29.05
(the gaps between them are the vacations); a Holiday row on 04.11.2026 (National Unity Day).
Class 5A (class teacher: Ольга Классная) with the student Петя Иванов, whose parent is `parent`;
another class 6B with Маша Петрова, whose parent is `other_parent`. Subjects: Математика (teacher
Анна Математикова, Mon 1 & Wed 2 & Fri 1) and Русский язык (Борис Русланов, Mon 2 & Tue 1 & Thu 1).
Lessons are created on demand with `lesson(...)`. Built with the shared tests/school_builder.py.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlmodel import Session

from mrko_app.models import (
    Attendance,
    FinalMark,
    Holiday,
    Homework,
    Lesson,
    Mark,
    MarkHistory,
    School,
    SchoolClass,
    Student,
    StudyPeriod,
    StudyYear,
    Subject,
    TimetableSlot,
    User,
    WorkKind,
)
from mrko_app.models.base import utcnow
from tests.school_builder import SchoolBuilder

TIMES = {1: (time(8, 30), time(9, 15)), 2: (time(9, 25), time(10, 10)), 3: (time(10, 30), time(11, 15))}
QUARTERS = [
    (date(2026, 9, 1), date(2026, 10, 25)),
    (date(2026, 11, 3), date(2026, 12, 28)),
    (date(2027, 1, 12), date(2027, 3, 22)),
    (date(2027, 4, 1), date(2027, 5, 29)),
]
_seq = itertools.count(1)


def stamp(*args) -> datetime:
    """A timestamp in the models' convention (naive or aware UTC, whatever models.base.utcnow gives)."""
    return datetime(*args, tzinfo=utcnow().tzinfo)


def make_user(db: Session, surname: str, first: str, patronymic: str = "", *roles: str, school_id=None) -> User:
    n = next(_seq)
    return SchoolBuilder(db).user(f"user{n}", *[(role, school_id) for role in roles], surname=surname,
                                  first_name=first, patronymic=patronymic, email=f"u{n}@example.org",
                                  phone=f"+7900000{n:04d}")


@dataclass
class DiarySchool:
    db: Session
    school: School
    year: StudyYear
    periods: list[StudyPeriod]
    holiday: Holiday
    kinds: dict[str, WorkKind]
    klass: SchoolClass
    other_class: SchoolClass
    student: Student
    other_student: Student
    parent: User
    other_parent: User
    class_teacher: User
    math_teacher: User
    russian_teacher: User
    substitute: User
    math: Subject
    russian: Subject
    slots: list[TimetableSlot] = field(default_factory=list)

    def lesson(self, day: date, number: int, subject: Subject | None = None, *, klass=None, **kw) -> Lesson:
        subject = subject or self.math
        teacher = self.math_teacher if subject.id == self.math.id else self.russian_teacher
        start, end = TIMES[number]
        lesson = Lesson(class_id=(klass or self.klass).id, subject_id=subject.id, teacher_id=teacher.id, date=day,
                        lesson_number=number, start_time=start, end_time=end, room=kw.pop("room", "21"), **kw)
        self.db.add(lesson)
        self.db.flush()
        return lesson

    def mark(self, lesson: Lesson | None, value: int | None, kind: str = "answer", *, student=None, day=None,
             subject=None, **kw) -> Mark:
        k = self.kinds[kind]
        subject_id = subject.id if subject else (lesson.subject_id if lesson else self.math.id)
        mark = Mark(student_id=(student or self.student).id, lesson_id=lesson.id if lesson else None,
                    subject_id=subject_id, date=day or lesson.date, value=value, work_kind_id=k.id, weight=kw.pop("weight", k.weight),
                    teacher_id=self.math_teacher.id, **kw)
        self.db.add(mark)
        self.db.flush()
        return mark

    def change(self, mark: Mark, new_value: int, reason: str = "", when: datetime | None = None) -> None:
        self.db.add(MarkHistory(mark_id=mark.id, student_id=mark.student_id, old_value=mark.value, new_value=new_value,
                                changed_by=mark.teacher_id, reason=reason, changed_at=when or stamp(2026, 11, 24, 12)))
        mark.value = new_value
        mark.version += 1
        self.db.add(mark)
        self.db.flush()

    def attend(self, lesson: Lesson, status: str, student=None) -> Attendance:
        att = Attendance(student_id=(student or self.student).id, lesson_id=lesson.id, date=lesson.date, status=status,
                         set_by=lesson.teacher_id)
        self.db.add(att)
        self.db.flush()
        return att

    def homework(self, lesson: Lesson, text: str, due: date) -> Homework:
        hw = Homework(lesson_id=lesson.id, class_id=lesson.class_id, subject_id=lesson.subject_id, text=text,
                      due_date=due, created_by=lesson.teacher_id)
        self.db.add(hw)
        self.db.flush()
        return hw

    def final(self, subject: Subject, value: int, period: StudyPeriod | None = None, student=None) -> FinalMark:
        fm = FinalMark(student_id=(student or self.student).id, subject_id=subject.id, year_id=self.year.id,
                       period_id=period.id if period else None, value=value, confirmed_by=self.math_teacher.id)
        self.db.add(fm)
        self.db.flush()
        return fm


def build(db: Session) -> DiarySchool:
    b = SchoolBuilder(db)
    school = b.school(f"Школа №{next(_seq)}", "Школа")
    kinds = b.kinds(school, [("answer", "Answer in class", "Ответ на уроке", 1), ("homework", "Homework", "Домашняя работа", 1),
                             ("test", "Test", "Контрольная работа", 3)])
    year, periods = b.year(school, QUARTERS, name="2026/2027", start=date(2026, 9, 1), end=date(2027, 5, 29))
    holiday = b.holiday(year, date(2026, 11, 4), name_en="National Unity Day", name_ru="День народного единства")
    class_teacher = make_user(db, "Классная", "Ольга", "Ивановна", "teacher", school_id=school.id)
    math_teacher = make_user(db, "Математикова", "Анна", "Петровна", "teacher", school_id=school.id)
    russian_teacher = make_user(db, "Русланов", "Борис", "", "teacher", school_id=school.id)
    substitute = make_user(db, "Заменова", "Вера", "Сергеевна", "teacher", school_id=school.id)
    parent = make_user(db, "Иванова", "Мария", "", "parent")
    other_parent = make_user(db, "Петров", "Пётр", "", "parent")
    klass = b.school_class(school, year, "5А", grade=5, letter="А", class_teacher_id=class_teacher.id)
    other_class = b.school_class(school, year, "6Б", grade=6, letter="Б")
    student = b.student(klass, "Иванов", "Петя", birth_date=date(2015, 3, 1))
    other = b.student(other_class, "Петрова", "Маша", birth_date=date(2014, 5, 2))
    math = b.subject(school, "Mathematics", "Математика")
    russian = b.subject(school, "Russian", "Русский язык")
    b.link(parent, student, "Петя")
    b.link(other_parent, other, "Маша")
    b.teaches(klass, math, math_teacher)
    b.teaches(klass, russian, russian_teacher)
    s = DiarySchool(db, school, year, periods, holiday, kinds, klass, other_class, student, other, parent, other_parent,
                    class_teacher, math_teacher, russian_teacher, substitute, math, russian)
    for weekday, number, subject, teacher in ((0, 1, math, math_teacher), (2, 2, math, math_teacher), (4, 1, math, math_teacher),
                                              (0, 2, russian, russian_teacher), (1, 1, russian, russian_teacher),
                                              (3, 1, russian, russian_teacher)):
        slot = TimetableSlot(class_id=klass.id, weekday=weekday, lesson_number=number, start_time=TIMES[number][0],
                             end_time=TIMES[number][1], subject_id=subject.id, teacher_id=teacher.id, room=f"{20 + number}",
                             valid_from=year.start_date, valid_to=year.end_date)
        db.add(slot)
        s.slots.append(slot)
    db.flush()
    return s
