"""What a finished provider sign-in does to accounts (the protocol is in services/accounts/oidc.py).

- A linked identity (`OidcIdentity`) of an active user: straight in (`sign_in`).
- First time: either the person links an existing MRKO account by giving its password once
  (`link_with_password`, counted like a sign-in towards the lockouts), or registers
  (`register_with_identity`) with the name, e-mail and phone pre-filled from the provider's claims
  (`prefill`), no password. The phone is confirmed by an SMS code as in the ordinary registration,
  unless the provider asserts phone_number_verified for that very number.
- The profile lists the identities (`identities`) and unlinks one (`unlink`), refusing the last way
  to sign in of an account that has no password.

Everything an action writes happens in the caller's one transaction: an error leaves nothing half-made.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from mrko_app.i18n import DEFAULT_LANGUAGE
from mrko_app.models import OidcIdentity, User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.identity import find_user, send_code, taken
from mrko_app.services.accounts.lockout import check_address, check_user_lock, dummy_check, record_failure
from mrko_app.services.accounts.passwords import check_secret
from mrko_app.services.errors import NotFound, ServiceError, ValidationError

REGISTER_FIELDS = ("surname", "first_name", "patronymic", "email", "phone", "login")


@dataclass(frozen=True)
class Pending:
    """A provider sign-in not linked to an account yet (kept server-side between the ticket and the choice)."""

    provider: str
    subject: str
    claims: dict = field(default_factory=dict)


def find_identity(session: Session, pending: Pending) -> OidcIdentity | None:
    return session.exec(select(OidcIdentity).where(OidcIdentity.provider == pending.provider,
                                                   OidcIdentity.subject == pending.subject)).first()


def sign_in(session: Session, pending: Pending, now: datetime | None = None) -> User | None:
    """The user this identity is linked to (inactive ones too: they still have a phone to confirm),
    or None for a first sign-in."""
    identity = find_identity(session, pending)
    if identity is None:
        return None
    user = session.get(User, identity.user_id)
    if user is None:
        return None
    if not user.is_active and user.phone_confirmed:
        raise ServiceError("oidc.account_disabled")  # switched off by the school: no way in
    identity.last_used_at = now or utcnow()
    session.add(identity)
    session.flush()
    return user


def _link(session: Session, user: User, pending: Pending, now: datetime) -> OidcIdentity:
    if find_identity(session, pending) is not None:
        raise ServiceError("oidc.identity_taken")
    mine = session.exec(select(OidcIdentity).where(OidcIdentity.user_id == user.id,
                                                   OidcIdentity.provider == pending.provider)).first()
    if mine is not None:
        raise ServiceError("oidc.already_linked")
    identity = OidcIdentity(user_id=user.id, provider=pending.provider, subject=pending.subject,
                            email=str(pending.claims.get("email", ""))[:254], created_at=now, last_used_at=now)
    session.add(identity)
    session.flush()
    return identity


def link_with_password(session: Session, pending: Pending, identifier: str, password: str,
                       client_ip: str | None = None, now: datetime | None = None) -> User:
    """Link the identity to the account whose login/e-mail/phone and password are given (fields
    identifier, password). A wrong password counts towards the user's and the address's locks."""
    now = now or utcnow()
    errors = {k: v.REQUIRED for k, val in (("identifier", identifier), ("password", password)) if not val}
    if errors:
        raise ValidationError(errors)
    check_address(session, client_ip, now)
    user = find_user(session, identifier)
    if user is None:
        dummy_check(password)
        raise record_failure(session, None, client_ip, now, ServiceError("accounts.bad_credentials"))
    check_user_lock(session, user, now)
    if not check_secret(password, user.password_hash):
        raise record_failure(session, user, client_ip, now, ServiceError("accounts.bad_credentials"))
    if not user.is_active:
        raise ServiceError("accounts.not_confirmed", login=user.login)
    _link(session, user, pending, now)
    return user


def _suggest_login(session: Session, email: str) -> str:
    base = v.normalize_login(email.split("@", 1)[0])
    base = "".join(ch for ch in base if ch.isascii() and (ch.isalnum() or ch in "._-"))[:30] or "parent"
    if v.check_login(base):
        base = ("parent" + base)[:30]
    candidate, n = base, 1
    while taken(session, User.login, candidate):
        n += 1
        candidate = f"{base}{n}"
    return candidate


def prefill(session: Session, pending: Pending) -> dict[str, str]:
    """The registration form as the provider's claims fill it (the person may still edit it)."""
    claims = pending.claims
    email = str(claims.get("email", ""))
    phone = str(claims.get("phone_number", ""))
    surname, first = str(claims.get("family_name", "")), str(claims.get("given_name", ""))
    if not (surname or first) and claims.get("name"):
        first, _, surname = str(claims["name"]).partition(" ")
    return {"surname": surname, "first_name": first, "patronymic": str(claims.get("middle_name", "")),
            "email": email, "phone": v.normalize_phone(phone) or phone, "login": _suggest_login(session, email)}


