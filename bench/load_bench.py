"""Load benchmark: N signed-in parents (distinct accounts) and a few teachers against a production build,
over Reflex's websocket protocol (python-socketio; see tests/e2e/socket_client.py), with the floor
measured in the same run.

    python bench/load_bench.py                     # N = 20 and 200, SQLite, one worker
    python bench/load_bench.py --parents 20 --rounds 3 --no-browser

It builds its own database (a temporary SQLite file: the demo school plus `bench_parent_<i>` accounts,
each linked to a pupil; never the demo's logins), starts `reflex run --env prod` on a free port with
MRKO_BENCH_FLOOR=1 (which adds state/bench_floor.py's one event; absent otherwise) and plays, per N:
  hydrate        every parent opens /diary at once (the layout's load_page and the week)
  floor          BenchFloorState.read: one query of 48 rows, ~7 KB back (this app's "one query, one answer");
                 measured again after the parents' actions ("floor again"), the ratios against the mean
  diary load     DiaryState.load alone (the page's loader), alternating this week and the previous one
  diary page     a navigation to another week (/diary?week=...): the layout's load_page plus the loader
  finals page    a navigation to /diary/finals
  stats page     a navigation to /diary/stats
  stats load     the statistics' loader alone (StatsState.choose_period: a period and the year in turn)
  teacher save   TEACHERS teacher tabs typing a mark into the journal and pressing Enter (N parents connected)
Per action: events/s, p50/p95/p99 (emit until the state's delta arrives), backend CPU per event (all
backend processes, psutil), state bytes per event (compact JSON, as sent); the ratios against the floor;
the bench client's own CPU per event (its tabs share one process, decoding with orjson); idle backend CPU with
the N tabs open; backend memory per connected parent; and (Playwright, Debian's Chromium) the bytes a
first visit of each page transfers (JS + HTML + CSS, as served and gzip-compressed): the parent's three
pages and a survey's results (staff1's, the demo's).
The machine is shared: run it when little else runs, and read the ratios rather than the absolute numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["MRKO_BENCH_FLOOR"] = "1"

import orjson  # noqa: E402
import psutil  # noqa: E402
import socketio  # noqa: E402

NAMESPACE = "/_event"
TEACHERS = 4
WAIT = 60.0  # seconds an answer may take under load before it counts as an error


# ---------------------------------------------------------------- the bench's own database


def prepare(url: str, parents: int) -> dict:
    """The demo school plus `parents` parent accounts (bench_parent_<i>), each linked to a pupil of the
    demo school in turn, with a session each; two teacher sessions. Returns the tokens."""
    from sqlmodel import Session, create_engine, select

    from mrko_app.demo import load_demo
    from mrko_app.models import ParentChildLink, Student, User, UserRole
    from mrko_app.services.accounts import core as accounts
    from mrko_app.services.accounts import passwords
    from tests.conftest import migrate

    passwords.set_rounds(4)
    migrate(url)
    engine = create_engine(url)
    with Session(engine) as db:
        load_demo(db)
        db.commit()
        pupils = db.exec(select(Student).where(Student.status == "studying", Student.class_id.is_not(None))
                         .order_by(Student.id)).all()
        hashed = passwords.hash_secret("bench-not-a-login")
        out = {"parents": [], "teachers": []}
        for i in range(parents):
            user = User(surname="Нагрузка", first_name=f"Родитель{i}", email=f"bench{i}@bench.invalid",
                        login=f"bench_parent_{i}", phone=f"+7000{i:07d}", password_hash=hashed, is_active=True,
                        phone_confirmed=True)
            db.add(user)
            db.flush()
            pupil = pupils[i % len(pupils)]
            db.add(UserRole(user_id=user.id, role="parent"))
            db.add(ParentChildLink(parent_id=user.id, student_id=pupil.id, page_name=pupil.first_name,
                                   start_date=date(2020, 9, 1)))
            db.flush()
            out["parents"].append(accounts.create_session(db, user, remember=True))
        for login in ("teacher1", "teacher2"):
            teacher = db.exec(select(User).where(User.login == login)).one()
            out["teachers"].append(accounts.create_session(db, teacher, remember=True))
        # the page weight of the heaviest staff page too: a survey's results (the demo's, with answers)
        from mrko_app.models.surveys import Survey, SurveyResponse

        staff = db.exec(select(User).where(User.login == "staff1")).one()
        out["staff"] = accounts.create_session(db, staff, remember=True)
        out["survey"] = db.exec(select(Survey.id).join(SurveyResponse, SurveyResponse.survey_id == Survey.id)
                                .where(Survey.owner_id == staff.id).order_by(Survey.id)).first()
        db.commit()
    engine.dispose()
    return out


# ---------------------------------------------------------------- the app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(url: str, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=url, MRKO_ENV="production", MRKO_BENCH_FLOOR="1", PYTHONUNBUFFERED="1",
               REFLEX_USE_SYSTEM_BUN="1", MRKO_PRIVATE_DIR=str(log.parent / "private"),
               MRKO_CORS_ORIGINS=f"http://127.0.0.1:{port},http://localhost:{port}",
               MRKO_ORIGIN=f"http://127.0.0.1:{port}",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("REFLEX_REDIS_URL", None)
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port", "--backend-port", str(port),
           "--frontend-port", str(port), "--loglevel", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.time() + 1200
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=3) as r1, \
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3) as r2:
                if r1.status == r2.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(2)
    raise SystemExit("the app did not start")


def stop_app(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def backend_processes(proc: subprocess.Popen) -> list[psutil.Process]:
    root = psutil.Process(proc.pid)
    return [root, *root.children(recursive=True)]


def cpu_seconds(proc) -> float:
    total = 0.0
    for p in backend_processes(proc):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def rss_bytes(proc) -> int:
    total = 0
    for p in backend_processes(proc):
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


# ---------------------------------------------------------------- one browser tab, without a browser


class Tab:
    """A tab speaking Reflex's protocol; `act` times an event until a delta of (state, var) arrives."""

    def __init__(self, base: str, token: str):
        from mrko_app.state.base import AuthState

        self.base, self.token, self.client_token = base, token, str(uuid.uuid4())
        self.auth_key = AuthState.get_full_name()
        self.seen: dict[tuple[str, str], int] = {}
        self.bytes = 0
        self.values: dict[tuple[str, str], object] = {}
        self.changed = asyncio.Event()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, data):
        # python-socketio hands over the parsed JSON: count it as the compact UTF-8 text it travelled as
        self.bytes += len(data) if isinstance(data, (str, bytes)) else len(orjson.dumps(data))
        update = json.loads(data) if isinstance(data, str) else data
        for state, delta in (update.get("delta") or {}).items():
            for var, value in delta.items():
                key = (state, var.removesuffix("_rx_state_"))
                self.seen[key] = self.seen.get(key, 0) + 1
                self.values[key] = value
        self.changed.set()

    @staticmethod
    def router(path: str) -> dict:
        query = dict(p.split("=", 1) for p in path.partition("?")[2].split("&") if "=" in p)
        return {"pathname": path.partition("?")[0], "asPath": path, "query": query}

    async def _until(self, key: tuple[str, str], before: int, want=None) -> None:
        """Until (state, var) arrived again, with a value `want` accepts when given (the first delta of a
        hydration carries the defaults: an empty week is not the week)."""
        async with asyncio.timeout(WAIT):
            while self.seen.get(key, 0) <= before or (want is not None and not want(self.values.get(key))):
                self.changed.clear()
                await self.changed.wait()

    async def connect(self, path: str, done: tuple[str, str]) -> tuple[float, int]:
        store = f"{self.auth_key}.{{}}_rx_state_"
        hydrate = {"name": f"{self.auth_key.split('.')[0]}.hydrate_and_load",
                   "payload": {"vars": {store.format("token"): self.token, store.format("tab_token"): "",
                                        store.format("lang"): "ru", store.format("child_choice"): ""}},
                   "router_data": self.router(path)}
        started, before = time.perf_counter(), self.seen.get(done, 0)
        await self.sio.connect(f"{self.base}?token={self.client_token}", socketio_path=NAMESPACE,
                               transports=["websocket"], namespaces=[NAMESPACE], auth={"event": hydrate},
                               wait_timeout=WAIT)
        await self._until(done, before, bool)
        return time.perf_counter() - started, self.bytes

    async def act(self, event: str, payload: dict, path: str, done: tuple[str, str], want=None) -> tuple[float, int]:
        before, sent = self.seen.get(done, 0), self.bytes
        started = time.perf_counter()
        await self.sio.emit("event", {"name": event, "payload": payload, "router_data": self.router(path)},
                            namespace=NAMESPACE)
        await self._until(done, before, want)
        return time.perf_counter() - started, self.bytes - sent

    async def close(self) -> None:
        await self.sio.disconnect()


