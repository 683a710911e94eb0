"""Service records to page text: every date, time and moment in a service's view, in the reader's language.

Services put `date` / `datetime` (already on the school's clock) / `time` values in their views, never text;
states pass the view through `present` before keeping it in a var. A `formats.DayMonth` is shown as day and
month; a `(monday, sunday)` pair of dates is a week's range.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from mrko_app.i18n import formats

_AS_IS = frozenset({str, int, bool, float, type(None)})  # most of a view: passed through without more tests


def present(value, lang: str):
    if type(value) in _AS_IS:
        return value
    # the plain values of a dict or list pass without a call each (most of a week's lessons and marks)
    if isinstance(value, dict):
        return {k: v if type(v) in _AS_IS else present(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _AS_IS else present(v, lang) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in value):
        return formats.week_range(value[0], value[1], lang)
    if isinstance(value, tuple):
        return tuple(present(v, lang) for v in value)
    if isinstance(value, dt.datetime):
        return formats.datetime(value, lang)
    if isinstance(value, dt.date):
        return formats.day_month(value, lang) if isinstance(value, formats.DayMonth) else formats.date(value, lang)
    if isinstance(value, dt.time):
        return formats.time(value, lang)
    return value


_SHARED: OrderedDict[tuple, tuple[object, object]] = OrderedDict()
_SHARED_SIZE = 5000  # a few per open tab (its week, final marks, statistics and charts), per language
_shared_lock = threading.Lock()


def present_shared(view, lang: str, words_of=None):
    """`present` (or `words_of(view, lang)`) of a view shared by readers (a worker's remembered week,
    services/changes/memo.py), worded once per language while it lives: the same object in, the same
    words out. The entry holds the view itself, so its id cannot be another object's while it exists."""
    words_of = words_of or present
    key = (id(view), lang, words_of)
    with _shared_lock:
        entry = _SHARED.get(key)
        if entry is not None and entry[0] is view:
            _SHARED.move_to_end(key)
            return entry[1]
    words = words_of(view, lang)
    with _shared_lock:
        _SHARED[key] = (view, words)
        while len(_SHARED) > _SHARED_SIZE:
            _SHARED.popitem(last=False)
    return words
