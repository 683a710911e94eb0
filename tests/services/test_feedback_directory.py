"""The feedback form and its staff queue; the directory's public fields and its search."""

import pytest

from mrko_app.models import OutboxMessage
from mrko_app.services import directory, feedback
from mrko_app.services.errors import PermissionDenied, ServiceError, ValidationError
from tests.services.forum_world import make_forum

FORM = {"name": "Ирина", "contact": "irina@example.org", "topic": "access", "message": "Не приходит код по SMS уже час."}


def _last(db, recipient):
    return db.query(OutboxMessage).filter(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id.desc()).first()


def test_anyone_sends_a_message_gets_a_number_and_staff_answer_it(db):
    w = make_forum(db)
    ticket = feedback.submit(db, FORM, "10.0.0.1")
    assert ticket.number in _last(db, "irina@example.org").body
    assert feedback.queue(db, w.staff)[0]["status"] == "new"
    feedback.assign_to_me(db, w.staff, ticket.id)
    assert feedback.queue(db, w.staff, "in_progress")[0]["mine"]
    feedback.answer(db, w.staff, ticket.id, "Проверьте номер в профиле, код отправлен повторно.")
    assert _last(db, "irina@example.org").body.startswith("Проверьте номер")
    assert feedback.queue(db, w.staff, "answered")[0]["number"] == ticket.number
    phone = feedback.submit(db, {**FORM, "contact": "8 (999) 123-45-67"}, "10.0.0.2")
    assert (phone.contact, phone.contact_kind) == ("+79991234567", "sms")


def test_messages_are_limited_per_address(db):
    make_forum(db)
    for _ in range(feedback.PER_HOUR):
        feedback.submit(db, FORM, "10.0.0.9")
    with pytest.raises(ServiceError):
        feedback.submit(db, FORM, "10.0.0.9")
    feedback.submit(db, FORM, "10.0.0.10")


@pytest.mark.parametrize("field,value", [("name", ""), ("contact", "не контакт"), ("topic", "nope"),
                                         ("message", "коротко"), ("message", "x" * 5000), ("name", {"a": 1})])
def test_bad_fields_are_named(db, field, value):
    with pytest.raises(ValidationError) as err:
        feedback.submit(db, {**FORM, field: value}, "10.0.0.3")
    assert field in err.value.fields


def test_only_staff_see_and_answer_the_queue(db):
    w = make_forum(db)
    ticket = feedback.submit(db, FORM, "10.0.0.4")
    for user in (None, w.parents[0], w.teacher):
        for call in (lambda: feedback.queue(db, user), lambda: feedback.answer(db, user, ticket.id, "ответ"),
                     lambda: feedback.assign_to_me(db, user, ticket.id),
                     lambda: feedback.set_status(db, user, ticket.id, "closed")):
            with pytest.raises(PermissionDenied):
                call()


def test_the_directory_shows_public_fields_only_and_is_searchable(db):
    w = make_forum(db)
    unit = directory.save_unit(db, w.staff, {"name": "Медицинский кабинет", "description": "Прививки и справки",
                                             "phone": "+7 495 000-00-01", "email": "med@school.ru",
                                             "hours": "8:00–15:00", "show_hours": "on", "show_email": "on"})
    directory.save_contact(db, w.staff, unit.id, {"name": "Иванова Т. П.", "post": "медсестра", "public": "on"})
    directory.save_contact(db, w.staff, unit.id, {"name": "Скрытый Врач", "post": "врач"})
    directory.save_unit(db, w.staff, {"name": "Столовая", "description": "Горячее питание"})
    public = directory.units(db, None, "медицинские справки")
    assert [u["name"] for u in public] == ["Медицинский кабинет"]
    assert public[0]["phone"] == "" and public[0]["email"] == "med@school.ru" and public[0]["hours"]
    assert [c["name"] for c in public[0]["contacts"]] == ["Иванова Т. П."]
    assert "Скрытый Врач" not in repr(directory.units(db, w.parents[0]))
    staff_view = directory.units(db, w.staff, "медицин")[0]
    assert staff_view["phone"] and len(staff_view["contacts"]) == 2
    for user in (None, w.parents[0], w.teacher):
        with pytest.raises(PermissionDenied):
            directory.save_unit(db, user, {"name": "Взлом"})
        with pytest.raises(PermissionDenied):
            directory.save_contact(db, user, unit.id, {"name": "Взлом"})