# ---------------------------------------------------------------- the scenario


def names() -> dict:
    from reflex.state import OnLoadInternalState

    import mrko_app.mrko_app  # noqa: F401  (every state class, the floor's included)
    from mrko_app.state.bench_floor import BenchFloorState
    from mrko_app.state.diary import DiaryState
    from mrko_app.state.finals import FinalsState
    from mrko_app.state.journal import JournalState
    from mrko_app.state.stats import StatsState

    return {"nav": f"{OnLoadInternalState.get_full_name()}.on_load_internal", "floor": BenchFloorState.get_full_name(),
            "diary": DiaryState.get_full_name(), "finals": FinalsState.get_full_name(),
            "stats": StatsState.get_full_name(), "journal": JournalState.get_full_name()}


LEAN_CLIENT = True  # --stdlib-client: decode with the standard library, as the bench did before


def lean_client_json() -> None:
    """The bench's tabs decode their packets with orjson: the clients share this one process (and the
    machine's two cores with the server), and with the standard library's decoder a diary week's 17 KB
    made the load generator, not the server, the limit. Called after names() imported the app."""
    socketio.packet.Packet.json = SimpleNamespace(dumps=lambda obj, **_kw: orjson.dumps(obj).decode(),
                                                  loads=lambda data, **_kw: orjson.loads(data))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


