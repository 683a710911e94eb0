"""How long the class journal takes to load and to save a mark, for a full class and period.

    python bench/journal_bench.py [--runs 15] [--students 30] [--lessons 60] [--pg URL | --no-pg]
    python bench/journal_bench.py --seed sqlite:////tmp/journal.db   # only build the data (login bench/benchpass)

Builds its own data (a school, one class of N students, one subject with M lessons in one period, marks in
about a third of the cells, some absences and homework) in a temporary SQLite file and, when reachable,
in a fresh PostgreSQL database; migrates with the real Alembic migrations. Prints medians (ms) of:
  baseline  SELECT 1 (one round trip) and loading the raw Mark rows of the period (no grid assembly),
  load      journal.load_grid (access check, every row, averages and proposals),
  view      load + the page's view (state.journal_view.grid_views: the flat dicts sent to the browser),
  save      journal_entry.set_mark changing one mark (with its version and history row) + commit,
with each figure's ratio to the SELECT 1 and raw-rows baselines measured in the same run.
Then one keystroke of the grid, both ways in the same run (statements counted on the engine, median ms):
  old       what the state did before: a transaction writing the mark and reading the cell back
            (set_mark + read_cell: two journal access checks), then a second transaction for the
            proposal (final_marks.final_proposal: a third), each with its own user look-up;
  new       journal_save.save_cell: one transaction, one access check, cell and proposal together;
with the ratio new / old. (The user look-up is a db.get here; the app resolves the session token.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, text  # noqa: E402
from sqlmodel import Session, create_engine, select  # noqa: E402

from mrko_app.models import (  # noqa: E402
    Attendance,
    Homework,
    Lesson,
    Mark,
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
from mrko_app.services.accounts import passwords  # noqa: E402
from mrko_app.services.journal import entry as journal_entry  # noqa: E402
from mrko_app.services.journal import finals as final_marks  # noqa: E402
from mrko_app.services.journal import read as journal  # noqa: E402
from mrko_app.services.journal import save as journal_save  # noqa: E402
from mrko_app.state.journal_view import grid_views  # noqa: E402

PG_ADMIN = os.environ.get("MRKO_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
START = date(2026, 9, 1)


def migrate(url: str) -> None:
    from alembic.config import Config

    from alembic import command

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


def build(db: Session, students: int, lessons: int) -> dict:
    """The data: returns the ids the measurements need."""
    passwords.set_rounds(4)
    school = School(name="Bench school", short_name="Bench")
    db.add(school)
    db.flush()
    kinds = [WorkKind(school_id=school.id, code=c, name_en=c, name_ru=c, weight=w)
             for c, w in (("answer", 1), ("homework", 1), ("test", 2), ("control", 3))]
    db.add_all(kinds)
    year = StudyYear(school_id=school.id, name="2026/2027", start_date=START, end_date=date(2027, 5, 31))
    db.add(year)
    db.flush()
    period = StudyPeriod(year_id=year.id, number=1, start_date=START, end_date=date(2026, 12, 28))
    db.add(period)
    teacher = User(surname="Benchova", first_name="Bella", email="bench@bench.test", login="bench",
                   phone="+79990000001", password_hash=passwords.hash_secret("benchpass"), is_active=True)
    db.add(teacher)
    db.flush()
    db.add(UserRole(user_id=teacher.id, role="teacher", school_id=school.id))
    school_class = SchoolClass(school_id=school.id, year_id=year.id, grade=7, letter="B", name="7B",
                               class_teacher_id=teacher.id)
    subject = Subject(school_id=school.id, name_en="Mathematics", name_ru="Математика")
    db.add_all([school_class, subject])
    db.flush()
    db.add(TeachingAssignment(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id))
    pupils = [Student(school_id=school.id, class_id=school_class.id, surname=f"Student{i:02d}", first_name="Pupil",
                      birth_date=date(2013, 1, 1)) for i in range(students)]
    db.add_all(pupils)
    days, day = [], START
    while len(days) < lessons:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    rows = [Lesson(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id, date=d, lesson_number=2,
                   start_time=clock(9, 0), end_time=clock(9, 45), topic=f"Topic {i}") for i, d in enumerate(days)]
    db.add_all(rows)
    db.flush()
    for i, pupil in enumerate(pupils):
        for j, lesson in enumerate(rows):
            if (i + j) % 3 == 0:
                kind = kinds[(i * j) % len(kinds)]
                db.add(Mark(student_id=pupil.id, lesson_id=lesson.id, subject_id=subject.id, date=lesson.date,
                            value=2 + (i + 2 * j) % 4, work_kind_id=kind.id, weight=kind.weight,
                            teacher_id=teacher.id))
            if (i * 7 + j) % 19 == 0:
                db.add(Attendance(student_id=pupil.id, lesson_id=lesson.id, date=lesson.date, status="absent",
                                  set_by=teacher.id))
    for lesson in rows[::2]:
        db.add(Homework(lesson_id=lesson.id, class_id=school_class.id, subject_id=subject.id, text="Exercises",
                        due_date=lesson.date + timedelta(days=2), created_by=teacher.id))
    db.flush()
    target = db.exec(select(Mark).where(Mark.student_id == pupils[0].id).order_by(Mark.id)).first()
    return {"teacher": teacher.id, "class": school_class.id, "subject": subject.id, "period": period.id,
            "mark": target.id, "student": pupils[0].id, "lesson": target.lesson_id, "today": days[-1],
            "start": START, "end": period.end_date}


def _median_ms(fn, runs: int) -> float:
    fn()  # warm up (caches, connection)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(url: str, runs: int, students: int, lessons: int) -> dict[str, float]:
    engine = create_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        ids = build(db, students, lessons)
        db.commit()

    def select_one():
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar()

    def raw_marks():
        with Session(engine) as db:
            db.exec(select(Mark).join(Student, Student.id == Mark.student_id).where(
                Student.class_id == ids["class"], Mark.subject_id == ids["subject"],
                Mark.date >= ids["start"], Mark.date <= ids["end"])).all()

    def load():
        with Session(engine) as db:
            teacher = db.get(User, ids["teacher"])
            return journal.load_grid(db, teacher, ids["class"], ids["subject"], ids["period"])

    def view():
        with Session(engine) as db:
            teacher = db.get(User, ids["teacher"])
            grid = journal.load_grid(db, teacher, ids["class"], ids["subject"], ids["period"])
            grid_views(grid, ids["today"])

    state = {"value": 4}

    def save():
        with Session(engine, expire_on_commit=False) as db:
            teacher = db.get(User, ids["teacher"])
            mark = db.get(Mark, ids["mark"])
            state["value"] = 5 if state["value"] == 4 else 4
            journal_entry.set_mark(db, teacher, class_id=ids["class"], subject_id=ids["subject"],
                                   period_id=ids["period"], student_id=ids["student"], lesson_id=ids["lesson"],
                                   value=state["value"], mark_id=mark.id, version=mark.version, today=ids["today"])
            db.commit()

    cell = {"class_id": ids["class"], "subject_id": ids["subject"], "period_id": ids["period"],
            "student_id": ids["student"], "lesson_id": ids["lesson"]}

    def keystroke_old():
        """The grid's save before journal_save: two transactions, three access checks, two user look-ups."""
        with Session(engine, expire_on_commit=False) as db:
            teacher = db.get(User, ids["teacher"])
            mark = db.get(Mark, ids["mark"])
            state["value"] = 5 if state["value"] == 4 else 4
            journal_entry.set_mark(db, teacher, **cell, value=state["value"], mark_id=mark.id, version=mark.version,
                                   today=ids["today"])
            journal.read_cell(db, teacher, cell["class_id"], cell["subject_id"], cell["period_id"],
                              cell["student_id"], cell["lesson_id"])
            db.commit()
        with Session(engine, expire_on_commit=False) as db:
            teacher = db.get(User, ids["teacher"])
            final_marks.final_proposal(db, teacher, class_id=cell["class_id"], subject_id=cell["subject_id"],
                                       period_id=cell["period_id"], student_id=cell["student_id"])
            db.commit()

    def keystroke_new():
        with Session(engine, expire_on_commit=False) as db:
            teacher = db.get(User, ids["teacher"])
            mark = db.get(Mark, ids["mark"])
            state["value"] = 5 if state["value"] == 4 else 4
            journal_save.save_cell(db, teacher, **cell, op="mark", value=state["value"], mark_id=mark.id,
                                   version=mark.version, today=ids["today"])
            db.commit()

    counter = {"n": 0}

    def count(*_args):
        counter["n"] += 1

    def statements(fn) -> int:
        fn()  # warm up
        event.listen(engine, "before_cursor_execute", count)
        counter["n"] = 0
        fn()
        event.remove(engine, "before_cursor_execute", count)
        return counter["n"]

    grid = load()
    figures = {
        "old_statements": statements(keystroke_old),
        "new_statements": statements(keystroke_new),
        "old_ms": _median_ms(keystroke_old, runs),
        "new_ms": _median_ms(keystroke_new, runs),
        "cells": len(grid.students) * len(grid.lessons),
        "marks": sum(len(v) for v in grid.marks.values()),
        "select_1": _median_ms(select_one, runs),
        "raw_marks": _median_ms(raw_marks, runs),
        "load": _median_ms(load, runs),
        "view": _median_ms(view, runs),
        "save": _median_ms(save, runs),
    }
    engine.dispose()
    return figures


