"""From a teacher's save to the delta in the parents' open diaries: p50/p95, on one worker and on two
backend instances sharing Redis (teacher on one, parents on the other).

The backends run without their front end (tests/backend_harness.py) over a demo school in a SQLite file;
everyone speaks Reflex's websocket protocol (tests/e2e/socket_client.py). teacher1 types a mark into
Маша's cell of the journal and presses Enter (JournalState.cell_key), then clears it again: each save is
timed from the Enter sent until every open diary (N tabs of Маша's two parents, at the cell's week) shows
the change. Bystanders: more connected tabs (parent1 on Петя's diary, another class) that are not told.
The baseline, in the same run and the same backend: the round trip of a minimal event of one tab (the
menu toggle). Usage: python bench/push_latency.py [--tabs 20] [--bystanders 0] [--saves 20]
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MRKO_ENV", "development")
for _name in ("MRKO_ALERTS_INTERVAL", "MRKO_MAIL_INTERVAL"):
    os.environ.setdefault(_name, "3600")

from sqlmodel import Session, create_engine, select  # noqa: E402

WAIT = 60


def prepare(url: str) -> dict:
    from mrko_app.demo import load_demo
    from mrko_app.models import User
    from mrko_app.services.access import rules as access
    from mrko_app.services.accounts import core as accounts
    from mrko_app.services.accounts import passwords
    from tests.conftest import migrate
    from tests.e2e.journal_steps import demo_journal, free_lessons

    passwords.set_rounds(4)
    migrate(url)
    engine = create_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        load_demo(db)
        db.commit()
        dj = demo_journal(db)
        lesson = free_lessons(db, dj)[-1]
        tokens = {login: accounts.create_session(db, db.exec(select(User).where(User.login == login)).one())
                  for login in ("teacher1", "parent1", "parent2")}
        db.commit()
        other = next(s.id for _link, s in access.linked_children(db, dj.parent) if s.class_id != dj.school_class.id)
        world = {"tokens": tokens, "journal": f"/journal{dj.url_query}", "key": f"{dj.student.id}-{lesson.id}",
                 "other_child": other,
                 "week": f"/diary?week={(lesson.date - timedelta(days=lesson.date.weekday())).isoformat()}",
                 "lesson_id": lesson.id}
    engine.dispose()
    return world


def _has_mark(client, lesson_id: int) -> bool:
    from mrko_app.state.diary import DiaryState

    days = (client.state_value(DiaryState, "left_days") or []) + (client.state_value(DiaryState, "right_days") or [])
    return any(x["key"] == f"l{lesson_id}" and x["marks"] for d in days for x in d["lessons"])


async def _until(check) -> None:
    async with asyncio.timeout(WAIT):
        while not check():
            await asyncio.sleep(0.002)


async def _bystanders(url: str, world: dict, count: int) -> list:
    from mrko_app.state.base import AuthState
    from tests.e2e.socket_client import EventClient

    found = []
    for _ in range(count):
        client = EventClient(url, world["tokens"]["parent1"], world["week"])
        await client.__aenter__()
        await client.call(AuthState, "select_child", {"student_id": world["other_child"]})
        found.append(client)
    return found


async def measure(teacher_url: str, parent_url: str, world: dict, tabs: int, saves: int, bystanders: int) -> dict:
    from mrko_app.components.layout import MenuState
    from mrko_app.state.diary import DiaryState
    from mrko_app.state.journal import JournalState
    from tests.e2e.socket_client import EventClient

    parents = [EventClient(parent_url, world["tokens"][("parent1", "parent2")[i % 2]], world["week"])
               for i in range(tabs)]
    for p in parents:
        await p.__aenter__()
    for p in parents:
        await _until(lambda p=p: p.state_value(DiaryState, "loaded"))
    others = await _bystanders(parent_url, world, bystanders)
    teacher = EventClient(teacher_url, world["tokens"]["teacher1"], world["journal"])
    await teacher.__aenter__()
    key, lesson_id = world["key"], world["lesson_id"]
    name = f"{JournalState.get_full_name()}.cell_key"
    push, floor = [], []
    try:
        for i in range(saves):
            want = i % 2 == 0  # put a mark, then clear it
            await teacher.emit(name, {"key": key, "pressed": "4" if want else "Delete"}, world["journal"])
            await teacher.settle()
            sent = time.perf_counter()
            await teacher.emit(name, {"key": key, "pressed": "Enter"}, world["journal"])
            pending = set(range(tabs))
            async with asyncio.timeout(WAIT):
                while pending:
                    for j in list(pending):
                        if _has_mark(parents[j], lesson_id) == want:
                            push.append(time.perf_counter() - sent)
                            pending.discard(j)
                    await asyncio.sleep(0.001)
            await teacher.settle()
            tab = parents[i % tabs]
            before = len(tab.updates)
            start = time.perf_counter()
            await tab.emit(f"{MenuState.get_full_name()}.toggle", {})
            await _until(lambda: len(tab.updates) > before)
            floor.append(time.perf_counter() - start)
    finally:
        for c in (teacher, *parents, *others):
            await c.__aexit__(None, None, None)
    return {"push": push, "floor": floor}


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 if len(values) > 1 else values[0] * 1000


def _report(label: str, result: dict) -> tuple[float, float]:
    p50, p95 = _pct(result["push"], 50), _pct(result["push"], 95)
    f50 = _pct(result["floor"], 50)
    print(f"{label:<34} {len(result['push']):>6} {p50:>9.1f} {p95:>9.1f} {f50:>10.1f} {p95 / f50:>12.1f}")
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=20)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--bystanders", type=int, default=0)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    args = parser.parse_args()
    from tests.async_run import run_async
    from tests.backend_harness import free_port, serve_in_thread, start_process

    folder = Path(tempfile.mkdtemp(prefix="push-bench-"))
    print(f"push latency: {args.tabs} open diaries told + {args.bystanders} connected bystanders, {args.saves} saves "
          "(put a mark / clear it), times in ms")
    print(f"{'setup':<34} {'pushes':>6} {'p50':>9} {'p95':>9} {'floor p50':>10} {'p95 / floor':>12}")

    one_url = f"sqlite:///{folder / 'one.db'}"
    world = prepare(one_url)
    os.environ["DATABASE_URL"] = one_url
    os.environ.pop("REFLEX_REDIS_URL", None)
    port = free_port()
    server, thread = serve_in_thread(port)
    base = f"http://127.0.0.1:{port}"
    one = run_async(measure(base, base, world, args.tabs, args.saves, args.bystanders))
    server.should_exit = True
    thread.join(20)
    _, one_p95 = _report("one worker, in-process channel", one)

    two_url = f"sqlite:///{folder / 'two.db'}"
    world = prepare(two_url)
    env = {**os.environ, "DATABASE_URL": two_url, "REFLEX_REDIS_URL": args.redis}
    ports = [free_port(), free_port()]
    procs = []
    try:
        for p in ports:
            procs.append(start_process(p, env))
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        two = run_async(measure(urls[0], urls[1], world, args.tabs, args.saves, args.bystanders))
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(20)
    _, two_p95 = _report("two instances, Redis pub/sub", two)
    print(f"p95 two instances / one worker: {two_p95 / one_p95:.2f}")


if __name__ == "__main__":
    main()
