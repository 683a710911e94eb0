"""Events and the calendar feed run on the event's school's clock: a class teacher in Vladivostok who
sets 09:00 means 09:00 there (not at the instance's Moscow time); the calendar, the edit form and the
feed (events and lessons) say 09:00 in that zone, and the month keeps an event on its own school's day."""

from datetime import datetime, time, timedelta

import icalendar

from mrko_app.services import clock, events
from mrko_app.services.calendar_feed import ical
from mrko_app.state import school_life_views as views
from tests.services import diary_school

ZONE = "Asia/Vladivostok"  # UTC+10, seven hours ahead of Moscow


def _school(db, monkeypatch):
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    s = diary_school.build(db)
    s.school.timezone = ZONE
    db.add(s.school)
    db.flush()
    return s


def test_an_event_is_set_shown_and_edited_on_its_schools_clock(db, monkeypatch):
    s = _school(db, monkeypatch)
    day = clock.today(ZONE) + timedelta(days=5)
    event = events.create_event(db, s.class_teacher, {
        "target": f"class:{s.klass.id}", "title": "Собрание", "place": "Кабинет 21",
        "starts": f"{day.isoformat()}T09:00", "ends": f"{day.isoformat()}T10:00", "meeting": "on"})
    assert event.starts_at == datetime.combine(day, time()) - timedelta(hours=1)  # 09:00 at UTC+10
    [entry] = [e for e in events.between(db, s.parent, day, day) if e.event_id == event.id]
    assert views.entry_row(entry, "ru")["when"].endswith("09:00–10:00")
    assert events.for_editing(db, s.class_teacher, event.id)["starts"] == f"{day.isoformat()}T09:00"
    # 01:00 there is still the previous evening in Moscow: the event stays on its own school's day
    early = events.create_event(db, s.class_teacher, {
        "target": f"class:{s.klass.id}", "title": "Зарядка", "place": "Спортзал",
        "starts": f"{day.isoformat()}T01:00", "ends": f"{day.isoformat()}T01:30"})
    assert early.id in {e.event_id for e in events.between(db, s.parent, day, day)}
    assert early.id not in {e.event_id for e in events.between(db, s.parent, day - timedelta(days=1),
                                                               day - timedelta(days=1))}


def test_the_feed_gives_events_and_lessons_in_the_schools_zone(db, monkeypatch):
    s = _school(db, monkeypatch)
    day = clock.today(ZONE) + timedelta(days=2)
    event = events.create_event(db, s.class_teacher, {
        "target": f"class:{s.klass.id}", "title": "Экскурсия", "place": "Музей",
        "starts": f"{day.isoformat()}T09:00", "ends": f"{day.isoformat()}T12:00"})
    lesson = s.lesson(day, 1, s.math)
    cal = icalendar.Calendar.from_ical(ical.build(db, s.parent, "all"))
    assert str(cal["x-wr-timezone"]) == ZONE
    found = {str(c["uid"]).split("@")[0]: c.decoded("dtstart") for c in cal.walk("VEVENT")}
    starts = found[f"event-{event.id}"]
    assert (starts.hour, starts.minute, starts.utcoffset()) == (9, 0, timedelta(hours=10))
    at = found[f"lesson-{lesson.id}"]
    assert (at.time(), at.utcoffset()) == (lesson.start_time, timedelta(hours=10))


def test_absence_notices_are_stamped_on_the_childs_schools_clock(db, monkeypatch):
    from mrko_app.services import absence

    s = _school(db, monkeypatch)
    day = clock.today(ZONE) + timedelta(days=1)
    notice = absence.create_notice(db, s.parent, s.student.id, day.isoformat(), day.isoformat(), "Врач")
    local = clock.to_local(notice.created_at, ZONE)
    assert local != clock.to_local(notice.created_at, "Europe/Moscow")
    assert [n["created"] for n in absence.child_notices(db, s.parent, s.student.id)] == [local]
    assert [n["created"] for n in absence.class_notices(db, s.class_teacher)] == [local]


def test_a_persons_own_hours_are_read_on_their_schools_clock(db, monkeypatch):
    """clock.person_zones: the school one works at, else one's child's school, else the instance's (absent);
    the pages then show a post's time on it (news_row)."""
    from mrko_app.services.news import NewsItem
    from tests.services.diary_school import make_user

    s = _school(db, monkeypatch)
    stranger = make_user(db, "Прохожий", "Иван", "", "parent")
    zones = clock.person_zones(db, [s.parent.id, s.class_teacher.id, stranger.id])
    assert zones == {s.parent.id: ZONE, s.class_teacher.id: ZONE}
    item = NewsItem(1, "Ярмарка", "", False, datetime(2026, 12, 1, 23, 30), None, (), False)
    assert views.news_row(item, "ru", zones[s.parent.id])["when"] == "02.12.2026 09:30"
