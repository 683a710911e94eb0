"""The parent's diary, one import away: the week, all marks, the year grid and the homework lists.
The code lives in diary_context.py (the child's class, year, periods; name look-ups), diary_week.py,
diary_marks.py, diary_year.py and diary_homework.py. Every function takes (db, user, student_id, ...)
and starts with the parent's access check (access.require_child)."""

from mrko_app.services.diary_context import ChildContext, child_context, monday_of, parse_day
from mrko_app.services.diary_homework import homework_lists
from mrko_app.services.diary_marks import marks_list
from mrko_app.services.diary_week import week
from mrko_app.services.diary_year import year_grid

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
