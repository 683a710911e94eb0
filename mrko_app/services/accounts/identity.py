"""Shared by the accounts services: finding users, texting codes, templated messages, new passwords."""

from datetime import datetime

from sqlmodel import Session, select

from mrko_app.i18n import DEFAULT_LANGUAGE, tr
from mrko_app.models import User
from mrko_app.services.accounts import sessions
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.passwords import hash_secret
from mrko_app.services.errors import NotFound
from mrko_app.services.notify import messages as notifications

# --- messages ---------------------------------------------------------------------------------

def message(session: Session, user: User, channel: str, key: str, recipient: str | None = None,
            now: datetime | None = None, secrets: tuple[str, ...] = (), **params) -> None:
    """Send catalogue message `key` to `user` in their language: an SMS uses `key` as its text,
    an e-mail `key.subject` and `key.body`. The recipient defaults to the user's phone / e-mail.
    `secrets`: parts of the text never kept in the stored copy (notifications.send)."""
    lang = user.language or DEFAULT_LANGUAGE
    if channel == "email":
        recipient = recipient or user.email
        subject, body = tr(f"{key}.subject", lang, **params), tr(f"{key}.body", lang, **params)
    else:
        recipient = recipient or user.phone
        subject, body = "", tr(key, lang, **params)
    notifications.send(session, channel=channel, recipient=recipient, subject=subject, body=body,
                       user_id=user.id, now=now, secrets=secrets)


def send_code(session: Session, user: User, purpose: str, target: str, now: datetime | None = None) -> None:
    """Issue a phone code for `purpose` and text it to `target` (raises codes.TooSoon when asked too soon)."""
    code = codes.issue_code(session, user, purpose, target, now)
    minutes = int(codes.CODE_TTL.total_seconds() // 60)
    message(session, user, "sms", f"sms.{purpose}", recipient=target, now=now, secrets=(code,), code=code,
            minutes=minutes)


# --- finding users ----------------------------------------------------------------------------

def canonical_identifier(identifier: str | None) -> tuple[str, str] | None:
    """("email" | "phone" | "login", the normalised value) for a login, e-mail or phone (any usual
    format), or None when it cannot be one."""
    text = (identifier or "").strip()
    if not text:
        return None
    if "@" in text:
        return "email", v.normalize_email(text)
    if v.looks_like_phone(text):
        phone = v.normalize_phone(text)
        return ("phone", phone) if phone else None
    return "login", v.normalize_login(text)


def find_user(session: Session, identifier: str | None) -> User | None:
    """The user whose login, e-mail or phone (any usual format) is `identifier`."""
    found = canonical_identifier(identifier)
    if found is None:
        return None
    kind, value = found
    column = {"email": User.email, "phone": User.phone, "login": User.login}[kind]
    return session.exec(select(User).where(column == value)).first()


def user_ref(session: Session, user_id_or_login: int | str) -> User:
    if isinstance(user_id_or_login, int):
        user = session.get(User, user_id_or_login)
    else:
        user = find_user(session, user_id_or_login)
    if user is None:
        raise NotFound("accounts.not_found")
    return user


def taken(session: Session, column, value, user_id: int | None = None) -> bool:
    query = select(User.id).where(column == value)
    if user_id is not None:
        query = query.where(User.id != user_id)
    return session.exec(query).first() is not None


def set_password(session: Session, user: User, new_password: str, keep_token: str | None = None,
                 now: datetime | None = None) -> None:
    """Store a new password (already validated), clear the lock, end the other sessions, tell the user."""
    user.password_hash = hash_secret(new_password)
    user.failed_logins, user.locked_until = 0, None
    session.add(user)
    sessions.end_all_sessions(session, user, keep_token=keep_token)
    message(session, user, "email", "mail.password_changed", now=now, login=user.login)