def report(name: str, f: dict[str, float]) -> None:
    print(f"\n{name}: {f['cells']} cells, {f['marks']} marks in the grid; medians in ms")
    print(f"  {'':26}{'ms':>9}{'x SELECT 1':>13}{'x raw rows':>13}")
    for key, label in (("select_1", "baseline: SELECT 1"), ("raw_marks", "baseline: raw Mark rows"),
                       ("load", "load the journal"), ("view", "load + page view"),
                       ("save", "save a mark (+commit)")):
        print(f"  {label:26}{f[key]:9.2f}{f[key] / f['select_1']:13.1f}{f[key] / f['raw_marks']:13.2f}")
    print(f"  one keystroke (write + cell + proposal): {'statements':>10}{'ms':>9}")
    print(f"    old (2 transactions, 3 checks)        {f['old_statements']:10d}{f['old_ms']:9.2f}")
    print(f"    new (journal_save.save_cell)          {f['new_statements']:10d}{f['new_ms']:9.2f}")
    print(f"    new / old                             {f['new_statements'] / f['old_statements']:10.2f}"
          f"{f['new_ms'] / f['old_ms']:9.2f}")


def pg_url() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN.replace("+psycopg", ""), autocommit=True, connect_timeout=2) as conn:
            conn.execute("DROP DATABASE IF EXISTS mrko_bench_journal")
            conn.execute("CREATE DATABASE mrko_bench_journal")
    except Exception as exc:
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}): skipped")
        return None
    return PG_ADMIN.rsplit("/", 1)[0] + "/mrko_bench_journal"


def drop_pg_bench() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS mrko_bench_journal WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--lessons", type=int, default=60)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--seed", metavar="URL", help="only build the data into URL (migrated) and stop")
    args = parser.parse_args()
    if args.seed:
        migrate(args.seed)
        engine = create_engine(args.seed)
        with Session(engine) as db:
            print(build(db, args.students, args.lessons))
            db.commit()
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate(url)
        report("SQLite (file)", measure(url, args.runs, args.students, args.lessons))
    if not args.no_pg:
        url = pg_url()
        if url:
            try:
                migrate(url)
                report("PostgreSQL", measure(url, args.runs, args.students, args.lessons))
            finally:
                drop_pg_bench()


if __name__ == "__main__":
    main()
