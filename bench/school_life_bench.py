"""School life at school scale: the parent's news feed, meeting list and calendar (the iCal feed, which
holds the calendar's months) on the large generated school (mrko_app/demo/generator.py), with a term
of news (school-wide and per class) and meeting days for every teacher. Prints, for parents with one
and with several children and for growing amounts of news, the number of SQL statements and the median
time: the statement count must not grow with the school or the news. No assertions: figures to read.

    python bench/school_life_bench.py [--students 1000] [--runs 9]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, func  # noqa: E402
from sqlmodel import Session, SQLModel, create_engine, select  # noqa: E402

import mrko_app.models  # noqa: E402,F401
from mrko_app.demo import generate_large_school  # noqa: E402
from mrko_app.models import (  # noqa: E402
    MeetingSlot,
    NewsPicture,
    NewsPost,
    ParentChildLink,
    SchoolClass,
    SchoolEvent,
    TeachingAssignment,
    User,
    UserRole,
)
from mrko_app.models.base import utcnow  # noqa: E402
from mrko_app.services import calendar_feed, clock, events, meetings, news  # noqa: E402
from mrko_app.services.markdown import render_article as render  # noqa: E402


def add_school_life(db: Session, school_id: int, posts_per_class: int) -> None:
    staff = db.exec(select(UserRole.user_id).where(UserRole.role == "staff", UserRole.school_id == school_id)).first()
    now = utcnow()
    html = render("Текст **новости**")
    classes = db.exec(select(SchoolClass).where(SchoolClass.school_id == school_id)).all()
    db.add_all(NewsPost(school_id=school_id, author_id=staff, title=f"Школа {i}", body="x", body_html=html,
                        publish_at=now - timedelta(days=i)) for i in range(posts_per_class * 2))
    db.add_all(NewsPost(school_id=school_id, class_id=c.id, author_id=staff, title=f"{c.name} {i}", body="x",
                        body_html=html, publish_at=now - timedelta(hours=i)) for c in classes for i in range(posts_per_class))
    db.flush()
    # two pictures on every other post (their signed addresses are made per reader), an event a day per class
    posts = db.exec(select(NewsPost.id).where(NewsPost.school_id == school_id,
                                              NewsPost.id.not_in(select(NewsPicture.post_id)))).all()
    db.add_all(NewsPicture(post_id=p, position=n, storage_name=f"{p:016x}{n:016x}", content_type="image/jpeg",
                           width=1600, height=1067, size=100_000) for p in posts[::2] for n in range(2))
    db.add_all(SchoolEvent(school_id=school_id, class_id=c.id, title=f"{c.name} {d}", starts_at=now + timedelta(days=d),
                           ends_at=now + timedelta(days=d, hours=1), author_id=staff) for c in classes
               for d in range(-posts_per_class, posts_per_class))
    teachers = set(db.exec(select(TeachingAssignment.teacher_id)).all())
    start = now.replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=3 + posts_per_class)
    db.add_all(MeetingSlot(school_id=school_id, host_id=t, starts_at=start + timedelta(minutes=15 * n), minutes=15,
                           place="21") for t in teachers for n in range(8))
    db.flush()


def parents_by_children(db: Session) -> dict[int, User]:
    """A parent with one child and one with the most children."""
    rows = db.exec(select(ParentChildLink.parent_id, func.count()).group_by(ParentChildLink.parent_id)).all()
    by_count = {}
    for parent_id, count in rows:
        by_count.setdefault(count, parent_id)
    return {count: db.get(User, pid) for count, pid in sorted(by_count.items())}


def measure(engine, fn, runs: int) -> tuple[int, float]:
    count = [0]

    def hit(*_args):
        count[0] += 1

    with Session(engine, expire_on_commit=False) as db:
        fn(db)  # warm up
        times = []
        event.listen(engine, "before_cursor_execute", hit)
        try:
            for _ in range(runs):
                count[0] = 0
                t0 = time.perf_counter()
                fn(db)
                times.append((time.perf_counter() - t0) * 1000)
        finally:
            event.remove(engine, "before_cursor_execute", hit)
    return count[0], statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.db")
        SQLModel.metadata.create_all(engine)  # a throw-away bench database, like the tests' own
        t0 = time.perf_counter()
        with Session(engine, expire_on_commit=False) as db:
            summary = generate_large_school(db, students=args.students)
            db.commit()
        print(f"generated {args.students} pupils in {time.perf_counter() - t0:.1f} s")
        figures: dict[tuple[int, str], list[tuple[int, float]]] = {}
        for posts in (2, 20):
            with Session(engine, expire_on_commit=False) as db:
                add_school_life(db, summary.school_id, posts if posts == 2 else posts - 2)
                db.commit()
                parents = parents_by_children(db)
                tokens = {n: calendar_feed.create(db, p, "all") for n, p in parents.items()}
                db.commit()
            total = Session(engine).exec(select(func.count(NewsPost.id))).one()
            print(f"\n{total} news posts in the school")
            print(f"{'children':>8} {'what':<14} {'statements':>10} {'median ms':>10}")
            for n, parent in parents.items():
                for label, fn in (("news feed", lambda db, p=parent: news.feed(db, p)),
                                  ("unread count", lambda db, p=parent: news.unread_count(db, p)),
                                  ("meetings", lambda db, p=parent: meetings.hosts_for_parent(db, p)),
                                  ("calendar month", lambda db, p=parent: events.month(
                                      db, p, clock.today().year, clock.today().month)),
                                  ("calendar week", lambda db, p=parent: events.between(
                                      db, p, clock.today(), clock.today() + timedelta(days=6))),
                                  ("calendar feed", lambda db, t=tokens[n]: calendar_feed.render(db, t))):
                    statements, ms = measure(engine, fn, args.runs)
                    figures.setdefault((n, label), []).append((statements, ms))
                    print(f"{n:>8} {label:<14} {statements:>10} {ms:>10.1f}")
        # the baseline is the same school with a tenth of the news and events, measured in this run
        print("\nten times the news and events, against the baseline (ratio 1.00: constant)")
        print(f"{'children':>8} {'what':<14} {'statements':>10} {'time':>10}")
        for (n, label), ((few, few_ms), (many, many_ms)) in figures.items():
            print(f"{n:>8} {label:<14} {many / few:>10.2f} {many_ms / few_ms:>10.2f}")
        print(f"\n(checked at {datetime.now():%H:%M:%S})")


if __name__ == "__main__":
    main()
