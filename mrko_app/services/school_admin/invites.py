"""One-time set-up links: a school's first staff member (sent by the department), its teachers,
staff and psychologist (sent by its staff), by e-mail or SMS through notifications.send.

The link holds a random token (only its sha256 is stored), lives INVITE_TTL and works once. Opening
it, a person either signs in first and accepts (a teacher of another school keeps one account and
gains this school's roles) or creates an account there: the invited contact counts as confirmed.
"""

import secrets
from datetime import datetime, timedelta
from urllib.parse import quote

from sqlmodel import Session, col, select

from mrko_app import config
from mrko_app.i18n import DEFAULT_LANGUAGE, tr
from mrko_app.models import School, StaffInvite, User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import validation as v
from mrko_app.services.accounts.verification_codes import token_hash
from mrko_app.services.errors import NotFound, ServiceError, ValidationError
from mrko_app.services.ids import require_id
from mrko_app.services.notify import messages as notifications
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.scope import school_for_staff

INVITE_TTL = timedelta(days=7)
INVITE_ROLES = ("teacher", "staff", "psychologist")
SETUP_PATH = "/setup"


def clean_person(form: dict) -> tuple[dict, dict[str, str]]:
    """surname, first_name, patronymic and contact (an e-mail or a mobile number) of an invitation."""
    raw = {f: str(form.get(f) or "") for f in ("surname", "first_name", "patronymic", "contact")}
    errors = {f: key for f, key in (("surname", v.check_name(raw["surname"])),
                                    ("first_name", v.check_name(raw["first_name"])),
                                    ("patronymic", v.check_name(raw["patronymic"], required=False))) if key}
    contact = raw["contact"].strip()
    data = {f: v.normalize_name(raw[f]) for f in ("surname", "first_name", "patronymic")}
    if "@" in contact:
        if key := v.check_email(contact):
            errors["contact"] = key
        data.update(channel="email", contact=v.normalize_email(contact))
    elif v.looks_like_phone(contact) and v.normalize_phone(contact):
        data.update(channel="sms", contact=v.normalize_phone(contact))
    else:
        errors["contact"] = "school_admin.contact_invalid"
    return data, errors


def clean_roles(roles) -> list[str]:
    chosen = [r for r in INVITE_ROLES if r in (roles or ())]
    if not chosen or any(r not in INVITE_ROLES for r in roles):
        raise ValidationError({"roles": "school_admin.roles_required"})
    return chosen


