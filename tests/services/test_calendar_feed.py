"""Calendar feeds: the token is stored hashed, revoking and regenerating end the old URL, the calendar
parses with `icalendar`, carries the school's time zone, stable UIDs and STATUS:CANCELLED."""

from datetime import timedelta

import icalendar
import pytest
from sqlmodel import select
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient

from mrko_app.api import calendar_feed as api
from mrko_app.models import CalendarFeed
from mrko_app.services import calendar_feed, clock, meetings
from mrko_app.services.errors import NotFound, ValidationError
from tests.services import diary_school


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.day = clock.today() + timedelta(days=2)
    school.offered = meetings.offer_slots(db, school.math_teacher, {
        "day": school.day.isoformat(), "start": "15:00", "end": "15:30", "minutes": "15", "place": "Кабинет 21"})
    lesson = school.lesson(clock.today() + timedelta(days=1), 1)
    school.homework(lesson, "Задача 5", clock.today() + timedelta(days=3))
    return school


def _parse(s, token) -> list:
    body = calendar_feed.render(s.db, token)
    assert body is not None
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_token_is_stored_hashed_and_regenerating_revokes_the_old_one(s):
    token = calendar_feed.create(s.db, s.parent, "all")
    stored = s.db.exec(select(CalendarFeed)).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    newer = calendar_feed.create(s.db, s.parent, "all")
    assert calendar_feed.render(s.db, token) is None and calendar_feed.render(s.db, newer) is not None
    [feed] = calendar_feed.feeds(s.db, s.parent)
    calendar_feed.revoke(s.db, s.parent, feed.id)
    assert calendar_feed.render(s.db, newer) is None
    for bad in (None, "", "x" * 43, 12, "a" * 500):
        assert calendar_feed.render(s.db, bad) is None


def test_only_the_owner_revokes(s):
    calendar_feed.create(s.db, s.parent, "meetings")
    [feed] = calendar_feed.feeds(s.db, s.parent)
    for bad in (feed.id, None, "x", 2**63):
        with pytest.raises(NotFound):
            calendar_feed.revoke(s.db, s.other_parent, bad)
    with pytest.raises(ValidationError):
        calendar_feed.create(s.db, s.parent, {"kind": "all"})


def test_booking_lessons_and_homework_are_in_the_feed_with_the_school_time_zone(s):
    booking = meetings.book(s.db, s.parent, [[s.offered[0].id, s.student.id]])[0]
    events = _parse(s, calendar_feed.create(s.db, s.parent, "all"))
    by_uid = {str(e["UID"]): e for e in events}
    meeting = by_uid[f"meeting-{booking.id}@mrko.school"]
    assert meeting["STATUS"] == "CONFIRMED" and str(meeting["LOCATION"]) == "Кабинет 21"
    start = meeting.decoded("DTSTART")
    assert str(start.tzinfo) == clock.zone().key and start.strftime("%H:%M") == "15:00"
    assert any(uid.startswith("lesson-") for uid in by_uid) and any(uid.startswith("homework-") for uid in by_uid)
    body = calendar_feed.render(s.db, calendar_feed.create(s.db, s.parent, "meetings")).decode()
    assert "BEGIN:VTIMEZONE" in body and "lesson-" not in body
    # the other parent's feed (6Б) holds nothing of Петя's
    other = _parse(s, calendar_feed.create(s.db, s.other_parent, "all"))
    assert other == []


def test_a_cancelled_booking_stays_with_the_same_uid_as_cancelled(s):
    booking = meetings.book(s.db, s.parent, [[s.offered[0].id, s.student.id]])[0]
    token = calendar_feed.create(s.db, s.parent, "meetings")
    meetings.cancel(s.db, s.math_teacher, booking.id, "Совещание")
    [event] = _parse(s, token)
    assert str(event["UID"]) == f"meeting-{booking.id}@mrko.school" and event["STATUS"] == "CANCELLED"
    host = _parse(s, calendar_feed.create(s.db, s.math_teacher, "meetings"))
    assert [e["STATUS"] for e in host] == ["CANCELLED"]


def test_the_http_route_answers_404_for_an_unknown_token(monkeypatch):
    monkeypatch.setattr(api, "_render", lambda token: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" if token == "good" else None)
    client = TestClient(api.mount(PlainTextResponse("the rest of the app")))
    ok = client.get("/calendar/good.ics")
    assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/calendar")
    missing = client.get("/calendar/wrong.ics")
    assert missing.status_code == 404 and missing.text == "Not Found"
    assert client.get("/other").text == "the rest of the app"
