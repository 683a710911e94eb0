"""Department administrators, from the command line of the instance (mrko_app/school_admin_cli.py):
whoever runs it holds the server, so there is no acting user; each change is still audited (no actor, no
school). A new administrator's account is checked as registration checks one; an existing account can
be given the role (one account across roles). The last administrator cannot be taken away."""

from sqlmodel import Session, select

from mrko_app.models import User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts.validation import normalize_login
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.scope import DEPARTMENT


def department_admins(db: Session) -> list[User]:
    return list(db.exec(select(User).join(UserRole, UserRole.user_id == User.id)
                        .where(UserRole.role == DEPARTMENT).order_by(User.surname, User.login)).all())


def add_department_admin(db: Session, form: dict) -> User:
    """A new account with the department role. Fields as registration's (surname, first_name, patronymic,
    email, phone, login, password, password_confirm, security_question, security_answer)."""
    data = accounts.clean_new_account(db, form, "school_admin.taken_grant")
    user = accounts.account_from(data, is_active=True, phone_confirmed=False, now=utcnow())
    db.add(user)
    db.flush()
    db.add(UserRole(user_id=user.id, role=DEPARTMENT, school_id=None))
    db.flush()
    audit.record(db, None, None, "department.create", user.full_name, {}, {"login": user.login})
    return user


def _by_login(db: Session, login: str) -> User:
    user = db.exec(select(User).where(User.login == normalize_login(login))).first()
    if user is None:
        raise NotFound()
    return user


def grant_department(db: Session, login: str) -> User:
    """Give an existing account the department role (nothing if it holds it)."""
    user = _by_login(db, login)
    if db.exec(select(UserRole.id).where(UserRole.user_id == user.id, UserRole.role == DEPARTMENT)).first() is None:
        db.add(UserRole(user_id=user.id, role=DEPARTMENT, school_id=None))
        db.flush()
        audit.record(db, None, None, "department.create", user.full_name, {}, {"login": user.login})
    return user


def revoke_department(db: Session, login: str) -> User:
    user = _by_login(db, login)
    rows = db.exec(select(UserRole).where(UserRole.role == DEPARTMENT).with_for_update()).all()
    mine = [r for r in rows if r.user_id == user.id]
    if not mine:
        raise NotFound()
    if len(rows) == len(mine):
        raise ValidationError({"login": "school_admin.last_department"})
    for row in mine:
        db.delete(row)
    db.flush()
    audit.record(db, None, None, "department.revoke", user.full_name, {"login": user.login}, {})
    return user
