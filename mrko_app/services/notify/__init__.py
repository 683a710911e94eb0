"""services/notify/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: messages (was services/notifications.py), mail_queue (was services/mail_queue.py), mail_runner (was services/mail_runner.py), smtp (was services/smtp.py), dev_outbox (was services/dev_outbox.py)."""

from mrko_app.services import _facade

_API = {
    "BATCH": "mail_queue",
    "Claimed": "mail_queue",
    "ERROR_MAX": "messages",
    "LEASE": "mail_queue",
    "REDACTED": "messages",
    "RETRY_BASE": "mail_queue",
    "RETRY_MAX": "mail_queue",
    "SUBJECT_MAX": "messages",
    "SmtpTransport": "smtp",
    "Transport": "messages",
    "backoff": "mail_queue",
    "build_message": "smtp",
    "channels": "messages",
    "claim": "mail_queue",
    "drain_mail_periodically": "mail_runner",
    "drain_once": "mail_runner",
    "enqueue": "mail_queue",
    "log": "messages",
    "logger": "mail_runner",
    "mark_failed": "mail_queue",
    "mark_sent": "mail_queue",
    "outbox": "messages",
    "pending": "mail_queue",
    "redact": "messages",
    "register_channel": "messages",
    "send": "messages",
    "transport": "messages",
    "visible_messages": "dev_outbox",
}
_SUBMODULES = ('messages', 'mail_queue', 'mail_runner', 'smtp', 'dev_outbox')

__getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
