"""services/gradebook/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: rules (was services/gradebook.py), trend (split from rules), forecast (was
services/forecast.py)."""

from mrko_app.services import _facade

_API = {
    "GradingRules": "rules",
    "MarkEntry": "rules",
    "SCALE_LIMITS": "rules",
    "SNAP_DENOMINATOR": "rules",
    "TREND_DAYS": "trend",
    "TREND_TOLERANCE": "trend",
    "Totals": "rules",
    "YEAR_RULES": "rules",
    "average_fraction": "rules",
    "average_of_totals": "rules",
    "counted_marks": "rules",
    "display_average": "rules",
    "distribution": "rules",
    "exact": "rules",
    "explain_average": "rules",
    "float_or_none": "rules",
    "forecast_average": "forecast",
    "forecast_mark": "forecast",
    "mean": "rules",
    "propose_mark": "rules",
    "sql_totals": "rules",
    "threshold_of": "rules",
    "threshold_table": "rules",
    "totals": "rules",
    "trend": "trend",
    "trend_label": "trend",
    "trend_line": "trend",
    "validate_rules": "rules",
    "validate_weight": "rules",
    "weighted_average": "rules",
    "what_do_i_need": "forecast",
    "year_mark": "rules",
}
_SUBMODULES = ('rules', 'trend', 'forecast')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
