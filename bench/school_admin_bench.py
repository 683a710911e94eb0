"""School administration on the demo school: the rules preview (every proposed period and year mark of the
year recomputed under old and new thresholds) against one journal grid (what a teacher opens), and a
50-row roster import against its preview. Figures to read, no assertions.

    python bench/school_admin_bench.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402
from sqlmodel import Session, create_engine, select  # noqa: E402

from mrko_app.models import Mark, School, User  # noqa: E402
from mrko_app.services import school_admin as sa  # noqa: E402
from mrko_app.services.accounts import passwords  # noqa: E402
from mrko_app.services.journal import read as journal

RUNS = 5
RULES = {"mark_min": "2", "mark_max": "5", "thresholds": "5: 4.65; 4: 3.60; 3: 2.60", "period_system": "quarters",
         "year_rule": "round", "timezone": "Europe/Moscow", "bells": ""}


def timed(fn) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def roster() -> bytes:
    book = Workbook()
    book.active.append(["class", "surname", "first_name", "patronymic", "birth_date"])
    for i in range(50):
        book.active.append(["5А", f"Бенч{chr(0x430 + i % 25)}{chr(0x430 + i // 25)}", "Вера", "", "12.03.2015"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
    with Session(engine) as db:
        staff = db.exec(select(User).where(User.login == "staff1")).one()
        school = db.exec(select(School).where(School.name == "School No. 1234")).one()
        marks = len(db.exec(select(Mark.id)).all())
        school_class, subject = journal.journal_choices(db, staff)[0]
        period = journal.periods_of(db, school_class)[1]
        grid = timed(lambda: journal.load_grid(db, staff, school_class.id, subject.id, period.id))
        preview = timed(lambda: sa.preview(db, staff, school.id, RULES))
        impact = sa.preview(db, staff, school.id, RULES)
        print(f"marks in the year: {marks}; the preview finds {impact.proposals} period and "
              f"{impact.year_proposals} year proposals changing in {len(impact.classes)} classes")
        print(f"baseline: one journal grid {grid:.0f} ms; rules preview {preview:.0f} ms; x{preview / grid:.1f}")
        table = sa.read_table("roster.xlsx", roster())
        check = timed(lambda: sa.check_roster(db, staff, school.id, table))
        started = time.perf_counter()
        sa.import_roster(db, staff, school.id, table)
        done = (time.perf_counter() - started) * 1000
        db.rollback()
        print(f"baseline: 50-row roster preview {check:.0f} ms; its import {done:.0f} ms; x{done / check:.1f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
