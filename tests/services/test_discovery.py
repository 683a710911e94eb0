"""No account discovery: recovery, registration and sign-in answer the same way, after the same
work, for identifiers that have an account and for those that do not."""

from datetime import timedelta

import pytest

from mrko_app.models import OutboxMessage, User
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import passwords, recovery
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.services.errors import Locked, ServiceError, ValidationError
from tests.services.accounts_helpers import T0, active_user, count, form

EMAIL, PHONE = "maria@example.ru", "+79991234567"


def _error(call):
    try:
        call()
    except ServiceError as exc:
        return type(exc), exc.key, getattr(exc, "fields", None), exc.params
    return None


def test_an_unknown_login_gets_a_stable_decoy_question_from_the_secret(db, monkeypatch):
    active_user(db)
    monkeypatch.setenv("MRKO_SECRET_KEY", "one secret")
    asked = {who: accounts.security_question_for(db, who) for who in (f"ghost{i}" for i in range(40))}
    assert set(asked.values()) <= set(SECURITY_QUESTIONS)
    assert len(set(asked.values())) > 1  # not one give-away question for every unknown login
    assert all(accounts.security_question_for(db, who) == q for who, q in asked.items())  # stable
    assert accounts.security_question_for(db, "GHOST1") == asked["ghost1"]  # as logins are compared
    assert accounts.security_question_for(db, "+7 916 000-00-99") == accounts.security_question_for(db, "89160000099")
    monkeypatch.setenv("MRKO_SECRET_KEY", "another secret")
    again = {who: accounts.security_question_for(db, who) for who in asked}
    assert again != asked  # derived from the secret: not guessable without it


def test_without_a_configured_secret_one_is_generated_and_kept(db, monkeypatch, tmp_path):
    monkeypatch.delenv("MRKO_SECRET_KEY", raising=False)
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    first = recovery.decoy_question("ghost")
    key = (tmp_path / "secret_key").read_text()
    assert len(key) == 64 and (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert recovery.decoy_question("ghost") == first and (tmp_path / "secret_key").read_text() == key


def test_the_answer_to_a_decoy_question_is_a_wrong_answer_and_locks_like_an_account(db):
    active_user(db, now=T0)
    for who in ("mivanova", "ghost"):
        results = [_error(lambda: accounts.start_password_reset_by_question(db, who, "Мурзик", None, now=T0))
                   for _ in range(5)]
        assert results[0] == (ValidationError, "error.invalid", {"answer": "recovery.wrong_answer"}, {})
        assert results[-1][:2] == (Locked, "accounts.locked")  # the fifth locks, known or not
        assert _error(lambda: accounts.start_password_reset_by_question(db, who, "Барсик", None, now=T0))[:2] \
            == (Locked, "accounts.locked")


def test_sign_in_answers_the_same_for_unknown_logins_and_locks_them_too(db):
    active_user(db, now=T0)
    for who in ("mivanova", "ghost"):
        results = [_error(lambda: accounts.authenticate(db, who, "Wrong42x", None, now=T0)) for _ in range(5)]
        assert results[0] == (ServiceError, "accounts.bad_credentials", None, {})
        assert results[-1] == (Locked, "accounts.locked", None, {"until": T0 + timedelta(minutes=15)})
    # the lock of an unknown login ends like an account's
    with pytest.raises(ServiceError) as caught:
        accounts.authenticate(db, "ghost", "Wrong42x", None, now=T0 + timedelta(minutes=16))
    assert caught.value.key == "accounts.bad_credentials"


def test_link_and_reminder_requests_answer_the_same(db):
    active_user(db, now=T0)
    for contact in (EMAIL, "stranger@example.ru"):
        assert accounts.start_password_reset_by_email(db, contact, now=T0) is None
    for contact in (EMAIL, PHONE, "stranger@example.ru", "+79990000000"):
        assert accounts.remind_login(db, contact, now=T0) is None


def test_a_registration_with_a_taken_login_looks_like_a_new_one(db):
    active_user(db, now=T0)
    users = count(db, User)
    taken = accounts.register(db, form(login="mivanova", email="new@example.ru", phone="+79990000007"), now=T0)
    assert taken is None and count(db, User) == users
    # the form's answer is the same as for a new account: no field error, a "code" was sent
    assert count(db, OutboxMessage) >= 2
    fresh = accounts.register(db, form(login="fresh", email="fresh@example.ru", phone="+79990000008"), now=T0)
    assert fresh is not None and not fresh.is_active
    # and a code typed for the registration that made nothing is refused like a wrong one
    assert _error(lambda: accounts.refuse_decoy_code("123456", 0)) == \
        (ValidationError, "error.invalid", {"code": "codes.wrong"}, {"remaining": 4})
    assert _error(lambda: accounts.refuse_decoy_code("123456", 4))[2] == {"code": "codes.too_many_tries"}
    assert _error(lambda: accounts.refuse_decoy_code(" ", 0))[2] == {"code": "error.required"}


def test_unknown_accounts_spend_a_bcrypt_check_like_known_ones(db, monkeypatch):
    """Similar timing without a timed assertion (HACKING.md): every path that rejects an unknown
    identifier runs one bcrypt check, as the known path does against the stored hash."""
    active_user(db, now=T0)
    checked = []
    real = passwords.check_secret

    def counting(secret, hashed):
        checked.append(hashed)
        return real(secret, hashed)

    monkeypatch.setattr("mrko_app.services.accounts.passwords.check_secret", counting)
    monkeypatch.setattr("mrko_app.services.accounts.lockout.check_secret", counting)
    monkeypatch.setattr("mrko_app.services.accounts.core.check_secret", counting)
    monkeypatch.setattr("mrko_app.services.accounts.recovery.check_secret", counting)
    calls = {
        "sign-in": lambda who: accounts.authenticate(db, who, "Wrong42x", None, now=T0),
        "answer": lambda who: accounts.start_password_reset_by_question(db, who, "Мурзик", None, now=T0),
    }
    for name, call in calls.items():
        for who in ("mivanova", "ghost"):
            checked.clear()
            _error(lambda: call(who))
            assert len(checked) == 1, (name, who)
