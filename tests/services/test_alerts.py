"""Alerts: queued by the journal's hooks, delayed so a correction cancels them, held in quiet hours,
delivered in the app and by e-mail, one by one or in a daily digest. Times: naive UTC; Moscow is UTC+3."""

from datetime import date, datetime, timedelta

from sqlmodel import select

from mrko_app.models import AlertEvent, AlertRule, OutboxMessage
from mrko_app.services.alerts import delivery as alerts_delivery
from mrko_app.services.alerts import hooks as alerts
from tests.services.stats_school import build, link, user

NOW = datetime(2026, 10, 1, 7, 0)  # 10:00 in Moscow
MIN = timedelta(minutes=1)


def events(db, **where):
    db.flush()
    rows = db.exec(select(AlertEvent).order_by(AlertEvent.id)).all()
    return [e for e in rows if all(getattr(e, k) == v for k, v in where.items())]


def outbox(db, recipient):
    db.flush()
    return db.exec(select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id)).all()


def rule(db, w, **settings):
    r = AlertRule(parent_id=w.parent.id, student_id=w.child.id, **settings)
    db.add(r)
    db.flush()
    return r


def new_mark(w, value, day=date(2026, 9, 30), now=NOW, kind="answer", subject="Maths"):
    m = w.mark(w.child, subject, day, value, kind)
    alerts.on_mark_saved(w.db, m, None, now=now)
    return m


def change(w, mark, value, now, deleted=False):
    old = None if mark.is_debt or mark.deleted else mark.value
    mark.value, mark.deleted = value, deleted
    w.db.add(mark)
    alerts.on_mark_saved(w.db, mark, old, now=now)


def test_a_two_is_delivered_after_the_delay_in_the_app_and_by_email(db):
    w = build(db)
    rule(db, w, by_email=True)
    new_mark(w, 4)  # not low: nothing
    assert events(db) == []
    new_mark(w, 2)
    [event] = events(db)
    assert (event.kind, event.deliver_after, event.payload["to"]) == ("low_mark", NOW + 5 * MIN, 2)
    assert alerts_delivery.deliver_due(db, NOW + 4 * MIN)["delivered"] == 0
    assert outbox(db, w.parent.email) == []
    assert alerts_delivery.deliver_due(db, NOW + 5 * MIN) == {"delivered": 1, "emailed": 1, "digests": 0, "postponed": 0}
    assert event.delivered_at == NOW + 5 * MIN and event.emailed
    [message] = outbox(db, w.parent.email)
    assert message.body == "Kid0: a 2 in Maths (9/30/2026)." and message.user_id == w.parent.id
    assert alerts_delivery.deliver_due(db, NOW + 6 * MIN)["delivered"] == 0  # only once


def test_a_correction_within_the_delay_cancels_the_alert(db):
    w = build(db)
    rule(db, w, by_email=True)
    mark = new_mark(w, 2)
    change(w, mark, 4, NOW + 2 * MIN)  # the teacher meant a 4
    assert [e.cancelled for e in events(db)] == [True]
    assert alerts_delivery.deliver_due(db, NOW + 30 * MIN)["delivered"] == 0
    assert outbox(db, w.parent.email) == []
    deleted = new_mark(w, 2, now=NOW + 10 * MIN)
    change(w, deleted, 2, NOW + 11 * MIN, deleted=True)  # entered for the wrong child and deleted
    assert all(e.cancelled for e in events(db))
    assert alerts_delivery.deliver_due(db, NOW + 60 * MIN)["delivered"] == 0


