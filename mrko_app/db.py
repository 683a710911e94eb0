"""The database engine and sessions used by the app (services take a Session as argument)."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from mrko_app import config


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@lru_cache(maxsize=1)
def engine() -> Engine:
    return make_engine(config.database_url())


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: nothing half-written.

    Except a service error marked `persist` (a failed sign-in or code try that the service counted):
    that one is committed, so that lockouts cannot be dodged by failing."""
    with Session(engine(), expire_on_commit=False) as session:
        try:
            yield session
            if session.in_transaction():  # nothing ran (a view the worker remembers): nothing to commit
                session.commit()
        except BaseException as exc:
            if getattr(exc, "persist", False):
                session.commit()
            else:
                session.rollback()
            raise
