"""The part every generated school shares: timetable, a year of lessons, the journal and period marks."""

import random
from datetime import date

from sqlmodel import Session

from mrko_app.demo.calendar import Calendar
from mrko_app.demo.journal import Journal
from mrko_app.demo.people import ClassPlan, StudentPlan, TeacherPlan
from mrko_app.demo.timetable import build_timetable, insert_lessons, insert_timetable, plan_lessons


def populate(session: Session, cal: Calendar, classes: list[ClassPlan], teachers: list[TeacherPlan],
             teaching: dict, students: dict[str, list[StudentPlan]], rng: random.Random, today: date,
             featured: set[int] = frozenset(), overrides: int = 1) -> None:
    """Everything after the people exist. `students` maps a class name to everyone who was in it this year."""
    slots = build_timetable(classes, teaching, rng)
    insert_timetable(session, cal, classes, teachers, teaching, slots)
    lessons = plan_lessons(cal, classes, teachers, slots, rng)
    insert_lessons(session, cal, classes, teachers, lessons, today)
    journal = Journal(session, cal, today, rng, [t.user.id for t in teachers], set(featured), overrides)
    for cls in classes:
        journal.run_class(cls, students[cls.name], lessons[cls.name])
    journal.writer.flush()
    journal.write_changed()
    journal.finals(classes, students, teaching)
    session.flush()
