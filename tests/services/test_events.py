"""The school calendar: who sees which events, holidays and periods, booked meetings; who may add."""

from datetime import timedelta

import pytest

from mrko_app.services import clock, events, meetings
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user
from tests.services.query_count import counting


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    return school


def _add(s, user, target, title, day="2026-11-10", **form):
    return events.create_event(s.db, user, {"target": target, "title": title, "place": "Зал",
                                            "starts": f"{day}T18:00", "ends": f"{day}T19:00", **form})


def _titles(s, user, year=2026, month=11):
    return [(e.kind, e.title or e.name_ru or str(e.number)) for e in events.month(s.db, user, year, month)]


def test_school_and_class_events_holidays_and_periods(s):
    _add(s, s.staff, f"school:{s.school.id}", "Концерт")
    _add(s, s.class_teacher, f"class:{s.klass.id}", "Собрание 5А", day="2026-11-12", meeting="on")
    # the autumn holidays (between the first and the second quarter) end in early November
    assert _titles(s, s.parent) == [("vacation", "1"), ("period", "2"), ("holiday", "День народного единства"), ("event", "Концерт"),
                                    ("meeting", "Собрание 5А")]
    assert ("meeting", "Собрание 5А") not in _titles(s, s.other_parent)
    assert ("event", "Концерт") in _titles(s, s.other_parent)
    assert _titles(s, s.parent, 2027, 7) == []


def test_booked_meetings_are_in_the_month(s):
    day = clock.today() + timedelta(days=2)
    [slot] = meetings.offer_slots(s.db, s.math_teacher, {"day": day.isoformat(), "start": "15:00", "end": "15:15",
                                                         "minutes": "15", "place": "21"})
    meetings.book(s.db, s.parent, [[slot.id, s.student.id]])
    kinds = [e.kind for e in events.month(s.db, s.parent, day.year, day.month)]
    assert "booking" in kinds
    assert "booking" in [e.kind for e in events.month(s.db, s.math_teacher, day.year, day.month)]


def test_who_may_add(s):
    with pytest.raises(PermissionDenied):
        _add(s, s.class_teacher, f"school:{s.school.id}", "x")
    with pytest.raises(PermissionDenied):
        _add(s, s.parent, f"class:{s.klass.id}", "x")
    with pytest.raises(NotFound):
        _add(s, s.staff, f"class:{2**63}", "x")
    with pytest.raises(ValidationError) as err:
        events.create_event(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "", "place": "x" * 300,
                                            "starts": "2026-11-10T18:00", "ends": "2026-11-10T17:00"})
    assert err.value.fields == {"title": "error.required", "place": "events.error.long",
                                "ends": "meetings.error.end_before_start"}
    with pytest.raises(ValidationError):
        events.create_event(s.db, s.staff, None)


def test_month_in_a_constant_number_of_statements(s):
    with counting(s.db) as few:
        events.month(s.db, s.parent, 2026, 11)
    for n in range(10):
        _add(s, s.staff, f"school:{s.school.id}", f"Событие {n}", day=f"2026-11-{n + 10}")
    with counting(s.db) as many:
        assert len(events.month(s.db, s.parent, 2026, 11)) == 13
    assert few[0] == many[0]


def test_rsvp_for_a_class_meeting_with_counts_for_the_class_teacher(s):
    meeting = _add(s, s.class_teacher, f"class:{s.klass.id}", "Собрание", meeting="on")
    concert = _add(s, s.staff, f"school:{s.school.id}", "Концерт")
    events.rsvp(s.db, s.parent, meeting.id, "no")
    events.rsvp(s.db, s.parent, meeting.id, "yes")  # changed their mind: one answer
    [mine] = [e for e in events.month(s.db, s.parent, 2026, 11) if e.kind == "meeting"]
    assert mine.my_answer == "yes" and mine.counts is None
    [lead] = [e for e in events.month(s.db, s.class_teacher, 2026, 11) if e.kind == "meeting"]
    assert lead.counts == (1, 0)
    for bad_id, bad_answer in ((concert.id, "yes"), (None, "yes"), (2**63, "yes"), ("x", "no")):
        with pytest.raises(NotFound):
            events.rsvp(s.db, s.parent, bad_id, bad_answer)
    with pytest.raises(NotFound):  # 6Б's parent: not their class
        events.rsvp(s.db, s.other_parent, meeting.id, "yes")
    with pytest.raises(ValidationError):
        events.rsvp(s.db, s.parent, meeting.id, {"x": 1})
