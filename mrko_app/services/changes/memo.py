"""Reads remembered by a worker until a committed change of what they show: the push signal as the
cache's invalidation.

A service reads a view (a child's week, a period's statistics) and keeps it here under its key and the
topics it shows; a committed change of one of those topics, of a kind the memo cares about, drops it:
at once in the process that committed (before anyone is told, queue.py), and in every other worker as
the change channel brings it (bus.listen). So a memo is trusted only while this process hears the
channel (a worker's lifespan task listens; a script or a test calling services does not, and reads
afresh every time) and for at most `ttl` seconds (config.memo_seconds), for what no service announces
(a subject renamed) or no channel carries (another process writing to the embedded SQLite file).

What is remembered is the view, never the decision to show it: the caller checks access first, every
time (the check's own row may be remembered, access/kept.py, but its rule runs on every call). A read
that overlapped a change is not kept (its rows may predate the change): `remembered(key, topics, read)`
takes care of it (or `start()` before reading, `put(..., since=...)` after).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable
from contextlib import contextmanager

from mrko_app import config
from mrko_app.services.changes.topics import Change, Topic

# what a service asked for only what its worker remembers (a page's cheap first try, in the event loop)
# answers when the worker does not: the page then works it out in a thread
NOT_REMEMBERED = object()

_memos: list[Memo] = []
_lock = threading.Lock()  # one lock for every memo: entries are dropped across memos in one pass
_hearing = 0  # subscriptions of this process to the change channel that are up (bus.listen)


class Memo:
    def __init__(self, name: str, kinds: Iterable[str], *, ttl: float | None = None, size: int = 2000):
        self.name, self.kinds, self.ttl, self.size = name, frozenset(kinds), ttl, size
        self._entries: OrderedDict[Hashable, tuple[float, object, frozenset]] = OrderedDict()
        self._by_topic: dict[Topic, set[Hashable]] = defaultdict(set)
        self._generation = 0  # moves with every relevant change heard
        # (generation, topic) of the recent changes: a read that overlapped one of its topics is not kept
        # (a city's changes all reach every worker: one counter for all would keep almost nothing)
        self._recent: deque[tuple[int, Topic | None]] = deque(maxlen=4096)
        self.hits = self.misses = 0
        self._readers: dict[Hashable, list] = {}  # key -> [lock, how many wait or read]: see _reading
        with _lock:
            _memos.append(self)

    def start(self) -> int | None:
        """Before reading: the generation to hand to `put`; None while memos are not trusted here."""
        return self._generation if _hearing > 0 else None

    def get(self, key: Hashable):
        """The remembered value, or None (none, too old, or memos not trusted in this process)."""
        if _hearing <= 0:
            return None
        with _lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1]

    def kept(self, key: Hashable):
        """The remembered value, or NOT_REMEMBERED: for a page's cheap first try, which reads nothing."""
        value = self.get(key)
        return NOT_REMEMBERED if value is None else value

    def remembered(self, key: Hashable, topics: Iterable[Topic] | Callable[[object], Iterable[Topic]],
                   read: Callable[[], object], *,
                   also: Callable[[object], Iterable[Hashable]] = lambda _value: ()):
        """The value kept under `key`, or `read()` (never None), kept under `key` and the keys `also`
        names for it (the same read asked for otherwise) with the topics it shows (or `topics(value)`,
        when what it shows is known only once read)."""
        value = self.get(key)
        if value is not None or self.start() is None:
            return value if value is not None else read()  # not trusted here: every read afresh
        with self._reading(key):  # readers of one key at once (a class's parents after a save): one reads
            value = self.get(key)
            if value is None:
                since = self.start()
                value = read()
                shown = topics(value) if callable(topics) else topics
                for each in (key, *also(value)):
                    self.put(each, value, shown, since=since)
        return value

    @contextmanager
    def _reading(self, key: Hashable):
        """Held while `key` is read: the others wait for it, then find it kept (or read it themselves if
        a change came in between). Re-entrant, so a read may ask its own memo for another key."""
        with _lock:
            entry = self._readers.get(key)
            if entry is None:
                entry = self._readers[key] = [threading.RLock(), 0]
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with _lock:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._readers[key]

    def put(self, key: Hashable, value, topics: Iterable[Topic], *, since: int | None) -> None:
        """Keep `value` (read after `start()` gave `since`) unless a change came in between."""
        if since is None:
            return
        ttl = config.memo_seconds() if self.ttl is None else min(self.ttl, config.memo_seconds())  # 0: none
        if ttl <= 0:
            return
        topics = frozenset(topics)
        with _lock:
            if _hearing <= 0 or self._overlapped(since, topics):
                return
            self._drop(key)
            self._entries[key] = (time.monotonic() + ttl, value, topics)
            for t in topics:
                self._by_topic[t].add(key)
            while len(self._entries) > self.size:
                self._drop(next(iter(self._entries)))

    def _overlapped(self, since: int, topics: frozenset) -> bool:
        if since == self._generation:
            return False
        if not self._recent or self._recent[0][0] > since + 1:
            return True  # the log no longer reaches back to the read's start
        for generation, topic in reversed(self._recent):
            if generation <= since:
                return False
            if topic is None or topic in topics:
                return True
        return False

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        for t in entry[2]:
            keys = self._by_topic.get(t)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_topic[t]

    def _changed(self, batch: list[Change] | None) -> None:
        if batch is None:
            self._generation += 1
            self._recent.append((self._generation, None))
            self._entries.clear()
            self._by_topic.clear()
            return
        for change in batch:
            if change.kind in self.kinds:
                self._generation += 1
                self._recent.append((self._generation, change.topic))
                for key in list(self._by_topic.get(change.topic, ())):
                    self._drop(key)

    def __len__(self) -> int:
        return len(self._entries)


def changed(batch: list[Change] | None) -> None:
    """Drop what a batch of committed changes makes stale (None: everything, a gap in the channel)."""
    with _lock:
        for memo in _memos:
            memo._changed(batch)


def hearing(up: bool) -> None:
    """bus.listen: a subscription of this process came up (True) or went down (False). While none is up
    nothing is trusted, and what was kept may have missed changes: it is dropped."""
    global _hearing
    with _lock:
        _hearing += 1 if up else -1
    if not up:
        changed(None)
