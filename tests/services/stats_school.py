"""A small school for the statistics and alerts tests: one year in quarters, a class of students, a
teacher, subjects with the domain's kinds of work, and a parent linked to the first student.
Built with the shared tests/school_builder.py."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, time

from mrko_app.models import (
    Attendance,
    Lesson,
    Mark,
    ParentChildLink,
    School,
    SchoolClass,
    Student,
    StudyPeriod,
    StudyYear,
    Subject,
    User,
    WorkKind,
)
from tests.school_builder import KINDS, SchoolBuilder

QUARTERS = [(date(2026, 9, 1), date(2026, 10, 31)), (date(2026, 11, 9), date(2026, 12, 27)),
            (date(2027, 1, 11), date(2027, 3, 20)), (date(2027, 3, 30), date(2027, 5, 31))]
_seq = itertools.count(1)


@dataclass
class World:
    db: object
    school: School
    year: StudyYear
    periods: list[StudyPeriod]
    school_class: SchoolClass
    kinds: dict[str, WorkKind]
    subjects: dict[str, Subject]
    teacher: User
    students: list[Student]
    parent: User
    lessons: dict = field(default_factory=dict)

    @property
    def child(self) -> Student:
        return self.students[0]

    def mark(self, student: Student, subject: str, day: date, value: int | None, kind: str = "answer", *,
             debt: bool = False, deleted: bool = False) -> Mark:
        return SchoolBuilder(self.db).mark(student, self.subjects[subject], day, value, self.kinds[kind], self.teacher,
                                           is_debt=debt, deleted=deleted)

    def lesson(self, subject: str, day: date, number: int = 1) -> Lesson:
        key = (subject, day, number)
        if key not in self.lessons:
            lesson = Lesson(class_id=self.school_class.id, subject_id=self.subjects[subject].id,
                            teacher_id=self.teacher.id, date=day, lesson_number=number,
                            start_time=time(8, 30), end_time=time(9, 15))
            self.db.add(lesson)
            self.db.flush()
            self.lessons[key] = lesson
        return self.lessons[key]

    def attend(self, student: Student, subject: str, day: date, status: str, number: int = 1) -> Attendance:
        lesson = self.lesson(subject, day, number)
        a = Attendance(student_id=student.id, lesson_id=lesson.id, date=day, status=status, set_by=self.teacher.id)
        self.db.add(a)
        self.db.flush()
        return a


def user(db, role: str, surname: str, school: School | None = None, **extra) -> User:
    n = next(_seq)
    school_id = school.id if school and role in ("staff", "teacher") else None
    return SchoolBuilder(db).user(f"{surname.lower()}{n}", (role, school_id), surname=surname, first_name="Test",
                                  email=f"{surname.lower()}{n}@example.test", phone=f"+7900{n:07d}",
                                  language=extra.pop("language", "en"), **extra)


def link(db, parent: User, student: Student, page_name: str = "", end: date | None = None) -> ParentChildLink:
    return SchoolBuilder(db).link(parent, student, page_name, end=end)


def build(db, students: int = 6, subjects=("Maths", "Russian", "History"), thresholds=None) -> World:
    n = next(_seq)
    b = SchoolBuilder(db)
    school = b.school(f"School {n}", **({"thresholds": thresholds} if thresholds else {}))
    kinds = b.kinds(school, KINDS)
    year, periods = b.year(school, QUARTERS, name="2026/2027", start=date(2026, 9, 1), end=date(2027, 5, 31))
    teacher = user(db, "teacher", "Teacher", school)
    school_class = b.school_class(school, year, "5A")
    subj = {name: b.subject(school, name, name + "-ru") for name in subjects}
    for s in subj.values():
        b.teaches(school_class, s, teacher)
    people = [b.student(school_class, f"Pupil{i}x{n}", f"Kid{i}") for i in range(students)]
    parent = user(db, "parent", "Parent")
    link(db, parent, people[0], "Kid0")
    return World(db, school, year, periods, school_class, kinds, subj, teacher, people, parent)
