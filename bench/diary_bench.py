"""The parent's diary views on the demo school: SQL statements per view and time per call.

    python bench/diary_bench.py            # SQLite in a temporary file
    DATABASE_URL=postgresql+psycopg://... python bench/diary_bench.py   # an empty PostgreSQL database

Prints, per view and per child of parent1, the number of statements (which must not depend on how much
data the child has), the mean time of 20 calls, and that time against a baseline measured in the same
run: reading the child's raw Mark rows (one SELECT, no access check, no arithmetic).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402
from sqlmodel import Session, create_engine, select  # noqa: E402

from mrko_app.models import Mark, User  # noqa: E402
from mrko_app.services import clock, diary
from mrko_app.services.access import rules as access
from mrko_app.services.accounts import passwords
from mrko_app.services.diary import (
    finals,
    report_card,
    timetable,  # noqa: E402
)

RUNS = 20


def main() -> None:
    passwords.set_rounds(4)
    url = os.environ.get("DATABASE_URL")
    tmp = None
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{tmp.name}/bench.db"
    from tests.conftest import migrate

    migrate(url)
    engine = create_engine(url)
    from mrko_app.demo import load_demo

    with Session(engine) as db:
        load_demo(db)
        db.commit()
    statements = [0]
    event.listen(engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))

    with Session(engine) as db:
        parent = db.exec(select(User).where(User.login == "parent1")).one()
        kids = access.linked_children(db, parent)
        today = clock.today()
        print(f"{'view':<22} {'child':<8} {'marks':>6} {'statements':>10} {'ms/call':>9} {'x baseline':>11}")
        for _link, student in kids:
            marks = len(db.exec(select(Mark.id).where(Mark.student_id == student.id)).all())
            views = {
                "baseline: raw marks": lambda: db.exec(select(Mark).where(Mark.student_id == student.id)).all(),
                "week": lambda: diary.week(db, parent, student.id, today),
                "all marks (period)": lambda: diary.marks_list(db, parent, student.id),
                "year grid": lambda: diary.year_grid(db, parent, student.id),
                "final marks": lambda: finals.finals(db, parent, student.id),
                "homework": lambda: diary.homework_lists(db, parent, student.id),
                "timetable": lambda: timetable.timetable_week(db, parent, student.id, today),
                "report card PDF": lambda: report_card.report_card(db, parent, student.id),
            }
            baseline = 0.0
            for name, call in views.items():
                call()  # warm up
                statements[0] = 0
                call()
                count = statements[0]
                started = time.perf_counter()
                for _ in range(RUNS):
                    call()
                ms = (time.perf_counter() - started) / RUNS * 1000
                baseline = baseline if name != "baseline: raw marks" else ms
                print(f"{name:<22} {student.first_name:<8} {marks:>6} {count:>10} {ms:>9.1f} {ms / baseline:>10.1f}x")
    engine.dispose()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
