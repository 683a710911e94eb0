"""Password recovery and login reminders.

Two ways to reset a forgotten password:
- by e-mail: a single-use link `{origin}/recover/reset?token=...`, valid 1 hour;
- by security question: the right answer texts a 6-digit code to the phone on file; the code and a
  new password reset it. A wrong answer counts as a failed sign-in (see lockout.py).
A reset ends every session of the user and clears their lock.

No answer tells whether an account exists: requests naming an e-mail or phone ("send me a link",
"remind me my login") answer the same way either way (a repeat within 60 seconds, per account and
channel, is dropped silently); an unknown login or phone gets a security question all the same, a
decoy derived from the identifier with the server's secret (stable, so asking twice shows the same
question), and then "wrong answer" after the same bcrypt work as a real check. Everything that sends
something is rate-limited per client address and per target (services/ratelimit.py).
"""

import hashlib
import hmac
import logging
from datetime import datetime, timedelta
from urllib.parse import quote

from sqlmodel import Session, select

from mrko_app import config
from mrko_app.models import Throttle, User
from mrko_app.models.base import utcnow
from mrko_app.services import ratelimit
from mrko_app.services.accounts import identity, lockout
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.passwords import check_secret, normalize_answer
from mrko_app.services.errors import ServiceError, ValidationError

log = logging.getLogger(__name__)

REMIND_INTERVAL = timedelta(seconds=60)
RESET_PATH = "/recover/reset"


# --- by e-mail link ---------------------------------------------------------------------------

