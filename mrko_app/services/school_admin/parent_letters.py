"""Parents' contacts in the roster file: an e-mail and/or a mobile number a row (optional columns
parent_email, parent_phone). On import every such student gets a fresh diary access code
(access/codes.issue_code: hashed, single use, 30 days) sent to the contacts through services/notify,
the code redacted in the stored copy. The contacts are not kept: the code is the invitation, and the
parent who redeems it sets up the link as with a printed envelope."""

from sqlmodel import Session

from mrko_app import config, routes
from mrko_app.i18n import DEFAULT_LANGUAGE, tr
from mrko_app.models import School, Student, User
from mrko_app.services.access import codes as access_codes
from mrko_app.services.accounts import validation as v
from mrko_app.services.notify import messages as notifications
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.dates import fmt

COLUMNS = ("parent_email", "parent_phone")
ALIASES = {"e-mail родителя": "parent_email", "email родителя": "parent_email", "почта родителя": "parent_email",
           "телефон родителя": "parent_phone"}


def clean_contacts(record: dict) -> tuple[dict[str, str], dict[str, str]]:
    """({"email": ..., "sms": ...} the given contacts, normalised; errors beside their columns)."""
    contacts, errors = {}, {}
    email, phone = str(record.get("parent_email") or "").strip(), str(record.get("parent_phone") or "").strip()
    if email:
        if key := v.check_email(email):
            errors["parent_email"] = key
        else:
            contacts["email"] = v.normalize_email(email)
    if phone:
        normal = v.normalize_phone(phone) if v.looks_like_phone(phone) else None
        if normal:
            contacts["sms"] = normal
        else:
            errors["parent_phone"] = "school_admin.parent_phone_invalid"
    return contacts, errors


def send_code(db: Session, staff: User, school: School, student: Student, class_name: str,
              contacts: dict[str, str]) -> None:
    """A new access code for the student, sent to each contact; an audit entry names where it went."""
    if not contacts:
        return
    code, plain = access_codes.issue_code(db, staff, student.id)
    lang = staff.language or DEFAULT_LANGUAGE
    params = {"school": school.name, "student": student.full_name, "class_name": class_name, "code": plain,
              "until": fmt(code.expires_at.date()), "url": f"{config.app_origin()}{routes.REDEEM}"}
    for channel, recipient in contacts.items():
        if channel == "email":
            subject, body = tr("mail.parent_code.subject", lang, **params), tr("mail.parent_code.body", lang, **params)
        else:
            subject, body = "", tr("sms.parent_code", lang, **params)
        notifications.send(db, channel=channel, recipient=recipient, subject=subject, body=body, secrets=(plain,))
    audit.record(db, staff, school.id, "parent.code_sent", student.full_name, {}, {"contacts": list(contacts.values())})
