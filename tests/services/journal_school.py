"""A small school for the journal's service tests: two classes, two subjects, teachers, staff, a parent.

    5A: students Antonov, Borisova, Volkov; mathematics taught by `teacher`, russian by `teacher2`
    6B: student Grigoriev; mathematics taught by `other_teacher`
Quarter 1 (1 Sep - 27 Oct) and quarter 2 (5 Nov - 28 Dec) of 2026/27; "today" is 1 October 2026.
Maths lessons of 5A: on 7, 14, 21 Sep, 1 Oct (today), 8 Oct (ahead) and 9 Nov (quarter 2), and a
cancelled one on 28 Sep. Built with the shared tests/school_builder.py.
"""

from dataclasses import dataclass, field
from datetime import date, time

from sqlmodel import Session

from mrko_app.models import Lesson, School, SchoolClass, Student, StudyPeriod, StudyYear, Subject, User, WorkKind
from tests.school_builder import SchoolBuilder

TODAY = date(2026, 10, 1)


@dataclass
class JournalSchool:
    school: School
    other_school: School
    year: StudyYear
    q1: StudyPeriod
    q2: StudyPeriod
    class_a: SchoolClass
    class_b: SchoolClass
    maths: Subject
    russian: Subject
    teacher: User
    teacher2: User
    other_teacher: User
    staff: User
    other_staff: User
    parent: User
    students: list[Student]
    outsider: Student  # in 6B
    kinds: dict[str, WorkKind]
    foreign_kind: WorkKind  # of the other school
    lessons: dict[str, Lesson] = field(default_factory=dict)

    def ref(self, period=None, **extra) -> dict:
        """The journal of 5A maths in quarter 1 (or `period`), as keyword arguments."""
        p = self.q1 if period is None else period
        return {"class_id": self.class_a.id, "subject_id": self.maths.id, "period_id": p.id, **extra}


def _user(db: Session, login: str, surname: str, *roles: tuple[str, int | None]) -> User:
    n = len(login) * 1000 + sum(map(ord, login))
    return SchoolBuilder(db).user(login, *roles, surname=surname, first_name="Ivan", patronymic="Petrovich",
                                  email=f"{login}@school.test", phone=f"+7900{n:07d}")


def _lesson(db, school_class, subject, teacher, day: date, number: int = 1, cancelled: bool = False) -> Lesson:
    return SchoolBuilder(db).lesson(school_class, subject, teacher, day, number, start=time(9, 0), end=time(9, 45),
                                    cancelled=cancelled)


def build(db: Session) -> JournalSchool:
    b = SchoolBuilder(db)
    school = b.school("School 1", "S1")
    other_school = b.school("School 2", "S2")
    kinds = b.kinds(school, [(code, code.title(), code, weight) for code, weight in
                             (("answer", 1), ("homework", 1), ("test", 2), ("control", 3))] + [("old", "Old", "old", 1, False)])
    foreign_kind = b.kinds(other_school, [("answer", "Answer", "ответ", 1)])["answer"]
    year, (q1, q2) = b.year(school, [(date(2026, 9, 1), date(2026, 10, 27)), (date(2026, 11, 5), date(2026, 12, 28))],
                            name="2026/2027", end=date(2027, 5, 31))
    teacher = _user(db, "teacher", "Ivanova", ("teacher", school.id))
    teacher2 = _user(db, "teacher2", "Petrova", ("teacher", school.id))
    other_teacher = _user(db, "other", "Sidorov", ("teacher", school.id))
    staff = _user(db, "staff", "Directorova", ("staff", school.id))
    other_staff = _user(db, "ostaff", "Chuzhoy", ("staff", other_school.id))
    parent = _user(db, "parent", "Antonova", ("parent", None))
    class_a = b.school_class(school, year, "5A")
    class_b = b.school_class(school, year, "6B")
    maths = b.subject(school, "Mathematics", "Математика")
    russian = b.subject(school, "Russian", "Русский язык")
    students = [b.student(class_a, s, f, birth_date=date(2015, 3, 1))
                for s, f in (("Antonov", "Anton"), ("Borisova", "Bella"), ("Volkov", "Vlad"))]
    outsider = b.student(class_b, "Grigoriev", "Gleb", birth_date=date(2014, 3, 1))
    for cls, subj, who in ((class_a, maths, teacher), (class_a, russian, teacher2), (class_b, maths, other_teacher)):
        b.teaches(cls, subj, who)
    b.link(parent, students[0], "Anton", start=date(2026, 9, 1))
    js = JournalSchool(school, other_school, year, q1, q2, class_a, class_b, maths, russian, teacher, teacher2,
                       other_teacher, staff, other_staff, parent, students, outsider, kinds, foreign_kind)
    for name, day in (("sep7", date(2026, 9, 7)), ("sep14", date(2026, 9, 14)), ("sep21", date(2026, 9, 21)),
                      ("oct1", TODAY), ("oct8", date(2026, 10, 8)), ("nov9", date(2026, 11, 9))):
        js.lessons[name] = _lesson(db, class_a, maths, teacher, day)
    js.lessons["cancelled"] = _lesson(db, class_a, maths, teacher, date(2026, 9, 28), cancelled=True)
    js.lessons["russian"] = _lesson(db, class_a, russian, teacher2, date(2026, 9, 8))
    js.lessons["b_maths"] = _lesson(db, class_b, maths, other_teacher, date(2026, 9, 8))
    return js
