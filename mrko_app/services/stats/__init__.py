"""services/stats/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: child (was services/stats.py), classmates (was services/stats_class.py), plan (the figures moved to views/stats_charts.py) (was services/stats_plan.py), history (the charts' weeks)."""

from mrko_app.services import _facade

_API = {
    "BANDS": "classmates",
    "ChildData": "child",
    "LEVEL_MARGIN": "classmates",
    "MAX_MARKS": "plan",
    "MIN_STUDENTS": "classmates",
    "MISSED_STATUSES": "child",
    "Period": "child",
    "YEAR": "child",
    "band_of": "classmates",
    "child_statistics": "child",
    "choose_scope": "child",
    "class_comparison_for_student": "classmates",
    "class_student_averages": "classmates",
    "compare": "classmates",
    "gpa": "child",
    "History": "history",
    "history": "history",
    "load_child": "child",
    "plan_for_student": "plan",
    "school_kinds": "plan",
    "statistics_for_student": "child",
    "subject_rows": "child",
    "year_scope": "child",
}
_SUBMODULES = ('child', 'classmates', 'history', 'plan')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
