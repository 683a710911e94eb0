"""The development outbox never reaches a real deployment, and shows a message only to the person it
was sent to (or staff). The account-takeover chain: an anonymous visitor asks for a password-reset
link for a parent and tries to read it from the outbox."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mrko_app import config
from mrko_app.services.accounts import core as accounts
from mrko_app.services.errors import NotFound, PermissionDenied
from mrko_app.services.notify import dev_outbox
from mrko_app.services.notify import messages as notifications
from tests.services.access_world import make_world
from tests.services.accounts_helpers import T0, active_user, last_message

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r"token=([\w\-]+)")


@pytest.mark.parametrize("env, dev", [(None, False), ("", False), ("production", False), ("prod", False),
                                      ("staging", False), ("development", True), ("demo", True), ("DEMO", True)])
def test_only_an_explicit_development_or_demo_instance_is_dev_mode(monkeypatch, env, dev):
    if env is None:
        monkeypatch.delenv("MRKO_ENV", raising=False)
    else:
        monkeypatch.setenv("MRKO_ENV", env)
    assert config.dev_mode() is dev


def _outbox_route_registered(env: str | None) -> bool:
    environ = {k: v for k, v in os.environ.items() if k != "MRKO_ENV"}
    if env is not None:
        environ["MRKO_ENV"] = env
    code = ("import mrko_app.pages.outbox; from mrko_app.state.base import PAGE_ROLES; "
            "from mrko_app import routes; print(routes.OUTBOX in PAGE_ROLES)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True,
                         check=True, timeout=120)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_the_outbox_page_is_registered_only_on_a_dev_or_demo_instance():
    assert not _outbox_route_registered(None)
    assert not _outbox_route_registered("production")
    assert _outbox_route_registered("demo")


@pytest.mark.parametrize("env", [None, "production"])
def test_the_takeover_chain_fails_in_production(db, monkeypatch, env):
    victim = active_user(db, now=T0)  # registered (its code read) before the instance turns production
    if env is None:
        monkeypatch.delenv("MRKO_ENV", raising=False)
    else:
        monkeypatch.setenv("MRKO_ENV", env)
    accounts.start_password_reset_by_email(db, victim.email, now=T0)  # asked by an anonymous visitor
    for user in (None, victim):
        with pytest.raises(NotFound):  # no outbox at all, even for the recipient
            dev_outbox.visible_messages(db, user, recipient=victim.email)
    stored = last_message(db, victim.email)
    assert "/recover/reset" not in stored.body and not TOKEN.search(stored.body)
    assert notifications.REDACTED in stored.body


def test_the_takeover_chain_fails_on_a_demo_instance(db, monkeypatch):
    monkeypatch.setenv("MRKO_ENV", "demo")
    w = make_world(db)
    victim = active_user(db, now=T0)
    accounts.start_password_reset_by_email(db, victim.email, now=T0)
    with pytest.raises(PermissionDenied):  # anonymous: nothing, with or without a search
        dev_outbox.visible_messages(db, None, recipient=victim.email)
    with pytest.raises(PermissionDenied):
        dev_outbox.visible_messages(db, None)
    # another signed-in parent cannot search for it either
    assert dev_outbox.visible_messages(db, w.parent, recipient=victim.email) == []
    assert dev_outbox.visible_messages(db, w.parent) == []
    # the person it was sent to, and staff, see it (the demo needs it: the outbox is its delivery)
    [mine] = [m for m in dev_outbox.visible_messages(db, victim) if "/recover/reset" in m.body]
    assert TOKEN.search(mine.body)
    assert dev_outbox.visible_messages(db, w.staff, recipient=victim.email)[0].id == mine.id


def test_a_new_owner_of_an_address_does_not_read_what_was_sent_to_it_before(db):
    w = make_world(db)
    notifications.send(db, channel="email", recipient="shared@example.ru", subject="S", body="for parent_b",
                       user_id=w.parent2.id)
    w.parent.email = "shared@example.ru"  # matching by address alone would show it
    db.add(w.parent)
    db.flush()
    assert dev_outbox.visible_messages(db, w.parent) == []
    assert [m.body for m in dev_outbox.visible_messages(db, w.parent2)] == ["for parent_b"]


def test_secrets_are_redacted_once_a_transport_delivered_them_even_in_development(db, monkeypatch):
    class Gateway:
        def configured(self):
            return True

        def deliver(self, recipient, subject, body):
            self.body = body

    gateway = Gateway()
    saved = dict(notifications._CHANNELS)
    try:
        notifications.register_channel("sms", gateway)
        sent = notifications.send(db, channel="sms", recipient="+79991234567", body="Code 123456",
                                  secrets=("123456",))
    finally:
        notifications._CHANNELS.clear()
        notifications._CHANNELS.update(saved)
    assert gateway.body == "Code 123456"  # the recipient got the code
    assert sent.delivered and sent.body == f"Code {notifications.REDACTED}"
    kept = notifications.send(db, channel="sms", recipient="+79991234567", body="Code 654321", secrets=("654321",))
    assert kept.body == "Code 654321"  # development, no transport: the dev outbox is the delivery


def test_phone_codes_are_redacted_in_production(db, monkeypatch):
    monkeypatch.setenv("MRKO_ENV", "production")
    user = accounts.register(db, {
        "surname": "Иванова", "first_name": "Мария", "patronymic": "", "email": "m@example.ru",
        "login": "mivanova", "password": "Secret42x", "password_confirm": "Secret42x",
        "phone": "+7 999 123-45-67", "security_question": "first_pet", "security_answer": "Барсик",
    }, now=T0)
    sms = last_message(db, user.phone)
    assert not re.search(r"\d{6}", sms.body) and notifications.REDACTED in sms.body


def test_the_tab_that_registered_sees_its_own_code_and_nothing_else(db, monkeypatch):
    monkeypatch.setenv("MRKO_ENV", "demo")
    w = make_world(db)
    notifications.send(db, channel="email", recipient="x@example.ru", body="someone else's", user_id=w.parent.id)
    user = accounts.register(db, {
        "surname": "Иванова", "first_name": "Мария", "patronymic": "", "email": "m@example.ru",
        "login": "mivanova", "password": "Secret42x", "password_confirm": "Secret42x",
        "phone": "+7 999 123-45-67", "security_question": "first_pet", "security_answer": "Барсик",
    }, now=T0)
    [sms] = dev_outbox.visible_messages(db, None, recipient="x@example.ru", pending_user_id=user.id)
    assert sms.recipient == user.phone and re.search(r"\d{6}", sms.body)
    accounts.confirm_phone(db, user.id, re.search(r"\d{6}", sms.body).group(0), now=T0)
    with pytest.raises(PermissionDenied):  # confirmed: from now on by signing in only
        dev_outbox.visible_messages(db, None, pending_user_id=user.id)