def test_a_changed_mark_is_rewritten_and_its_delay_restarts(db):
    w = build(db)
    rule(db, w)
    mark = new_mark(w, 5)
    alerts_delivery.deliver_due(db, NOW + 10 * MIN)
    change(w, mark, 2, NOW + 60 * MIN)  # an old 5 becomes a 2
    [event] = events(db, cancelled=False)
    assert (event.kind, event.payload["from"], event.payload["to"]) == ("mark_changed", 5, 2)
    change(w, mark, 3, NOW + 63 * MIN)  # corrected again: still a change from the 5 the parent knows
    [event] = events(db, cancelled=False)
    assert (event.payload["from"], event.payload["to"], event.deliver_after) == (5, 3, NOW + 68 * MIN)
    assert alerts_delivery.deliver_due(db, NOW + 66 * MIN)["delivered"] == 0
    assert alerts_delivery.deliver_due(db, NOW + 68 * MIN)["delivered"] == 1
    from mrko_app.services.alerts import settings as alerts_settings

    [shown] = alerts_settings.delivered_alerts(db, w.parent)
    assert shown["text_en"] == "Kid0: the mark in Maths of 9/30/2026 was changed from 5 to 3."
    assert shown["delivered_at"] == datetime(2026, 10, 1, 11, 8)  # on the school's clock
    change(w, mark, 5, NOW + 120 * MIN)  # back to the 5 after delivery: a new change, 3 -> 5
    [event] = events(db, cancelled=False, delivered_at=None)
    assert (event.payload["from"], event.payload["to"]) == (3, 5)
    change(w, mark, 3, NOW + 121 * MIN)  # and back again before delivery: nothing to tell
    assert events(db, cancelled=False, delivered_at=None) == []


def test_a_removed_mark_and_changes_switched_off(db):
    w = build(db)
    r = rule(db, w)
    mark = new_mark(w, 4)
    change(w, mark, None, NOW + 1 * MIN, deleted=True)
    [event] = events(db)
    assert (event.kind, event.payload["from"], event.payload["to"]) == ("mark_changed", 4, None)
    alerts_delivery.deliver_due(db, NOW + 10 * MIN)
    from mrko_app.services.alerts import settings as alerts_settings

    assert alerts_settings.delivered_alerts(db, w.parent)[0]["text_ru"] == (
        "Kid0: оценка «4» по предмету «Maths-ru» за 30.09.2026 удалена.")
    r.on_mark_changed = False
    other = new_mark(w, 5, now=NOW + 20 * MIN)
    change(w, other, 4, NOW + 30 * MIN)
    assert events(db, cancelled=False, delivered_at=None) == []  # a change, not low: nothing
    change(w, other, 2, NOW + 40 * MIN)  # but a change to a 2 is still a low mark
    [event] = events(db, cancelled=False, delivered_at=None)
    assert event.kind == "low_mark" and event.payload["from"] == 4


def test_quiet_hours_hold_the_alert_until_morning(db):
    w = build(db)
    rule(db, w, by_email=True)  # quiet 22:00-07:00 local by default
    late = datetime(2026, 10, 1, 20, 30)  # 23:30 in Moscow
    new_mark(w, 2, now=late)
    [event] = events(db)
    assert event.deliver_after == datetime(2026, 10, 2, 4, 0)  # 07:00 in Moscow
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 2, 1, 0))["delivered"] == 0
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 2, 4, 0))["delivered"] == 1
    # a delay that ends inside the quiet hours waits too: 21:58 + 5 min
    new_mark(w, 2, now=datetime(2026, 10, 2, 18, 58))
    assert events(db, delivered_at=None)[0].deliver_after == datetime(2026, 10, 3, 4, 0)


def test_quiet_hours_are_on_the_childs_schools_clock(db, monkeypatch):
    """A child in Vladivostok (UTC+10): the parent's 22:00-07:00 are that school's night, not Moscow's."""
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    w = build(db)
    w.school.timezone = "Asia/Vladivostok"
    db.add(w.school)
    rule(db, w, by_email=True)
    new_mark(w, 2, now=datetime(2026, 10, 1, 13, 0))  # 16:00 in Moscow, 23:00 in Vladivostok
    [event] = events(db)
    assert event.deliver_after == datetime(2026, 10, 1, 21, 0)  # 07:00 in Vladivostok
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 20, 0))["delivered"] == 0
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 21, 0))["delivered"] == 1


