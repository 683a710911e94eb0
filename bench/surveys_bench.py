"""Survey results at scale: a two-page survey with every question type answered 1,000 and 10,000 times
(anonymous, parents of several classes), then the results for the owner (all, and filtered by a class)
and the CSV export. Prints the time and the number of SQL statements of each: the statements stay the
same whatever the number of responses. No assertions: figures to read.

    python bench/surveys_bench.py                 # SQLite in a temp folder
    python bench/surveys_bench.py --postgres      # a fresh PostgreSQL database (see tests/conftest.py), dropped after
    BENCH_DATABASE_URL=postgresql+psycopg://... python bench/surveys_bench.py   # an empty, migrated database
"""

import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert  # noqa: E402
from sqlmodel import Session, SQLModel, create_engine  # noqa: E402

import mrko_app.models  # noqa: E402,F401
from mrko_app.models.surveys import SurveyResponse  # noqa: E402
from mrko_app.services import surveys  # noqa: E402
from tests.services import surveys_world  # noqa: E402
from tests.services.surveys_world import every_kind  # noqa: E402

SIZES = (1000, 10000)
HEADINGS = {"class": "Класс"}


class Counter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._hit)

    def _hit(self, *_args):
        self.count += 1


def answers(rng: random.Random) -> dict:
    like = rng.choice(["yes", "yes", "no"])
    out = {"q_like": {"picks": [like]}, "q_rate": rng.randint(1, 5), "q_meals": {"picks": rng.sample(["o1", "o2", "o3"], 2)},
           "q_grid": {"taste": rng.randint(1, 5), "price": rng.randint(1, 5)}, "q_money": rng.randint(0, 400),
           "q_day": f"2026-11-{rng.randint(1, 28):02d}", "q_dish": rng.choice(["Суп", "Котлета", "Каша"])}
    if like == "no":
        out["q_why"] = rng.choice(["Невкусно", "Дорого", "Мало времени"])
    return out


def measure(db: Session, counter: Counter, fn, repeat: int = 5) -> tuple[float, int]:
    times, counts = [], []
    for _ in range(repeat):
        db.expire_all()
        before = counter.count
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
        counts.append(counter.count - before)
    return statistics.median(times), max(counts)


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    pg_name = None
    if "--postgres" in sys.argv:
        from tests.conftest import CHECKOUT_TAG, migrate, recreate_pg_database

        pg_name = f"mrko_surveys_bench_{CHECKOUT_TAG}"
        url = recreate_pg_database(pg_name)
        migrate(url)
        engine = create_engine(url)
    elif not url:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='surveys_bench_')}/bench.db"
        engine = create_engine(url)
        SQLModel.metadata.create_all(engine)
    else:
        engine = create_engine(url)
    counter = Counter(engine)
    rng = random.Random(13)
    print(f"database: {engine.url.get_backend_name()}")
    print(f"{'responses':>9} {'step':<22} {'median ms':>10} {'statements':>10}")
    with Session(engine, expire_on_commit=False) as db:
        world = surveys_world.build(db)
        staff, classes = world.w.staff, [world.w.class_5a.id, world.class_5b.id]
        for size in SIZES:
            survey = surveys.create(db, staff, {**every_kind([], anonymous=True), "title": f"Bench {size}"})
            surveys.publish(db, staff, survey.id)
            rows = [{"id": secrets.randbits(62) + 1, "survey_id": survey.id, "class_id": rng.choice(classes),
                     "answers": answers(rng)} for _ in range(size)]
            db.execute(insert(SurveyResponse), rows)
            db.commit()
            steps = [("results", lambda: surveys.results(db, staff, survey.id)),
                     ("results, one class", lambda: surveys.results(db, staff, survey.id, classes[0])),
                     ("CSV export", lambda: surveys.to_csv(surveys.export_table(db, staff, survey.id, HEADINGS)[1]))]
            for name, fn in steps:
                seconds, statements = measure(db, counter, fn)
                print(f"{size:>9} {name:<22} {seconds * 1000:>10.1f} {statements:>10}")
    engine.dispose()
    if pg_name:
        from tests.conftest import drop_pg_database

        drop_pg_database(pg_name)


if __name__ == "__main__":
    main()
