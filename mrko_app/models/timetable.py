"""The weekly timetable, dated lessons and the homework set at them."""

from datetime import date, time

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow


class TimetableSlot(SQLModel, table=True):
    __table_args__ = (Index("ix_slot_class_weekday", "class_id", "weekday", "lesson_number"),)

    id: int | None = Field(default=None, primary_key=True)
    class_id: int = Field(foreign_key="schoolclass.id")
    weekday: int  # 0 = Monday
    lesson_number: int  # 1..8
    start_time: time
    end_time: time
    subject_id: int = Field(foreign_key="subject.id")
    teacher_id: int = Field(foreign_key="user.id", index=True)
    room: str = Field(default="", max_length=20)
    valid_from: date
    valid_to: date


class Lesson(SQLModel, table=True):
    """A dated occurrence of a timetable slot."""

    __table_args__ = (
        Index("ix_lesson_class_date", "class_id", "date", "lesson_number"),
        Index("ix_lesson_class_subject_date", "class_id", "subject_id", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    class_id: int = Field(foreign_key="schoolclass.id")
    subject_id: int = Field(foreign_key="subject.id")
    teacher_id: int = Field(foreign_key="user.id", index=True)
    slot_id: int | None = Field(default=None, foreign_key="timetableslot.id")
    date: date
    lesson_number: int
    start_time: time
    end_time: time
    room: str = Field(default="", max_length=20)
    topic: str = Field(default="", max_length=300)
    cancelled: bool = Field(default=False)
    substitute_teacher_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class Homework(SQLModel, table=True):
    __table_args__ = (Index("ix_homework_class_due", "class_id", "due_date"),)

    id: int | None = Field(default=None, primary_key=True)
    lesson_id: int = Field(foreign_key="lesson.id", index=True)
    class_id: int = Field(foreign_key="schoolclass.id")
    subject_id: int = Field(foreign_key="subject.id")
    text: str = Field(max_length=2000)
    due_date: date
    created_by: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
