"""The school, its grading settings, study years and periods, classes, students, subjects."""

from datetime import date

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel, UniqueConstraint

DEFAULT_THRESHOLDS = {"5": 4.60, "4": 3.60, "3": 2.60}


class School(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=60)
    mark_min: int = Field(default=2)
    mark_max: int = Field(default=5)
    # mark (as text) -> the lowest weighted average that proposes it; below every one: mark_min
    thresholds: dict = Field(default_factory=lambda: dict(DEFAULT_THRESHOLDS), sa_column=Column(JSON, nullable=False))
    period_system: str = Field(default="quarters", max_length=12)  # quarters | trimesters | halves
    # how the year mark is made: gradebook.YEAR_RULES
    year_rule: str = Field(default="thresholds", max_length=12, sa_column_kwargs={"server_default": "thresholds"})
    # the school's own time zone; "" (a school without one): the instance's MRKO_TIMEZONE (services/clock.py)
    timezone: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": "Europe/Moscow"})
    # the bell schedule: lesson number (as text) -> ["08:30", "09:15"]
    bells: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))


class WorkKind(SQLModel, table=True):
    """A kind of work (form of control) with its weight, per school."""

    __table_args__ = (UniqueConstraint("school_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    code: str = Field(max_length=30)
    name_en: str = Field(max_length=80)
    name_ru: str = Field(max_length=80)
    weight: int = Field(default=1)
    active: bool = Field(default=True)


class StudyYear(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("school_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    name: str = Field(max_length=20)  # "2026/2027"
    start_date: date
    end_date: date


class StudyPeriod(SQLModel, table=True):
    """A quarter, trimester or half-year."""

    __table_args__ = (UniqueConstraint("year_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="studyyear.id", index=True)
    number: int
    start_date: date
    end_date: date


class Holiday(SQLModel, table=True):
    """Days off inside a study year (the holidays between periods are gaps between them)."""

    id: int | None = Field(default=None, primary_key=True)
    year_id: int = Field(foreign_key="studyyear.id", index=True)
    start_date: date
    end_date: date
    name_en: str = Field(default="", max_length=80)
    name_ru: str = Field(default="", max_length=80)


class SchoolClass(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("year_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    year_id: int = Field(foreign_key="studyyear.id", index=True)
    grade: int
    letter: str = Field(max_length=4)
    name: str = Field(max_length=10)  # "5A"
    class_teacher_id: int | None = Field(default=None, foreign_key="user.id")


STUDENT_STATUSES = ("studying", "graduated", "left")


class Student(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    class_id: int | None = Field(default=None, foreign_key="schoolclass.id", index=True)
    surname: str = Field(max_length=80)
    first_name: str = Field(max_length=80)
    patronymic: str = Field(default="", max_length=80)
    birth_date: date
    status: str = Field(default="studying", max_length=12, index=True)
    left_on: date | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)


class Subject(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("school_id", "name_en"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    name_en: str = Field(max_length=80)
    name_ru: str = Field(max_length=80)


class TeachingAssignment(SQLModel, table=True):
    """A teacher teaches a subject in a class."""

    __table_args__ = (UniqueConstraint("class_id", "subject_id", "teacher_id"),)

    id: int | None = Field(default=None, primary_key=True)
    class_id: int = Field(foreign_key="schoolclass.id", index=True)
    subject_id: int = Field(foreign_key="subject.id")
    teacher_id: int = Field(foreign_key="user.id", index=True)
    start_date: date | None = None  # None: from the start of the class's year
    end_date: date | None = None  # None: to its end
