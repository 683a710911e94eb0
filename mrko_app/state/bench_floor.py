"""The load benchmark's floor (bench/load_bench.py): the cheapest "one query, one answer" event this
app can serve. Imported by mrko_app.py only when MRKO_BENCH_FLOOR=1, so a production instance has no
such handler; it reads 48 rows of one small table and sends about 7 KB, nothing about any person."""

import reflex as rx
from sqlmodel import select

from mrko_app import db as database
from mrko_app.models import Subject


class BenchFloorState(rx.State):
    rows: list[dict[str, str]] = []
    served: int = 0

    @rx.event
    def read(self):
        with database.session_scope() as db:
            subjects = db.exec(select(Subject.id, Subject.name_en, Subject.name_ru).order_by(Subject.id)).all()
        rows = [subjects[i % len(subjects)] for i in range(48)] if subjects else []
        self.rows = [{"n": str(i), "id": str(s[0]), "en": s[1], "ru": s[2], "pad": "-" * 60}
                     for i, s in enumerate(rows)]
        self.served += 1
