"""Password recovery by e-mail link and by security question + phone code; login reminders."""

from datetime import timedelta

import pytest
from sqlmodel import select

from mrko_app.models import OneTimeCode, OutboxMessage, User
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.services.errors import Locked, ServiceError, ValidationError
from tests.services.accounts_helpers import (
    PASSWORD,
    T0,
    active_user,
    count,
    last_code,
    last_link_token,
    last_message,
    messages_to,
    wrong,
)

EMAIL, PHONE, NEW = "maria@example.ru", "+79991234567", "Fresh2030x"


def _lock(db, now):
    for _ in range(5):
        with pytest.raises(ServiceError):
            accounts.authenticate(db, "mivanova", "Wrong42x", None, now=now)


# --- by e-mail link ---------------------------------------------------------------------------

def test_reset_link_by_email(db, monkeypatch):
    monkeypatch.setenv("MRKO_ORIGIN", "https://diary.school.test")
    user = active_user(db, now=T0)
    session_token = accounts.create_session(db, user, remember=True, now=T0)
    _lock(db, T0)
    accounts.start_password_reset_by_email(db, " Maria@Example.RU ", now=T0)
    mail = last_message(db, EMAIL)
    assert mail.channel == "email" and "https://diary.school.test/recover/reset?token=" in mail.body
    token = last_link_token(db, EMAIL)
    row = db.exec(select(OneTimeCode).where(OneTimeCode.purpose == "reset_link")).one()
    assert row.code_hash != token and row.expires_at == T0 + timedelta(hours=1)
    assert accounts.check_reset_link(db, token, now=T0 + timedelta(minutes=59))
    reset = accounts.reset_password_with_link(db, token, NEW, NEW, now=T0 + timedelta(minutes=59))
    assert reset.id == user.id and reset.locked_until is None and reset.failed_logins == 0
    assert accounts.resolve_session(db, session_token, now=T0 + timedelta(hours=1)) is None
    assert accounts.authenticate(db, "mivanova", NEW, None, now=T0 + timedelta(hours=1)).id == user.id
    assert not accounts.check_reset_link(db, token, now=T0 + timedelta(minutes=59))
    with pytest.raises(ServiceError) as caught:  # single use
        accounts.reset_password_with_link(db, token, "Other2030x", "Other2030x", now=T0 + timedelta(minutes=59))
    assert caught.value.key == "recovery.link_invalid"


def test_reset_link_expires_after_an_hour(db):
    active_user(db, now=T0)
    accounts.start_password_reset_by_email(db, EMAIL, now=T0)
    token = last_link_token(db, EMAIL)
    assert not accounts.check_reset_link(db, token, now=T0 + timedelta(hours=1))
    with pytest.raises(ServiceError) as caught:
        accounts.reset_password_with_link(db, token, NEW, NEW, now=T0 + timedelta(hours=1))
    assert caught.value.key == "recovery.link_invalid"


def test_a_bad_new_password_does_not_use_up_the_link(db):
    active_user(db, now=T0)
    accounts.start_password_reset_by_email(db, EMAIL, now=T0)
    token = last_link_token(db, EMAIL)
    with pytest.raises(ValidationError) as caught:
        accounts.reset_password_with_link(db, token, "qwerty123", "qwerty12", now=T0)
    assert caught.value.fields == {"password": "validation.password_common", "password_confirm": "validation.password_mismatch"}
    assert accounts.check_reset_link(db, token, now=T0)
    with pytest.raises(ServiceError) as caught:  # an invalid link is reported before the password
        accounts.reset_password_with_link(db, "forged-token", "x", "y", now=T0)
    assert caught.value.key == "recovery.link_invalid"


def test_unknown_email_gets_the_same_silence(db):
    active_user(db, now=T0)
    before = count(db, OutboxMessage)
    assert accounts.start_password_reset_by_email(db, "stranger@example.ru", now=T0) is None
    assert count(db, OutboxMessage) == before
    with pytest.raises(ValidationError) as caught:  # only the format is checked
        accounts.start_password_reset_by_email(db, "not-an-email", now=T0)
    assert caught.value.fields == {"email": "validation.email_invalid"}


def test_a_second_link_within_a_minute_is_dropped_silently_and_a_new_one_replaces_the_old(db):
    active_user(db, now=T0)
    accounts.start_password_reset_by_email(db, EMAIL, now=T0)
    first = last_link_token(db, EMAIL)
    accounts.start_password_reset_by_email(db, EMAIL, now=T0 + timedelta(seconds=30))
    assert last_link_token(db, EMAIL) == first
    accounts.start_password_reset_by_email(db, EMAIL, now=T0 + timedelta(minutes=2))
    second = last_link_token(db, EMAIL)
    assert second != first
    assert not accounts.check_reset_link(db, first, now=T0 + timedelta(minutes=3))
    assert accounts.check_reset_link(db, second, now=T0 + timedelta(minutes=3))


# --- by security question and phone code ------------------------------------------------------

def test_security_question_for(db):
    active_user(db)
    assert accounts.security_question_for(db, "MIvanova") == "first_pet"
    assert accounts.security_question_for(db, "8 999 123-45-67") == "first_pet"
    assert accounts.security_question_for(db, "nobody") in SECURITY_QUESTIONS  # a decoy (test_discovery.py)
    assert accounts.security_question_for(db, "  ") is None


