"""A small school for the journal's service tests: two classes, two subjects, teachers, staff, a parent.

    5A: students Antonov, Borisova, Volkov; mathematics taught by `teacher`, russian by `teacher2`
    6B: student Grigoriev; mathematics taught by `other_teacher`
Quarter 1 (1 Sep - 27 Oct) and quarter 2 (5 Nov - 28 Dec) of 2026/27; "today" is 1 October 2026.
Maths lessons of 5A: on 7, 14, 21 Sep, 1 Oct (today), 8 Oct (ahead) and 9 Nov (quarter 2), and a
cancelled one on 28 Sep.
"""

from dataclasses import dataclass, field
from datetime import date, time

from sqlmodel import Session

from mrko_app.models import (
    Lesson,
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
    user = User(surname=surname, first_name="Ivan", patronymic="Petrovich", email=f"{login}@school.test",
                login=login, phone=f"+7900{n:07d}", password_hash="x", is_active=True)
    db.add(user)
    db.flush()
    for role, school_id in roles:
        db.add(UserRole(user_id=user.id, role=role, school_id=school_id))
    return user


def _lesson(db, school_class, subject, teacher, day: date, number: int = 1, cancelled: bool = False) -> Lesson:
    lesson = Lesson(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id, date=day,
                    lesson_number=number, start_time=time(9, 0), end_time=time(9, 45), cancelled=cancelled)
    db.add(lesson)
    return lesson


def build(db: Session) -> JournalSchool:
    school = School(name="School 1", short_name="S1")
    other_school = School(name="School 2", short_name="S2")
    db.add(school)
    db.add(other_school)
    db.flush()
    kinds = {}
    for code, weight in (("answer", 1), ("homework", 1), ("test", 2), ("control", 3)):
        kinds[code] = WorkKind(school_id=school.id, code=code, name_en=code.title(), name_ru=code, weight=weight)
        db.add(kinds[code])
    kinds["old"] = WorkKind(school_id=school.id, code="old", name_en="Old", name_ru="old", weight=1, active=False)
    db.add(kinds["old"])
    foreign_kind = WorkKind(school_id=other_school.id, code="answer", name_en="Answer", name_ru="ответ", weight=1)
    db.add(foreign_kind)
    year = StudyYear(school_id=school.id, name="2026/2027", start_date=date(2026, 9, 1), end_date=date(2027, 5, 31))
    db.add(year)
    db.flush()
    q1 = StudyPeriod(year_id=year.id, number=1, start_date=date(2026, 9, 1), end_date=date(2026, 10, 27))
    q2 = StudyPeriod(year_id=year.id, number=2, start_date=date(2026, 11, 5), end_date=date(2026, 12, 28))
    db.add(q1)
    db.add(q2)
    teacher = _user(db, "teacher", "Ivanova", ("teacher", school.id))
    teacher2 = _user(db, "teacher2", "Petrova", ("teacher", school.id))
    other_teacher = _user(db, "other", "Sidorov", ("teacher", school.id))
    staff = _user(db, "staff", "Directorova", ("staff", school.id))
    other_staff = _user(db, "ostaff", "Chuzhoy", ("staff", other_school.id))
    parent = _user(db, "parent", "Antonova", ("parent", None))
    class_a = SchoolClass(school_id=school.id, year_id=year.id, grade=5, letter="A", name="5A")
    class_b = SchoolClass(school_id=school.id, year_id=year.id, grade=6, letter="B", name="6B")
    maths = Subject(school_id=school.id, name_en="Mathematics", name_ru="Математика")
    russian = Subject(school_id=school.id, name_en="Russian", name_ru="Русский язык")
    for row in (class_a, class_b, maths, russian):
        db.add(row)
    db.flush()
    students = [
        Student(school_id=school.id, class_id=class_a.id, surname=s, first_name=f, birth_date=date(2015, 3, 1))
        for s, f in (("Antonov", "Anton"), ("Borisova", "Bella"), ("Volkov", "Vlad"))
    ]
    outsider = Student(school_id=school.id, class_id=class_b.id, surname="Grigoriev", first_name="Gleb",
                       birth_date=date(2014, 3, 1))
    for row in (*students, outsider):
        db.add(row)
    for cls, subj, who in ((class_a, maths, teacher), (class_a, russian, teacher2), (class_b, maths, other_teacher)):
        db.add(TeachingAssignment(class_id=cls.id, subject_id=subj.id, teacher_id=who.id))
    db.flush()
    db.add(ParentChildLink(parent_id=parent.id, student_id=students[0].id, page_name="Anton",
                           start_date=date(2026, 9, 1)))
    js = JournalSchool(school, other_school, year, q1, q2, class_a, class_b, maths, russian, teacher, teacher2,
                       other_teacher, staff, other_staff, parent, students, outsider, kinds, foreign_kind)
    for name, day in (("sep7", date(2026, 9, 7)), ("sep14", date(2026, 9, 14)), ("sep21", date(2026, 9, 21)),
                      ("oct1", TODAY), ("oct8", date(2026, 10, 8)), ("nov9", date(2026, 11, 9))):
        js.lessons[name] = _lesson(db, class_a, maths, teacher, day)
    js.lessons["cancelled"] = _lesson(db, class_a, maths, teacher, date(2026, 9, 28), cancelled=True)
    js.lessons["russian"] = _lesson(db, class_a, russian, teacher2, date(2026, 9, 8))
    js.lessons["b_maths"] = _lesson(db, class_b, maths, other_teacher, date(2026, 9, 8))
    db.flush()
    return js
