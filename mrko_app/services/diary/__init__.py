"""The parent's diary, one import away: the week, all marks, the year grid and the homework lists.
The code lives in diary_context.py (the child's class, year, periods; name look-ups), diary_week.py,
diary_marks.py, diary_year.py and diary_homework.py. Every function takes (db, user, student_id, ...)
and starts with the parent's access check (access.require_child)."""

from mrko_app.services.diary.context import ChildContext, child_context, monday_of, parse_day
from mrko_app.services.diary.homework import homework_lists
from mrko_app.services.diary.marks import marks_list
from mrko_app.services.diary.week import week
from mrko_app.services.diary.year import year_grid

__all__ = [
    "ChildContext",
    "child_context",
    "homework_lists",
    "marks_list",
    "monday_of",
    "parse_day",
    "week",
    "year_grid",
]

import importlib

_API = {
    "ATTENDANCE_CODES": "context",
    "ChildContext": "context",
    "FONT_DIR": "report_card",
    "MISSED": "year",
    "PAST_LIMIT": "homework",
    "ROMAN": "report_card",
    "SORTS": "marks",
    "card_rows": "report_card",
    "child_context": "context",
    "homework_lists": "homework",
    "kinds_by_id": "context",
    "mark_view": "marks",
    "mark_views": "marks",
    "marks_list": "marks",
    "monday_of": "context",
    "months_of": "year",
    "names": "context",
    "parse_day": "context",
    "period_view": "context",
    "previous_values": "marks",
    "short_name": "context",
    "slots_on": "timetable",
    "subjects_by_id": "context",
    "timetable_week": "timetable",
    "users_by_id": "context",
    "year_grid": "year",
}
_SUBMODULES = ('context', 'homework', 'marks', 'week', 'year', 'finals', 'report_card', 'timetable')


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _API:
        return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_API) | set(_SUBMODULES))
