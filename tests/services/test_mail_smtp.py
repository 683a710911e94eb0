"""E-mail delivered for real: the durable queue drained to a real SMTP server (aiosmtpd on 127.0.0.1),
the messages parsed back with `email`. The server is stopped and started again; the app "restarts"
(a new engine on the same database file, as a new process would open it)."""

import re
import time
from contextlib import contextmanager, nullcontext
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, SQLModel, create_engine

from mrko_app.models import MailQueueItem, OutboxMessage
from mrko_app.services.accounts import core as accounts
from mrko_app.services.alerts import delivery as alerts_delivery
from mrko_app.services.notify import mail_queue, mail_runner
from mrko_app.services.notify import messages as notifications
from tests.async_run import run_async
from tests.services.stats_school import build, user
from tests.services.test_alerts import new_mark, rule
from tests.smtp_server import LocalSmtp, self_signed_cert

NOW = datetime(2026, 10, 1, 7, 0)


@pytest.fixture
def smtp_server(monkeypatch):
    server = LocalSmtp().start()
    monkeypatch.setenv("MRKO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MRKO_SMTP_PORT", str(server.port))
    monkeypatch.setenv("MRKO_SMTP_FROM", "diary@school.test")
    for name in ("MRKO_SMTP_USER", "MRKO_SMTP_PASSWORD", "MRKO_SMTP_STARTTLS", "MRKO_SMTP_CAFILE", "MRKO_SMTP_SSL"):
        monkeypatch.delenv(name, raising=False)
    yield server
    server.stop()


def drain(db, now=None):
    return mail_runner.drain_once(lambda: nullcontext(db), now)


def test_recovery_link_and_login_reminder_arrive_in_the_users_language(db, smtp_server):
    ru = user(db, "parent", "Petrova", language="ru")
    en = user(db, "parent", "Smith", language="en")
    accounts.start_password_reset_by_email(db, ru.email)
    accounts.remind_login(db, en.email)
    assert smtp_server.received == []  # queued: the action did not talk to the server
    assert drain(db) == {"sent": 2, "failed": 0}
    by_rcpt = {r["to"][0]: r["message"] for r in smtp_server.received}
    reset, reminder = by_rcpt[ru.email], by_rcpt[en.email]
    assert reset["Subject"] == "МРКО Дневник: сброс пароля" and reset["From"] == "diary@school.test"
    assert reset["To"] == ru.email and reset["Date"] and reset["Message-ID"]
    assert re.search(r"/recover/reset\?token=[A-Za-z0-9_\-]{20,}", reset.get_content())
    assert reminder["Subject"] == "MRKO Diary: your login" and en.login in reminder.get_content()
    db.expire_all()
    assert all(m.delivered for m in notifications.outbox(db))
    assert mail_queue.pending(db) == []
    assert drain(db) == {"sent": 0, "failed": 0}  # each message once


def test_the_alert_digest_arrives(db, smtp_server):
    w = build(db)
    rule(db, w, by_email=True, digest=True, digest_hour=18, delay_minutes=0)
    new_mark(w, 2, now=NOW)
    alerts_delivery.deliver_due(db, NOW + timedelta(minutes=1))
    assert alerts_delivery.deliver_due(db, datetime(2026, 10, 1, 15, 0))["digests"] == 1
    drain(db, datetime(2026, 10, 1, 15, 0))
    [digest] = smtp_server.messages()
    assert digest["To"] == w.parent.email and digest["Subject"].startswith("MRKO Diary: ")
    assert "Kid0: a 2 in Maths (9/30/2026)." in digest.get_content()  # the English date, by Babel


def test_messages_wait_while_the_server_is_down_and_go_when_it_is_back(db, smtp_server):
    smtp_server.stop()
    parent = user(db, "parent", "Down", language="en")
    started = time.monotonic()
    accounts.remind_login(db, parent.email, now=NOW)
    assert time.monotonic() - started < 1  # the action never waits for the server
    assert drain(db, NOW) == {"sent": 0, "failed": 1}
    [item] = mail_queue.pending(db)
    assert item.attempts == 1 and item.next_attempt_at == NOW + mail_queue.RETRY_BASE
    assert "Connection" in item.last_error or "refused" in item.last_error.lower()
    assert drain(db, NOW + timedelta(seconds=10)) == {"sent": 0, "failed": 0}  # backing off
    assert drain(db, NOW + timedelta(seconds=30)) == {"sent": 0, "failed": 1}
    assert mail_queue.pending(db)[0].next_attempt_at == NOW + timedelta(seconds=30 + 60)  # doubled
    smtp_server.start()
    assert drain(db, NOW + timedelta(seconds=90)) == {"sent": 1, "failed": 0}
    [received] = smtp_server.messages()
    assert received["To"] == parent.email and parent.login in received.get_content()
    db.expire_all()
    outbox_row = db.get(OutboxMessage, item.outbox_id)
    assert outbox_row.delivered and outbox_row.error == ""


