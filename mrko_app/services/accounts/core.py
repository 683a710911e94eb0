"""Accounts: registration with phone confirmation, sign-in with lockouts, profile changes, roles.

This module is the one the pages import: it re-exports sign-in sessions (services/accounts/sessions.py) and
password recovery (services/accounts/recovery.py). Helpers shared with recovery live in services/accounts/identity.py.

Sign-in failures lock the user (5 in a row: 15 minutes) and the client address (20: 15 minutes);
see services/accounts/lockout.py. Errors raised after counting a failure (a wrong password, a wrong code)
carry `persist = True`: the caller commits the count (db.session_scope does) instead of rolling back.
"""

from datetime import datetime

from sqlmodel import Session, select

from mrko_app.i18n import DEFAULT_LANGUAGE, tr
from mrko_app.models import User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.services import ratelimit
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.identity import find_user, message, send_code, set_password, taken, user_ref
from mrko_app.services.accounts.lockout import (
    check_address,
    check_unknown_lock,
    check_user_lock,
    dummy_check,
    record_failure,
)
from mrko_app.services.accounts.passwords import check_secret, hash_secret, normalize_answer
from mrko_app.services.accounts.recovery import (  # re-exported: one module for the pages
    check_reset_link,
    remind_login,
    reset_password_with_link,
    reset_password_with_phone_code,
    security_question_for,
    start_password_reset_by_email,
    start_password_reset_by_question,
)
from mrko_app.services.accounts.sessions import (  # re-exported
    create_session,
    end_all_sessions,
    end_session,
    resolve_session,
)
from mrko_app.services.errors import ServiceError, ValidationError
from mrko_app.services.notify import messages as notifications

__all__ = [
    "REGISTRATION_FIELDS", "register", "resend_phone_code", "refuse_decoy_code", "confirm_phone", "authenticate", "find_user",
    "create_session", "resolve_session", "end_session", "end_all_sessions",
    "start_password_reset_by_email", "check_reset_link", "reset_password_with_link", "security_question_for",
    "start_password_reset_by_question", "reset_password_with_phone_code", "remind_login",
    "change_password", "change_email", "start_phone_change", "confirm_phone_change", "set_language", "roles_of",
]

REGISTRATION_FIELDS = (
    "surname", "first_name", "patronymic", "email", "login", "password", "password_confirm",
    "phone", "security_question", "security_answer",
)  # plus an optional "language" ("en" / "ru")


# --- registration -----------------------------------------------------------------------------

def clean_registration(session: Session, form: dict) -> tuple[dict, dict[str, str]]:
    raw = {f: "" if form.get(f) is None else str(form.get(f)) for f in REGISTRATION_FIELDS}
    checks = {
        "surname": v.check_name(raw["surname"]),
        "first_name": v.check_name(raw["first_name"]),
        "patronymic": v.check_name(raw["patronymic"], required=False),
        "email": v.check_email(raw["email"]),
        "login": v.check_login(raw["login"]),
        "phone": v.check_phone(raw["phone"]),
        "security_question": v.check_security_question(raw["security_question"]),
        "security_answer": v.check_security_answer(raw["security_answer"]),
    }
    checks.update(v.password_errors(raw["password"], raw["password_confirm"]))
    errors = {field: key for field, key in checks.items() if key}
    data = {
        "surname": v.normalize_name(raw["surname"]),
        "first_name": v.normalize_name(raw["first_name"]),
        "patronymic": v.normalize_name(raw["patronymic"]),
        "email": v.normalize_email(raw["email"]),
        "login": v.normalize_login(raw["login"]),
        "phone": v.normalize_phone(raw["phone"]),
    }
    language = form.get("language") or DEFAULT_LANGUAGE
    if v.check_language(language):
        errors["language"] = "validation.language_unknown"
    data.update(
        language=language,
        password=raw["password"],
        security_question=raw["security_question"],
        security_answer=normalize_answer(raw["security_answer"]),
    )
    return data, errors


def existing_owner(session: Session, data: dict) -> tuple[str, User] | None:
    """The first of phone, e-mail, login that an account has already, with that account."""
    for field, column in (("phone", User.phone), ("email", User.email), ("login", User.login)):
        user = session.exec(select(User).where(column == data[field])).first()
        if user is not None:
            return field, user
    return None


def clean_new_account(session: Session, form: dict, taken_key: str) -> dict:
    """Registration's fields checked for an account someone else creates (an invitation, the department's
    command): every problem at once, and a taken phone, e-mail or login told as `taken_key` (the one creating
    it is not a stranger probing for accounts, unlike registration's caller)."""
    data, errors = clean_registration(session, form)
    if errors:
        raise ValidationError(errors)
    if conflict := existing_owner(session, data):
        raise ValidationError({conflict[0]: taken_key})
    return data


