"""Helpers for the accounts tests: a valid registration form, and reading codes and links from the
outbox the way the browser tests do."""

import re
from datetime import datetime

from sqlmodel import Session, col, func, select

from mrko_app.models import OutboxMessage, User
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import core as accounts
from mrko_app.services.notify import messages as notifications

# a fixed "now" for tests that move the clock (naive or aware, as utcnow() is)
T0 = utcnow().replace(year=2030, month=3, day=1, hour=9, minute=0, second=0, microsecond=0)

PASSWORD = "Secret42x"


def form(**overrides) -> dict:
    data = {
        "surname": "Иванова",
        "first_name": "Мария",
        "patronymic": "Петровна",
        "email": "maria@example.ru",
        "login": "mivanova",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "phone": "+7 999 123-45-67",
        "security_question": "first_pet",
        "security_answer": "  Барсик ",
    }
    data.update(overrides)
    return data


def last_message(db: Session, recipient: str) -> OutboxMessage:
    messages = notifications.outbox(db, recipient=recipient, limit=1)
    assert messages, f"nothing sent to {recipient}"
    return messages[0]


def last_code(db: Session, phone: str) -> str:
    body = last_message(db, phone).body
    match = re.search(r"\b(\d{6})\b", body)
    assert match, body
    return match.group(1)


def last_link_token(db: Session, email: str) -> str:
    body = last_message(db, email).body
    match = re.search(r"/recover/reset\?token=([A-Za-z0-9_\-]+)", body)
    assert match, body
    return match.group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def count(db: Session, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def messages_to(db: Session, recipient: str) -> int:
    return db.exec(
        select(func.count()).select_from(OutboxMessage).where(col(OutboxMessage.recipient) == recipient)
    ).one()


def active_user(db: Session, now: datetime | None = None, **overrides) -> User:
    """A registered parent whose phone is confirmed (the code read from the outbox)."""
    user = accounts.register(db, form(**overrides), now=now)
    accounts.confirm_phone(db, user.login, last_code(db, user.phone), now=now)
    return user
