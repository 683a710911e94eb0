"""Open tabs told about committed changes (services/changes), per backend worker: push, not polling.

A page's on_load says what it shows: `push.follow(self, topics)` (the topics of services/changes; the
tab's previous ones are replaced; `AuthState.load_page`, the first on_load of every page, forgets them,
so a tab follows only the page it is on). A tab has a second slot, "header": load_page follows the
user's own topic there with `AuthState._header_pushed`, so the layout's counters (unread messages) move
live on every page (unread messages, the bell of the notification centre). The worker's lifespan task `deliver_changes` reads the change
channel and, for each tab held by THIS worker that follows a changed topic, opens the tab's state with
`app.modify_state(rx.BaseStateToken(ident=client_token, cls=<the page state>))` and calls the state's
`_pushed(changes)` (in a thread, under the tab's state lock): the page re-reads what it shows and the
changed vars go to the browser as one delta. Nothing runs while nobody saves anything.

Several workers: every worker receives every change (Redis pub/sub) and refreshes only the tabs whose
websocket it holds (Reflex's token manager says which), so no delta has to travel between workers; a
tab held elsewhere is dropped from this worker's map (it moved: its new worker's on_load follows it).
A tab that was disconnected misses nothing for good: Reflex hydrates and runs the page's on_load again
on every reconnect, which re-reads the page and follows its topics in the worker it reconnected to.
If the channel itself was interrupted (Redis restarted), every followed tab of the worker is refreshed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import reflex as rx

from mrko_app.services import changes

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 60.0  # how often tabs that disconnected are dropped from the map (no database work)
PARALLEL = 4  # tabs refreshed at once by one worker (each refresh is a short read in a thread)


@dataclass(frozen=True)
class _Tab:
    state: type  # the state whose `method(changes)` refreshes it
    topics: frozenset
    method: str = "_pushed"


# A tab follows in slots: "page" (what the page shows; replaced by the next page) and "header" (the
# layout's counters, followed by AuthState.load_page on every page). Keys are (client token, slot).
_tabs: dict[tuple[str, str], _Tab] = {}
_by_topic: dict[tuple, set[tuple[str, str]]] = defaultdict(set)  # topic -> (client token, slot)
_lock = threading.Lock()  # a refresh runs in a thread and follows again


def follow(state: rx.State, topics: Iterable[changes.Topic], *, slot: str = "page", method: str = "_pushed") -> None:
    """The tab of this event follows `topics` with this state (replacing what it followed in `slot`)."""
    token = state.router.session.client_token
    if not token:
        return
    key = (token, slot)
    tab = _Tab(type(state), frozenset(topics), method)
    with _lock:
        if _tabs.get(key) == tab:
            return  # the same page following the same topics (a refresh): keep the entry
        _forget(key)
        if tab.topics:
            _tabs[key] = tab
            for topic in tab.topics:
                _by_topic[topic].add(key)


def forget(token: str, slot: str | None = None) -> None:
    """Stop following for a tab: one slot, or all of them (None)."""
    with _lock:
        for key in [k for k in _tabs if k[0] == token] if slot is None else [(token, slot)]:
            _forget(key)


def _forget(key: tuple[str, str]) -> None:
    tab = _tabs.pop(key, None)
    if tab is None:
        return
    for topic in tab.topics:
        keys = _by_topic.get(topic)
        if keys is not None:
            keys.discard(key)
            if not keys:
                del _by_topic[topic]


def following(token: str, slot: str = "page") -> frozenset:
    """The topics a tab follows in this worker (for tests and the bench)."""
    tab = _tabs.get((token, slot))
    return tab.topics if tab else frozenset()


def _held_here(app, token: str) -> bool:
    """Whether this worker holds the tab's websocket now."""
    manager = getattr(getattr(app, "event_namespace", None), "_token_manager", None)
    if manager is None:
        return False
    record = manager.token_to_socket.get(token)
    return record is not None and record.instance_id == manager.instance_id


def _targets(batch: list[changes.Change] | None) -> dict[tuple[str, str], tuple[_Tab, list[changes.Change]]]:
    with _lock:
        if batch is None:  # a gap in the channel: refresh everything followed
            return {key: (tab, []) for key, tab in _tabs.items()}
        found: dict[tuple[str, str], tuple[_Tab, list[changes.Change]]] = {}
        for change in batch:
            for key in _by_topic.get(change.topic, ()):
                entry = found.setdefault(key, (_tabs[key], []))
                entry[1].append(change)
        return found


async def _refresh(app, token: str, entries: list[tuple[tuple[str, str], _Tab, list[changes.Change]]],
                   gate: asyncio.Semaphore) -> None:
    """One tab's slots, the page's first (a conversation marks itself read before the header counts the
    unread), under one lock of its state and sent as one delta."""
    async with gate:
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=entries[0][1].state)) as root:
                for key, tab, batch in entries:
                    state = await root.get_state(tab.state)
                    if _tabs.get(key) != tab:
                        continue  # the tab moved on while waiting for its lock
                    await asyncio.to_thread(getattr(state, tab.method), batch)
        except Exception:
            logger.exception("refreshing tab %s after a change failed", token[:8])


async def deliver(app, batch: list[changes.Change] | None) -> int:
    """Refresh the tabs of this worker concerned by one batch; returns how many were refreshed."""
    by_token: dict[str, list] = defaultdict(list)
    for key, (tab, relevant) in _targets(batch).items():
        by_token[key[0]].append((key, tab, relevant))
    jobs = []
    gate = asyncio.Semaphore(PARALLEL)
    for token, entries in by_token.items():
        if not _held_here(app, token):
            forget(token)
            continue
        entries.sort(key=lambda entry: entry[0][1] != "page")
        jobs.append(_refresh(app, token, entries, gate))
    if jobs:
        await asyncio.gather(*jobs)
    return len(jobs)


def sweep(app) -> int:
    """Drop the tabs whose websocket this worker no longer holds (closed, or reconnected elsewhere)."""
    with _lock:
        tokens = {key[0] for key in _tabs}
    gone = [token for token in tokens if not _held_here(app, token)]
    for token in gone:
        forget(token)
    return len(gone)


async def _sweep_periodically(app) -> None:
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        sweep(app)


def merged(batches: list[list[changes.Change] | None]) -> list[changes.Change] | None:
    """Batches that queued up while the previous ones were delivered, as one: each tab is refreshed once
    for all of them (a group message read in 25 tabs tells its author 25 times within a few milliseconds).
    A gap (None) among them means refresh everything."""
    if any(b is None for b in batches):
        return None
    return [change for batch in batches for change in batch]


async def deliver_changes(app) -> None:
    """Lifespan task of every worker: tell this worker's open tabs about every committed change. The
    channel is read on its own so that what arrives during a delivery waits in a queue, and the next
    delivery takes all of it at once (no added delay when the worker is idle)."""
    queue: asyncio.Queue = asyncio.Queue()

    async def receive() -> None:
        async for batch in changes.listen():
            queue.put_nowait(batch)

    sweeper = asyncio.create_task(_sweep_periodically(app))
    receiver = asyncio.create_task(receive())
    try:
        while True:
            batches = [await queue.get()]
            while not queue.empty():
                batches.append(queue.get_nowait())
            try:
                await deliver(app, merged(batches))
            except Exception:
                logger.exception("delivering changes failed")
    finally:
        sweeper.cancel()
        receiver.cancel()