def test_backoff_doubles_up_to_an_hour():
    assert [mail_queue.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert mail_queue.backoff(30) == timedelta(hours=1)


@contextmanager
def app_process(url):
    """What a (re)started app holds: its own engine on the database."""
    engine = create_engine(url)

    @contextmanager
    def scope():
        with Session(engine, expire_on_commit=False) as session:
            yield session
            session.commit()

    try:
        yield scope
    finally:
        engine.dispose()


def test_a_restart_loses_nothing(tmp_path, smtp_server):
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    SQLModel.metadata.create_all(create_engine(url))
    smtp_server.stop()
    with app_process(url) as scope:  # the first process queues two messages while the server is down
        with scope() as db:
            a, b = user(db, "parent", "First", language="en"), user(db, "parent", "Second", language="ru")
            accounts.remind_login(db, a.email, now=NOW)
            accounts.remind_login(db, b.email, now=NOW)
        assert mail_runner.drain_once(scope, NOW) == {"sent": 0, "failed": 2}
        with scope() as db:  # then a round claims them and dies before it can tell
            assert len(mail_queue.claim(db, NOW + timedelta(minutes=1))) == 2
    smtp_server.start()
    with app_process(url) as scope:  # a new process: the claimed rows come back once the lease ends
        assert mail_runner.drain_once(scope, NOW + timedelta(minutes=2)) == {"sent": 0, "failed": 0}
        later = NOW + timedelta(minutes=1) + mail_queue.LEASE
        assert mail_runner.drain_once(scope, later) == {"sent": 2, "failed": 0}
        with scope() as db:
            assert mail_queue.pending(db) == []
            assert all(item.body == "" for item in db.query(MailQueueItem))  # the queued text is dropped
    assert sorted(r["to"][0] for r in smtp_server.received) == sorted([a.email, b.email])


@pytest.fixture
def tls_files(tmp_path):
    return self_signed_cert(tmp_path)


def test_starttls_and_login(db, tls_files, monkeypatch):
    server = LocalSmtp(tls=tls_files, credentials=("diary", "s3cret")).start()
    try:
        monkeypatch.setenv("MRKO_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MRKO_SMTP_PORT", str(server.port))
        monkeypatch.setenv("MRKO_SMTP_STARTTLS", "1")
        monkeypatch.setenv("MRKO_SMTP_CAFILE", str(tls_files[0]))  # the server's certificate is verified
        monkeypatch.setenv("MRKO_SMTP_USER", "diary")
        monkeypatch.setenv("MRKO_SMTP_PASSWORD", "wrong")
        parent = user(db, "parent", "Tls", language="en")
        accounts.remind_login(db, parent.email, now=NOW)
        assert drain(db, NOW) == {"sent": 0, "failed": 1}
        assert "Authentication" in mail_queue.pending(db)[0].last_error
        monkeypatch.setenv("MRKO_SMTP_PASSWORD", "s3cret")
        assert drain(db, NOW + timedelta(minutes=1)) == {"sent": 1, "failed": 0}
        [received] = server.received
        assert received["tls"] and received["login"] == "diary"
        assert received["message"]["To"] == parent.email
    finally:
        server.stop()


def test_starttls_refuses_a_certificate_it_cannot_verify(db, tls_files, monkeypatch):
    server = LocalSmtp(tls=tls_files).start()
    try:
        monkeypatch.setenv("MRKO_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MRKO_SMTP_PORT", str(server.port))
        monkeypatch.setenv("MRKO_SMTP_STARTTLS", "1")
        monkeypatch.delenv("MRKO_SMTP_CAFILE", raising=False)
        notifications.send(db, channel="email", recipient="x@example.test", subject="S", body="B", now=NOW)
        assert drain(db, NOW) == {"sent": 0, "failed": 1}
        assert "CERTIFICATE_VERIFY_FAILED" in mail_queue.pending(db)[0].last_error
        assert server.received == []
    finally:
        server.stop()




def test_the_background_task_delivers_and_a_restarted_task_loses_nothing(tmp_path, smtp_server, monkeypatch):
    """The lifespan task itself (mail_runner.drain_mail_periodically), stopped while the server is down and
    started again, as a restarted app would."""
    import asyncio


    url = f"sqlite:///{tmp_path / 'task.db'}"
    SQLModel.metadata.create_all(create_engine(url))
    monkeypatch.setenv("MRKO_MAIL_INTERVAL", "0.2")
    monkeypatch.setattr(mail_queue, "RETRY_BASE", timedelta(milliseconds=300))
    smtp_server.stop()
    with app_process(url) as scope:
        monkeypatch.setattr(mail_runner.database, "session_scope", scope)
        with scope() as db:
            parent = user(db, "parent", "Queued", language="ru")
            accounts.remind_login(db, parent.email)

        def attempts():
            with scope() as db:
                return [i.attempts for i in mail_queue.pending(db)]

        async def run_until(check):
            task = asyncio.create_task(mail_runner.drain_mail_periodically())
            for _ in range(100):
                await asyncio.sleep(0.1)
                if await asyncio.to_thread(check):
                    break
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

        run_async(run_until(lambda: attempts() and attempts()[0] >= 2))  # retried, then "the app stops"
        assert attempts() and attempts()[0] >= 2 and smtp_server.received == []
        smtp_server.start()
        run_async(run_until(lambda: smtp_server.received))  # "the app starts again"
    [received] = smtp_server.messages()
    assert received["To"] == parent.email and received["Subject"] == "МРКО Дневник: ваш логин"