def account_from(data: dict, *, is_active: bool, phone_confirmed: bool, now: datetime,
                 password_hash: str | None = None, answer_hash: str | None = None) -> User:
    """The account (not yet added) for cleaned registration data; the secrets hashed here unless given."""
    return User(surname=data["surname"], first_name=data["first_name"], patronymic=data["patronymic"],
                email=data["email"], login=data["login"], phone=data["phone"],
                password_hash=password_hash or hash_secret(data["password"]),
                security_question=data["security_question"],
                security_answer_hash=answer_hash or hash_secret(data["security_answer"]),
                language=data["language"], is_active=is_active, phone_confirmed=phone_confirmed, created_at=now)


def _tell_phone_of_conflict(session: Session, data: dict, field: str, owner: User, now: datetime) -> None:
    """Registration with a phone, e-mail or login that is taken: the form answers as if it worked
    ("enter the code we sent"), and only the phone given learns why no code came. A taken phone
    is its owner's, who is told their login; otherwise the new phone hears which field is taken:
    whoever learns that an account exists has shown they hold a phone (and is rate-limited)."""
    lang = data["language"]
    if field == "phone":
        body = tr("sms.register_phone_taken", owner.language or lang, login=owner.login)
        user_id = owner.id
    else:
        body = tr(f"sms.register_{field}_taken", lang, **{field: data[field]})
        user_id = None
    notifications.send(session, channel="sms", recipient=data["phone"], body=body, user_id=user_id, now=now)


def register(session: Session, form: dict, now: datetime | None = None, client_ip: str | None = None) -> User | None:
    """Create an inactive parent account and text a confirmation code to its phone.

    `form` holds REGISTRATION_FIELDS. Every field is checked before anything is written; all the
    problems come at once in ValidationError.fields (field -> key). Sending is rate-limited per client
    address and phone (Locked "limits.address" / "limits.target").

    When the phone, e-mail or login belongs to an account already, nothing is created and None is
    returned: the page must answer exactly as for a new account (see _tell_phone_of_conflict).
    """
    now = now or utcnow()
    data, errors = clean_registration(session, form)
    if errors:
        raise ValidationError(errors)
    ratelimit.count_send(session, client_ip, (data["phone"],), now)
    password_hash, answer_hash = hash_secret(data["password"]), hash_secret(data["security_answer"])
    if conflict := existing_owner(session, data):
        hash_secret("000000")  # the bcrypt work of the code a new account is sent: the same time either way
        _tell_phone_of_conflict(session, data, *conflict, now)
        return None
    user = account_from(data, is_active=False, phone_confirmed=False, now=now, password_hash=password_hash,
                        answer_hash=answer_hash)
    session.add(user)
    session.flush()
    session.add(UserRole(user_id=user.id, role="parent"))
    send_code(session, user, codes.PHONE_CONFIRM, user.phone, now)
    return user


def resend_phone_code(session: Session, user_id_or_login: int | str, now: datetime | None = None,
                      client_ip: str | None = None) -> None:
    """A new confirmation code for a not yet confirmed account (codes.TooSoon "codes.resend_too_soon";
    Locked "limits.address" / "limits.target" over the rate limits)."""
    now = now or utcnow()
    user = user_ref(session, user_id_or_login)
    if user.phone_confirmed:
        raise ServiceError("accounts.already_confirmed")
    ratelimit.count_send(session, client_ip, (user.phone,), now)
    send_code(session, user, codes.PHONE_CONFIRM, user.phone, now)


def refuse_decoy_code(code: str, tries: int) -> None:
    """The answer to a code typed for a registration that created nothing (register returned None):
    what a wrong code gets, after the same bcrypt work. `tries`: wrong codes typed before this one."""
    code = (code or "").strip().replace(" ", "")
    if not code:
        raise ValidationError({"code": "error.required"})
    if tries >= codes.MAX_ATTEMPTS:
        raise ValidationError({"code": "codes.too_many_tries"})
    dummy_check(code)
    remaining = codes.MAX_ATTEMPTS - tries - 1
    raise ValidationError({"code": "codes.wrong" if remaining else "codes.too_many_tries"}, remaining=remaining)


def confirm_phone(session: Session, user_id_or_login: int | str, code: str, now: datetime | None = None) -> User:
    """Check the SMS code and activate the account."""
    user = user_ref(session, user_id_or_login)
    if user.phone_confirmed:
        raise ServiceError("accounts.already_confirmed")
    codes.verify_code(session, user, codes.PHONE_CONFIRM, code, now)
    user.phone_confirmed = True
    user.is_active = True
    session.add(user)
    session.flush()
    return user


