"""Meetings run on the host's school's clock: a school in Vladivostok offers 15:00 as 15:00 there (not
at the instance's Moscow time), shows it so to the parent, and reminds on its own "tomorrow"."""

from datetime import datetime, timedelta

from mrko_app.services import clock, meetings
from mrko_app.state import school_life_views as views
from tests.services import diary_school


def test_slots_and_reminders_follow_the_schools_zone(db, monkeypatch):
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    s = diary_school.build(db)
    s.school.timezone = "Asia/Vladivostok"
    db.add(s.school)
    db.flush()
    day = clock.today("Asia/Vladivostok") + timedelta(days=3)
    slots = meetings.offer_slots(db, s.math_teacher, {"day": day.isoformat(), "start": "15:00", "end": "15:15",
                                                      "minutes": "15", "place": "Кабинет 21"})
    assert slots[0].starts_at == datetime.combine(day, datetime.min.time()) + timedelta(hours=5)  # UTC+10
    host = next(h for h in meetings.hosts_for_parent(db, s.parent) if h.id == s.math_teacher.id)
    assert views.slot_row(host.free[0], "ru")["time"] == "15:00"
    assert views.slot_row(meetings.host_schedule(db, s.math_teacher)[0], "ru")["time"] == "15:00"
    meetings.book(db, s.parent, [(slots[0].id, s.student.id)])
    # 15:00 UTC two days before: already the day before in Vladivostok (01:00), still two days before in Moscow
    now = slots[0].starts_at - timedelta(days=1, hours=14)
    assert meetings.send_reminders(db, now=now - timedelta(hours=2)) == 0
    assert meetings.send_reminders(db, now=now) == 1
