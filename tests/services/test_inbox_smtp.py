"""A notification e-mailed in the daily digest, read back from a real SMTP server (aiosmtpd on
127.0.0.1): it arrives once, after the server was down for a round (the queue's retry with backoff),
however many delivery rounds and drains run afterwards."""

from contextlib import nullcontext
from datetime import datetime, timedelta

from mrko_app.services import inbox
from mrko_app.services.notify import mail_queue, mail_runner
from tests.services import diary_school
from tests.services.test_mail_smtp import smtp_server  # noqa: F401 (the fixture)

DIGEST_TIME = datetime(2026, 10, 1, 15, 0)  # 18:00 at the school, the default digest hour


def drain(db, now):
    return mail_runner.drain_once(lambda: nullcontext(db), now)


def test_a_digest_arrives_once_even_after_the_server_was_down(db, smtp_server):  # noqa: F811
    w = diary_school.build(db)
    inbox.set_mode(db, w.parent, "news", "email_digest")
    for n, title in enumerate(("Осенняя ярмарка в субботу", "Родительское собрание 5А в четверг")):
        inbox.notify(db, [w.parent.id], "news", title=title, body="Подробности на странице новостей",
                     link="/news", key=f"news:{n}", now=datetime(2026, 10, 1, 7, 0) + timedelta(hours=n))
    assert inbox.deliver_due(db, DIGEST_TIME)["digests"] == 1
    assert smtp_server.received == []  # queued: the round did not talk to the server
    smtp_server.stop()
    assert drain(db, DIGEST_TIME) == {"sent": 0, "failed": 1}
    smtp_server.start()
    assert drain(db, DIGEST_TIME + timedelta(seconds=10)) == {"sent": 0, "failed": 0}  # backing off
    assert drain(db, DIGEST_TIME + mail_queue.backoff(1)) == {"sent": 1, "failed": 0}
    for minutes in (1, 30, 120):  # more rounds the same day, more drains: nothing again
        assert inbox.deliver_due(db, DIGEST_TIME + timedelta(minutes=minutes))["digests"] == 0
        assert drain(db, DIGEST_TIME + timedelta(minutes=minutes)) == {"sent": 0, "failed": 0}
    [digest] = smtp_server.messages()
    assert digest["To"] == w.parent.email and digest["Subject"] == "МРКО Дневник: 2 уведомления за день"
    body = digest.get_content()
    assert "Осенняя ярмарка в субботу" in body and "Родительское собрание 5А в четверг" in body
