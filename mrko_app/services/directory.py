"""The directory: the Department of Education and the school's departments and services. Anyone reads
it and sees only the fields staff have marked public; staff edit it.

The directory holds dozens of rows, so its search matches stems in Python over the rows read in one
query rather than keeping another full-text index."""

from sqlmodel import Session, select

from mrko_app.models import DirectoryContact, DirectoryUnit, User
from mrko_app.services import ids, search
from mrko_app.services.access import rules as access
from mrko_app.services.accounts import validation
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.forum import rules

FIELDS = ("address", "hours", "phone", "email")
LIMITS = {"name": (2, 120), "description": (0, 1000), "address": (0, 200), "hours": (0, 200), "phone": (0, 40),
          "email": (0, 254)}


def _matches(terms: list[str], texts: list[str]) -> bool:
    if not terms:
        return True
    have = set(search.stems(" ".join(texts)).split())
    return all(any(h.startswith(search._stem(t)) for h in have) for t in terms)


def units(db: Session, viewer: User | None, query="") -> list[dict]:
    """The units (public fields only unless the viewer is staff) whose text matches `query`."""
    staff = rules.is_moderator(db, viewer)
    rows = db.exec(select(DirectoryUnit).order_by(DirectoryUnit.school_id.is_not(None), DirectoryUnit.position,
                                                  DirectoryUnit.id)).all()
    contacts: dict[int, list[DirectoryContact]] = {}
    for c in db.exec(select(DirectoryContact).order_by(DirectoryContact.id)).all():
        if c.public or staff:
            contacts.setdefault(c.unit_id, []).append(c)
    terms = search.query_terms(query)
    out = []
    for u in rows:
        shown = {f: getattr(u, f) if (staff or getattr(u, f"show_{f}")) else "" for f in FIELDS}
        people = [{"id": c.id, "name": c.name, "post": c.post, "phone": c.phone, "email": c.email, "public": c.public}
                  for c in contacts.get(u.id, [])]
        texts = [u.name, u.description, *[p["name"] + " " + p["post"] for p in people]]
        if _matches(terms, texts):
            out.append({"id": u.id, "name": u.name, "description": u.description, **shown,
                        "department": u.school_id is None, "contacts": people,
                        **({f"show_{f}": getattr(u, f"show_{f}") for f in FIELDS} if staff else {})})
    return out


def _flag(value) -> bool:
    return value in (True, "on", "true", "1", 1)


def save_unit(db: Session, user: User | None, form) -> DirectoryUnit:
    """Create (no id) or change a unit from the editor's form; `show_<field>` checkboxes make a field public."""
    rules.require_moderator(db, user)
    schools = access.staff_school_ids(db, user)
    form = form if isinstance(form, dict) else {}
    unit = None
    if form.get("id") not in (None, "", "0", 0):
        unit = db.get(DirectoryUnit, ids.require_id(form.get("id")))
        if unit is None:
            raise NotFound()
    errors: dict[str, str] = {}
    values = {f: rules.text_field(form.get(f), f, lo, hi, errors) for f, (lo, hi) in LIMITS.items()}
    if values["email"] and validation.check_email(values["email"]):
        errors["email"] = "feedback.error.contact"
    if errors:
        raise ValidationError(errors)
    if unit is None:
        unit = DirectoryUnit(school_id=min(schools), name=values["name"])
    for f, v in values.items():
        setattr(unit, f, v)
    for f in FIELDS:
        setattr(unit, f"show_{f}", _flag(form.get(f"show_{f}")))
    db.add(unit)
    db.flush()
    return unit


def save_contact(db: Session, user: User | None, unit_id, form) -> DirectoryContact:
    rules.require_moderator(db, user)
    unit = db.get(DirectoryUnit, ids.require_id(unit_id))
    if unit is None:
        raise NotFound()
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    name = rules.text_field(form.get("name"), "contact_name", 2, 120, errors)
    post = rules.text_field(form.get("post"), "post", 0, 120, errors)
    phone = rules.text_field(form.get("phone"), "contact_phone", 0, 40, errors)
    email = rules.text_field(form.get("email"), "contact_email", 0, 254, errors)
    if errors:
        raise ValidationError(errors)
    contact = DirectoryContact(unit_id=unit.id, name=name, post=post, phone=phone, email=email,
                               public=_flag(form.get("public")))
    db.add(contact)
    db.flush()
    return contact


def delete_contact(db: Session, user: User | None, contact_id) -> None:
    rules.require_moderator(db, user)
    contact = db.get(DirectoryContact, ids.require_id(contact_id))
    if contact is None:
        raise NotFound()
    db.delete(contact)
    db.flush()
