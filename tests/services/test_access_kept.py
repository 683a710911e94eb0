"""A worker remembers the row a parent's access check read (services/access/kept.py): the rule runs on
it every time, and any change of the link, the student or the parent's roles drops it at once, so the
next check meets the database and is refused."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import ParentChildLink, UserRole
from mrko_app.services import diary
from mrko_app.services.diary import context
from mrko_app.services.errors import PermissionDenied
from tests.services.query_count import counting

MON = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


@pytest.fixture
def s(diary_world):
    return diary_world


def _check(s, db, today=TODAY, parent=None):
    return context.checked_keys(db, parent or s.parent, s.student.id, today)


def _link(s, db) -> ParentChildLink:
    return db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == s.parent.id)).one()


def test_the_check_s_row_is_remembered_and_its_rule_runs_on_every_check(s, db, heard):
    link = _link(s, db)
    link.end_date = TODAY + timedelta(days=1)  # the link ends tomorrow
    db.add(link)
    db.commit()
    keys = _check(s, db)
    with counting(db) as n:
        assert _check(s, db) == keys
    assert n[0] == 0
    with pytest.raises(PermissionDenied):
        _check(s, db, today=TODAY + timedelta(days=1))  # tomorrow has come: no announcement needed
    with pytest.raises(PermissionDenied):  # a refusal is never remembered for anyone else either
        _check(s, db, parent=s.other_parent)
    with counting(db) as n, pytest.raises(PermissionDenied):
        _check(s, db, parent=s.other_parent)
    assert n[0] == 1


def test_an_ended_link_is_refused_at_once(s, db, heard):
    _check(s, db)
    link = _link(s, db)
    link.end_date = TODAY - timedelta(days=1)
    db.add(link)
    db.commit()
    with pytest.raises(PermissionDenied):
        _check(s, db)


def test_a_removed_link_or_one_moved_to_another_parent_is_refused_at_once(s, db, heard):
    _check(s, db)
    link = _link(s, db)
    link.parent_id = s.other_parent.id
    db.add(link)
    db.commit()
    with pytest.raises(PermissionDenied):
        _check(s, db)
    assert _check(s, db, parent=s.other_parent).student_id == s.student.id
    db.delete(link)
    db.commit()
    with pytest.raises(PermissionDenied):
        _check(s, db, parent=s.other_parent)


def test_a_student_who_left_is_refused_at_once(s, db, heard):
    _check(s, db)
    s.student.status = "left"
    db.add(s.student)
    db.commit()
    with pytest.raises(PermissionDenied):
        _check(s, db)


def test_a_student_moved_to_another_class_is_found_in_it_at_once(s, db, heard):
    assert _check(s, db).class_id == s.klass.id
    s.student.class_id = s.other_class.id
    db.add(s.student)
    db.commit()
    assert _check(s, db).class_id == s.other_class.id


def test_a_parent_whose_role_was_removed_is_refused_at_once(s, db, heard):
    _check(s, db)
    role = db.exec(select(UserRole).where(UserRole.user_id == s.parent.id, UserRole.role == "parent")).one()
    db.delete(role)
    db.commit()
    with pytest.raises(PermissionDenied):
        _check(s, db)


def test_a_remembered_week_is_refused_once_the_link_ended(s, db, heard):
    diary.week(db, s.parent, s.student.id, MON, today=TODAY)
    link = _link(s, db)
    link.end_date = TODAY
    db.add(link)
    db.commit()
    with pytest.raises(PermissionDenied):
        diary.week(db, s.parent, s.student.id, MON, today=TODAY)
