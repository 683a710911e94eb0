"""A large school for benchmarks: any number of pupils in grades 5-9, a whole year of lessons and marks."""

import math
import random
import time
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from mrko_app.demo.build import populate
from mrko_app.demo.bulk import Identities, Secrets
from mrko_app.demo.calendar import YEAR_END, create_school
from mrko_app.demo.names import Namer
from mrko_app.demo.people import (
    ClassPlan,
    UserPlan,
    allocate_teachers,
    insert_classes,
    insert_links,
    insert_students,
    insert_users,
    link_rows,
    make_class_students,
    parents_for,
    teaching_map,
)
from mrko_app.demo.summary import DemoSummary, count_school, journal_until
from mrko_app.models import School

LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"
GRADES = (5, 6, 7, 8, 9)


def class_plans(classes: int) -> list[ClassPlan]:
    """`classes` classes spread over grades 5-9: 5А, 6А, ..., 9А, 5Б, ..."""
    plans = []
    for i in range(classes):
        grade, letter = GRADES[i % len(GRADES)], LETTERS[i // len(GRADES)]
        plans.append(ClassPlan(f"{grade}{letter}", grade, letter))
    return sorted(plans, key=lambda c: (c.grade, c.letter))


def generate_large_school(session: Session, *, students: int = 1000, classes: int | None = None, seed: int = 1,
                          name: str = "Benchmark School", today: date | None = None,
                          domain: str = "bench.school") -> DemoSummary:
    """Generate a school beside any other (its own name, logins and phone numbers); flushes, never commits.

    `today` (default: the end of the year) is how far the journal runs; lessons cover the whole year anyway.
    Like the demo loader, it does nothing when a school with this name exists.
    """
    started = time.perf_counter()
    existing = session.execute(select(School.id).where(School.name == name)).scalar()
    if existing is not None:
        return DemoSummary(existing, name, False, journal_until(session, existing), count_school(session, existing),
                           [], time.perf_counter() - started)
    classes = classes or max(1, math.ceil(students / 25))
    if classes > len(GRADES) * len(LETTERS):
        raise ValueError("too many classes")
    today = today or YEAR_END
    rng = random.Random(seed)
    namer = Namer(rng)
    cal = create_school(session, name, name[:60])
    plans = class_plans(classes)
    teachers = allocate_teachers(plans, namer)
    teaching = teaching_map(plans, teachers)
    base, extra = divmod(students, classes)
    by_class = {c.name: make_class_students(namer, c, base + (1 if i < extra else 0)) for i, c in enumerate(plans)}
    everyone = [s for c in plans for s in by_class[c.name]]
    parents = parents_for(namer, everyone)
    staff = [UserPlan(namer.adult("f"), ("staff",)), UserPlan(namer.adult("f"), ("psychologist",))]
    ids = Identities(session, domain=domain, phone_base=9980000001)
    insert_users(session, [t.user for t in teachers] + staff + parents, cal.school_id, ids, Secrets())
    insert_classes(session, cal, plans, teachers)
    insert_students(session, cal, everyone, {c.name: c.id for c in plans})
    insert_links(session, [link_rows(p, s) for p, s in zip(parents, everyone)])
    populate(session, cal, plans, teachers, teaching, by_class, rng, today)
    return DemoSummary(cal.school_id, name, True, journal_until(session, cal.school_id),
                       count_school(session, cal.school_id), [], time.perf_counter() - started)
