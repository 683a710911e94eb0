"""One builder for the test schools: the tests' hand-built schools (journal_school, stats_school,
diary_school, access_world) and the gradebook agreement test make their rows through it, so a new
column or rule is added in one place.

    b = SchoolBuilder(db)
    school = b.school("School 1", thresholds=...)
    kinds = b.kinds(school)                       # answer 1, homework 1, test 2, control 3
    year, periods = b.year(school, [(start, end), ...])
    cls = b.school_class(school, year, "5A")
    maths = b.subject(school, "Maths")
    teacher = b.user("teacher", ("teacher", school.id))
    b.teaches(cls, maths, teacher)
    kid = b.student(cls, "Ivanov", "Petya")
    parent = b.user("parent", ("parent", None)); b.link(parent, kid)
    b.mark(kid, maths, day, 5, kinds["answer"], teacher)

Every call adds and flushes; nothing commits.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import date, time

from sqlmodel import Session

from mrko_app.models import (
    Holiday,
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
_DIGITS = str.maketrans("abcdef", "123456")
_seq = itertools.count(1)


def phone_of(login: str) -> str:
    """A phone number unique per login (a users' column is unique)."""
    return "+7900" + hashlib.sha1(login.encode()).hexdigest()[:7].translate(_DIGITS)


class SchoolBuilder:
    def __init__(self, db: Session):
        self.db = db

    def _add(self, *rows):
        for row in rows:
            self.db.add(row)
        self.db.flush()
        return rows[0] if len(rows) == 1 else rows

    def school(self, name: str = "", short_name: str = "", **extra) -> School:
        n = next(_seq)
        return self._add(School(name=name or f"School {n}", short_name=short_name, **extra))

    def kinds(self, school: School, kinds=KINDS) -> dict[str, WorkKind]:
        """The school's kinds of work: (code, English, Russian, weight[, active])."""
        out = {}
        for code, en, ru, weight, *active in kinds:
            out[code] = WorkKind(school_id=school.id, code=code, name_en=en, name_ru=ru, weight=weight,
                                 active=active[0] if active else True)
            self.db.add(out[code])
        self.db.flush()
        return out

    def year(self, school: School, periods: Sequence[tuple[date, date]], *, name: str = "",
             start: date | None = None, end: date | None = None) -> tuple[StudyYear, list[StudyPeriod]]:
        """A study year (by default from the first period's start to the last one's end) and its periods."""
        start = start or periods[0][0]  # a year without periods names its start and end
        end = end or periods[-1][1]
        year = self._add(StudyYear(school_id=school.id, name=name or f"{start.year}/{start.year + 1}",
                                   start_date=start, end_date=end))
        rows = [StudyPeriod(year_id=year.id, number=i + 1, start_date=s, end_date=e) for i, (s, e) in enumerate(periods)]
        if rows:
            self.db.add_all(rows)
            self.db.flush()
        return year, rows

    def holiday(self, year: StudyYear, start: date, end: date | None = None, name_en: str = "Holiday",
                name_ru: str = "Праздник") -> Holiday:
        return self._add(Holiday(year_id=year.id, start_date=start, end_date=end or start, name_en=name_en,
                                 name_ru=name_ru))

    def school_class(self, school: School, year: StudyYear, name: str = "5A", grade: int | None = None,
                     letter: str | None = None, **extra) -> SchoolClass:
        grade = grade if grade is not None else int("".join(c for c in name if c.isdigit()) or 5)
        letter = letter if letter is not None else "".join(c for c in name if not c.isdigit())
        return self._add(SchoolClass(school_id=school.id, year_id=year.id, grade=grade, letter=letter, name=name,
                                     **extra))

    def subject(self, school: School, name_en: str, name_ru: str = "") -> Subject:
        return self._add(Subject(school_id=school.id, name_en=name_en, name_ru=name_ru or name_en + "-ru"))

    def user(self, login: str, *roles: tuple[str, int | None], surname: str = "", first_name: str = "Test",
             patronymic: str = "", email: str = "", phone: str = "", **extra) -> User:
        user = self._add(User(surname=surname or login.title(), first_name=first_name, patronymic=patronymic,
                              email=email or f"{login}@example.test", login=login, phone=phone or phone_of(login),
                              password_hash=extra.pop("password_hash", "x"), is_active=extra.pop("is_active", True),
                              **extra))
        for role, school_id in roles:
            self.db.add(UserRole(user_id=user.id, role=role, school_id=school_id))
        self.db.flush()
        return user

    def teaches(self, school_class: SchoolClass, subject: Subject, teacher: User) -> TeachingAssignment:
        return self._add(TeachingAssignment(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id))

    def student(self, school_class: SchoolClass, surname: str, first_name: str, *, patronymic: str = "",
                birth_date: date = date(2015, 1, 1), **extra) -> Student:
        return self._add(Student(school_id=school_class.school_id, class_id=school_class.id, surname=surname,
                                 first_name=first_name, patronymic=patronymic, birth_date=birth_date, **extra))

    def link(self, parent: User, student: Student, page_name: str = "", start: date = date(2026, 8, 1),
             end: date | None = None) -> ParentChildLink:
        return self._add(ParentChildLink(parent_id=parent.id, student_id=student.id,
                                         page_name=page_name or student.first_name, start_date=start, end_date=end))

    def lesson(self, school_class: SchoolClass, subject: Subject, teacher: User, day: date, number: int = 1, *,
               start: time = time(8, 30), end: time = time(9, 15), **extra) -> Lesson:
        return self._add(Lesson(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id, date=day,
                                lesson_number=number, start_time=start, end_time=end, **extra))

    def mark(self, student: Student, subject: Subject, day: date, value: int | None, kind: WorkKind, teacher: User,
             *, lesson: Lesson | None = None, weight: int | None = None, **extra) -> Mark:
        return self._add(Mark(student_id=student.id, subject_id=subject.id, date=day, value=value,
                              work_kind_id=kind.id, weight=kind.weight if weight is None else weight,
                              teacher_id=teacher.id, lesson_id=lesson.id if lesson else None, **extra))
