"""Shared fixtures: a database session on SQLite (always) and on PostgreSQL (when reachable).

Service tests take the `db` fixture and so run once per backend. The PostgreSQL schema is built
by the real Alembic migrations once per run; each test runs inside a transaction that is rolled back.
SQLite tests use a fresh in-memory database per test (create_all is allowed in tests only).
"""

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import mrko_app.models  # noqa: F401
from mrko_app.services.accounts import passwords

PG_ADMIN_URL = os.environ.get("MRKO_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# databases are named per checkout, so that two checkouts testing at once never share one, and per
# pytest-xdist worker (`make test` runs the tests without a browser on two), so that two workers never do
CHECKOUT_TAG = hashlib.sha1(str(Path(__file__).resolve().parent).encode()).hexdigest()[:8] + (
    f"_{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else "")
PG_TEST_DB = f"mrko_unit_{CHECKOUT_TAG}"

passwords.set_rounds(4)


def _pg_url(dbname: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason to skip."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=2):
            return None
    except Exception as exc:  # any failure means "not here"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}"


def recreate_pg_database(dbname: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    return _pg_url(dbname)


def drop_pg_database(dbname: str) -> None:
    """Drop a test database (each checkout names its own, so a CI clone would otherwise leave them behind)."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def migrate(url: str) -> None:
    """Run the real Alembic migrations against url."""
    from alembic.config import Config

    from alembic import command

    cfg = Config(os.path.join(os.path.dirname(__file__), "..", "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


@pytest.fixture(scope="session", autouse=True)
def folders_of_this_run(tmp_path_factory):
    """Private files (the secret key, the school's clock offset, uploads) of a test that names no folder
    of its own go to this run's folder, never the checkout's var/private; so do the tab states of the
    in-process backends (Reflex's disk state manager, else the checkout's .states, which every `reflex
    run` empties as it starts): the test runs of one checkout (xdist workers, the browser pass beside the
    others) never share one."""
    with pytest.MonkeyPatch.context() as mp:
        if not os.environ.get("MRKO_PRIVATE_DIR"):
            mp.setenv("MRKO_PRIVATE_DIR", str(tmp_path_factory.mktemp("private")))
        mp.setenv("REFLEX_STATES_WORKDIR", str(tmp_path_factory.mktemp("states")))
        yield


@pytest.fixture(autouse=True)
def development_instance(monkeypatch):
    """Service tests read codes from the stored outbox, as the dev outbox does: a development
    instance (the default is production, where the stored copies are redacted). Tests of the
    production behaviour set or remove MRKO_ENV themselves."""
    monkeypatch.setenv("MRKO_ENV", "development")


@pytest.fixture(autouse=True)
def fresh_caches():
    """The per-worker memos start empty: each test has its own database, whose ids may repeat another
    test's."""
    from mrko_app.services.changes import memo

    memo.changed(None)
    yield


@pytest.fixture(scope="session")
def pg_engine():
    reason = pg_available()
    if reason:
        pytest.skip(reason)
    url = recreate_pg_database(PG_TEST_DB)
    migrate(url)
    engine = create_engine(url)
    yield engine
    engine.dispose()
    drop_pg_database(PG_TEST_DB)


def _sqlite_session():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    from mrko_app.services.search import SQLITE_FTS_DDL

    with engine.begin() as conn:  # the full-text index is not a model (see migration 0201)
        conn.exec_driver_sql(SQLITE_FTS_DDL)
    return engine


@pytest.fixture(params=["sqlite", "postgres"])
def db(request):
    """A Session on each backend; nothing a test writes survives it."""
    if request.param == "sqlite":
        engine = _sqlite_session()
        with Session(engine, expire_on_commit=False) as session:
            yield session
        engine.dispose()
        return
    engine = request.getfixturevalue("pg_engine")
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def sqlite_db():
    """A SQLite-only session, for tests that need nothing backend-specific and must be fast."""
    engine = _sqlite_session()
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()
