"""A small school for the access tests: two schools, a class each, students, parents, staff, a teacher.
Built with the shared tests/school_builder.py."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from mrko_app.models import School, SchoolClass, Student, User
from tests.school_builder import SchoolBuilder


@dataclass
class World:
    school: School
    other_school: School
    class_5a: SchoolClass
    class_other: SchoolClass
    masha: Student
    petya: Student
    stranger: Student  # at the other school
    parent: User
    parent2: User
    staff: User
    other_staff: User
    teacher: User


def make_user(db: Session, login: str, *roles: tuple[str, int | None]) -> User:
    return SchoolBuilder(db).user(login, *roles, email=f"{login}@example.org")


def make_world(db: Session) -> World:
    b = SchoolBuilder(db)
    school = b.school("School 1", "S1")
    other = b.school("School 2", "S2")
    year = b.year(school, [], name="2025/2026", start=date(2025, 9, 1), end=date(2026, 5, 31))[0]
    other_year = b.year(other, [], name="2025/2026", start=date(2025, 9, 1), end=date(2026, 5, 31))[0]
    class_5a = b.school_class(school, year, "5А", grade=5, letter="А")
    class_other = b.school_class(other, other_year, "5Б", grade=5, letter="Б")
    masha = b.student(class_5a, "Иванова", "Мария", patronymic="Петровна", birth_date=date(2014, 3, 8))
    petya = b.student(class_5a, "Иванов", "Пётр", birth_date=date(2014, 11, 2))
    stranger = b.student(class_other, "Сидоров", "Олег", birth_date=date(2014, 1, 1))
    return World(
        school=school, other_school=other, class_5a=class_5a, class_other=class_other,
        masha=masha, petya=petya, stranger=stranger,
        parent=make_user(db, "parent_a", ("parent", None)),
        parent2=make_user(db, "parent_b", ("parent", None)),
        staff=make_user(db, "staff_a", ("staff", school.id)),
        other_staff=make_user(db, "staff_b", ("staff", other.id)),
        teacher=make_user(db, "teacher_a", ("teacher", school.id)),
    )
