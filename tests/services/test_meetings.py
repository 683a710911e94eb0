"""Meeting slots: offering, household rules, the race decided by the database, cancelling with a
reason (the other side is told), the host's list, reminders the day before."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import MeetingBooking, MeetingCancellation, OutboxMessage, ParentChildLink, Student
from mrko_app.services import clock, meetings
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    # a sibling of Петя in 5А and his second parent; another parent of 5А
    school.sibling = Student(school_id=school.school.id, class_id=school.klass.id, surname="Иванова",
                             first_name="Аня", birth_date=date(2015, 3, 1))
    school.classmate = Student(school_id=school.school.id, class_id=school.klass.id, surname="Сидоров",
                               first_name="Коля", birth_date=date(2015, 4, 1))
    db.add_all([school.sibling, school.classmate])
    db.flush()
    school.second_parent = make_user(db, "Иванов", "Иван", "", "parent")
    school.rival = make_user(db, "Сидорова", "Ольга", "", "parent")
    for parent, student, name in ((school.parent, school.sibling, "Аня"), (school.second_parent, school.student, "Петя"),
                                  (school.rival, school.classmate, "Коля")):
        db.add(ParentChildLink(parent_id=parent.id, student_id=student.id, page_name=name, start_date=date(2026, 8, 1)))
    db.flush()
    school.day = clock.today() + timedelta(days=3)
    school.offered = meetings.offer_slots(db, school.math_teacher, {
        "day": school.day.isoformat(), "start": "15:00", "end": "16:00", "minutes": "15", "place": "Кабинет 21"})
    return school


def test_offer_makes_slots_and_skips_times_already_offered(s):
    assert len(s.offered) == 4
    assert [clock.to_local(x.starts_at).strftime("%H:%M") for x in s.offered] == ["15:00", "15:15", "15:30", "15:45"]
    again = meetings.offer_slots(s.db, s.math_teacher, {"day": s.day.isoformat(), "start": "15:30", "end": "16:30",
                                                        "minutes": "15", "place": "Кабинет 21"})
    assert len(again) == 2


@pytest.mark.parametrize("form", [None, [], {"day": "x", "start": 1, "end": None, "minutes": "7", "place": ""},
                                  {"day": "2020-01-01", "start": "10:00", "end": "09:00", "minutes": "15",
                                   "place": "javascript:alert(1)"}])
def test_bad_offer_forms_are_refused_per_field(s, form):
    with pytest.raises(ValidationError) as err:
        meetings.offer_slots(s.db, s.math_teacher, form)
    assert set(err.value.fields) >= {"day", "end", "place"}


def test_only_hosts_offer(s):
    with pytest.raises(PermissionDenied):
        meetings.offer_slots(s.db, s.parent, {})


def test_parent_sees_the_teachers_of_their_children_only(s):
    hosts = meetings.hosts_for_parent(s.db, s.parent)
    assert [h.name for h in hosts] == [s.math_teacher.full_name] and len(hosts[0].free) == 4
    assert meetings.hosts_for_parent(s.db, s.other_parent) == []  # 6Б: not taught by her


def test_booking_household_rules_and_both_parents_see_it(s):
    first = s.offered[0]
    meetings.book(s.db, s.parent, [[first.id, s.student.id]])
    booked = meetings.hosts_for_parent(s.db, s.second_parent)[0].booked
    assert [(b.id, b.student_name) for b in booked] == [(first.id, "Петя")]
    with pytest.raises(ValidationError) as err:  # the other parent, the same child, the same teacher
        meetings.book(s.db, s.second_parent, [[s.offered[1].id, s.student.id]])
    assert err.value.fields == {"slot": "meetings.error.child_booked"}
    # the rival's view shows the slot gone and no name of another family's child
    rival = meetings.hosts_for_parent(s.db, s.rival)[0]
    assert first.id not in [x.id for x in rival.free] and rival.booked == []


def test_siblings_book_adjacent_slots_in_one_step(s):
    made = meetings.book(s.db, s.parent, [[s.offered[1].id, s.student.id], [s.offered[2].id, s.sibling.id]])
    assert len(made) == 2
    assert sorted(b.student_name for b in meetings.hosts_for_parent(s.db, s.parent)[0].booked) == ["Аня", "Петя"]


def test_a_slot_taken_meanwhile_fails_and_offers_the_next_free_ones(s):
    meetings.book(s.db, s.rival, [[s.offered[0].id, s.classmate.id]])
    with pytest.raises(meetings.SlotTaken) as err:
        meetings.book(s.db, s.parent, [[s.offered[0].id, s.student.id]])
    assert [x.id for x in err.value.free] == [x.id for x in s.offered[1:4]]
    assert s.db.exec(select(MeetingBooking).where(MeetingBooking.student_id == s.student.id)).all() == []
    # all or nothing: a pair with a taken slot books neither
    with pytest.raises(meetings.SlotTaken):
        meetings.book(s.db, s.parent, [[s.offered[1].id, s.student.id], [s.offered[0].id, s.sibling.id]])
    assert len(s.db.exec(select(MeetingBooking)).all()) == 1


@pytest.mark.parametrize("pairs", [None, "1", [], [[None, None]], [[2**63, 1]], [["x", "y"]], [{"a": 1}], [[1, 2, 3]]])
def test_malformed_bookings_change_nothing(s, pairs):
    with pytest.raises((ValidationError, NotFound, PermissionDenied)):
        meetings.book(s.db, s.parent, pairs)
    assert s.db.exec(select(MeetingBooking)).all() == []


def test_cannot_book_for_someone_elses_child(s):
    with pytest.raises(PermissionDenied):
        meetings.book(s.db, s.parent, [[s.offered[0].id, s.classmate.id]])


def test_cancel_with_a_reason_by_either_parent_or_the_host(s):
    booking = meetings.book(s.db, s.parent, [[s.offered[0].id, s.student.id]])[0]
    with pytest.raises(PermissionDenied):
        meetings.cancel(s.db, s.rival, booking.id, "не моё")
    with pytest.raises(ValidationError):
        meetings.cancel(s.db, s.second_parent, booking.id, "  ")
    meetings.cancel(s.db, s.second_parent, booking.id, "Заболели")
    record = s.db.exec(select(MeetingCancellation)).one()
    assert record.reason == "Заболели" and record.cancelled_by == s.second_parent.id
    told = {m.user_id for m in s.db.exec(select(OutboxMessage)).all()}
    assert told == {s.parent.id, s.math_teacher.id}
    # the slot is free again
    assert s.offered[0].id in [x.id for x in meetings.hosts_for_parent(s.db, s.rival)[0].free]
    again = meetings.book(s.db, s.rival, [[s.offered[0].id, s.classmate.id]])[0]
    meetings.cancel(s.db, s.math_teacher, again.id, "Совещание")
    for bad in (None, "x", 2**63, booking.id):
        with pytest.raises(NotFound):
            meetings.cancel(s.db, s.math_teacher, bad, "x")


def test_host_schedule_names_the_children(s):
    meetings.book(s.db, s.parent, [[s.offered[1].id, s.student.id]])
    schedule = meetings.host_schedule(s.db, s.math_teacher)
    assert [x.student_name for x in schedule] == ["", "Иванов Петя", "", ""]
    with pytest.raises(PermissionDenied):
        meetings.host_schedule(s.db, s.parent)


def test_reminders_go_out_the_day_before_once(s):
    meetings.book(s.db, s.parent, [[s.offered[0].id, s.student.id]])
    local_before = datetime.combine(s.day - timedelta(days=1), datetime.min.time()).replace(hour=10)
    the_day_before = clock.to_utc(local_before)
    assert meetings.send_reminders(s.db, now=the_day_before - timedelta(days=1)) == 0
    assert meetings.send_reminders(s.db, now=the_day_before) == 1
    assert meetings.send_reminders(s.db, now=the_day_before + timedelta(hours=1)) == 0
    told = sorted(m.user_id for m in s.db.exec(select(OutboxMessage)).all())
    assert told == sorted([s.parent.id, s.second_parent.id, s.math_teacher.id])


def test_book_adjacent_takes_the_slot_and_the_next_for_the_sibling(s):
    made = meetings.book_adjacent(s.db, s.parent, s.offered[1].id)
    assert [(b.slot_id, b.student_id) for b in made] == [(s.offered[1].id, s.student.id), (s.offered[2].id, s.sibling.id)]
    with pytest.raises(ValidationError):  # both children are booked with this teacher now
        meetings.book_adjacent(s.db, s.parent, s.offered[3].id)
    for bad in (None, "x", 2**63, [1]):
        with pytest.raises(NotFound):
            meetings.book_adjacent(s.db, s.rival, bad)


def test_the_psychologist_and_staff_offer_slots_to_every_parent_of_the_school(s):
    psych = make_user(s.db, "Лебедева", "Марина", "", "psychologist", school_id=s.school.id)
    meetings.offer_slots(s.db, psych, {"day": s.day.isoformat(), "start": "10:00", "end": "10:30", "minutes": "30",
                                       "place": "https://video.example.org/room"})
    names = [h.name for h in meetings.hosts_for_parent(s.db, s.other_parent)]
    assert names == [psych.full_name]
    [slot] = meetings.hosts_for_parent(s.db, s.other_parent)[0].free
    meetings.book(s.db, s.other_parent, [[slot.id, s.other_student.id]])


def test_a_cancelled_bookings_id_is_never_given_to_a_later_one(s):
    first = meetings.book(s.db, s.parent, [[s.offered[3].id, s.student.id]])[0]
    first_id = first.id
    meetings.cancel(s.db, s.parent, first_id, "Заболели")
    again = meetings.book(s.db, s.rival, [[s.offered[3].id, s.classmate.id]])[0]
    assert again.id != first_id  # the feed's UID of the cancelled entry stays its own
