"""What changes after publishing: events edited and cancelled (STATUS:CANCELLED in the feed), a host
withdrawing offered times (a booked one: cancelled with a reason, the parents told), a parent's feed
holding only the chosen children, and the school's clock moved on a development instance only."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from sqlmodel import select

from mrko_app.models import MeetingBooking, MeetingCancellation, MeetingSlot, OutboxMessage, ParentChildLink, Student
from mrko_app.services import calendar_feed, clock, events, meetings
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    # Петя's sister in the other class: a parent of two children in two classes
    school.sister = Student(school_id=school.school.id, class_id=school.other_class.id, surname="Иванова",
                            first_name="Аня", birth_date=date(2013, 3, 1))
    db.add(school.sister)
    db.flush()
    db.add(ParentChildLink(parent_id=school.parent.id, student_id=school.sister.id, page_name="Аня",
                           start_date=date(2026, 8, 1)))
    db.flush()
    return school


def _moment(days: int, hour: int) -> str:
    return datetime.combine(clock.today() + timedelta(days=days), datetime.min.time()).replace(hour=hour) \
        .strftime("%Y-%m-%dT%H:%M")


def _event(s, user, target, title="Собрание", **form):
    return events.create_event(s.db, user, {"target": target, "title": title, "place": "Зал",
                                            "starts": _moment(2, 18), "ends": _moment(2, 19), **form})


def _feed(s, user, kind="events", children=None) -> dict[str, icalendar.Event]:
    body = calendar_feed.render(s.db, calendar_feed.create(s.db, user, kind, children))
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_an_event_is_edited_and_cancelled_by_its_author_or_staff_only(s):
    event = _event(s, s.class_teacher, f"class:{s.klass.id}")
    for intruder in (s.math_teacher, s.parent):
        with pytest.raises(PermissionDenied):
            events.update_event(s.db, intruder, event.id, {"target": f"class:{s.klass.id}", "title": "x", "place": "y",
                                                           "starts": _moment(2, 18), "ends": _moment(2, 19)})
        with pytest.raises(PermissionDenied):
            events.cancel_event(s.db, intruder, event.id)
    with pytest.raises(ValidationError) as err:
        events.update_event(s.db, s.class_teacher, event.id, {"target": f"class:{s.klass.id}", "title": "",
                                                              "place": "Зал", "starts": _moment(2, 18), "ends": _moment(2, 17)})
    assert set(err.value.fields) == {"title", "ends"}
    events.update_event(s.db, s.class_teacher, event.id, {**events.for_editing(s.db, s.staff, event.id),
                                                          "title": "Собрание (перенос)", "place": "Кабинет 5"})
    [entry] = [e for e in events.between(s.db, s.parent, clock.today(), clock.today() + timedelta(days=7))
               if e.event_id == event.id]
    assert entry.title == "Собрание (перенос)" and entry.place == "Кабинет 5" and not entry.editable
    assert [e.editable for e in events.between(s.db, s.class_teacher, clock.today(), clock.today() + timedelta(days=7))
            if e.event_id == event.id] == [True]
    events.cancel_event(s.db, s.staff, event.id)
    assert _feed(s, s.parent)["Собрание (перенос)"]["STATUS"] == "CANCELLED"
    with pytest.raises(NotFound):  # a cancelled event is no longer edited
        events.for_editing(s.db, s.class_teacher, event.id)


def test_a_week_spanning_two_months_holds_both_months_entries(s):
    first = _event(s, s.staff, f"school:{s.school.id}", "Раньше")
    entries = events.between(s.db, s.parent, clock.today() - timedelta(days=3), clock.today() + timedelta(days=3))
    assert first.id in {e.event_id for e in entries}


def test_withdrawing_a_booked_time_cancels_it_with_the_reason_and_tells_the_parents(s):
    day = clock.today() + timedelta(days=3)
    free, booked = meetings.offer_slots(s.db, s.math_teacher, {"day": day.isoformat(), "start": "15:00", "end": "15:30",
                                                               "minutes": "15", "place": "Кабинет 21"})
    [booking] = meetings.book(s.db, s.parent, [[booked.id, s.student.id]])
    booking_id = booking.id
    with pytest.raises(NotFound):
        meetings.withdraw_slot(s.db, s.class_teacher, booked.id, "x")  # not their time
    with pytest.raises(ValidationError):
        meetings.withdraw_slot(s.db, s.math_teacher, booked.id, "")  # a booked one needs a reason
    meetings.withdraw_slot(s.db, s.math_teacher, free.id)
    meetings.withdraw_slot(s.db, s.math_teacher, booked.id, "Заболела")
    assert s.db.get(MeetingBooking, booking_id) is None
    record = s.db.exec(select(MeetingCancellation).where(MeetingCancellation.booking_id == booking_id)).one()
    assert record.reason == "Заболела"
    told = s.db.exec(select(OutboxMessage).where(OutboxMessage.user_id == s.parent.id)).all()
    assert any("Заболела" in m.body for m in told)
    assert meetings.host_schedule(s.db, s.math_teacher) == []
    assert all(not h.free for h in meetings.hosts_for_parent(s.db, s.parent))
    body = calendar_feed.render(s.db, calendar_feed.create(s.db, s.parent, "meetings"))
    [cancelled] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert cancelled["STATUS"] == "CANCELLED" and str(cancelled["UID"]) == f"meeting-{booking_id}@mrko.school"
    # offered again, the same times come back
    again = meetings.offer_slots(s.db, s.math_teacher, {"day": day.isoformat(), "start": "15:00", "end": "15:30",
                                                        "minutes": "15", "place": "Кабинет 22"})
    assert {x.id for x in again} == {free.id, booked.id}
    assert not s.db.get(MeetingSlot, free.id).withdrawn


def test_a_parent_chooses_the_children_a_feed_holds(s):
    _event(s, s.class_teacher, f"class:{s.klass.id}", "Собрание 5А")
    _event(s, s.staff, f"class:{s.other_class.id}", "Собрание 6Б")
    _event(s, s.staff, f"school:{s.school.id}", "Концерт")
    assert set(_feed(s, s.parent)) == {"Собрание 5А", "Собрание 6Б", "Концерт"}
    assert set(_feed(s, s.parent, children=[s.student.id])) == {"Собрание 5А", "Концерт"}
    assert set(_feed(s, s.parent, children=[str(s.sister.id)])) == {"Собрание 6Б", "Концерт"}
    named = {f.children for f in calendar_feed.feeds(s.db, s.parent)}
    assert ("Петя",) in named and ("Аня",) in named and () in named
    for bad in ([s.other_student.id], ["x"], [2**63]):  # someone else's child, or no child at all
        with pytest.raises(NotFound):
            calendar_feed.create(s.db, s.parent, "events", bad)
    with pytest.raises(ValidationError):
        calendar_feed.create(s.db, s.parent, "events", "1,2")
    # a child unlinked later drops out of the feed that chose them
    token = calendar_feed.create(s.db, s.parent, "events", [s.sister.id])
    link = s.db.exec(select(ParentChildLink).where(ParentChildLink.student_id == s.sister.id)).one()
    link.end_date = clock.today() - timedelta(days=1)
    s.db.add(link)
    s.db.flush()
    titles = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(calendar_feed.render(s.db, token)).walk("VEVENT")}
    assert "Собрание 6Б" not in titles


def test_the_schools_clock_moves_on_a_development_instance_only(monkeypatch, tmp_path):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    real = clock.now()
    clock.set_offset(3 * 86400)
    assert timedelta(days=3) <= clock.now() - real < timedelta(days=3, minutes=1)
    assert clock.today() >= clock.to_local(real).date() + timedelta(days=3)
    monkeypatch.setenv("MRKO_ENV", "production")
    assert clock.now() - real < timedelta(minutes=1)  # the file is there, and not read
    with pytest.raises(RuntimeError):
        clock.set_offset(0)
    monkeypatch.setenv("MRKO_ENV", "demo")
    clock.set_offset(0)
    assert clock.now() - real < timedelta(minutes=1)
    (tmp_path / clock.OFFSET_FILE).write_text("not a number")
    assert clock.offset() == timedelta()


def test_the_demo_clock_command_moves_and_resets(monkeypatch, tmp_path, capsys):
    from mrko_app.demo import clock as command

    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    assert command.main(["2h"]) == 0 and clock.offset() == timedelta(hours=2)
    assert command.main(["-90m"]) == 0 and clock.offset() == -timedelta(minutes=90)
    assert command.main(["0"]) == 0 and clock.offset() == timedelta()
    with pytest.raises(ValueError):
        command.parse("tomorrow")
    monkeypatch.setenv("MRKO_ENV", "production")
    assert command.main(["2h"]) == 2