def start_password_reset_by_email(session: Session, email: str, now: datetime | None = None,
                                  client_ip: str | None = None) -> None:
    """Field: email (format only). Sends a reset link if an account has this e-mail; says nothing else.
    Raises Locked ("limits.address" / "limits.target") over the rate limits."""
    now = now or utcnow()
    if key := v.check_email(email):
        raise ValidationError({"email": key})
    address = v.normalize_email(email)
    ratelimit.count_send(session, client_ip, (address,), now)
    user = session.exec(select(User).where(User.email == address)).first()
    if user is None:
        log.info("password reset asked for an unknown e-mail")
        return
    try:
        token = codes.issue_link_token(session, user, codes.RESET_LINK, user.email, now)
    except codes.TooSoon:
        return  # a link was sent less than a minute ago
    url = f"{config.app_origin()}{RESET_PATH}?token={quote(token)}"
    minutes = int(codes.LINK_TTL.total_seconds() // 60)
    identity.message(session, user, "email", "mail.reset_link", now=now, secrets=(url, token), login=user.login,
                     url=url, minutes=minutes)


def check_reset_link(session: Session, token: str, now: datetime | None = None) -> bool:
    """Whether the link is still usable (for the page to show the form or "link expired")."""
    return codes.find_link(session, codes.RESET_LINK, token, now) is not None


def reset_password_with_link(session: Session, token: str, new_password: str, confirm: str,
                             now: datetime | None = None) -> User:
    """Fields: password, password_confirm. ServiceError("recovery.link_invalid") for a used,
    expired or unknown link (checked first, and consumed only when the new password is fine)."""
    now = now or utcnow()
    row = codes.find_link(session, codes.RESET_LINK, token, now)
    if row is None:
        raise ServiceError("recovery.link_invalid")
    if errors := v.password_errors(new_password, confirm):
        raise ValidationError(errors)
    codes.use_link(session, codes.RESET_LINK, token, now)
    user = session.get(User, row.user_id)
    identity.set_password(session, user, new_password, now=now)
    return user


# --- by security question and phone code ------------------------------------------------------

def decoy_question(login_or_phone: str) -> str:
    """The question shown for an unknown login or phone: the same one each time, and not guessable
    without the server's secret (config.secret_key())."""
    found = identity.canonical_identifier(login_or_phone)
    text = ":".join(found) if found else (login_or_phone or "").strip().lower()
    digest = hmac.new(config.secret_key(), f"question:{text}".encode("utf-8"), hashlib.sha256).digest()
    return v.SECURITY_QUESTIONS[int.from_bytes(digest[:4], "big") % len(v.SECURITY_QUESTIONS)]


def security_question_for(session: Session, login_or_phone: str) -> str | None:
    """The question key to show ("question.<key>" in the catalogue): the account's own, or a decoy for
    no such account (or one without a question); None only for an empty identifier."""
    if not (login_or_phone or "").strip():
        return None
    user = identity.find_user(session, login_or_phone)
    if user is not None and user.security_question and user.security_answer_hash:
        return user.security_question
    return decoy_question(login_or_phone)


def start_password_reset_by_question(session: Session, login_or_phone: str, answer: str,
                                     client_ip: str | None = None, now: datetime | None = None) -> None:
    """Field: answer ("recovery.wrong_answer"). The right answer texts a code to the phone on file.
    Raises Locked (user or address) or codes.TooSoon ("codes.resend_too_soon", seconds)."""
    now = now or utcnow()
    if not (answer or "").strip():
        raise ValidationError({"answer": v.REQUIRED})
    lockout.check_address(session, client_ip, now)
    user = identity.find_user(session, login_or_phone)
    wrong = ValidationError({"answer": "recovery.wrong_answer"})
    if user is None or not user.security_answer_hash:  # a decoy question was shown: the same answers
        lockout.check_unknown_lock(session, login_or_phone, now)
        lockout.dummy_check(answer)
        raise lockout.record_failure(session, None, client_ip, now, wrong, identifier=login_or_phone)
    lockout.check_user_lock(session, user, now)
    if not check_secret(normalize_answer(answer), user.security_answer_hash):
        raise lockout.record_failure(session, user, client_ip, now, wrong)
    ratelimit.count_send(session, client_ip, (user.phone,), now)
    identity.send_code(session, user, codes.RESET_PHONE, user.phone, now)


def reset_password_with_phone_code(session: Session, login_or_phone: str, code: str, new_password: str,
                                   confirm: str, now: datetime | None = None) -> User:
    """Fields: code, password, password_confirm. The password is checked first (no try is spent)."""
    now = now or utcnow()
    if errors := v.password_errors(new_password, confirm):
        raise ValidationError(errors)
    user = identity.find_user(session, login_or_phone)
    if user is None:
        raise ValidationError({"code": "codes.expired"})
    codes.verify_code(session, user, codes.RESET_PHONE, code, now)
    identity.set_password(session, user, new_password, now=now)
    return user


# --- login reminder ---------------------------------------------------------------------------

def remind_login(session: Session, email_or_phone: str, now: datetime | None = None,
                 client_ip: str | None = None) -> None:
    """Field: contact ("recovery.contact_invalid" when neither an e-mail nor a phone number).
    Sends the login to that e-mail or phone if an account has it; says nothing else.
    Raises Locked ("limits.address" / "limits.target") over the rate limits."""
    now = now or utcnow()
    text = (email_or_phone or "").strip()
    if not text:
        raise ValidationError({"contact": v.REQUIRED})
    if "@" in text:
        if v.check_email(text):
            raise ValidationError({"contact": "recovery.contact_invalid"})
        target = v.normalize_email(text)
        channel, query = "email", select(User).where(User.email == target)
    else:
        target = v.normalize_phone(text)
        if target is None:
            raise ValidationError({"contact": "recovery.contact_invalid"})
        channel, query = "sms", select(User).where(User.phone == target)
    ratelimit.count_send(session, client_ip, (target,), now)
    user = session.exec(query).first()
    if user is None:
        log.info("login reminder asked for an unknown contact")
        return
    key = f"remind:{user.id}:{channel}"
    row = session.exec(select(Throttle).where(Throttle.key == key)).first()
    if row is not None and row.updated_at > now - REMIND_INTERVAL:
        return
    row = row or Throttle(key=key)
    row.updated_at = now
    row.failures = 0
    session.add(row)
    message_key = "mail.login_reminder" if channel == "email" else "sms.login_reminder"
    identity.message(session, user, channel, message_key, now=now, login=user.login)
