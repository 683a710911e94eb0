"""The demo on each backend (SQLite and PostgreSQL): beside existing data, idempotent, deterministic."""

from datetime import date

from sqlalchemy import func, select

from mrko_app import models as m
from mrko_app.demo import load_demo
from mrko_app.services.accounts.passwords import hash_secret
from tests.demo.conftest import TODAY, fingerprint


def _counts(session) -> dict:
    tables = [m.School, m.User, m.UserRole, m.Student, m.SchoolClass, m.Lesson, m.Mark, m.MarkHistory,
              m.Attendance, m.Homework, m.FinalMark, m.ParentChildLink, m.TimetableSlot, m.Holiday]
    return {t.__tablename__: session.execute(select(func.count()).select_from(t)).scalar() for t in tables}


def test_demo_loads_beside_user_data_idempotently_and_deterministically(db, demo):
    # someone's own data is there first, including a phone number the demo would otherwise hand out
    other = m.School(name="Another school", short_name="Другая школа")
    db.add(other)
    db.flush()
    user = m.User(surname="Пользователь", first_name="Свой", email="own@example.org", login="own.user",
                  phone="+79990000001", password_hash=hash_secret("own12345"))
    db.add(user)
    db.flush()
    db.add(m.UserRole(user_id=user.id, role="parent"))
    db.flush()

    summary = load_demo(db, today=TODAY)
    assert summary.created
    counts = _counts(db)
    assert counts["school"] == 2 and counts["schoolclass"] >= 6 and counts["student"] >= 150

    again = load_demo(db, today=TODAY)
    assert not again.created and again.school_id == summary.school_id
    assert _counts(db) == counts
    assert db.get(m.School, other.id).name == "Another school"
    assert db.get(m.User, user.id).login == "own.user"
    assert db.execute(select(m.User.phone).where(m.User.login == "teacher1")).scalar() != "+79990000001"

    # the same seed gives the same school as the module's SQLite load, on either backend
    module_session, module_summary = demo
    assert fingerprint(db, summary.school_id) == fingerprint(module_session, module_summary.school_id)
    assert summary.counts == module_summary.counts
    assert summary.journal_until == date(2026, 11, 27)
