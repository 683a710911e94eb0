"""Statistics and alerts benchmark: prints medians and ratios against a baseline measured in the same run.

    python bench/stats_bench.py                      # a fresh SQLite file under /tmp, 1000-pupil school
    python bench/stats_bench.py --students 2000 --repeat 7
    python bench/stats_bench.py --postgres           # a fresh PostgreSQL database (see tests/conftest.py)
    DATABASE_URL=postgresql+psycopg://... python bench/stats_bench.py --keep   # an existing, migrated database

It loads the demo school and generates the large school (mrko_app.demo.generate_large_school), then times:
  baseline        loading a demo child's raw marks for the year (one query, no arithmetic)
  child           child_statistics for that child (access check, 8 queries, arithmetic, class comparison)
  child+charts    the same plus drawing both SVG charts, as the page's load does (and those alone)
  class           statistics for every pupil of one large-school class (one child_statistics-like pass each)
  school          statistics for every pupil of the large school
  alert hooks     alerts.on_marks_saved for one lesson's marks of a class (a batch of ~25)
  deliver_due     delivering those alerts
and measures what travels: each chart's SVG (bytes, and gzipped), and the state delta
the statistics page sends on load (all its public vars, serialised as Reflex does).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, col, select  # noqa: E402

from mrko_app.models import Mark, ParentChildLink, School, SchoolClass, Student, User  # noqa: E402


def median_time(fn, repeat: int, setup=None) -> float:
    """The median of `repeat` timed calls of fn (setup, if given, runs untimed before each)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def prepare(url: str, students: int) -> None:
    from mrko_app.demo import generate_large_school, load_demo
    from mrko_app.services.accounts import passwords
    from tests.conftest import migrate

    passwords.set_rounds(4)
    migrate(url)
    from sqlmodel import create_engine

    engine = create_engine(url)
    with Session(engine) as db:
        started = time.perf_counter()
        load_demo(db)
        generate_large_school(db, students=students, name="Benchmark School")
        db.commit()
        if url.startswith("postgresql"):  # as autovacuum would soon: planner statistics for the new rows
            from sqlalchemy import text

            db.execute(text("ANALYZE"))
            db.commit()
        print(f"prepared the demo and a {students}-pupil school in {time.perf_counter() - started:.1f} s")
    engine.dispose()