async def run_action(tabs: list[Tab], rounds: int, step, proc) -> dict:
    """Every tab runs `step(tab, i)` `rounds` times, all tabs at once."""
    latencies, sizes, errors = [], [], 0

    async def one(tab: Tab):
        nonlocal errors
        for i in range(rounds):
            try:
                seconds, size = await step(tab, i)
                latencies.append(seconds)
                sizes.append(size)
            except (TimeoutError, socketio.exceptions.SocketIOError):
                errors += 1

    cpu0, started, client0 = cpu_seconds(proc), time.perf_counter(), time.process_time()
    await asyncio.gather(*(one(t) for t in tabs))
    wall, cpu = time.perf_counter() - started, cpu_seconds(proc) - cpu0
    n = max(len(latencies), 1)
    return {"events": len(latencies), "errors": errors, "rate": len(latencies) / wall,
            "client_ms": (time.process_time() - client0) / n * 1000,
            "p50": pct(latencies, 50) * 1000, "p95": pct(latencies, 95) * 1000, "p99": pct(latencies, 99) * 1000,
            "cpu_ms": cpu / n * 1000, "bytes": statistics.mean(sizes) if sizes else 0}


async def scenario(base: str, tokens: dict, n: int, rounds: int, proc, idle_seconds: float,
                   actions: set[str] | None = None) -> dict:
    from mrko_app.services import clock

    k = names()
    if LEAN_CLIENT:
        lean_client_json()
    this_week = clock.today() - timedelta(days=clock.today().weekday())
    weeks = [this_week.isoformat(), (this_week - timedelta(days=7)).isoformat()]
    results: dict = {}
    rss0 = rss_bytes(proc)
    tabs = [Tab(base, token) for token in tokens["parents"][:n]]
    started, cpu0 = time.perf_counter(), cpu_seconds(proc)
    hydrated = await asyncio.gather(*(t.connect("/diary", (k["diary"], "range_text")) for t in tabs),
                                    return_exceptions=True)
    ok = [h for h in hydrated if not isinstance(h, BaseException)]
    wall = time.perf_counter() - started
    results["hydrate"] = {"events": len(ok), "errors": len(hydrated) - len(ok), "rate": len(ok) / wall,
                          "p50": pct([h[0] for h in ok], 50) * 1000, "p95": pct([h[0] for h in ok], 95) * 1000,
                          "p99": pct([h[0] for h in ok], 99) * 1000,
                          "cpu_ms": (cpu_seconds(proc) - cpu0) / max(len(ok), 1) * 1000,
                          "bytes": statistics.mean(h[1] for h in ok) if ok else 0}
    tabs = [t for t, h in zip(tabs, hydrated) if not isinstance(h, BaseException)]
    print(f"  {n} parents: hydrated {len(tabs)} tabs in {wall:.1f} s", flush=True)
    await asyncio.sleep(2)
    results["memory_per_tab"] = (rss_bytes(proc) - rss0) / max(len(tabs), 1)
    cpu0 = cpu_seconds(proc)
    await asyncio.sleep(idle_seconds)
    results["idle_core"] = (cpu_seconds(proc) - cpu0) / idle_seconds

    def week(i: int) -> str:
        return weeks[i % 2]

    def stats_load(tab: Tab, i: int):
        """The statistics' loader alone: the first period and the year in turn (the page opened on the year)."""
        options = tab.values.get((k["stats"], "period_options")) or [{"value": "year"}]
        want = options[0]["value"] if i % 2 == 0 else "year"
        return tab.act(f"{k['stats']}.choose_period", {"value": want}, "/diary/stats", (k["stats"], "period"),
                       lambda value: value == want)

    steps = {
        "floor": lambda t, i: t.act(f"{k['floor']}.read", {}, "/diary", (k["floor"], "served")),
        "diary load": lambda t, i: t.act(f"{k['diary']}.load", {}, f"/diary?week={week(i + 1)}",
                                         (k["diary"], "range_text")),
        # the week the tab does not show (the last "diary load" left it on this week)
        "diary page": lambda t, i: t.act(k["nav"], {}, f"/diary?week={week(i + 1)}", (k["diary"], "range_text")),
        "finals page": lambda t, i: t.act(k["nav"], {}, "/diary/finals", (k["finals"], "loaded")),
        "stats page": lambda t, i: t.act(k["nav"], {}, "/diary/stats", (k["stats"], "loaded")),
        "stats load": stats_load,
    }
    for name, step in steps.items():
        # the floor always (the ratios need it); the statistics' loader runs on the statistics page
        if actions and name not in actions and name != "floor" and not (name == "stats page" and "stats load" in actions):
            continue
        results[name] = await run_action(tabs, rounds, step, proc)
        print(f"  {n} parents: {name} done ({results[name]['events']} events, {results[name]['errors']} errors)",
              flush=True)
    # the floor again after the parents' actions: the machine is shared, and one floor measured once
    # moved the ratios by a third between runs; the ratios use the mean of the two
    results["floor again"] = await run_action(tabs, rounds, steps["floor"], proc)
    try:
        if not actions or "teacher save" in actions:
            results["teacher save"] = await teacher_saves(base, tokens, k, rounds, proc)
    except Exception as exc:  # report the parents' figures all the same
        print(f"teacher saves failed: {exc!r}")
    await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    return results


