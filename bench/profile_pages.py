"""Where a parent's page event spends its time: the handler and Reflex's delta, in-process, no socket.

    python bench/profile_pages.py                 # statements, CPU ms and delta bytes per page event
    python bench/profile_pages.py --profile diary # plus pyinstrument's call tree of that event
    SHOW_SQL=1 python bench/profile_pages.py      # plus every statement, as it runs

On the demo school in a temporary SQLite file, as parent1: the layout's load_page (its header cached
after the first page), the diary week's load, final marks and statistics, each followed by the delta
Reflex would send (resolved and serialised as the server does). As in a worker, what a worker remembers
between changes (services/changes/memo.py) is remembered: the timed runs repeat a first one. A baseline
measured in the same run is one indexed read of the parent's own user row; the figures are ratios
against it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
RUNS = 30


def prepare() -> str:
    from sqlmodel import Session, create_engine, select

    from mrko_app.demo import load_demo
    from mrko_app.models import User
    from mrko_app.services.accounts import core as accounts
    from mrko_app.services.accounts import passwords
    from tests.conftest import migrate

    passwords.set_rounds(4)
    url = f"sqlite:///{tempfile.mkdtemp(prefix='profile_pages_')}/bench.db"
    migrate(url)
    os.environ["DATABASE_URL"] = url
    engine = create_engine(url)
    with Session(engine) as db:
        load_demo(db)
        token = accounts.create_session(db, db.exec(select(User).where(User.login == "parent1")).one())
        db.commit()
    engine.dispose()
    return token


async def main(profile: str | None) -> None:
    token = prepare()
    import reflex as rx
    from reflex_base.utils import format
    from sqlalchemy import event
    from sqlmodel import select

    import mrko_app.mrko_app  # noqa: F401  (every page and state)
    from mrko_app import db as database
    from mrko_app.models import User
    from mrko_app.services.changes import memo
    from mrko_app.state.base import AuthState
    from mrko_app.state.diary import DiaryState
    from mrko_app.state.finals import FinalsState
    from mrko_app.state.stats import StatsState

    memo.hearing(True)  # as in a worker, whose lifespan task hears the change channel: views are remembered
    root = rx.State(_reflex_internal_init=True)
    root.router_data = root._update_router_vars({"pathname": "/diary", "asPath": "/diary", "query": {},
                                                 "token": str(uuid.uuid4())}, {})
    auth = await root.get_state(AuthState)
    auth.token = token
    states = {cls: await root.get_state(cls) for cls in (DiaryState, FinalsState, StatsState)}
    statements = [0]
    event.listen(database.engine(), "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
    if os.environ.get("SHOW_SQL"):
        event.listen(database.engine(), "before_cursor_execute", lambda c, cur, st, *a: print("SQL", st[:150].replace("\n", " ")))

    async def run(cls, name):
        handler = cls.event_handlers[name]
        state = auth if cls is AuthState else states[cls]
        out = handler.fn(state)
        if asyncio.iscoroutine(out):
            await out
        delta = await root._get_resolved_delta()
        root._clean()
        return format.json_dumps(delta)

    async def baseline():
        with database.session_scope() as db:
            db.exec(select(User).where(User.login == "parent1")).one()
        return ""

    events = {"baseline: one user row": baseline,
              "layout load_page": lambda: run(AuthState, "load_page"),
              "diary week load": lambda: run(DiaryState, "load"),
              "final marks load": lambda: run(FinalsState, "load"),
              "statistics load": lambda: run(StatsState, "load")}
    print(f"{'event':24} {'statements':>10} {'CPU ms':>8} {'x baseline':>10} {'delta bytes':>11}")
    base = None
    for name, fn in events.items():
        first = await fn()  # the first visit (the header is computed, the class's standings cached)
        statements[0] = 0
        await fn()
        count = statements[0]
        started = time.process_time()  # threads included: load_page and the statistics run in one
        for _ in range(RUNS):
            await fn()
        ms = (time.process_time() - started) / RUNS * 1000
        base = base or ms
        print(f"{name:24} {count:10d} {ms:8.2f} {ms / base:9.1f}x {len(first.encode()):11d}")
        if profile and profile in name:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(RUNS):
                await fn()
            profiler.stop()
            print(profiler.output_text(color=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", help="a word of the event's name: diary, layout, final, statistics")
    asyncio.run(main(parser.parse_args().profile))