def state_delta_bytes(result: dict, figures: bool = True) -> tuple[int, int, int]:
    """Bytes of the statistics page's delta on load: its public vars (state.stats.page_view, the code the
    page runs), serialised as Reflex does, under the state's full name."""
    from reflex_base.utils.serializers import serialize

    from mrko_app.state.stats import StatsState, chart_view, page_view

    values = {}
    shown = {**page_view(result, "ru"), **(chart_view(result, "ru") if figures else {})}
    for name, value in shown.items():
        values[name] = value if isinstance(value, (str, int, float, list, dict)) else serialize(value)
    values.update(unread=0, plan_subject="", plan_target="", loaded=True, no_year=False, message="", errors={})
    raw = json.dumps({StatsState.get_full_name(): values}, ensure_ascii=False).encode()
    figure_bytes = sum(len(json.dumps(values[n]).encode()) for n in ("gpa_chart", "subjects_chart") if n in values)
    return len(raw), len(gzip.compress(raw)), figure_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="use DATABASE_URL as it is (already loaded)")
    parser.add_argument("--postgres", action="store_true",
                        help="a fresh PostgreSQL database (mrko_stats_bench) at MRKO_TEST_PG_ADMIN's server")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if args.postgres:
        from tests.conftest import recreate_pg_database

        url = recreate_pg_database("mrko_stats_bench")
        prepare(url, args.students)
    elif not args.keep or not url:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='stats_bench_')}/bench.db"
        prepare(url, args.students)
    os.environ["DATABASE_URL"] = url

    from sqlmodel import create_engine

    from mrko_app.services.alerts import delivery as alerts_delivery
    from mrko_app.services.alerts.hooks import on_marks_saved
    from mrko_app.services.stats import child as stats
    from mrko_app.services.stats import classmates as stats_class
    from mrko_app.views import stats_charts

    engine = create_engine(url)
    db = Session(engine, expire_on_commit=False)
    parent = db.exec(select(User).where(User.login == "parent1")).one()
    link = db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == parent.id)
                   .order_by(ParentChildLink.id)).first()
    child = db.get(Student, link.student_id)
    data0 = stats.load_child(db, child)
    today = min(date.today(), data0.year.end_date)
    big = db.exec(select(School).where(School.name == "Benchmark School")).one()
    klass = db.exec(select(SchoolClass).where(SchoolClass.school_id == big.id).order_by(SchoolClass.id)).first()
    class_pupils = list(db.exec(select(Student).where(Student.class_id == klass.id, Student.status == "studying")))
    school_pupils = list(db.exec(select(Student).where(Student.school_id == big.id, Student.status == "studying")))
    marks_of_child = len(data0.marks)

    def baseline():
        db.exec(select(Mark).where(Mark.student_id == child.id, col(Mark.deleted).is_(False),
                                   Mark.date >= data0.year.start_date, Mark.date <= data0.year.end_date)).all()
        db.expire_all()

    def child_stats():
        stats.child_statistics(db, parent, child.id, None, today)
        db.expire_all()

    def child_with_figures():
        r = stats.child_statistics(db, parent, child.id, None, today)
        data = r["data"]
        stats_charts.gpa_chart(r["history"]["gpa"], data.periods, data.rules, str)
        stats_charts.subjects_chart([(str(s), p) for s, p in r["history"]["subjects"].items()],
                                    data.periods, data.rules, str)
        db.expire_all()

    prepared = stats.child_statistics(db, parent, child.id, None, today)

    def figures_only():
        data = prepared["data"]
        stats_charts.gpa_chart(prepared["history"]["gpa"], data.periods, data.rules, str)
        stats_charts.subjects_chart([(str(s), p) for s, p in prepared["history"]["subjects"].items()],
                                    data.periods, data.rules, str)

    def pupils_stats(pupils):
        def run():
            for pupil in pupils:
                data = stats.load_child(db, pupil)
                scope = stats.choose_scope(data, None, today)
                stats.statistics_for_student(data, scope, today)
                stats_class.class_comparison_for_student(db, data, scope)
            db.expire_all()
        return run

    rows = [("baseline: raw marks of a child", median_time(baseline, args.repeat * 3))]
    rows.append(("child: statistics", median_time(child_stats, args.repeat)))
    rows.append(("child: statistics + charts", median_time(child_with_figures, args.repeat)))
    rows.append(("child: the two charts alone", median_time(figures_only, args.repeat)))
    rows.append((f"class: {len(class_pupils)} pupils", median_time(pupils_stats(class_pupils), args.repeat)))
    school_time = median_time(pupils_stats(school_pupils), max(1, args.repeat // 2))
    rows.append((f"school: {len(school_pupils)} pupils", school_time))

    # alerts: the hook for one lesson's marks of a class, then delivery (rolled back each time)
    lesson_marks = list(db.exec(select(Mark).where(col(Mark.student_id).in_([p.id for p in class_pupils]),
                                                   col(Mark.value).is_not(None)).order_by(Mark.date.desc())
                                .limit(len(class_pupils))))
    now = datetime(today.year, today.month, today.day, 8, 0)

    def hooks():
        on_marks_saved(db, [(m, None if m.value is None else max(m.value - 1, 2)) for m in lesson_marks], now=now)
        db.rollback()

    delivered = []

    def deliver():
        on_marks_saved(db, [(m, None if m.value is None else max(m.value - 1, 2)) for m in lesson_marks], now=now)
        delivered.append(alerts_delivery.deliver_due(db, now + timedelta(hours=1))["delivered"])
        db.rollback()

    def reload_marks():  # the rollback expired them; the journal has its marks loaded when it calls the hook
        db.exec(select(Mark).where(col(Mark.id).in_([m.id for m in lesson_marks]))).all()

    rows.append((f"alert hooks: {len(lesson_marks)} marks", median_time(hooks, args.repeat, reload_marks)))
    deliver_time = median_time(deliver, args.repeat, reload_marks)
    rows.append((f"alert hooks + deliver_due: {delivered[-1]} alerts", deliver_time))

    base = rows[0][1]
    print(f"\ndatabase: {url.split('://')[0]}   demo child: {marks_of_child} marks this year, "
          f"{len(data0.subjects)} subjects   repeat: {args.repeat}")
    print(f"{'what':48} {'median':>10} {'x baseline':>11}")
    for name, seconds in rows:
        print(f"{name:48} {seconds * 1000:8.1f} ms {seconds / base:10.1f}x")
    per_pupil = school_time / max(len(school_pupils), 1)
    print(f"{'school: per pupil':48} {per_pupil * 1000:8.2f} ms {per_pupil / base:10.1f}x")

    result = stats.child_statistics(db, parent, child.id, None, today)
    data = result["data"]
    gpa = stats_charts.gpa_chart(result["history"]["gpa"], data.periods, data.rules, str)
    subjects = stats_charts.subjects_chart([(s.name_ru, result["history"]["subjects"][i])
                                            for i, s in data.subjects.items()], data.periods, data.rules, str)
    print("\nwhat travels to the browser")
    print(f"  GPA chart SVG          {len(gpa.encode()):7d} bytes  ({len(gzip.compress(gpa.encode()))} gzipped; "
          f"{len(result['history']['gpa'])} points)")
    print(f"  subjects chart SVG     {len(subjects.encode()):7d} bytes  ({len(gzip.compress(subjects.encode()))} "
          f"gzipped; {sum(len(p) for p in result['history']['subjects'].values())} points)")
    raw, packed, figures = state_delta_bytes(result)
    print(f"  state delta on load    {raw:7d} bytes  ({packed} gzipped; figures {figures} of it)")
    year = stats.child_statistics(db, parent, child.id, "year", today)
    raw, packed, _ = state_delta_bytes(year, figures=False)
    print(f"  delta, period changed  {raw:7d} bytes  ({packed} gzipped; the figures are not resent)")
    db.close()
    engine.dispose()


if __name__ == "__main__":
    main()