async def teacher_saves(base: str, tokens: dict, k: dict, rounds: int, proc) -> dict:
    """TEACHERS journal tabs of the two demo teachers, each typing a mark into its own cell (4 and 5 in
    turn) and pressing Enter; done when the cell's record comes back in the grid."""
    tabs = [Tab(base, tokens["teachers"][i % len(tokens["teachers"])]) for i in range(TEACHERS)]
    await asyncio.gather(*(t.connect("/journal", (k["journal"], "students")) for t in tabs))
    grids = [(tab.values.get((k["journal"], "students")) or [], tab.values.get((k["journal"], "lessons")) or [])
             for tab in tabs]

    async def step(tab: Tab, i: int):
        # a cell of its own each time (a cell saved again from a stale base would be a conflict, not a save)
        t = tabs.index(tab)
        students, lessons = grids[t]
        key = f"{students[(t + TEACHERS * i) % len(students)]['id']}-{lessons[i % len(lessons)]['id']}"
        await tab.sio.emit("event", {"name": f"{k['journal']}.cell_key", "payload": {"key": key,
                                     "pressed": "45"[i % 2]}, "router_data": tab.router("/journal")},
                           namespace=NAMESPACE)
        result = await tab.act(f"{k['journal']}.cell_key", {"key": key, "pressed": "Enter"}, "/journal",
                               (k["journal"], "status"), lambda st: (st or {}).get(key) not in (None, "saving"))
        if (tab.values.get((k["journal"], "status")) or {}).get(key) != "saved":
            raise TimeoutError(f"the cell {key} was not saved")  # counted as an error
        return result

    result = await run_action(tabs, rounds, step, proc)
    await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
    return result


# ---------------------------------------------------------------- the page weight (a real browser)


