"""Registration, phone codes, sign-in with lockouts, profile changes and roles."""

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from mrko_app.models import OneTimeCode, OutboxMessage, User, UserRole
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.services.accounts.passwords import check_secret
from mrko_app.services.errors import Locked, NotFound, ServiceError, ValidationError
from tests.services.accounts_helpers import (
    PASSWORD,
    T0,
    active_user,
    count,
    form,
    last_code,
    last_message,
    messages_to,
    wrong,
)

PHONE = "+79991234567"


# --- registration -----------------------------------------------------------------------------

def test_register_creates_an_inactive_parent_and_texts_a_code(db):
    user = accounts.register(db, form(login="MIvanova", email="Maria@Example.ru"), now=T0)
    assert (user.login, user.email, user.phone) == ("mivanova", "maria@example.ru", PHONE)
    assert (user.surname, user.first_name, user.patronymic) == ("Иванова", "Мария", "Петровна")
    assert not user.is_active and not user.phone_confirmed and user.language == "ru"
    assert accounts.roles_of(db, user) == {"parent"}
    assert user.password_hash != PASSWORD and check_secret(PASSWORD, user.password_hash)
    assert user.security_question == "first_pet"
    assert check_secret("барсик", user.security_answer_hash)  # stored normalised
    sms = last_message(db, PHONE)
    assert sms.channel == "sms" and sms.user_id == user.id
    assert len(last_code(db, PHONE)) == 6
    code_row = db.exec(select(OneTimeCode).where(OneTimeCode.user_id == user.id)).one()
    assert code_row.purpose == "phone_confirm" and code_row.code_hash != last_code(db, PHONE)
    assert code_row.expires_at == T0 + timedelta(minutes=10)


def test_register_reports_every_bad_field_at_once_and_writes_nothing(db):
    bad = form(surname="", first_name="Мар1я", patronymic="", email="maria@", login="1x",
               password="abcdef", password_confirm="abcdeg", phone="12345",
               security_question="colour", security_answer=" ")
    with pytest.raises(ValidationError) as caught:
        accounts.register(db, bad)
    assert caught.value.key == "error.invalid"
    assert caught.value.fields == {
        "surname": "error.required",
        "first_name": "validation.name_letters",
        "email": "validation.email_invalid",
        "login": "validation.login_start",
        "password": "validation.password_letter_digit",
        "password_confirm": "validation.password_mismatch",
        "phone": "validation.phone_invalid",
        "security_question": "validation.question_unknown",
        "security_answer": "error.required",
    }
    assert count(db, User) == count(db, OutboxMessage) == count(db, OneTimeCode) == 0


def test_register_with_missing_fields(db):
    with pytest.raises(ValidationError) as caught:
        accounts.register(db, {})
    assert set(caught.value.fields) == set(accounts.REGISTRATION_FIELDS) - {"patronymic"}
    assert set(caught.value.fields.values()) == {"error.required"}


def test_a_taken_phone_email_or_login_creates_nothing_and_only_the_phone_hears_why(db):
    """The form answers as for a new account (register returns None, the page asks for the code):
    a stranger learns nothing; the phone given is told (see also tests/services/test_discovery.py)."""
    owner = active_user(db)
    codes_before = count(db, OneTimeCode)
    # the owner's own phone, written another way: the owner is told their login
    assert accounts.register(db, form(login="other1", email="o1@example.ru", phone="8 999 123 45 67")) is None
    sms = last_message(db, PHONE)
    assert "mivanova" in sms.body and sms.user_id == owner.id and not re.search(r"\d{6}", sms.body)
    # a new phone with a taken e-mail, or a taken login: that phone hears which one
    assert accounts.register(db, form(login="other2", email="MARIA@example.ru", phone="+79990000002")) is None
    assert "maria@example.ru" in last_message(db, "+79990000002").body
    assert accounts.register(db, form(login="MIVANOVA", email="o3@example.ru", phone="+79990000003")) is None
    assert "mivanova" in last_message(db, "+79990000003").body
    assert last_message(db, "+79990000003").user_id is None
    assert count(db, User) == 1 and count(db, OneTimeCode) == codes_before


