"""A group message's fan-out: N parents connected (default 200), the 5А parents' group open in the tabs
of its parents (up to 25), the others on their conversation list; the class teacher posts in the group.
Timed from the send until the message is in the last class parent's tab, with the backend's CPU seconds
per message, against the floor event (state/bench_floor.py: one query, one answer) in the same backend.

The backend runs without its front end (tests/backend_harness.py) over the demo school in a SQLite file,
in a process of its own (so its CPU is its own); clients speak Reflex's websocket (tests/e2e/socket_client.py).
Each open group tab that receives the message re-reads it and moves its read position, which tells every
member (read receipts): that cascade is part of what is measured.

Usage: python bench/messages_fanout.py [--parents 200] [--messages 5] [--floor 30]
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MRKO_ENV", "development")
for _name in ("MRKO_ALERTS_INTERVAL", "MRKO_MAIL_INTERVAL"):
    os.environ.setdefault(_name, "3600")

import psutil  # noqa: E402
from sqlmodel import Session, create_engine, select  # noqa: E402

WAIT = 120
CLASS_PARENTS = 25


def prepare(url: str, parents: int) -> dict:
    from mrko_app.demo import load_demo
    from mrko_app.models import Conversation, SchoolClass, User, UserRole
    from mrko_app.services import messages
    from mrko_app.services.accounts import core as accounts
    from mrko_app.services.accounts import passwords
    from tests.conftest import migrate

    passwords.set_rounds(4)
    migrate(url)
    engine = create_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        load_demo(db)
        db.commit()
        klass = db.exec(select(SchoolClass).where(SchoolClass.name == "5А")).one()
        group = db.exec(select(Conversation).where(Conversation.key == f"group:{klass.id}")).one()
        members = messages.qualified(db, group)
        in_class = sorted(uid for uid, role in members.items() if role == "parent")[:CLASS_PARENTS]
        rest = [uid for uid in db.exec(select(UserRole.user_id).where(UserRole.role == "parent")
                                       .order_by(UserRole.user_id)).all() if uid not in members]
        others = rest[:max(0, parents - len(in_class))]
        others += [_extra_parent(db, i) for i in range(parents - len(in_class) - len(others))]
        tokens = {uid: accounts.create_session(db, db.get(User, uid)) for uid in [*in_class, *others]}
        teacher = accounts.create_session(db, db.get(User, klass.class_teacher_id))
        db.commit()
    engine.dispose()
    return {"group": group.id, "in_class": in_class, "others": others, "tokens": tokens, "teacher": teacher}


def _extra_parent(db, i: int) -> int:
    """A parent account beyond the demo's (it has about 150): connected, in no conversation of 5А."""
    from mrko_app.models import UserRole
    from mrko_app.services.accounts import core as accounts

    user = accounts.account_from({"surname": "Родителев", "first_name": f"Гость{i}", "patronymic": "",
                                  "email": f"bench{i}@example.org", "login": f"bench_parent_{i}",
                                  "phone": f"+7970{i:07d}", "password": "x", "security_question": "",
                                  "security_answer": "x", "language": "ru"},
                                 is_active=True, phone_confirmed=True, now=datetime.now(UTC).replace(tzinfo=None))
    db.add(user)
    db.flush()
    db.add(UserRole(user_id=user.id, role="parent"))
    return user.id


def backend_cpu(proc: subprocess.Popen) -> float:
    total = 0.0
    root = psutil.Process(proc.pid)
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


async def _until(check, what: str) -> None:
    async with asyncio.timeout(WAIT):
        while not check():
            await asyncio.sleep(0.002)


def _shows(client, text: str) -> bool:
    from mrko_app.state.messages import ConversationState

    return any(text in (m.get("html") or "") for m in client.state_value(ConversationState, "items") or [])


async def _connect(url: str, token: str, path: str, state, gate: asyncio.Semaphore):
    from tests.e2e.socket_client import EventClient

    async with gate:
        client = EventClient(url, token, path)
        await client.__aenter__()
        await client.call(state, "load", pathname=path)
        return client