def page_weight(base: str, pages: list[tuple[str, str]]) -> list[tuple[str, int, int, int]]:
    """(page, requests, bytes as served, gzip-compressed bytes) of JS, HTML and CSS on a first visit."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox",
                                                                                "--disable-dev-shm-usage"])
        for path, token in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
            context.add_init_script(f"window.localStorage.setItem('mrko_token', {json.dumps(token)})")
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []

            def keep(response, bodies=bodies):
                kind = response.request.resource_type
                if kind in ("document", "script", "stylesheet"):
                    try:
                        bodies.append((response.url, response.body()))
                    except Exception:  # a redirect or an aborted request has no body
                        pass

            page.on("response", keep)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_selector("#page-ready", state="attached", timeout=120000)
            page.wait_for_load_state("networkidle")
            raw = sum(len(b) for _u, b in bodies)
            packed = sum(len(gzip.compress(b, 6)) for _u, b in bodies)
            out.append((path, len(bodies), raw, packed))
            context.close()
        browser.close()
    return out


# ---------------------------------------------------------------- report


def report(n: int, results: dict) -> None:
    before, after = results["floor"], results.get("floor again", results["floor"])
    floor = {"rate": (before["rate"] + after["rate"]) / 2, "p95": (before["p95"] + after["p95"]) / 2}
    print(f"\n== {n} parents connected (one worker, SQLite)")
    print(f"the ratios' floor: the mean of the floor before and after the actions, {floor['rate']:.0f} events/s, "
          f"p95 {floor['p95']:.1f} ms")
    print(f"{'action':14} {'events':>6} {'err':>4} {'events/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'CPU ms/ev':>9} {'state B':>8} {'rate/floor':>10} {'p95/floor':>9} {'client ms/ev':>12}")
    for name, r in results.items():
        if not isinstance(r, dict):
            continue
        print(f"{name:14} {r['events']:6d} {r['errors']:4d} {r['rate']:9.1f} {r['p50']:8.1f} {r['p95']:8.1f} "
              f"{r['p99']:8.1f} {r['cpu_ms']:9.2f} {r['bytes']:8.0f} {r['rate'] / floor['rate']:9.2f}x "
              f"{r['p95'] / floor['p95']:8.2f}x {r.get('client_ms', 0):12.2f}")
    print(f"idle backend CPU with {n} diary tabs open: {results['idle_core'] * 100:.1f} % of a core")
    print(f"backend memory per connected parent: {results['memory_per_tab'] / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parents", default="20,200")
    parser.add_argument("--rounds", type=int, default=4, help="events per tab and action")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of the idle measurement")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--stdlib-client", action="store_true",
                        help="the tabs decode with the standard library's json (the bench before orjson)")
    parser.add_argument("--actions", default="", help='only these actions (and the floor), e.g. "diary load,stats load"')
    args = parser.parse_args()
    global LEAN_CLIENT
    LEAN_CLIENT = not args.stdlib_client
    counts = [int(x) for x in args.parents.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="load_bench_"))
    url = f"sqlite:///{folder / 'bench.db'}"
    started = time.perf_counter()
    tokens = prepare(url, max(counts))
    print(f"prepared the demo school and {max(counts)} parent accounts in {time.perf_counter() - started:.0f} s")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = start_app(url, port, folder / "reflex.log")
    print(f"the production build is up at {base} ({time.perf_counter() - started:.0f} s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    try:
        for n in counts:
            results = asyncio.run(scenario(base, tokens, n, args.rounds, proc, args.idle,
                                           {a.strip() for a in args.actions.split(",") if a.strip()}))
            report(n, results)
        if not args.no_browser:
            print("\nfirst visit on a phone (a fresh browser context; JS + HTML + CSS)")
            parent = tokens["parents"][0]
            pages = [("/diary", parent), ("/diary/finals", parent), ("/diary/stats", parent)]
            if tokens.get("survey"):
                pages.append((f"/surveys/results?id={tokens['survey']}", tokens["staff"]))
            for path, requests, raw, packed in page_weight(base, pages):
                print(f"  {path:24} {requests:3d} requests  {raw / 1024:7.0f} KiB as served  "
                      f"{packed / 1024:6.0f} KiB gzip-compressed")
        print(f"load average at the end {os.getloadavg()[0]:.1f} (other work on the machine shares the cores)")
    finally:
        stop_app(proc)


if __name__ == "__main__":
    main()