def send_invite(db: Session, actor: User, school: School, data: dict, roles: list[str],
                now: datetime | None = None) -> StaffInvite:
    """Create the invitation and send its link (the caller checked who may; `data` is clean_person's)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    invite = StaffInvite(school_id=school.id, surname=data["surname"], first_name=data["first_name"],
                         patronymic=data["patronymic"], channel=data["channel"], contact=data["contact"],
                         roles=list(roles), token_hash=token_hash(token), created_by=actor.id, created_at=now,
                         expires_at=now + INVITE_TTL)
    db.add(invite)
    db.flush()
    url = f"{config.app_origin()}{SETUP_PATH}?token={quote(token)}"
    lang = actor.language or DEFAULT_LANGUAGE
    params = {"school": school.name, "url": url, "days": INVITE_TTL.days, "name": data["first_name"]}
    if invite.channel == "email":
        subject, body = tr("mail.staff_invite.subject", lang, **params), tr("mail.staff_invite.body", lang, **params)
    else:
        subject, body = "", tr("sms.staff_invite", lang, **params)
    notifications.send(db, channel=invite.channel, recipient=invite.contact, subject=subject, body=body, now=now,
                       secrets=(url, token))
    audit.record(db, actor, school.id, "invite.create", person_name(invite), {},
                 {"contact": invite.contact, "roles": invite.roles}, now)
    return invite


def invite(db: Session, staff: User | None, school_id, form: dict, roles, now: datetime | None = None) -> StaffInvite:
    """Staff invite a teacher, staff member or psychologist of their own school."""
    school = school_for_staff(db, staff, school_id)
    data, errors = clean_person(form)
    try:
        chosen = clean_roles(roles)
    except ValidationError as exc:
        errors.update(exc.fields)
        chosen = []
    if errors:
        raise ValidationError(errors)
    return send_invite(db, staff, school, data, chosen, now)


def person_name(invite: StaffInvite) -> str:
    return " ".join(p for p in (invite.surname, invite.first_name, invite.patronymic) if p)


def invite_status(invite: StaffInvite, now: datetime | None = None) -> str:
    if invite.used_at is not None:
        return "used"
    if invite.revoked:
        return "revoked"
    return "expired" if invite.expires_at <= (now or utcnow()) else "pending"


def school_invites(db: Session, staff: User | None, school_id) -> list[StaffInvite]:
    school = school_for_staff(db, staff, school_id)
    return list(db.exec(select(StaffInvite).where(StaffInvite.school_id == school.id)
                        .order_by(col(StaffInvite.created_at).desc(), col(StaffInvite.id).desc())).all())


def revoke_invite(db: Session, staff: User | None, school_id, invite_id) -> StaffInvite:
    school = school_for_staff(db, staff, school_id)
    row = db.get(StaffInvite, require_id(invite_id))
    if row is None or row.school_id != school.id:
        raise NotFound()
    if invite_status(row) == "pending":
        row.revoked = True
        db.add(row)
        audit.record(db, staff, school.id, "invite.revoke", person_name(row), {"status": "pending"},
                     {"status": "revoked"})
    return row


# --- the person who opens the link ------------------------------------------------------------

def find_invite(db: Session, token: str, now: datetime | None = None) -> StaffInvite | None:
    """The pending invitation of `token`, or None (unknown, used, revoked, expired)."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    row = db.exec(select(StaffInvite).where(StaffInvite.token_hash == token_hash(token))).first()
    return row if row is not None and invite_status(row, now) == "pending" else None


def _open(db: Session, token: str, now: datetime | None) -> StaffInvite:
    row = find_invite(db, token, now)
    if row is None:
        raise ServiceError("school_admin.link_invalid")
    return row


def _grant(db: Session, row: StaffInvite, user: User, now: datetime) -> None:
    held = set(db.exec(select(UserRole.role).where(UserRole.user_id == user.id,
                                                   UserRole.school_id == row.school_id)).all())
    for role in row.roles:
        if role not in held:
            db.add(UserRole(user_id=user.id, role=role, school_id=row.school_id))
    row.used_at, row.user_id = now, user.id
    db.add(row)
    db.flush()
    audit.record(db, user, row.school_id, "invite.accept", person_name(row), {}, {"login": user.login,
                                                                                  "roles": row.roles}, now)


def accept_signed_in(db: Session, user: User | None, token: str, now: datetime | None = None) -> StaffInvite:
    """A signed-in person accepts: this school's roles join the roles they hold elsewhere."""
    now = now or utcnow()
    if user is None or not user.is_active:
        raise ServiceError("error.login_required")
    row = _open(db, token, now)
    _grant(db, row, user, now)
    return row


def accept_new(db: Session, token: str, form: dict, now: datetime | None = None) -> User:
    """Create the account from the link. Fields as registration's (login, password, password_confirm,
    the other contact, security_question, security_answer); the invited contact is fixed."""
    now = now or utcnow()
    row = _open(db, token, now)
    fields = {**form, "surname": row.surname, "first_name": row.first_name, "patronymic": row.patronymic}
    fields["email" if row.channel == "email" else "phone"] = row.contact
    data = accounts.clean_new_account(db, fields, "school_admin.taken_sign_in")
    user = accounts.account_from(data, is_active=True, phone_confirmed=row.channel == "sms", now=now)
    db.add(user)
    db.flush()
    _grant(db, row, user, now)
    return user
