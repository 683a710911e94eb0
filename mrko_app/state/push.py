"""Open tabs told about committed changes (services/changes), per backend worker: push, not polling.

A page's on_load says what it shows: `push.follow(self, topics)` (the topics of services/changes; the
tab's previous ones are replaced; `AuthState.load_page`, the first on_load of every page, forgets them,
so a tab follows only the page it is on). The worker's lifespan task `deliver_changes` reads the change
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

The bell: besides its page, every signed-in tab follows its user's ("user", id) "notifications" changes
for the header's unread count (`follow_bell`, from `AuthState.load_page`); such a change calls the
header state's `_pushed_bell()`, whatever page the tab is on.
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
    state: type  # the page state whose `_pushed(changes)` refreshes it
    topics: frozenset


_tabs: dict[str, _Tab] = {}  # client token -> what it follows
_by_topic: dict[tuple, set[str]] = defaultdict(set)  # topic -> client tokens
_lock = threading.Lock()  # a refresh runs in a thread and follows again
_bells: dict[str, tuple[int, type]] = {}  # client token -> (user id, the header state) for the bell
_bells_of: dict[int, set[str]] = defaultdict(set)  # user id -> client tokens showing their bell
BELL_KIND = "notifications"


def follow_bell(state: rx.State, user_id: int | None) -> None:
    """The tab of this event shows `user_id`'s bell (None: nobody's, signed out)."""
    token = state.router.session.client_token
    if not token:
        return
    with _lock:
        _forget_bell(token)
        if user_id is not None:
            _bells[token] = (int(user_id), type(state))
            _bells_of[int(user_id)].add(token)


def _forget_bell(token: str) -> None:
    old = _bells.pop(token, None)
    if old is not None:
        tokens = _bells_of.get(old[0])
        if tokens is not None:
            tokens.discard(token)
            if not tokens:
                del _bells_of[old[0]]


def _bell_targets(batch: list[changes.Change] | None) -> dict[str, type]:
    with _lock:
        if batch is None:
            return {token: cls for token, (_uid, cls) in _bells.items()}
        return {token: _bells[token][1] for change in batch
                if change.kind == BELL_KIND and change.scope == "user"
                for token in _bells_of.get(change.ident, ())}


async def _ring(app, token: str, cls: type, gate: asyncio.Semaphore) -> None:
    async with gate:
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=cls)) as root:
                state = await root.get_state(cls)
                await asyncio.to_thread(state._pushed_bell)
        except Exception:
            logger.exception("refreshing the bell of tab %s failed", token[:8])


def follow(state: rx.State, topics: Iterable[changes.Topic]) -> None:
    """The tab of this event follows `topics` with this page state (replacing what it followed)."""
    token = state.router.session.client_token
    if not token:
        return
    tab = _Tab(type(state), frozenset(topics))
    with _lock:
        if _tabs.get(token) == tab:
            return  # the same page following the same topics (a refresh): keep the entry
        _forget(token)
        if tab.topics:
            _tabs[token] = tab
            for topic in tab.topics:
                _by_topic[topic].add(token)


def forget(token: str) -> None:
    with _lock:
        _forget(token)


def _forget(token: str) -> None:
    tab = _tabs.pop(token, None)
    if tab is None:
        return
    for topic in tab.topics:
        tokens = _by_topic.get(topic)
        if tokens is not None:
            tokens.discard(token)
            if not tokens:
                del _by_topic[topic]


def following(token: str) -> frozenset:
    """The topics a tab follows in this worker (for tests and the bench)."""
    tab = _tabs.get(token)
    return tab.topics if tab else frozenset()


def _held_here(app, token: str) -> bool:
    """Whether this worker holds the tab's websocket now."""
    manager = getattr(getattr(app, "event_namespace", None), "_token_manager", None)
    if manager is None:
        return False
    record = manager.token_to_socket.get(token)
    return record is not None and record.instance_id == manager.instance_id


def _targets(batch: list[changes.Change] | None) -> dict[str, tuple[_Tab, list[changes.Change]]]:
    with _lock:
        if batch is None:  # a gap in the channel: refresh everything followed
            return {token: (tab, []) for token, tab in _tabs.items()}
        found: dict[str, tuple[_Tab, list[changes.Change]]] = {}
        for change in batch:
            for token in _by_topic.get(change.topic, ()):
                entry = found.setdefault(token, (_tabs[token], []))
                entry[1].append(change)
        return found


async def _refresh(app, token: str, tab: _Tab, batch: list[changes.Change], gate: asyncio.Semaphore) -> None:
    async with gate:
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=tab.state)) as root:
                state = await root.get_state(tab.state)
                if _tabs.get(token) != tab:
                    return  # the tab moved on while waiting for its lock
                await asyncio.to_thread(state._pushed, batch)
        except Exception:
            logger.exception("refreshing tab %s after a change failed", token[:8])


async def deliver(app, batch: list[changes.Change] | None) -> int:
    """Refresh the tabs of this worker concerned by one batch; returns how many were refreshed."""
    jobs = []
    gate = asyncio.Semaphore(PARALLEL)
    for token, (tab, relevant) in _targets(batch).items():
        if not _held_here(app, token):
            forget(token)
            continue
        jobs.append(_refresh(app, token, tab, relevant, gate))
    for token, cls in _bell_targets(batch).items():
        if not _held_here(app, token):
            with _lock:
                _forget_bell(token)
            continue
        jobs.append(_ring(app, token, cls, gate))
    if jobs:
        await asyncio.gather(*jobs)
    return len(jobs)


def sweep(app) -> int:
    """Drop the tabs whose websocket this worker no longer holds (closed, or reconnected elsewhere)."""
    with _lock:
        tokens = list(_tabs)
        bells = list(_bells)
    gone = [token for token in tokens if not _held_here(app, token)]
    for token in gone:
        forget(token)
    with _lock:
        for token in bells:
            if not _held_here(app, token):
                _forget_bell(token)
    return len(gone)


async def _sweep_periodically(app) -> None:
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        sweep(app)


async def deliver_changes(app) -> None:
    """Lifespan task of every worker: tell this worker's open tabs about every committed change."""
    sweeper = asyncio.create_task(_sweep_periodically(app))
    try:
        async for batch in changes.listen():
            try:
                await deliver(app, batch)
            except Exception:
                logger.exception("delivering changes failed")
    finally:
        sweeper.cancel()


def bell_of(token: str) -> int | None:
    """Whose bell a tab shows in this worker (for tests)."""
    entry = _bells.get(token)
    return entry[0] if entry else None