def test_quiet_hours_changed_after_queueing_and_same_day_window(db):
    w = build(db)
    r = rule(db, w, quiet_start=0, quiet_end=0)
    new_mark(w, 2, now=datetime(2026, 10, 1, 19, 0))  # 22:00 local, no quiet hours: due at 22:05
    r.quiet_start, r.quiet_end = 13 * 60, 23 * 60  # the parent sets 13:00-23:00 meanwhile
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 19, 5)) == {
        "delivered": 0, "emailed": 0, "digests": 0, "postponed": 1}
    assert events(db)[0].deliver_after == datetime(2026, 10, 1, 20, 0)  # 23:00 local
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 20, 0))["delivered"] == 1


def test_daily_digest(db):
    w = build(db)
    rule(db, w, by_email=True, digest=True, digest_hour=18, delay_minutes=0)
    new_mark(w, 2, now=NOW)
    new_mark(w, 1 + 1, day=date(2026, 9, 29), now=NOW + 60 * MIN, subject="History")
    assert alerts_delivery.deliver_due(db, NOW + 61 * MIN)["delivered"] == 2  # in the app at once
    assert outbox(db, w.parent.email) == []  # the e-mail waits for the digest
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 14, 59))["digests"] == 0  # 17:59 local
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 15, 0))["digests"] == 1
    [digest] = outbox(db, w.parent.email)
    assert digest.subject == "MRKO Diary: 2 alerts for Kid0 today"
    assert digest.body.splitlines() == ["10:00  Kid0: a 2 in Maths (9/30/2026).",
                                        "11:00  Kid0: a 2 in History (9/29/2026)."]
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 16, 0))["digests"] == 0  # once a day
    new_mark(w, 2, now=datetime(2026, 10, 1, 16, 0))
    alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 16, 1))
    assert len(outbox(db, w.parent.email)) == 1
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 2, 15, 0))["digests"] == 1  # the next day's


def test_absences(db):
    w = build(db)
    rule(db, w, delay_minutes=10)
    a = w.attend(w.child, "Maths", date(2026, 9, 30), "absent", number=3)
    alerts.on_attendance_saved(db, a, None, now=NOW)
    [event] = events(db)
    assert (event.kind, event.payload["lesson_number"], event.deliver_after) == ("absence", 3, NOW + 10 * MIN)
    a.status = "valid"  # the parent had told the school: a valid reason
    alerts.on_attendance_saved(db, a, "absent", now=NOW + 2 * MIN)
    assert events(db)[0].cancelled
    b = w.attend(w.child, "History", date(2026, 9, 30), "absent", number=4)
    alerts.on_attendance_saved(db, b, None, now=NOW)
    alerts.on_attendance_saved(db, b, "absent", deleted=True, now=NOW + 1 * MIN)  # present after all
    assert all(e.cancelled for e in events(db))
    c = w.attend(w.child, "Russian", date(2026, 9, 30), "absent", number=5)
    alerts.on_attendance_saved(db, c, None, now=NOW)
    alerts_delivery.deliver_due(db, NOW + 10 * MIN)
    from mrko_app.services.alerts import settings as alerts_settings

    assert alerts_settings.delivered_alerts(db, w.parent)[0]["text_en"] == (
        "Kid0 was absent from Russian on 9/30/2026 (lesson 5).")
    c.status = "late"
    alerts.on_attendance_saved(db, c, "absent", now=NOW + 20 * MIN)  # already delivered: stays delivered
    assert len(events(db, cancelled=False)) == 1


