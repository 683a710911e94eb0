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


def smtp_settings() -> dict | None:
    host = os.environ.get("MRKO_SMTP_HOST")
    if not host:
        return None
    return {
        "host": host,
        "port": int(os.environ.get("MRKO_SMTP_PORT", "25")),
        "user": os.environ.get("MRKO_SMTP_USER", ""),
        "password": os.environ.get("MRKO_SMTP_PASSWORD", ""),
        "sender": os.environ.get("MRKO_SMTP_FROM", "diary@localhost"),
    }


def app_origin() -> str:
    return os.environ.get("MRKO_ORIGIN", "http://localhost:3000")


def school_timezone() -> str:
    """The school's time zone: what "today" is, and how stored (UTC) times are shown (services/clock.py)."""
    return os.environ.get("MRKO_TIMEZONE", "Europe/Moscow")
