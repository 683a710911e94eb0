"""Settings read from the environment, in one place."""

import functools
import json
import os
import re
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
    """The server-side secret for derived values (decoy security questions, signed media addresses):
    MRKO_SECRET_KEY, else a random key generated once and kept in the private directory (so it survives
    restarts and is shared by the workers of one host). The kept key is read once per folder, not on every
    signature (a change of the variable or of the folder is seen at once)."""
    if value := os.environ.get("MRKO_SECRET_KEY"):
        return value.encode("utf-8")
    return _kept_secret_key(str(private_dir()))


@functools.lru_cache(maxsize=8)
def _kept_secret_key(folder: str) -> bytes:
    path = Path(folder) / "secret_key"
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


def _flag(name: str) -> bool | None:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return None
    return value in ("1", "true", "yes", "on")


def smtp_settings() -> dict | None:
    """SMTP for e-mail (services/notify/smtp.py); None when MRKO_SMTP_HOST is unset (the outbox only)."""
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


def memo_seconds() -> float:
    """How long a worker may remember a view between changes (MRKO_MEMO_SECONDS, default 60; 0: never),
    services/changes/memo.py. It bounds what no change announces: a write by another process on the
    embedded SQLite default, whose in-process channel hears this process only."""
    try:
        return max(float(os.environ.get("MRKO_MEMO_SECONDS", "60")), 0.0)
    except ValueError:
        return 60.0


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


_OIDC_NAME = re.compile(r"^MRKO_OIDC_([A-Z0-9]{1,20})_ISSUER$")


def oidc_providers() -> dict[str, dict]:
    """The OpenID Connect providers people may sign in with, by short name (lower case), from
    MRKO_OIDC_<NAME>_ISSUER / _CLIENT_ID / _CLIENT_SECRET / _DISPLAY_NAME (/ _DISPLAY_NAME_RU), and from
    the JSON file MRKO_OIDC_FILE ({"<name>": {"issuer", "client_id", "client_secret", "display_name",
    "display_name_ru"}}; the environment wins). None configured: no button on the login page."""
    found: dict[str, dict] = {}
    path = os.environ.get("MRKO_OIDC_FILE")
    if path and Path(path).is_file():
        for name, entry in json.loads(Path(path).read_text(encoding="utf-8")).items():
            if re.fullmatch(r"[a-z0-9]{1,20}", str(name).lower()) and isinstance(entry, dict):
                found[str(name).lower()] = {k: str(v) for k, v in entry.items()}
    for key, issuer in os.environ.items():
        match = _OIDC_NAME.match(key)
        if not match or not issuer:
            continue
        prefix = f"MRKO_OIDC_{match.group(1)}_"
        entry = found.setdefault(match.group(1).lower(), {})
        entry["issuer"] = issuer
        for field in ("client_id", "client_secret", "display_name", "display_name_ru"):
            if os.environ.get(prefix + field.upper()):
                entry[field] = os.environ[prefix + field.upper()]
    providers = {}
    for name, entry in sorted(found.items()):
        if entry.get("issuer") and entry.get("client_id"):
            display = entry.get("display_name") or name
            providers[name] = {
                "name": name,
                "issuer": entry["issuer"].rstrip("/"),
                "client_id": entry["client_id"],
                "client_secret": entry.get("client_secret", ""),
                "display_name": display,
                "display_name_ru": entry.get("display_name_ru") or display,
            }
    return providers


def redis_url() -> str:
    """REFLEX_REDIS_URL: Reflex's state manager and the channel that carries changes between workers."""
    return (os.environ.get("REFLEX_REDIS_URL") or "").strip()