def test_register_in_english(db):
    user = accounts.register(db, form(language="en"))
    assert user.language == "en" and "confirmation code" in last_message(db, PHONE).body
    with pytest.raises(ValidationError) as caught:
        accounts.register(db, form(login="other", email="o@example.ru", phone="+79990000009", language="de"))
    assert caught.value.fields == {"language": "validation.language_unknown"}


# --- phone confirmation codes -----------------------------------------------------------------

def test_the_code_from_the_sms_activates_the_account(db):
    user = accounts.register(db, form(), now=T0)
    code = last_code(db, PHONE)
    confirmed = accounts.confirm_phone(db, user.id, code, now=T0 + timedelta(minutes=9))
    assert confirmed.is_active and confirmed.phone_confirmed
    with pytest.raises(ServiceError) as caught:
        accounts.confirm_phone(db, "mivanova", code, now=T0 + timedelta(minutes=9))
    assert caught.value.key == "accounts.already_confirmed"


def test_wrong_codes_are_counted_and_the_fifth_kills_the_code(db):
    user = accounts.register(db, form(), now=T0)
    code = last_code(db, PHONE)
    for remaining in (4, 3, 2, 1):
        with pytest.raises(ValidationError) as caught:
            accounts.confirm_phone(db, user.login, wrong(code), now=T0)
        assert caught.value.fields == {"code": "codes.wrong"}
        assert caught.value.params == {"remaining": remaining}
        assert caught.value.persist  # the caller commits the counted try
    with pytest.raises(ValidationError) as caught:
        accounts.confirm_phone(db, user.login, "abc", now=T0)
    assert caught.value.fields == {"code": "codes.too_many_tries"}
    with pytest.raises(ValidationError) as caught:
        accounts.confirm_phone(db, user.login, code, now=T0)  # even the right code is dead now
    assert caught.value.fields == {"code": "codes.too_many_tries"}
    assert not db.get(User, user.id).is_active


def test_a_code_expires_after_10_minutes(db):
    user = accounts.register(db, form(), now=T0)
    with pytest.raises(ValidationError) as caught:
        accounts.confirm_phone(db, user.id, last_code(db, PHONE), now=T0 + timedelta(minutes=10))
    assert caught.value.fields == {"code": "codes.expired"}


def test_resend_at_most_once_a_minute_and_the_new_code_replaces_the_old(db):
    user = accounts.register(db, form(), now=T0)
    first = last_code(db, PHONE)
    with pytest.raises(codes.TooSoon) as caught:
        accounts.resend_phone_code(db, user.login, now=T0 + timedelta(seconds=45))
    assert caught.value.key == "codes.resend_too_soon" and caught.value.params == {"seconds": 15}
    assert not isinstance(caught.value, Locked)
    assert messages_to(db, PHONE) == 1
    accounts.resend_phone_code(db, user.login, now=T0 + timedelta(seconds=60))
    second = last_code(db, PHONE)
    assert messages_to(db, PHONE) == 2
    if first != second:
        with pytest.raises(ValidationError):
            accounts.confirm_phone(db, user.login, first, now=T0 + timedelta(seconds=61))
    accounts.confirm_phone(db, user.login, second, now=T0 + timedelta(seconds=62))


def test_resend_after_too_many_tries_gives_a_working_code(db):
    user = accounts.register(db, form(), now=T0)
    code = last_code(db, PHONE)
    for _ in range(codes.MAX_ATTEMPTS):
        with pytest.raises(ValidationError):
            accounts.confirm_phone(db, user.id, wrong(code), now=T0)
    accounts.resend_phone_code(db, user.id, now=T0 + timedelta(minutes=1))
    assert accounts.confirm_phone(db, user.id, last_code(db, PHONE), now=T0 + timedelta(minutes=2)).is_active


