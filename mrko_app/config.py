"""Settings read from the environment, in one place."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or os.environ.get("REFLEX_DB_URL") or f"sqlite:///{ROOT / 'mrko.db'}"


def dev_mode() -> bool:
    """Development mode shows the outbox page; production (MRKO_ENV=production) hides it."""
    return os.environ.get("MRKO_ENV", "development") != "production"


def private_dir() -> Path:
    """Where private files (access-application scans) live: never under a served folder."""
    path = Path(os.environ.get("MRKO_PRIVATE_DIR", ROOT / "var" / "private"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _flag(name: str) -> bool | None:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return None
    return value in ("1", "true", "yes", "on")


def smtp_settings() -> dict | None:
    """SMTP for e-mail (services/smtp.py); None when MRKO_SMTP_HOST is unset (the outbox only)."""
    host = os.environ.get("MRKO_SMTP_HOST")
    if not host:
        return None
    port = int(os.environ.get("MRKO_SMTP_PORT", "25"))
    user = os.environ.get("MRKO_SMTP_USER", "")
    use_ssl = _flag("MRKO_SMTP_SSL")
    use_ssl = port == 465 if use_ssl is None else use_ssl
    starttls = _flag("MRKO_SMTP_STARTTLS")
    return {
        "host": host,
        "port": port,
        "user": user,
        "password": os.environ.get("MRKO_SMTP_PASSWORD", ""),
        "sender": os.environ.get("MRKO_SMTP_FROM", "diary@localhost"),
        "ssl": use_ssl,
        # by default a password is never sent in the clear: STARTTLS whenever a user logs in
        "starttls": (bool(user) if starttls is None else starttls) and not use_ssl,
        "cafile": os.environ.get("MRKO_SMTP_CAFILE", ""),
    }


def mail_interval() -> float:
    """Seconds between two rounds of the mail queue's drain task (MRKO_MAIL_INTERVAL, default 5)."""
    try:
        return max(float(os.environ.get("MRKO_MAIL_INTERVAL", "5")), 0.2)
    except ValueError:
        return 5.0


def app_origin() -> str:
    return os.environ.get("MRKO_ORIGIN", "http://localhost:3000")


def school_timezone() -> str:
    """The school's time zone: what "today" is, and how stored (UTC) times are shown (services/clock.py)."""
    return os.environ.get("MRKO_TIMEZONE", "Europe/Moscow")
