"""services/journal/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: read (was services/journal.py), checks (was services/journal_checks.py), entry (was services/journal_entry.py), save (was services/journal_save.py), finals (was services/final_marks.py)."""

from mrko_app.services import _facade

_API = {
    "ATTENDANCE_CLEAR": "entry",
    "CellSaved": "save",
    "DATE_FORMATS": "checks",
    "JournalContext": "read",
    "JournalGrid": "read",
    "MARK_PATTERN": "checks",
    "OPS": "save",
    "Proposal": "finals",
    "YEAR": "read",
    "YearView": "finals",
    "cell_marks": "checks",
    "cell_rows": "read",
    "class_student": "checks",
    "class_students": "read",
    "clean_text": "checks",
    "clear_mark": "entry",
    "confirm_final": "finals",
    "current_period": "read",
    "entries": "read",
    "final_proposal": "finals",
    "journal_choices": "read",
    "journal_context": "read",
    "journal_lesson": "checks",
    "lesson_content": "entry",
    "lesson_homework": "read",
    "load_grid": "read",
    "load_year": "finals",
    "lock_lesson": "checks",
    "mark_conflict": "checks",
    "mark_history": "entry",
    "markable_lesson": "checks",
    "parse_date": "checks",
    "parse_mark": "checks",
    "parse_version": "checks",
    "periods_of": "read",
    "proposal": "finals",
    "read_cell": "read",
    "read_lesson": "read",
    "save_cell": "save",
    "save_lesson": "entry",
    "school_kinds": "read",
    "set_attendance": "entry",
    "set_homework": "entry",
    "set_mark": "entry",
    "set_topic": "entry",
    "short_name": "checks",
    "work_kind": "checks",
}
_SUBMODULES = ('read', 'checks', 'entry', 'save', 'finals')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
