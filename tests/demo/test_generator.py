"""The large-school generator (small sizes here) and the command line."""

import random
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import func, select

from mrko_app import models as m
from mrko_app.demo import __main__ as cli
from mrko_app.demo import generate_large_school, load_demo
from mrko_app.demo.generator import class_plans
from mrko_app.demo.names import Namer
from mrko_app.demo.people import allocate_teachers, teaching_map
from mrko_app.demo.timetable import build_timetable
from mrko_app.services.gradebook import rules as gradebook
from tests.demo.conftest import sqlite_engine


def test_timetable_for_forty_classes_has_no_double_booking():
    classes = class_plans(40)
    teachers = allocate_teachers(classes, Namer(random.Random(5)))
    teaching = teaching_map(classes, teachers)
    slots = build_timetable(classes, teaching, random.Random(5))
    assert max(Counter((s.teacher, s.weekday, s.number) for s in slots).values()) == 1
    assert {c.name for c in classes} == {s.class_name for s in slots}
    assert len({c.class_teacher for c in classes}) == 40  # a different class teacher for every class


def test_large_school_beside_the_demo(sqlite_db):
    demo = load_demo(sqlite_db, today=date(2026, 11, 28))
    big = generate_large_school(sqlite_db, students=130, seed=3, name="Big test school", today=date(2026, 12, 1))
    assert big.created and big.school_id != demo.school_id
    assert big.counts["classes"] == 6 and big.counts["students"] == 130
    assert big.counts["lessons"] > 5000 and big.counts["marks"] > 10000 and big.counts["final marks"] > 1000
    assert big.journal_until == date(2026, 12, 1)
    sizes = sqlite_db.execute(select(func.count()).select_from(m.Student).join(m.SchoolClass).where(
        m.SchoolClass.school_id == big.school_id).group_by(m.Student.class_id)).scalars().all()
    assert sorted(sizes) == [21, 21, 22, 22, 22, 22]
    users = sqlite_db.exec(select(m.User)).scalars().all()
    assert len({u.login for u in users}) == len({u.phone for u in users}) == len(users)
    again = generate_large_school(sqlite_db, students=130, seed=3, name="Big test school")  # idempotent by name
    assert not again.created and again.counts == big.counts
    weights = sqlite_db.execute(select(func.count()).select_from(m.Mark).join(m.WorkKind).where(
        m.Mark.weight != m.WorkKind.weight)).scalar()
    assert weights == 0


def test_whole_year_has_four_quarter_marks_and_a_year_mark(sqlite_db):
    summary = generate_large_school(sqlite_db, students=40, classes=2, seed=9, name="Year school")
    assert summary.journal_until == date(2027, 5, 26)
    school = sqlite_db.get(m.School, summary.school_id)
    rules = gradebook.GradingRules.from_school(school)
    finals = sqlite_db.exec(select(m.FinalMark)).scalars().all()
    by_pupil = defaultdict(dict)
    for final in finals:
        by_pupil[(final.student_id, final.subject_id)][final.period_id] = final.value
    assert len(by_pupil) > 40 * 10
    for marks in by_pupil.values():
        year = marks.pop(None)
        assert len(marks) == 4
        assert year == gradebook.year_mark(marks.values(), rules)
    exams = sqlite_db.execute(select(func.count()).select_from(m.Mark).join(m.WorkKind).where(
        m.WorkKind.code == "exam")).scalar()
    assert exams > 0


def test_cli_loads_and_prints_the_logins(monkeypatch, capsys):
    engine = sqlite_engine()
    monkeypatch.setattr(cli.db, "engine", lambda: engine)
    cli.main(["--today", "2026-11-28"])
    out = capsys.readouterr().out
    assert "School No. 1234: loaded" in out and "parent1pass" in out and "teacher1" in out
    cli.main([])
    assert "already present" in capsys.readouterr().out
    engine.dispose()
