"""Rate limits on the unauthenticated actions that send something, per client address and per target."""

from datetime import timedelta

import pytest

from mrko_app.models import OutboxMessage, Throttle
from mrko_app.services import ratelimit
from mrko_app.services.accounts import core as accounts
from mrko_app.services.errors import Locked
from tests.services.accounts_helpers import T0, active_user, count, form, last_code, messages_to

EMAIL, PHONE = "maria@example.ru", "+79991234567"
HOUR = timedelta(hours=1)


def test_defaults_and_configuration(monkeypatch):
    monkeypatch.delenv("MRKO_SEND_MAX_PER_ADDRESS", raising=False)
    monkeypatch.delenv("MRKO_SEND_MAX_PER_TARGET", raising=False)
    assert (ratelimit.per_address(), ratelimit.per_target(), ratelimit.WINDOW) == (30, 5, HOUR)
    monkeypatch.setenv("MRKO_SEND_MAX_PER_ADDRESS", "7")
    monkeypatch.setenv("MRKO_SEND_MAX_PER_TARGET", "2")
    assert (ratelimit.per_address(), ratelimit.per_target()) == (7, 2)


@pytest.mark.parametrize("email", [EMAIL, "stranger@example.ru"])
def test_five_links_an_hour_per_e_mail_known_or_not(db, email):
    active_user(db, now=T0)
    for i in range(5):  # from five addresses: the target's own limit
        accounts.start_password_reset_by_email(db, email, now=T0 + timedelta(minutes=2 * i), client_ip=f"10.0.0.{i}")
    sent = count(db, OutboxMessage)
    with pytest.raises(Locked) as caught:
        accounts.start_password_reset_by_email(db, email.upper(), now=T0 + timedelta(minutes=30), client_ip="10.0.1.1")
    assert caught.value.key == "limits.target" and caught.value.until == T0 + HOUR
    assert count(db, OutboxMessage) == sent
    accounts.start_password_reset_by_email(db, email, now=T0 + HOUR, client_ip="10.0.1.1")  # a new window


def test_every_sending_action_counts_towards_the_phone(db):
    user = active_user(db, now=T0)  # registration: 1
    accounts.remind_login(db, "8 (999) 123-45-67", now=T0, client_ip="10.0.0.1")  # 2
    accounts.start_password_reset_by_question(db, "mivanova", "Барсик", "10.0.0.2", now=T0)  # 3
    accounts.remind_login(db, PHONE, now=T0 + timedelta(minutes=2), client_ip="10.0.0.3")  # 4
    accounts.start_password_reset_by_question(db, "mivanova", "Барсик", "10.0.0.4", now=T0 + timedelta(minutes=2))  # 5
    before = messages_to(db, PHONE)
    for call in (lambda: accounts.remind_login(db, PHONE, now=T0 + timedelta(minutes=4), client_ip="10.0.0.5"),
                 lambda: accounts.start_password_reset_by_question(db, "mivanova", "Барсик", "10.0.0.6",
                                                                   now=T0 + timedelta(minutes=4))):
        with pytest.raises(Locked) as caught:
            call()
        assert caught.value.key == "limits.target"
    assert messages_to(db, PHONE) == before
    assert user.id


def test_registration_and_resent_codes_are_limited_per_phone(db):
    user = accounts.register(db, form(), now=T0, client_ip="10.0.0.1")
    for i in range(1, 5):
        accounts.resend_phone_code(db, user.id, now=T0 + timedelta(minutes=i), client_ip="10.0.0.1")
    with pytest.raises(Locked) as caught:
        accounts.resend_phone_code(db, user.id, now=T0 + timedelta(minutes=6), client_ip="10.0.0.1")
    assert caught.value.key == "limits.target"
    # a registration naming that phone again is refused the same way (a taken phone or not)
    with pytest.raises(Locked):
        accounts.register(db, form(login="other", email="o@example.ru"), now=T0 + timedelta(minutes=7))
    assert accounts.confirm_phone(db, user.id, last_code(db, PHONE), now=T0 + timedelta(minutes=8)).is_active


def test_one_address_is_limited_across_targets_and_actions(db, monkeypatch):
    monkeypatch.setenv("MRKO_SEND_MAX_PER_ADDRESS", "3")
    accounts.start_password_reset_by_email(db, "a@example.ru", now=T0, client_ip="203.0.113.5")
    accounts.remind_login(db, "+79990000001", now=T0, client_ip="203.0.113.5")
    accounts.register(db, form(), now=T0, client_ip="203.0.113.5")
    for call in (lambda: accounts.start_password_reset_by_email(db, "b@example.ru", now=T0, client_ip="203.0.113.5"),
                 lambda: accounts.remind_login(db, "+79990000002", now=T0, client_ip="203.0.113.5"),
                 lambda: accounts.register(db, form(login="second", email="s@example.ru", phone="+79990000003"),
                                           now=T0, client_ip="203.0.113.5")):
        with pytest.raises(Locked) as caught:
            call()
        assert caught.value.key == "limits.address" and caught.value.until == T0 + HOUR
    accounts.remind_login(db, "+79990000002", now=T0, client_ip="198.51.100.1")  # another address
    accounts.remind_login(db, "+79990000004", now=T0 + HOUR, client_ip="203.0.113.5")  # the next hour


def test_refused_requests_are_not_counted_and_targets_are_not_stored_in_clear(db):
    for minute in range(8):  # five pass, three refused
        try:
            accounts.remind_login(db, "+79990000009", now=T0 + timedelta(minutes=minute))
        except Locked:
            pass
    [row] = db.exec(Throttle.__table__.select().where(Throttle.key.like("send-to:%"))).all()
    assert row.failures == 5 and "79990000009" not in row.key
