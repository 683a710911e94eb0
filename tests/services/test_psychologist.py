"""The psychologist: only the parent of the child asks, only the school's psychologist reads (every read
logged), teachers, staff and the other parent learn nothing unless shared, an anonymous parent's name
stays with the psychologist, slots offered from a request are that parent's alone."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import OutboxMessage, ParentChildLink, PsychologistAccess, PsychologistRequest
from mrko_app.services import changes, clock, meetings
from mrko_app.services import psychologist as psy
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user

FORM = {"kind": "consultation", "topic": "Тревожность перед контрольными",
        "text": "Сын плохо спит перед контрольными, **очень** переживает. <script>alert(1)</script>",
        "anonymous": True}


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.psych = make_user(db, "Лебедева", "Марина", "Олеговна", "psychologist", school_id=school.school.id)
    school.staff = make_user(db, "Орлова", "Наталья", "", "staff", school_id=school.school.id)
    school.second_parent = make_user(db, "Иванов", "Иван", "", "parent")
    db.add(ParentChildLink(parent_id=school.second_parent.id, student_id=school.student.id, page_name="Петя",
                           start_date=date(2026, 8, 1)))
    db.flush()
    return school


def _ask(s, **form):
    return psy.create(s.db, s.parent, s.student.id, {**FORM, **form})


def test_parent_asks_and_the_text_is_sanitised_and_announced(s):
    request = _ask(s)
    assert request.status == "new" and request.anonymous and request.school_id == s.school.id
    assert "<script>" not in request.text_html and "<strong>очень</strong>" in request.text_html
    assert changes.of_user(s.psych.id, "psychologist") in changes.pending(s.db)
    assert [r.topic for r in psy.mine(s.db, s.parent)] == [FORM["topic"]]


@pytest.mark.parametrize("form,fields", [({"kind": "gossip"}, {"kind"}), ({"topic": " "}, {"topic"}),
                                         ({"text": "я" * 4001}, {"text"}), ({"topic": None, "text": 5}, {"topic", "text"})])
def test_bad_forms_are_refused_per_field(s, form, fields):
    with pytest.raises(ValidationError) as err:
        _ask(s, **form)
    assert set(err.value.fields) == fields


def test_only_a_parent_of_the_child_asks(s):
    with pytest.raises(PermissionDenied):
        psy.create(s.db, s.other_parent, s.student.id, FORM)
    with pytest.raises(PermissionDenied):
        psy.create(s.db, s.class_teacher, s.student.id, FORM)


def test_no_psychologist_message(s, db):
    from mrko_app.models import School, Student
    other = School(name="Школа без психолога")
    db.add(other)
    db.flush()
    kid = Student(school_id=other.id, surname="Орлов", first_name="Саша", birth_date=date(2015, 1, 1))
    db.add(kid)
    db.flush()
    db.add(ParentChildLink(parent_id=s.parent.id, student_id=kid.id, page_name="Саша", start_date=date(2026, 8, 1)))
    db.flush()
    assert psy.for_child(db, s.parent, kid.id).has_psychologist is False
    with pytest.raises(ValidationError) as err:
        psy.create(db, s.parent, kid.id, FORM)
    assert err.value.fields == {"text": "psy.error.no_psychologist"}


def test_a_parent_may_send_five_a_day(s):
    for n in range(5):
        _ask(s, topic=f"Вопрос {n}")
    with pytest.raises(ValidationError) as err:
        _ask(s)
    assert err.value.fields == {"text": "psy.error.too_many"}


def test_only_the_psychologist_reads_and_every_read_is_logged(s):
    request = _ask(s)
    seen = psy.open_request(s.db, s.psych, request.id)
    assert seen.parent == "Иванова Мария" and seen.anonymous
    for outsider in (s.class_teacher, s.staff, s.second_parent, s.other_parent):
        for call in (lambda u: psy.open_request(s.db, u, request.id), lambda u: psy.reply(s.db, u, request.id, "x"),
                     lambda u: psy.set_status(s.db, u, request.id, "closed"),
                     lambda u: psy.access_log(s.db, u, request.id), lambda u: psy.candidates(s.db, u, request.id)):
            with pytest.raises(NotFound):
                call(outsider)
        with pytest.raises(PermissionDenied):
            psy.requests(s.db, outsider)
        assert psy.shared_with_me(s.db, outsider) == []
    with pytest.raises(NotFound):
        psy.open_request(s.db, s.psych, 10**6)  # the same answer as for a missing id
    assert [x.action for x in psy.access_log(s.db, s.psych, request.id)] == ["read"]
    psy.open_request(s.db, s.psych, request.id)  # a live refresh a moment later: not a second line
    assert len(s.db.exec(select(PsychologistAccess)).all()) == 1


def test_a_psychologist_of_another_school_sees_nothing(s, db):
    from mrko_app.models import School
    other = School(name="Другая школа")
    db.add(other)
    db.flush()
    stranger = make_user(db, "Чужая", "Анна", "", "psychologist", school_id=other.id)
    request = _ask(s)
    assert psy.requests(db, stranger) == []
    with pytest.raises(NotFound):
        psy.open_request(db, stranger, request.id)


def test_answer_triage_and_the_parent_sees_it(s):
    request = _ask(s)
    psy.reply(s.db, s.psych, request.id, "Здравствуйте! Давайте встретимся, _это частая ситуация_.")
    assert request.status == "in_progress" and request.answered_at is not None
    assert changes.of_user(s.parent.id, "psychologist") in changes.pending(s.db)
    mine = psy.mine(s.db, s.parent)[0]
    assert [r.by_psychologist for r in mine.replies] == [True]
    assert "<em>это частая ситуация</em>" in mine.replies[0].body_html
    psy.reply_as_parent(s.db, s.parent, request.id, "Спасибо, удобно в четверг.")
    psy.set_status(s.db, s.psych, request.id, "closed")
    with pytest.raises(ValidationError):
        psy.reply_as_parent(s.db, s.parent, request.id, "Ещё вопрос")
    with pytest.raises(ValidationError):
        psy.set_status(s.db, s.psych, request.id, "deleted")
    with pytest.raises(NotFound):
        psy.reply_as_parent(s.db, s.second_parent, request.id, "Я тоже")
    assert [r.status for r in psy.requests(s.db, s.psych, "closed")] == ["closed"]
    assert psy.counts(s.db, s.psych)["closed"] == 1


def test_sharing_hides_an_anonymous_parent(s):
    request = _ask(s)
    psy.reply(s.db, s.psych, request.id, "Ответ")
    people = {c.relation: c.user_id for c in psy.candidates(s.db, s.psych, request.id)}
    assert people == {"parent": s.second_parent.id, "class_teacher": s.class_teacher.id, "staff": s.staff.id}
    with pytest.raises(NotFound):
        psy.share(s.db, s.psych, request.id, s.other_parent.id)  # not a person of this child
    psy.share(s.db, s.psych, request.id, s.class_teacher.id)
    [seen] = psy.shared_with_me(s.db, s.class_teacher)
    assert seen.parent == "" and seen.child == "Иванов Петя" and seen.offers == [] and seen.shares == []
    assert all(r.author == "" or r.by_psychologist for r in seen.replies)
    assert psy.shared_with_me(s.db, s.second_parent) == []
    log = psy.access_log(s.db, s.psych, request.id)
    assert {(x.person, x.action) for x in log} >= {("Классная Ольга Ивановна", "read"), ("Лебедева Марина Олеговна", "share")}


def test_offered_slots_are_the_asking_parents_alone(s):
    request = _ask(s)
    day = clock.today() + timedelta(days=3)
    meetings.offer_slots(s.db, s.psych, {"day": day.isoformat(), "start": "14:00", "end": "14:30", "minutes": "15",
                                         "place": "Кабинет психолога"})
    free = psy.free_slots(s.db, s.psych)
    assert len(free) == 2
    psy.offer(s.db, s.psych, request.id, free[0].slot_id)
    assert [o.slot_id for o in psy.free_slots(s.db, s.psych)] == [free[1].slot_id]
    # the general meetings page never lists it, and the other parent cannot book it by id
    listed = [x.id for h in meetings.hosts_for_parent(s.db, s.second_parent) for x in h.free]
    assert free[0].slot_id not in listed and free[1].slot_id in listed
    with pytest.raises(NotFound):
        meetings.book(s.db, s.second_parent, [[free[0].slot_id, s.student.id]])
    with pytest.raises(NotFound):
        meetings.book(s.db, s.parent, [[free[0].slot_id, s.student.id]])  # only through the request
    with pytest.raises(NotFound):
        psy.book(s.db, s.parent, request.id, free[1].slot_id)  # not offered from this request
    booking = psy.book(s.db, s.parent, request.id, free[0].slot_id)
    assert request.status == "meeting_booked"
    assert psy.mine(s.db, s.parent)[0].offers[0].booked
    assert all(not h.booked for h in meetings.hosts_for_parent(s.db, s.second_parent))
    with pytest.raises(PermissionDenied):
        meetings.cancel(s.db, s.second_parent, booking.id, "Не пойдём")
    meetings.withdraw_slot(s.db, s.psych, free[0].slot_id, "Заболела")
    mailed = {m.recipient for m in s.db.exec(select(OutboxMessage)).all()}
    assert s.second_parent.email not in mailed and s.parent.email in mailed


def test_settings_are_the_schools_promise(s):
    assert psy.for_child(s.db, s.parent, s.student.id).promise == psy.Promise(3, "")
    psy.set_settings(s.db, s.psych, "2", "Всё, что вы пишете, остаётся между нами.")
    assert psy.for_child(s.db, s.parent, s.student.id).promise.answer_days == 2
    with pytest.raises(ValidationError):
        psy.set_settings(s.db, s.psych, "100", "")
    with pytest.raises(PermissionDenied):
        psy.set_settings(s.db, s.staff, "2", "")
    assert s.db.exec(select(PsychologistRequest)).all() == []


def test_the_desk_list_carries_no_text_until_opened(s):
    request = _ask(s)
    [row] = psy.requests(s.db, s.psych)
    assert row.topic == FORM["topic"] and row.text_html == "" and row.replies == []
    assert s.db.exec(select(PsychologistAccess)).all() == []
    assert "очень" in psy.open_request(s.db, s.psych, request.id).text_html