def test_confirming_an_unknown_account(db):
    with pytest.raises(NotFound) as caught:
        accounts.confirm_phone(db, "nobody", "123456")
    assert caught.value.key == "accounts.not_found"
    with pytest.raises(NotFound):
        accounts.resend_phone_code(db, 999)


# --- sign-in ----------------------------------------------------------------------------------

@pytest.mark.parametrize("identifier", ["mivanova", "MIvanova ", "maria@example.ru", "MARIA@EXAMPLE.RU",
                                        "+79991234567", "8 (999) 123-45-67", "9991234567"])
def test_sign_in_by_login_email_or_phone(db, identifier):
    user = active_user(db)
    assert accounts.authenticate(db, identifier, PASSWORD, "10.0.0.1").id == user.id


def test_wrong_password_or_unknown_user_says_the_same(db):
    active_user(db)
    for identifier, password in (("mivanova", "Wrong42x"), ("nobody", PASSWORD), ("+79990000000", PASSWORD), ("", "")):
        with pytest.raises(ServiceError) as caught:
            accounts.authenticate(db, identifier, password, "10.0.0.1")
        assert caught.value.key == "accounts.bad_credentials" and caught.value.persist


def test_an_unconfirmed_account_cannot_sign_in(db):
    accounts.register(db, form())
    with pytest.raises(ServiceError) as caught:
        accounts.authenticate(db, "mivanova", PASSWORD, "10.0.0.1")
    assert caught.value.key == "accounts.not_confirmed" and caught.value.params == {"login": "mivanova"}
    with pytest.raises(ServiceError) as caught:  # a wrong password does not reveal the state
        accounts.authenticate(db, "mivanova", "Wrong42x", "10.0.0.1")
    assert caught.value.key == "accounts.bad_credentials"


def test_five_failures_lock_the_account_for_15_minutes(db):
    user = active_user(db, now=T0)
    for i in range(4):
        with pytest.raises(ServiceError) as caught:
            accounts.authenticate(db, "mivanova", "Wrong42x", f"10.0.0.{i}", now=T0 + timedelta(minutes=i))
        assert caught.value.key == "accounts.bad_credentials"
    assert db.get(User, user.id).failed_logins == 4
    fifth = T0 + timedelta(minutes=4)
    with pytest.raises(Locked) as caught:
        accounts.authenticate(db, "mivanova", "Wrong42x", "10.0.0.9", now=fifth)
    assert caught.value.key == "accounts.locked" and caught.value.until == fifth + timedelta(minutes=15)
    assert caught.value.persist
    with pytest.raises(Locked) as caught:  # the right password does not help while locked
        accounts.authenticate(db, "maria@example.ru", PASSWORD, "10.0.0.10", now=fifth + timedelta(minutes=14))
    assert caught.value.until == fifth + timedelta(minutes=15)
    signed_in = accounts.authenticate(db, "mivanova", PASSWORD, "10.0.0.10", now=fifth + timedelta(minutes=15))
    assert signed_in.failed_logins == 0 and signed_in.locked_until is None


def test_a_success_resets_the_count(db):
    user = active_user(db, now=T0)
    for _ in range(4):
        with pytest.raises(ServiceError):
            accounts.authenticate(db, "mivanova", "Wrong42x", None, now=T0)
    accounts.authenticate(db, "mivanova", PASSWORD, None, now=T0)
    assert db.get(User, user.id).failed_logins == 0
    for _ in range(4):
        with pytest.raises(ServiceError) as caught:
            accounts.authenticate(db, "mivanova", "Wrong42x", None, now=T0)
        assert not isinstance(caught.value, Locked)


def test_after_a_lock_ends_the_count_starts_again(db):
    active_user(db, now=T0)
    for _ in range(5):
        with pytest.raises(ServiceError):
            accounts.authenticate(db, "mivanova", "Wrong42x", None, now=T0)
    later = T0 + timedelta(minutes=16)
    with pytest.raises(ServiceError) as caught:
        accounts.authenticate(db, "mivanova", "Wrong42x", None, now=later)
    assert caught.value.key == "accounts.bad_credentials"


