"""Carrying committed changes to every backend worker: Redis pub/sub when REFLEX_REDIS_URL is set (the
setting that also makes Reflex keep its state in Redis and run several workers); else PostgreSQL
LISTEN/NOTIFY when the database is PostgreSQL (one worker, but other processes writing to the same
database, an import or a second instance, are heard); else in-process (the embedded SQLite default).

`publish(batch)` is synchronous: it is called from SQLAlchemy's after_commit, in whatever thread
committed (an event handler on the event loop, a worker thread, a script). `listen()` is what each
worker's lifespan task iterates: batches of Change, or None meaning "a gap: something may have been
missed" (the Redis connection was lost), upon which the subscriber refreshes everything it holds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator

from mrko_app import config
from mrko_app.services.changes import memo
from mrko_app.services.changes.topics import Change

logger = logging.getLogger(__name__)

CHANNEL = "mrko:changes"
PG_CHANNEL = "mrko_changes"
PG_PAYLOAD_MAX = 7000  # NOTIFY payloads must stay under 8000 bytes: a bigger batch goes in parts
RETRY_SECONDS = 1.0

_lock = threading.Lock()
_local: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue]] = []  # this process's listeners
_sync_client = None
_pg_conn = None


def _encode(batch: list[Change]) -> str:
    return json.dumps([c.to_list() for c in batch], separators=(",", ":"))


def _decode(data) -> list[Change]:
    try:
        items = json.loads(data)
    except (TypeError, ValueError):
        return []
    if not isinstance(items, list):
        return []
    return [c for c in map(Change.from_list, items) if c is not None]


def _redis():
    global _sync_client
    if _sync_client is None:
        import redis

        _sync_client = redis.Redis.from_url(config.redis_url(), socket_timeout=2, socket_connect_timeout=2)
    return _sync_client


def _pg_url() -> str:
    url = config.database_url()
    return url.replace("postgresql+psycopg://", "postgresql://", 1) if url.startswith("postgresql") else ""


def _parts(batch: list[Change]) -> list[str]:
    parts, current = [], []
    for change in batch:
        if current and len(_encode([*current, change])) > PG_PAYLOAD_MAX:
            parts.append(_encode(current))
            current = []
        current.append(change)
    return [*parts, _encode(current)] if current else parts


def _notify(batch: list[Change]) -> None:
    global _pg_conn
    import psycopg

    with _lock:
        for attempt in (1, 2):
            try:
                if _pg_conn is None or _pg_conn.closed:
                    _pg_conn = psycopg.connect(_pg_url(), autocommit=True, connect_timeout=5)
                for payload in _parts(batch):
                    _pg_conn.execute("SELECT pg_notify(%s, %s)", (PG_CHANNEL, payload))
                return
            except psycopg.OperationalError:
                _pg_conn = None  # a dropped connection: once more with a new one
                if attempt == 2:
                    raise


def publish(batch: list[Change]) -> None:
    """Tell every worker (this one included). Never raises: the change is committed whatever happens
    here; a tab that missed it re-reads on its next load or reconnect."""
    if not batch:
        return
    if config.redis_url():
        try:
            _redis().publish(CHANNEL, _encode(batch))
        except Exception:
            logger.exception("publishing %d change(s) to Redis failed", len(batch))
        return
    if _pg_url():
        try:
            _notify(batch)
        except Exception:
            logger.exception("publishing %d change(s) by NOTIFY failed", len(batch))
        return
    with _lock:
        listeners = list(_local)
    for loop, queue in listeners:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, list(batch))
        except RuntimeError:  # that loop is closed
            pass


async def _listen_local() -> AsyncIterator[list[Change] | None]:
    entry = (asyncio.get_running_loop(), asyncio.Queue())
    with _lock:
        _local.append(entry)
    memo.hearing(True)
    try:
        while True:
            yield await entry[1].get()
    finally:
        memo.hearing(False)
        with _lock:
            _local.remove(entry)


async def _listen_redis(url: str) -> AsyncIterator[list[Change] | None]:
    import redis.asyncio as aioredis

    first = True
    while True:
        client = aioredis.Redis.from_url(url)
        up = False
        try:
            async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                await pubsub.subscribe(CHANNEL)
                memo.hearing(up := True)
                if not first:
                    yield None  # reconnected: whatever was published meanwhile is lost
                first = False
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        batch = _decode(message.get("data"))
                        if batch:
                            memo.changed(batch)  # another worker's commit: what it made stale goes first
                            yield batch
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.warning("the Redis change channel failed; subscribing again in %.0f s", RETRY_SECONDS,
                           exc_info=True)
            if up:
                memo.hearing(up := False)
            await asyncio.sleep(RETRY_SECONDS)
        finally:
            if up:
                memo.hearing(False)
            await client.aclose()


async def _listen_postgres(url: str) -> AsyncIterator[list[Change] | None]:
    import psycopg

    first = True
    while True:
        up = False
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                await conn.execute(f"LISTEN {PG_CHANNEL}")
                memo.hearing(up := True)
                if not first:
                    yield None  # reconnected: whatever was notified meanwhile is lost
                first = False
                async for note in conn.notifies():
                    batch = _decode(note.payload)
                    if batch:
                        memo.changed(batch)  # another process's commit: what it made stale goes first
                        yield batch
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.warning("listening for changes on PostgreSQL failed; again in %.0f s", RETRY_SECONDS,
                           exc_info=True)
            if up:
                memo.hearing(up := False)
            await asyncio.sleep(RETRY_SECONDS)
        finally:
            if up:
                memo.hearing(False)


def listen() -> AsyncIterator[list[Change] | None]:
    """The committed changes of every worker, as they come (an endless async iterator)."""
    if url := config.redis_url():
        return _listen_redis(url)
    if url := _pg_url():
        return _listen_postgres(url)
    return _listen_local()


def transport() -> str:
    return "redis" if config.redis_url() else "postgres" if _pg_url() else "in-process"
