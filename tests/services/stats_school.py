"""A small school for the statistics and alerts tests: one year in quarters, a class of students, a
teacher, subjects with the domain's kinds of work, and a parent linked to the first student."""

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
    TeachingAssignment,
    User,
    UserRole,
    WorkKind,
)

KINDS = [("answer", "Answer in class", "Ответ на уроке", 1), ("homework", "Homework", "Домашняя работа", 1),
         ("test", "Test", "Тест", 2), ("control", "Control work", "Контрольная работа", 3)]
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
        k = self.kinds[kind]
        m = Mark(student_id=student.id, subject_id=self.subjects[subject].id, date=day, value=value, is_debt=debt,
                 work_kind_id=k.id, weight=k.weight, teacher_id=self.teacher.id, deleted=deleted)
        self.db.add(m)
        self.db.flush()
        return m

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
    u = User(surname=surname, first_name="Test", email=f"{surname.lower()}{n}@example.test", login=f"{surname.lower()}{n}",
             phone=f"+7900{n:07d}", password_hash="x", is_active=True, language=extra.pop("language", "en"), **extra)
    db.add(u)
    db.flush()
    db.add(UserRole(user_id=u.id, role=role, school_id=school.id if school and role in ("staff", "teacher") else None))
    db.flush()
    return u


def link(db, parent: User, student: Student, page_name: str = "", end: date | None = None) -> ParentChildLink:
    row = ParentChildLink(parent_id=parent.id, student_id=student.id, page_name=page_name or student.first_name,
                          start_date=date(2026, 8, 1), end_date=end)
    db.add(row)
    db.flush()
    return row


def build(db, students: int = 6, subjects=("Maths", "Russian", "History"), thresholds=None) -> World:
    n = next(_seq)
    school = School(name=f"School {n}", **({"thresholds": thresholds} if thresholds else {}))
    db.add(school)
    db.flush()
    kinds = {}
    for code, en, ru, weight in KINDS:
        kinds[code] = WorkKind(school_id=school.id, code=code, name_en=en, name_ru=ru, weight=weight)
        db.add(kinds[code])
    year = StudyYear(school_id=school.id, name="2026/2027", start_date=date(2026, 9, 1), end_date=date(2027, 5, 31))
    db.add(year)
    db.flush()
    periods = [StudyPeriod(year_id=year.id, number=i + 1, start_date=s, end_date=e) for i, (s, e) in enumerate(QUARTERS)]
    db.add_all(periods)
    teacher = user(db, "teacher", "Teacher", school)
    school_class = SchoolClass(school_id=school.id, year_id=year.id, grade=5, letter="A", name="5A")
    db.add(school_class)
    db.flush()
    subj = {}
    for name in subjects:
        subj[name] = Subject(school_id=school.id, name_en=name, name_ru=name + "-ru")
        db.add(subj[name])
    db.flush()
    for s in subj.values():
        db.add(TeachingAssignment(class_id=school_class.id, subject_id=s.id, teacher_id=teacher.id))
    people = []
    for i in range(students):
        st = Student(school_id=school.id, class_id=school_class.id, surname=f"Pupil{i}x{n}", first_name=f"Kid{i}",
                     birth_date=date(2015, 1, 1))
        db.add(st)
        people.append(st)
    db.flush()
    parent = user(db, "parent", "Parent")
    link(db, parent, people[0], "Kid0")
    return World(db, school, year, periods, school_class, kinds, subj, teacher, people, parent)
