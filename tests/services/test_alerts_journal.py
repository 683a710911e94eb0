"""The journal's write services hand every change to the alerts: a 2 queues an alert for the parent, a
correction within the delay cancels it, an absence queues one, marking the child present cancels it."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import AlertEvent, OutboxMessage
from mrko_app.services.alerts import delivery as alerts_delivery
from mrko_app.services.journal import entry as journal_entry
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    return build(db)


def _cell(js, lesson="sep7"):
    return js.ref(student_id=js.students[0].id, lesson_id=js.lessons[lesson].id, today=TODAY)


def _pending(db):
    db.flush()
    return db.exec(select(AlertEvent).where(AlertEvent.cancelled == False, AlertEvent.delivered_at == None)  # noqa: E711,E712
                   ).all()


def test_a_two_then_its_correction(db, js):
    mark = journal_entry.set_mark(db, js.teacher, **_cell(js), value="2")
    [event] = _pending(db)
    assert (event.parent_id, event.kind, event.payload["to"]) == (js.parent.id, "low_mark", 2)
    journal_entry.set_mark(db, js.teacher, **_cell(js), value="4", mark_id=mark.id, version=1)
    assert _pending(db) == []  # the teacher fixed the typo before the delay ran out
    assert alerts_delivery.deliver_due(db, datetime.now() + timedelta(days=1))["delivered"] == 0


def test_a_removed_mark_cancels_and_a_changed_old_mark_alerts(db, js):
    mark = journal_entry.set_mark(db, js.teacher, **_cell(js), value="2")
    journal_entry.clear_mark(db, js.teacher, **_cell(js), mark_id=mark.id, version=1)
    assert _pending(db) == []
    five = journal_entry.set_mark(db, js.teacher, **_cell(js, "sep14"), value="5")
    assert _pending(db) == []
    journal_entry.set_mark(db, js.teacher, **_cell(js, "sep14"), value="3", mark_id=five.id, version=1)
    [event] = _pending(db)
    assert (event.kind, event.payload["from"], event.payload["to"]) == ("mark_changed", 5, 3)


def test_absence_and_its_correction_and_delivery(db, js):
    row = journal_entry.set_attendance(db, js.teacher, **_cell(js), status="absent")
    [event] = _pending(db)
    assert event.kind == "absence" and event.key == f"att:{js.students[0].id}:{js.lessons['sep7'].id}"
    journal_entry.set_attendance(db, js.teacher, **_cell(js), status="", version=row.version)
    assert _pending(db) == []  # present after all
    row = journal_entry.set_attendance(db, js.teacher, **_cell(js, "sep14"), status="late")
    assert _pending(db) == []
    journal_entry.set_attendance(db, js.teacher, **_cell(js, "sep14"), status="absent", version=row.version)
    [event] = _pending(db)
    assert alerts_delivery.deliver_due(db, event.deliver_after)["delivered"] == 1  # (scheduled outside quiet hours)
    assert db.exec(select(OutboxMessage)).all() == []  # the default: in the app only, no e-mail
