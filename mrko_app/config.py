"""Settings read from the environment, in one place."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or os.environ.get("REFLEX_DB_URL") or f"sqlite:///{ROOT / 'mrko.db'}"


# the instances that may show what the app "sent" (the outbox page, message texts in the log)
DEV_ENVS = frozenset({"development", "demo"})


def environment() -> str:
    """MRKO_ENV: "production" unless the deployment says otherwise (`make run` says "demo")."""
    return (os.environ.get("MRKO_ENV") or "production").strip().lower()


def dev_mode() -> bool:
    """Only an instance that says it is a development or demo one shows the outbox; an unset or
    unknown MRKO_ENV is production, so a forgotten variable never opens it."""
    return environment() in DEV_ENVS


def secret_key() -> bytes:
    """The server-side secret for derived values (decoy security questions): MRKO_SECRET_KEY, else
    a random key generated once and kept in the private directory (so it survives restarts and is
    shared by the workers of one host)."""
    if value := os.environ.get("MRKO_SECRET_KEY"):
        return value.encode("utf-8")
    path = private_dir() / "secret_key"
    if not path.exists():
        # written aside, then linked: two workers starting together agree on the first key linked
        tmp = path.with_name(f"secret_key.{os.getpid()}")
        tmp.write_text(secrets.token_hex(32))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_bytes().strip()


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
