"""A small school for the access tests: two schools, a class each, students, parents, staff, a teacher."""

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from mrko_app.models import School, SchoolClass, Student, StudyYear, User, UserRole

_DIGITS = str.maketrans("abcdef", "123456")


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
    user = User(surname=login.title(), first_name="Test", email=f"{login}@example.org", login=login,
                phone="+7900" + hashlib.sha1(login.encode()).hexdigest()[:7].translate(_DIGITS), password_hash="x", is_active=True)
    db.add(user)
    db.flush()
    for role, school_id in roles:
        db.add(UserRole(user_id=user.id, role=role, school_id=school_id))
    db.flush()
    return user


def make_world(db: Session) -> World:
    school = School(name="School 1", short_name="S1")
    other = School(name="School 2", short_name="S2")
    db.add(school)
    db.add(other)
    db.flush()
    years = []
    for s in (school, other):
        year = StudyYear(school_id=s.id, name="2025/2026", start_date=date(2025, 9, 1), end_date=date(2026, 5, 31))
        db.add(year)
        years.append(year)
    db.flush()
    class_5a = SchoolClass(school_id=school.id, year_id=years[0].id, grade=5, letter="А", name="5А")
    class_other = SchoolClass(school_id=other.id, year_id=years[1].id, grade=5, letter="Б", name="5Б")
    db.add(class_5a)
    db.add(class_other)
    db.flush()
    masha = Student(school_id=school.id, class_id=class_5a.id, surname="Иванова", first_name="Мария",
                    patronymic="Петровна", birth_date=date(2014, 3, 8))
    petya = Student(school_id=school.id, class_id=class_5a.id, surname="Иванов", first_name="Пётр",
                    birth_date=date(2014, 11, 2))
    stranger = Student(school_id=other.id, class_id=class_other.id, surname="Сидоров", first_name="Олег",
                       birth_date=date(2014, 1, 1))
    for s in (masha, petya, stranger):
        db.add(s)
    db.flush()
    return World(
        school=school, other_school=other, class_5a=class_5a, class_other=class_other,
        masha=masha, petya=petya, stranger=stranger,
        parent=make_user(db, "parent_a", ("parent", None)),
        parent2=make_user(db, "parent_b", ("parent", None)),
        staff=make_user(db, "staff_a", ("staff", school.id)),
        other_staff=make_user(db, "staff_b", ("staff", other.id)),
        teacher=make_user(db, "teacher_a", ("teacher", school.id)),
    )
