"""`python -m mrko_app.school_admin_cli`: add, grant, list and revoke department administrators, each
audited; bad input and the last administrator refused with a message and nothing written."""

import io
from contextlib import contextmanager

from sqlmodel import select

from mrko_app import school_admin_cli as cli
from mrko_app.models import AuditEntry, User, UserRole
from mrko_app.services.accounts import core as accounts
from mrko_app.services.school_admin import scope
from tests.services.access_world import make_user


def _run(db, *argv, stdin=""):
    @contextmanager
    def scope_():
        yield db
        db.commit()

    out = io.StringIO()
    return cli.main(list(argv), session_scope=scope_, stdin=io.StringIO(stdin), out=out), out.getvalue()


ADD = ("add", "--surname", "Морозова", "--first-name", "Анна", "--email", "morozova@edu.example",
       "--phone", "+7 916 111-22-33", "--login", "morozova")


def test_the_cli_adds_a_department_administrator_who_can_sign_in_and_create_schools(db):
    code, _ = _run(db, *ADD, stdin="short\nshort\nМария\n")
    assert code == 1 and db.exec(select(User).where(User.login == "morozova")).first() is None
    code, out = _run(db, *ADD, stdin="dept-secret-1\ndept-secret-1\nМария\n")
    assert code == 0 and "morozova" in out
    user = db.exec(select(User).where(User.login == "morozova")).one()
    assert scope.require_department(db, user) is user
    assert accounts.authenticate(db, "morozova", "dept-secret-1").id == user.id
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "department.create")).one().after == {
        "login": "morozova"}
    code, _ = _run(db, *ADD, stdin="dept-secret-1\ndept-secret-1\nМария\n")
    assert code == 1  # the login, e-mail and phone are taken


def test_the_cli_grants_lists_and_revokes_but_keeps_the_last_administrator(db):
    first = make_user(db, "dept_first", ("department", None))
    teacher = make_user(db, "teacher_to_dept", ("teacher", None))
    db.commit()
    assert _run(db, "grant", "teacher_to_dept")[0] == 0
    assert _run(db, "grant", "nobody_here")[0] == 1
    code, out = _run(db, "list")
    assert code == 0 and "dept_first" in out and "teacher_to_dept" in out
    assert _run(db, "revoke", "dept_first")[0] == 0
    assert _run(db, "revoke", "teacher_to_dept")[0] == 1  # the last one
    roles = db.exec(select(UserRole.user_id).where(UserRole.role == "department")).all()
    assert roles == [teacher.id] and first.id not in roles
    assert [e.action for e in db.exec(select(AuditEntry).order_by(AuditEntry.id))] == [
        "department.create", "department.revoke"]