def test_low_average_when_it_falls_below(db):
    w = build(db)
    rule(db, w, on_low_average=True, average_below=3.5, on_low_mark=False, on_mark_changed=False)
    new_mark(w, 4, day=date(2026, 9, 10))
    new_mark(w, 4, day=date(2026, 9, 11))
    assert events(db) == []
    low = new_mark(w, 2, day=date(2026, 9, 12), kind="control")  # (8 + 6) / 5 = 2.8
    [event] = events(db)
    assert (event.kind, event.payload["average"], event.payload["threshold"]) == ("low_average", 2.8, 3.5)
    new_mark(w, 3, day=date(2026, 9, 13), now=NOW + 1 * MIN)  # (14 + 3) / 6 = 2.83: still below, rewritten
    [event] = events(db)
    assert event.payload["average"] == 2.83 and not event.cancelled
    change(w, low, 4, NOW + 2 * MIN)  # (8 + 12 + 3) / 6 = 3.83: back above, cancelled
    assert events(db)[0].cancelled
    alerts_delivery.deliver_due(db, NOW + 60 * MIN)
    change(w, low, 2, NOW + 70 * MIN)  # falls again: a new alert
    assert [e.kind for e in events(db, cancelled=False)] == ["low_average"]
    alerts_delivery.deliver_due(db, NOW + 80 * MIN)
    new_mark(w, 2, day=date(2026, 9, 14), now=NOW + 90 * MIN)  # already below and told: no new alert
    assert len(events(db, cancelled=False)) == 1
    new_mark(w, 2, day=date(2026, 11, 14), now=NOW + 90 * MIN)  # another quarter, its first mark: below
    assert len(events(db, cancelled=False)) == 2


def test_every_linked_parent_with_their_own_settings_and_defaults(db):
    w = build(db)
    second = user(db, "parent", "Second")
    link(db, second, w.child, "Son")
    gone = user(db, "parent", "Gone")
    link(db, gone, w.child, end=date(2026, 9, 1))  # access ended
    rule(db, w, delay_minutes=0, by_email=True)
    new_mark(w, 2)
    by_parent = {e.parent_id: e for e in events(db)}
    assert set(by_parent) == {w.parent.id, second.id}
    assert by_parent[w.parent.id].deliver_after == NOW
    assert by_parent[second.id].deliver_after == NOW + 5 * MIN  # defaults: in the app after 5 minutes
    alerts_delivery.deliver_due(db, NOW + 5 * MIN)
    assert len(outbox(db, w.parent.email)) == 1 and outbox(db, second.email) == []
    from mrko_app.services.alerts import settings as alerts_settings

    assert alerts_settings.delivered_alerts(db, second)[0]["text_en"].startswith("Son: a 2")
    assert alerts_settings.unread_count(db, second) == 1
    assert alerts_settings.mark_seen(db, second) == 1
    assert alerts_settings.unread_count(db, second) == 0 and alerts_settings.unread_count(db, w.parent) == 1


def test_batches_take_a_fixed_number_of_reads(db):
    from tests.services.test_stats import _count_queries

    w = build(db)
    rule(db, w, on_low_average=True)
    for s in w.students[1:]:
        link(db, user(db, "parent", "P"), s)
    one = [(w.mark(w.child, "Maths", date(2026, 9, 2), 2), None)]
    many = [(w.mark(s, subject, date(2026, 9, 3 + i % 20), 2), None)
            for i, s in enumerate(w.students * 4) for subject in ("Maths", "History")]
    db.flush()
    reads_one = _count_queries(db, lambda: alerts.on_marks_saved(db, one, now=NOW), "SELECT")
    reads_many = _count_queries(db, lambda: alerts.on_marks_saved(db, many, now=NOW), "SELECT")
    kinds = [e.kind for e in events(db)]
    assert kinds.count("low_mark") == 1 + 48  # every 2, for each child's parent
    # Kid0's parent also watches averages: maths was already below with the first batch's marks in the
    # database; history falls below with the second batch
    assert [e.key for e in events(db) if e.kind == "low_average"] == [
        f"avg:{w.child.id}:{w.subjects['History'].id}:{w.periods[0].id}"]
    assert reads_one == reads_many