def phone_verified_by_provider(pending: Pending, phone: str | None) -> bool:
    claimed = v.normalize_phone(str(pending.claims.get("phone_number", "")))
    return pending.claims.get("phone_number_verified") is True and claimed is not None and claimed == phone


def register_with_identity(session: Session, pending: Pending, form: dict, language: str = DEFAULT_LANGUAGE,
                           now: datetime | None = None) -> User:
    """A new parent account linked to the identity, with no password. Active at once when the provider
    vouched for the phone; otherwise inactive until the texted code is confirmed (accounts.confirm_phone)."""
    now = now or utcnow()
    raw = {f: str(form.get(f) or "") for f in REGISTER_FIELDS}
    errors = {f: key for f, key in {
        "surname": v.check_name(raw["surname"]), "first_name": v.check_name(raw["first_name"]),
        "patronymic": v.check_name(raw["patronymic"], required=False), "email": v.check_email(raw["email"]),
        "phone": v.check_phone(raw["phone"]), "login": v.check_login(raw["login"]),
    }.items() if key}
    data = {"surname": v.normalize_name(raw["surname"]), "first_name": v.normalize_name(raw["first_name"]),
            "patronymic": v.normalize_name(raw["patronymic"]), "email": v.normalize_email(raw["email"]),
            "phone": v.normalize_phone(raw["phone"]), "login": v.normalize_login(raw["login"])}
    for name, column in (("login", User.login), ("email", User.email), ("phone", User.phone)):
        if name not in errors and taken(session, column, data[name]):
            errors[name] = f"accounts.{name}_taken"
    if errors:
        raise ValidationError(errors)
    if find_identity(session, pending) is not None:
        raise ServiceError("oidc.identity_taken")
    verified = phone_verified_by_provider(pending, data["phone"])
    user = User(**data, password_hash="", language=language if not v.check_language(language) else DEFAULT_LANGUAGE,
                is_active=verified, phone_confirmed=verified, created_at=now)
    session.add(user)
    session.flush()
    session.add(UserRole(user_id=user.id, role="parent"))
    _link(session, user, pending, now)
    if not verified:
        send_code(session, user, codes.PHONE_CONFIRM, user.phone, now)
    return user


# --- the profile ------------------------------------------------------------------------------

def identities(session: Session, user: User) -> list[OidcIdentity]:
    query = select(OidcIdentity).where(OidcIdentity.user_id == user.id).order_by(col(OidcIdentity.id))
    return list(session.exec(query))


def unlink(session: Session, user: User, identity_id: int) -> None:
    """Remove one of the user's own identities; the last way to sign in of a password-less account stays."""
    identity = session.get(OidcIdentity, identity_id) if isinstance(identity_id, int) else None
    if identity is None or identity.user_id != user.id:
        raise NotFound("oidc.identity_not_found")
    if not user.password_hash and len(identities(session, user)) <= 1:
        raise ServiceError("oidc.last_way_in")
    session.delete(identity)
    session.flush()