async def measure(url: str, proc: subprocess.Popen, world: dict, count: int, floor_rounds: int) -> dict:
    from mrko_app.state.bench_floor import BenchFloorState
    from mrko_app.state.messages import ConversationState, MessagesState

    path = f"/messages/{world['group']}"
    gate = asyncio.Semaphore(10)
    class_tabs = await asyncio.gather(*(_connect(url, world["tokens"][u], path, ConversationState, gate)
                                        for u in world["in_class"]))
    list_tabs = await asyncio.gather(*(_connect(url, world["tokens"][u], "/messages", MessagesState, gate)
                                       for u in world["others"]))
    teacher = await _connect(url, world["teacher"], path, ConversationState, gate)
    await asyncio.sleep(2)  # let the connections' own reads settle before timing
    floor, floor_cpu = [], []
    probe = list_tabs[0] if list_tabs else class_tabs[0]
    key = BenchFloorState.get_full_name()
    for _ in range(floor_rounds):
        before, cpu0, start = len(probe.updates), backend_cpu(proc), time.perf_counter()
        await probe.emit(f"{key}.read", {}, "/messages")
        await _until(lambda: any(key in (u.get("delta") or {}) for u in probe.updates[before:]), "floor")
        floor.append(time.perf_counter() - start)
        floor_cpu.append(backend_cpu(proc) - cpu0)
    last, cpu = [], []
    try:
        for i in range(count):
            text = f"Сообщение группе №{i} {time.time_ns()}"
            cpu0, start = backend_cpu(proc), time.perf_counter()
            await teacher.emit(f"{ConversationState.get_full_name()}.send", {"form": {"body": text}}, path)
            pending = set(range(len(class_tabs)))
            async with asyncio.timeout(WAIT):
                while pending:
                    for j in list(pending):
                        if _shows(class_tabs[j], text):
                            pending.discard(j)
                    await asyncio.sleep(0.002)
            last.append(time.perf_counter() - start)
            await asyncio.sleep(3)  # the read-receipt cascade finishes; counted in this message's CPU
            cpu.append(backend_cpu(proc) - cpu0)
    finally:
        for c in (teacher, *class_tabs, *list_tabs):
            await c.__aexit__(None, None, None)
    return {"last": last, "cpu": cpu, "floor": floor, "floor_cpu": floor_cpu, "tabs": len(class_tabs) + len(list_tabs) + 1,
            "told": len(class_tabs)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parents", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--floor", type=int, default=30)
    args = parser.parse_args()
    from tests.async_run import run_async
    from tests.backend_harness import free_port, start_process

    folder = Path(tempfile.mkdtemp(prefix="fanout-bench-"))
    url = f"sqlite:///{folder / 'fanout.db'}"
    world = prepare(url, args.parents)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "MRKO_BENCH_FLOOR": "1", "MRKO_PRIVATE_DIR": str(folder)}
    env.pop("REFLEX_REDIS_URL", None)
    proc = start_process(port, env)
    try:
        base = f"http://127.0.0.1:{port}"
        result = run_async(measure(base, proc, world, args.messages, args.floor))
    finally:
        proc.terminate()
        proc.wait(20)
    f50, fcpu = statistics.median(result["floor"]) * 1000, statistics.mean(result["floor_cpu"]) * 1000
    l50, lmax = statistics.median(result["last"]) * 1000, max(result["last"]) * 1000
    c50 = statistics.median(result["cpu"]) * 1000
    print(f"messages fan-out: {result['tabs']} connected tabs, {result['told']} of them with the group open, "
          f"{len(result['last'])} messages by the class teacher; one backend process")
    print(f"{'':<38} {'ms':>9} {'x floor':>9}")
    print(f"{'floor event, round trip p50':<38} {f50:9.1f} {1.0:9.2f}")
    print(f"{'to the last group tab, p50':<38} {l50:9.1f} {l50 / f50:9.2f}")
    print(f"{'to the last group tab, max':<38} {lmax:9.1f} {lmax / f50:9.2f}")
    print(f"{'backend CPU per floor event':<38} {fcpu:9.1f} {1.0:9.2f}")
    print(f"{'backend CPU per message (+receipts)':<38} {c50:9.1f} {c50 / max(fcpu, 0.001):9.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
