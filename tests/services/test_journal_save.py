"""A journal keystroke: write, read back and re-propose in one call with one access check."""

import pytest

from mrko_app.services.access import rules as access
from mrko_app.services.errors import Conflict, PermissionDenied
from mrko_app.services.journal import save as journal_save
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    return build(db)


def _save(db, js, who=None, lesson="sep7", student=0, **kw):
    return journal_save.save_cell(db, who or js.teacher, **js.ref(student_id=js.students[student].id,
                                                                   lesson_id=js.lessons[lesson].id, today=TODAY), **kw)


def test_a_new_mark_comes_back_with_the_cell_and_the_proposal(db, js):
    saved = _save(db, js, op="mark", value="5")
    assert [m.value for m in saved.marks] == [5] and saved.attendance is None
    assert (saved.proposal.average, saved.proposal.proposed) == (5.0, 5)
    again = _save(db, js, lesson="sep14", op="mark", value="2")
    assert (again.proposal.average, again.proposal.proposed) == (3.5, 3)


def test_changing_clearing_and_attendance_go_through_one_call(db, js):
    first = _save(db, js, op="mark", value="4").marks[0]
    changed = _save(db, js, op="mark", value="3", mark_id=first.id, version=first.version)
    assert [m.value for m in changed.marks] == [3] and changed.proposal.proposed == 3
    cleared = _save(db, js, op="clear", mark_id=first.id, version=changed.marks[0].version)
    assert cleared.marks == [] and cleared.proposal.average is None
    absent = _save(db, js, op="att", value="absent")
    assert absent.attendance.status == "absent"
    present = _save(db, js, op="clear", att_version=absent.attendance.version)
    assert present.attendance is None


def test_the_journal_is_checked_once_and_a_stale_version_is_a_conflict(db, js, monkeypatch):
    first = _save(db, js, op="mark", value="4").marks[0]
    seen = first.version
    calls = []
    real = access.require_journal_access
    monkeypatch.setattr(access, "require_journal_access", lambda *a, **k: calls.append(1) or real(*a, **k))
    _save(db, js, op="mark", value="5", mark_id=first.id, version=seen)
    assert len(calls) == 1
    with pytest.raises(Conflict):
        _save(db, js, op="mark", value="3", mark_id=first.id, version=seen)
    with pytest.raises(PermissionDenied):
        _save(db, js, who=js.other_teacher, op="mark", value="5")