def test_reset_by_answer_and_phone_code(db):
    user = active_user(db, now=T0)
    token = accounts.create_session(db, user, remember=False, now=T0)
    sms_before = messages_to(db, PHONE)
    accounts.start_password_reset_by_question(db, "mivanova", "  БАРСИК ", "10.0.0.1", now=T0)
    assert messages_to(db, PHONE) == sms_before + 1
    code = last_code(db, PHONE)
    with pytest.raises(ValidationError) as caught:  # the password is checked first, no try spent
        accounts.reset_password_with_phone_code(db, "mivanova", code, "abc", "abc", now=T0)
    assert caught.value.fields == {"password": "validation.password_short"}
    with pytest.raises(ValidationError) as caught:
        accounts.reset_password_with_phone_code(db, "mivanova", wrong(code), NEW, NEW, now=T0)
    assert caught.value.fields == {"code": "codes.wrong"} and caught.value.params == {"remaining": 4}
    accounts.reset_password_with_phone_code(db, "+7 999 123 45 67", code, NEW, NEW, now=T0 + timedelta(minutes=1))
    assert accounts.resolve_session(db, token, now=T0 + timedelta(minutes=1)) is None
    assert accounts.authenticate(db, "mivanova", NEW, None, now=T0 + timedelta(minutes=2)).id == user.id
    with pytest.raises(ValidationError) as caught:  # the code was used
        accounts.reset_password_with_phone_code(db, "mivanova", code, "Again2030x", "Again2030x", now=T0)
    assert caught.value.fields == {"code": "codes.expired"}


def test_wrong_answers_count_towards_the_lock(db):
    active_user(db, now=T0)
    for _ in range(4):
        with pytest.raises(ValidationError) as caught:
            accounts.start_password_reset_by_question(db, "mivanova", "Мурзик", "10.0.0.1", now=T0)
        assert caught.value.fields == {"answer": "recovery.wrong_answer"} and caught.value.persist
    with pytest.raises(Locked) as caught:
        accounts.start_password_reset_by_question(db, "mivanova", "Шарик", "10.0.0.1", now=T0)
    assert caught.value.key == "accounts.locked" and caught.value.until == T0 + timedelta(minutes=15)
    with pytest.raises(Locked):  # the right answer waits too, and so does signing in
        accounts.start_password_reset_by_question(db, "mivanova", "Барсик", "10.0.0.1", now=T0)
    with pytest.raises(Locked):
        accounts.authenticate(db, "mivanova", PASSWORD, "10.0.0.1", now=T0)
    assert messages_to(db, PHONE) == 1  # only the registration code


def test_reset_by_answer_for_unknown_or_empty(db):
    active_user(db, now=T0)
    with pytest.raises(ValidationError) as caught:
        accounts.start_password_reset_by_question(db, "nobody", "Барсик", "10.0.0.1", now=T0)
    assert caught.value.fields == {"answer": "recovery.wrong_answer"}
    with pytest.raises(ValidationError) as caught:
        accounts.start_password_reset_by_question(db, "mivanova", "  ", "10.0.0.1", now=T0)
    assert caught.value.fields == {"answer": "error.required"}
    with pytest.raises(ValidationError) as caught:
        accounts.reset_password_with_phone_code(db, "nobody", "123456", NEW, NEW, now=T0)
    assert caught.value.fields == {"code": "codes.expired"}


def test_codes_for_resetting_are_sent_at_most_once_a_minute(db):
    active_user(db, now=T0)
    accounts.start_password_reset_by_question(db, "mivanova", "барсик", None, now=T0 + timedelta(minutes=1))
    with pytest.raises(ServiceError) as caught:
        accounts.start_password_reset_by_question(db, "mivanova", "барсик", None, now=T0 + timedelta(minutes=1, seconds=20))
    assert caught.value.key == "codes.resend_too_soon" and caught.value.params["seconds"] == 40


# --- login reminder ---------------------------------------------------------------------------

def test_remind_login_by_email_or_phone(db):
    active_user(db, now=T0)
    accounts.remind_login(db, "MARIA@example.ru", now=T0)
    mail = last_message(db, EMAIL)
    assert mail.channel == "email" and "mivanova" in mail.body
    accounts.remind_login(db, "8 (999) 123-45-67", now=T0)
    sms = last_message(db, PHONE)
    assert sms.channel == "sms" and "mivanova" in sms.body


def test_remind_login_is_silent_for_strangers_and_repeats(db):
    active_user(db, now=T0)
    before = count(db, OutboxMessage)
    accounts.remind_login(db, "stranger@example.ru", now=T0)
    accounts.remind_login(db, "+79990000000", now=T0)
    assert count(db, OutboxMessage) == before
    accounts.remind_login(db, EMAIL, now=T0)
    accounts.remind_login(db, EMAIL, now=T0 + timedelta(seconds=30))
    assert count(db, OutboxMessage) == before + 1
    accounts.remind_login(db, EMAIL, now=T0 + timedelta(seconds=61))
    assert count(db, OutboxMessage) == before + 2
    for bad in ("maria@", "12345", "mivanova"):
        with pytest.raises(ValidationError) as caught:
            accounts.remind_login(db, bad, now=T0)
        assert caught.value.fields == {"contact": "recovery.contact_invalid"}
    with pytest.raises(ValidationError):
        accounts.remind_login(db, " ", now=T0)


def test_messages_follow_the_users_language(db):
    active_user(db, now=T0)
    user = db.exec(select(User)).one()
    accounts.set_language(db, user, "en")
    accounts.remind_login(db, EMAIL, now=T0)
    assert last_message(db, EMAIL).subject == "MRKO Diary: your login"