def test_an_address_is_locked_after_20_failures_in_15_minutes(db):
    active_user(db, now=T0)
    for i in range(19):  # spraying different logins from one address
        with pytest.raises(ServiceError) as caught:
            accounts.authenticate(db, f"user{i}", "Guess42x", "203.0.113.7", now=T0 + timedelta(seconds=i))
        assert caught.value.key == "accounts.bad_credentials"
    at = T0 + timedelta(seconds=30)
    with pytest.raises(Locked) as caught:
        accounts.authenticate(db, "user19", "Guess42x", "203.0.113.7", now=at)
    assert caught.value.key == "accounts.address_locked" and caught.value.until == at + timedelta(minutes=15)
    with pytest.raises(Locked) as caught:  # even a right password waits
        accounts.authenticate(db, "mivanova", PASSWORD, "203.0.113.7", now=at + timedelta(minutes=1))
    assert caught.value.key == "accounts.address_locked"
    assert accounts.authenticate(db, "mivanova", PASSWORD, "198.51.100.1", now=at).login == "mivanova"
    assert accounts.authenticate(db, "mivanova", PASSWORD, "203.0.113.7", now=at + timedelta(minutes=15))


def test_address_failures_spread_over_time_are_forgotten(db):
    active_user(db, now=T0)
    for i in range(30):
        with pytest.raises(ServiceError) as caught:
            # a new unknown login each time: five in a row on one would lock it, as an account
            accounts.authenticate(db, f"nobody{i}", "Guess42x", "203.0.113.8", now=T0 + timedelta(minutes=16 * i))
        assert caught.value.key == "accounts.bad_credentials"


def test_failure_counts_survive_the_callers_rollback(monkeypatch, tmp_path):
    """db.session_scope commits an error marked persist, so failing cannot dodge the lock."""
    from sqlmodel import Session, SQLModel

    from mrko_app import db as database

    engine = database.make_engine(f"sqlite:///{tmp_path / 'scope.db'}")
    SQLModel.metadata.create_all(engine)
    monkeypatch.setattr(database, "engine", lambda: engine)
    with database.session_scope() as db:
        active_user(db)
    for _ in range(2):
        with pytest.raises(ServiceError):
            with database.session_scope() as db:
                accounts.authenticate(db, "mivanova", "Wrong42x", "10.0.0.1")
    with pytest.raises(ValidationError):  # an ordinary error still rolls back
        with database.session_scope() as db:
            accounts.register(db, form(login="x"))
    with Session(engine) as db:
        assert db.exec(select(User.failed_logins)).one() == 2
        assert db.exec(select(User)).all()[0].login == "mivanova"
    engine.dispose()


# --- profile ----------------------------------------------------------------------------------

def test_change_password_needs_the_old_one_and_ends_other_sessions(db):
    user = active_user(db)
    current = accounts.create_session(db, user, remember=False)
    other = accounts.create_session(db, user, remember=True)
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(db, user, "", "NewPass77", "NewPass77")
    assert caught.value.fields == {"old_password": "error.required"}
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(db, user, "Wrong42x", "short", "other")
    assert caught.value.fields == {
        "old_password": "accounts.wrong_password",
        "new_password": "validation.password_short",
        "new_password_confirm": "validation.password_mismatch",
    }
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(db, user, PASSWORD, PASSWORD, PASSWORD)
    assert caught.value.fields == {"new_password": "accounts.password_same"}
    accounts.change_password(db, user, PASSWORD, "NewPass77", "NewPass77", keep_token=current)
    assert accounts.authenticate(db, "mivanova", "NewPass77", None).id == user.id
    assert accounts.resolve_session(db, current) is not None and accounts.resolve_session(db, other) is None
    assert last_message(db, "maria@example.ru").subject == "МРКО Дневник: пароль изменён"