# --- sign-in and lockouts ---------------------------------------------------------------------

def authenticate(session: Session, identifier: str, password: str, client_ip: str | None = None,
                 now: datetime | None = None) -> User:
    """The user signing in with login, e-mail or phone and password.

    Raises Locked("accounts.address_locked" / "accounts.locked", until=...),
    ServiceError("accounts.bad_credentials") or, with the right password for an account whose phone
    is not confirmed yet, ServiceError("accounts.not_confirmed", login=...).
    """
    now = now or utcnow()
    check_address(session, client_ip, now)
    user = find_user(session, identifier)
    if user is None:  # the same work and answers as for an account (lockout.py: unknown identifiers)
        check_unknown_lock(session, identifier, now)
        dummy_check(password)
        raise record_failure(session, None, client_ip, now, ServiceError("accounts.bad_credentials"),
                             identifier=identifier)
    check_user_lock(session, user, now)
    if not check_secret(password or "", user.password_hash):
        raise record_failure(session, user, client_ip, now, ServiceError("accounts.bad_credentials"))
    if not user.is_active:
        raise ServiceError("accounts.not_confirmed", login=user.login)
    if user.failed_logins or user.locked_until:
        user.failed_logins, user.locked_until = 0, None
        session.add(user)
    session.flush()
    return user


# --- profile ----------------------------------------------------------------------------------

def _check_current_password(session: Session, user: User, password: str, field: str, errors: dict,
                            now: datetime) -> None:
    """Profile changes ask for the current password; a wrong one counts towards the user's lock
    (someone at an unattended, signed-in browser must not guess it for ever)."""
    check_user_lock(session, user, now)
    if not password:
        errors[field] = v.REQUIRED
    elif not check_secret(password, user.password_hash):
        errors[field] = "accounts.wrong_password"
        raise record_failure(session, user, None, now, ValidationError(errors))
    if errors:
        raise ValidationError(errors)


def change_password(session: Session, user: User, old: str, new: str, confirm: str,
                    keep_token: str | None = None, now: datetime | None = None) -> None:
    """Fields: old_password, new_password, new_password_confirm. Other sessions end (not keep_token's).
    A wrong old password counts as a failed sign-in (Locked "accounts.locked" after 5)."""
    now = now or utcnow()
    errors = v.password_errors(new, confirm, field="new_password")
    if not errors and new == old:
        errors["new_password"] = "accounts.password_same"
    _check_current_password(session, user, old, "old_password", errors, now)
    set_password(session, user, new, keep_token=keep_token, now=now)


def change_email(session: Session, user: User, new_email: str, password: str, now: datetime | None = None) -> None:
    """Fields: email, password (a wrong one counts as a failed sign-in). The old address is told."""
    now = now or utcnow()
    errors = {}
    email = v.normalize_email(new_email)
    if key := v.check_email(email):
        errors["email"] = key
    elif email == user.email:
        errors["email"] = "accounts.email_same"
    elif taken(session, User.email, email, user.id):
        errors["email"] = "accounts.email_taken"
    _check_current_password(session, user, password, "password", errors, now)
    message(session, user, "email", "mail.email_changed", now=now, login=user.login, email=email)
    user.email = email
    session.add(user)
    session.flush()


def start_phone_change(session: Session, user: User, new_phone: str, now: datetime | None = None) -> None:
    """Field: phone. Texts a code to the NEW number; confirm_phone_change completes the change."""
    phone = v.normalize_phone(new_phone)
    key = v.check_phone(new_phone)
    if not key and phone == user.phone:
        key = "accounts.phone_same"
    elif not key and taken(session, User.phone, phone, user.id):
        key = "accounts.phone_taken"
    if key:
        raise ValidationError({"phone": key})
    send_code(session, user, codes.PHONE_CHANGE, phone, now)


def confirm_phone_change(session: Session, user: User, code: str, now: datetime | None = None) -> User:
    """Field: code (or phone when the number was taken meanwhile)."""
    row = codes.verify_code(session, user, codes.PHONE_CHANGE, code, now)
    if taken(session, User.phone, row.target, user.id):
        raise ValidationError({"phone": "accounts.phone_taken"})
    user.phone = row.target
    user.phone_confirmed = True
    session.add(user)
    session.flush()
    return user


def set_language(session: Session, user: User, lang: str) -> None:
    if v.check_language(lang):
        raise ValidationError({"language": "validation.language_unknown"})
    user.language = lang
    session.add(user)
    session.flush()


def roles_of(session: Session, user: User) -> set[str]:
    return set(session.exec(select(UserRole.role).where(UserRole.user_id == user.id)))
