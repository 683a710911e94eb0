"""The parent's diary, one import away: the week, all marks, the year grid and the homework lists.
The code lives in context.py (the child's class, year, periods; name look-ups), week_view.py (`week`),
marks.py, year.py, homework.py, timetable.py, finals.py and report_card.py. Every function takes (db, user, student_id, ...)
and starts with the parent's access check (access.require_child)."""

from mrko_app.services import _facade

_API = {
    "ATTENDANCE_CODES": "context",
    "ChildContext": "context",
    "FONT_DIR": "report_card",
    "MISSED": "year",
    "PAST_LIMIT": "homework",
    "ROMAN": "report_card",
    "SORTS": "marks",
    "WEEK_KINDS": "week_view",
    "card_rows": "report_card",
    "checked_child": "context",
    "child_context": "context",
    "context_of": "context",
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
    "week": "week_view",
    "year_grid": "year",
}
_SUBMODULES = ('context', 'homework', 'marks', 'week_view', 'year', 'finals', 'report_card', 'timetable')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
