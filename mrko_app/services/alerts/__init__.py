"""services/alerts/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: hooks (was services/alerts.py), delivery (was services/alerts_delivery.py), runner (was services/alerts_runner.py), settings (was services/alerts_settings.py)."""

from mrko_app.services import _facade

_API = {
    "ABSENT": "hooks",
    "DIGEST_WINDOW": "delivery",
    "EMAIL_MODES": "settings",
    "MAX_DELAY": "settings",
    "TIME_RE": "settings",
    "alert_text": "delivery",
    "default_rule": "hooks",
    "deliver_alerts_periodically": "runner",
    "deliver_due": "delivery",
    "deliver_once": "runner",
    "delivered_alerts": "settings",
    "get_rule": "settings",
    "in_quiet_hours": "hooks",
    "interval": "runner",
    "logger": "runner",
    "mark_seen": "settings",
    "on_attendance_saved": "hooks",
    "on_attendances_saved": "hooks",
    "on_mark_saved": "hooks",
    "on_marks_saved": "hooks",
    "quiet_end_after": "hooks",
    "recipients": "hooks",
    "rule_view": "settings",
    "save_rule": "settings",
    "schedule": "hooks",
    "unread_count": "settings",
}
_SUBMODULES = ('hooks', 'delivery', 'runner', 'settings')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