def test_wrong_current_passwords_in_the_profile_lock_the_account(db):
    user = active_user(db, now=T0)
    for _ in range(3):
        with pytest.raises(ValidationError) as caught:
            accounts.change_password(db, user, "Wrong42x", "NewPass77", "NewPass77", now=T0)
        assert caught.value.persist
    with pytest.raises(ValidationError):
        accounts.change_email(db, user, "new@example.ru", "Wrong42x", now=T0)
    with pytest.raises(Locked) as caught:
        accounts.change_email(db, user, "new@example.ru", "Wrong42x", now=T0)
    assert caught.value.key == "accounts.locked"
    with pytest.raises(Locked):
        accounts.change_password(db, user, PASSWORD, "NewPass77", "NewPass77", now=T0)
    accounts.change_password(db, user, PASSWORD, "NewPass77", "NewPass77", now=T0 + timedelta(minutes=15))


def test_change_email(db):
    user = active_user(db)
    active_user(db, login="petrov", email="petrov@example.ru", phone="+79990000002")
    with pytest.raises(ValidationError) as caught:
        accounts.change_email(db, user, "PETROV@example.ru", "Wrong42x")
    assert caught.value.fields == {"email": "accounts.email_taken", "password": "accounts.wrong_password"}
    with pytest.raises(ValidationError) as caught:
        accounts.change_email(db, user, "maria@example.ru", "")
    assert caught.value.fields == {"email": "accounts.email_same", "password": "error.required"}
    accounts.change_email(db, user, " Maria.New@Example.ru ", PASSWORD)
    assert user.email == "maria.new@example.ru"
    assert "maria.new@example.ru" in last_message(db, "maria@example.ru").body  # the old address is told
    assert accounts.authenticate(db, "maria.new@example.ru", PASSWORD, None).id == user.id


def test_change_phone_is_confirmed_by_a_code_sent_to_the_new_number(db):
    user = active_user(db, now=T0)
    active_user(db, now=T0, login="petrov", email="petrov@example.ru", phone="+79990000002")
    for phone, key in (("123", "validation.phone_invalid"), ("8 999 123 45 67", "accounts.phone_same"),
                       ("+7 999 000-00-02", "accounts.phone_taken")):
        with pytest.raises(ValidationError) as caught:
            accounts.start_phone_change(db, user, phone, now=T0)
        assert caught.value.fields == {"phone": key}
    accounts.start_phone_change(db, user, "8 (916) 555-44-33", now=T0)
    new_phone = "+79165554433"
    code = last_code(db, new_phone)
    assert user.phone == PHONE  # not changed until confirmed
    with pytest.raises(ValidationError) as caught:
        accounts.confirm_phone_change(db, user, wrong(code), now=T0)
    assert caught.value.fields == {"code": "codes.wrong"}
    accounts.confirm_phone_change(db, user, code, now=T0 + timedelta(minutes=1))
    assert user.phone == new_phone and user.phone_confirmed
    assert accounts.authenticate(db, "8 916 555 44 33", PASSWORD, None, now=T0).id == user.id


def test_phone_change_fails_when_the_number_was_taken_meanwhile(db):
    user = active_user(db, now=T0)
    accounts.start_phone_change(db, user, "+79165554433", now=T0)
    code = last_code(db, "+79165554433")
    accounts.register(db, form(login="petrov", email="petrov@example.ru", phone="+79165554433"), now=T0)
    with pytest.raises(ValidationError) as caught:
        accounts.confirm_phone_change(db, user, code, now=T0)
    assert caught.value.fields == {"phone": "accounts.phone_taken"}


def test_set_language(db):
    user = active_user(db)
    accounts.set_language(db, user, "en")
    assert db.get(User, user.id).language == "en"
    with pytest.raises(ValidationError) as caught:
        accounts.set_language(db, user, "fr")
    assert caught.value.fields == {"language": "validation.language_unknown"}


def test_roles(db):
    user = active_user(db)
    db.add(UserRole(user_id=user.id, role="teacher"))
    db.flush()
    assert accounts.roles_of(db, user) == {"parent", "teacher"}
