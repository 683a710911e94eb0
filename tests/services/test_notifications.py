"""The notification service: the outbox always, SMTP when configured (through the mail queue, drained
here by hand), pluggable SMS transport. The real SMTP server tests are in test_mail_smtp.py."""

import logging
from contextlib import nullcontext
from datetime import timedelta

import pytest

from mrko_app.models import OutboxMessage
from mrko_app.services.notify import mail_runner
from mrko_app.services.notify import messages as notifications
from mrko_app.services.notify import smtp as smtp_module
from tests.services.accounts_helpers import T0, count


class FakeSMTP:
    sent: list = []
    fail: Exception | None = None

    def __init__(self, host, port, timeout=None, context=None):
        self.host, self.port = host, port
        self.logged_in = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        self.tls = True

    def login(self, user, password):
        self.logged_in = (user, password)

    def send_message(self, message):
        if FakeSMTP.fail:
            raise FakeSMTP.fail
        FakeSMTP.sent.append((self.host, self.port, self.logged_in, message))


class FakeSSL(FakeSMTP):
    def starttls(self, context=None):
        raise AssertionError("no STARTTLS on an SSL connection")


@pytest.fixture
def smtp(monkeypatch):
    monkeypatch.setenv("MRKO_SMTP_HOST", "mail.test")
    monkeypatch.setenv("MRKO_SMTP_PORT", "2525")
    monkeypatch.setenv("MRKO_SMTP_FROM", "diary@school.test")
    monkeypatch.setattr(smtp_module.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setattr(smtp_module.smtplib, "SMTP_SSL", FakeSSL)
    FakeSMTP.sent, FakeSMTP.fail = [], None
    yield FakeSMTP
    FakeSMTP.sent, FakeSMTP.fail = [], None


def drain(db):
    return mail_runner.drain_once(lambda: nullcontext(db))


@pytest.fixture
def no_smtp(monkeypatch):
    monkeypatch.delenv("MRKO_SMTP_HOST", raising=False)


def test_messages_go_to_the_outbox_and_the_log(db, no_smtp, caplog):
    caplog.set_level(logging.INFO, logger="mrko_app.services.notify.messages")
    mail = notifications.send(db, channel="email", recipient="a@example.ru", subject="Hi", body="Text")
    sms = notifications.send(db, channel="sms", recipient="+79991234567", body="Code 123456")
    assert count(db, OutboxMessage) == 2
    assert (mail.id, mail.channel, mail.subject, mail.body) == (mail.id, "email", "Hi", "Text")
    assert (sms.channel, sms.subject, sms.delivered, sms.error) == ("sms", "", False, "")
    assert not mail.delivered  # no SMTP: kept in the outbox only
    assert "a@example.ru" in caplog.text and "Code 123456" in caplog.text  # development: whole message


def test_production_logs_hold_no_message_text(db, no_smtp, caplog, monkeypatch):
    monkeypatch.setenv("MRKO_ENV", "production")
    caplog.set_level(logging.DEBUG, logger="mrko_app.services.notify.messages")
    message = notifications.send(db, channel="sms", recipient="+79991234567", body="Code 654321")
    assert "+79991234567" in caplog.text and "654321" not in caplog.text
    assert message.body == "Code 654321"  # the outbox row still has it


def test_outbox_lists_newest_first_per_recipient_with_limit(db, no_smtp):
    for i in range(3):
        notifications.send(db, channel="sms", recipient="+79990000001", body=f"m{i}", now=T0 + timedelta(minutes=i))
    notifications.send(db, channel="sms", recipient="+79990000002", body="other", now=T0)
    assert [m.body for m in notifications.outbox(db, recipient="+79990000001")] == ["m2", "m1", "m0"]
    assert [m.body for m in notifications.outbox(db, limit=2)] == ["m2", "m1"]
    assert len(notifications.outbox(db)) == 4
    assert notifications.outbox(db, recipient="nobody") == []


def test_email_goes_through_smtp_when_configured(db, smtp):
    message = notifications.send(db, channel="email", recipient="a@example.ru", subject="Hello", body="Body text")
    assert not message.delivered and smtp.sent == []  # queued: sending never waits for the server
    assert drain(db) == {"sent": 1, "failed": 0}
    db.refresh(message)
    assert message.delivered and message.error == ""
    ((host, port, logged_in, mime),) = smtp.sent
    assert (host, port, logged_in) == ("mail.test", 2525, None)
    assert mime["To"] == "a@example.ru" and mime["From"] == "diary@school.test" and mime["Subject"] == "Hello"
    assert "Body text" in mime.get_content()


def test_smtp_login_when_a_user_is_set(db, smtp, monkeypatch):
    monkeypatch.setenv("MRKO_SMTP_USER", "diary")
    monkeypatch.setenv("MRKO_SMTP_PASSWORD", "pw")
    notifications.send(db, channel="email", recipient="a@example.ru", subject="S", body="B")
    drain(db)
    assert smtp.sent[0][2] == ("diary", "pw")


def test_smtp_on_port_465_is_ssl(db, smtp, monkeypatch):
    monkeypatch.setenv("MRKO_SMTP_PORT", "465")
    monkeypatch.setenv("MRKO_SMTP_USER", "diary")
    notifications.send(db, channel="email", recipient="a@example.ru", subject="S", body="B")
    assert drain(db)["sent"] == 1
    assert smtp.sent[0][1:3] == (465, ("diary", ""))


def test_smtp_failure_is_recorded_not_raised(db, smtp):
    smtp.fail = ConnectionRefusedError("connection refused")
    message = notifications.send(db, channel="email", recipient="a@example.ru", subject="S", body="B")
    assert drain(db) == {"sent": 0, "failed": 1}
    db.refresh(message)
    assert not message.delivered
    assert "ConnectionRefusedError" in message.error and "refused" in message.error
    assert notifications.outbox(db)[0].id == message.id


def test_sms_stays_in_the_outbox_even_with_smtp(db, smtp):
    message = notifications.send(db, channel="sms", recipient="+79991234567", body="Code")
    drain(db)
    assert not message.delivered and smtp.sent == []


class FakeGateway:
    def __init__(self, configured=True):
        self.sent = []
        self._configured = configured

    def configured(self):
        return self._configured

    def deliver(self, recipient, subject, body):
        self.sent.append((recipient, body))


@pytest.fixture
def restore_channels():
    saved = dict(notifications._CHANNELS)
    yield
    notifications._CHANNELS.clear()
    notifications._CHANNELS.update(saved)


def test_a_gateway_can_be_plugged_in(db, restore_channels):
    gateway = FakeGateway()
    notifications.register_channel("sms", gateway)
    message = notifications.send(db, channel="sms", recipient="+79991234567", body="Code 1", user_id=None)
    assert message.delivered and gateway.sent == [("+79991234567", "Code 1")]
    idle = FakeGateway(configured=False)
    notifications.register_channel("sms", idle)
    assert not notifications.send(db, channel="sms", recipient="+79991234567", body="Code 2").delivered
    assert idle.sent == []
    notifications.register_channel("app", None)
    assert "app" in notifications.channels()
    assert notifications.send(db, channel="app", recipient="user:1", body="In-app").channel == "app"
    with pytest.raises(TypeError):
        notifications.register_channel("fax", object())


def test_unknown_channel_is_a_programming_error(db):
    with pytest.raises(ValueError):
        notifications.send(db, channel="pigeon", recipient="x", body="y")


def test_long_subject_is_cut(db, no_smtp):
    assert len(notifications.send(db, channel="email", recipient="a@b.ru", subject="s" * 300, body="b").subject) == 200
