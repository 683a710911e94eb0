"""The notification centre: per-kind choices, told once per key, e-mail to the durable queue (held in
quiet hours), the daily digest once per day even when two rounds race, and the areas that tell people.
Times are naive UTC; the school is in Moscow (UTC+3): NOW is 10:00 there."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, SQLModel, create_engine, select

from mrko_app.models import FeedbackTicket, Notification, NotificationDigest, OutboxMessage
from mrko_app.services import changes, feedback, forum, inbox, news
from mrko_app.services.errors import NotFound, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user
from tests.services.forum_world import make_forum

NOW = datetime(2026, 10, 1, 7, 0)  # 10:00 at the school
HOUR = timedelta(hours=1)


@pytest.fixture
def s(db):
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    return school


def outbox(db, user):
    db.flush()
    return db.exec(select(OutboxMessage).where(OutboxMessage.user_id == user.id).order_by(OutboxMessage.id)).all()


def tell(db, user, kind="news", key=None, now=NOW, **kw):
    return inbox.notify(db, [user.id], kind, title=kw.pop("title", "Собрание в четверг"), key=key, now=now, **kw)


def test_defaults_and_a_choice_per_kind(s):
    modes = inbox.modes_of(s.db, [s.parent.id])[s.parent.id]
    assert modes == {"alerts": "app", "news": "app", "events": "app", "meetings": "email_now", "messages": "email_now",
                     "forum": "email_digest", "feedback": "email_now", "surveys": "email_digest"}
    inbox.set_mode(s.db, s.parent, "news", "email_digest")
    assert inbox.modes_of(s.db, [s.parent.id, s.other_parent.id]) == {
        s.parent.id: {**modes, "news": "email_digest"}, s.other_parent.id: modes}
    for kind, mode in (("spam", "app"), ("news", "sms"), (["news"], "app"), ("news", None)):
        with pytest.raises(ValidationError):
            inbox.set_mode(s.db, s.parent, kind, mode)
    with pytest.raises(ValidationError) as bad:
        inbox.save_settings(s.db, s.parent, {"quiet_start": "25:00", "quiet_end": "", "digest_hour": "x"})
    assert set(bad.value.fields) == {"quiet_start", "quiet_end", "digest_hour"}
    saved = inbox.save_settings(s.db, s.parent, {"quiet_start": "21:30", "quiet_end": "06:00", "digest_hour": "19"})
    assert (saved.quiet_start, saved.quiet_end, saved.digest_hour) == (21 * 60 + 30, 360, 19)
    assert inbox.view(s.db, s.parent)["quiet_start"] == "21:30"
    inbox.save_settings(s.db, s.parent, {"quiet_start": "", "quiet_end": "", "digest_hour": "8"})
    assert inbox.view(s.db, s.parent)["quiet_end"] == ""  # no quiet hours


def test_told_once_per_key_in_the_app_unread_first_and_only_ones_own(s):
    tell(s.db, s.parent, key="news:1", title="Первая")
    tell(s.db, s.parent, key="news:1", title="Снова")  # the same thing again: not told twice
    tell(s.db, s.parent, key="news:2", title="Вторая", now=NOW + HOUR)
    assert outbox(s.db, s.parent) == []  # news: in the app only by default
    assert changes.pending(s.db)[-1] == changes.of_user(s.parent.id, "notifications")
    assert [n.title for n in inbox.items(s.db, s.parent, now=NOW + HOUR)] == ["Вторая", "Первая"]
    assert inbox.unread_count(s.db, s.parent, now=NOW + HOUR) == 2
    first = inbox.items(s.db, s.parent, now=NOW + HOUR)[1]
    with pytest.raises(NotFound):
        inbox.mark_read(s.db, s.other_parent, first.id)  # someone else's: as if there were none
    for bad in (None, "x", 0, 2**63, [first.id]):
        with pytest.raises(NotFound):
            inbox.mark_read(s.db, s.parent, bad)
    inbox.mark_read(s.db, s.parent, first.id, now=NOW + HOUR)
    tell(s.db, s.parent, "surveys", key="survey:1", title="Опрос", now=NOW + 2 * HOUR)
    assert [n.title for n in inbox.items(s.db, s.parent, now=NOW + 2 * HOUR)] == ["Опрос", "Вторая", "Первая"]
    assert [n.title for n in inbox.items(s.db, s.parent, "surveys", now=NOW + 2 * HOUR)] == ["Опрос"]
    with pytest.raises(ValidationError):
        inbox.items(s.db, s.parent, "spam")
    assert inbox.mark_all_read(s.db, s.parent, "news", now=NOW + 2 * HOUR) == 1
    assert inbox.unread_count(s.db, s.parent, now=NOW + 2 * HOUR) == 1
    assert inbox.items(s.db, s.other_parent, now=NOW + 2 * HOUR) == []


def test_email_now_goes_to_the_queue_inside_the_transaction(s):
    tell(s.db, s.parent, "meetings", title="Завтра встреча: 02.10 15:00", body="Кабинет 21", link="/diary/meetings")
    [mail] = outbox(s.db, s.parent)
    assert mail.subject == "МРКО Дневник: Завтра встреча: 02.10 15:00"  # the reader's language
    assert mail.body.splitlines() == ["Завтра встреча: 02.10 15:00", "", "Кабинет 21", "",
                                      "Открыть в дневнике: http://localhost:3000/diary/meetings"]
    [note] = inbox.items(s.db, s.parent, now=NOW)
    assert note.email == "sent"
    tell(s.db, s.parent, "meetings", title="Без письма", email=False)  # the area e-mails itself
    assert len(outbox(s.db, s.parent)) == 1


def test_quiet_hours_hold_an_email_until_they_end(s):
    late = datetime(2026, 10, 1, 20, 0)  # 23:00 at the school: inside the default 22:00-07:00
    [note] = tell(s.db, s.parent, "meetings", now=late)
    assert (note.email, note.email_due_at) == ("now", datetime(2026, 10, 2, 4, 0))  # 07:00 there
    assert inbox.unread_count(s.db, s.parent, now=late) == 1  # shown in the app at once
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 3, 59)) == {"held": 0, "digests": 0}
    assert outbox(s.db, s.parent) == []
    # they chose longer quiet hours meanwhile: it waits again, until the new end
    inbox.save_settings(s.db, s.parent, {"quiet_start": "22:00", "quiet_end": "08:00", "digest_hour": "18"})
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 4, 0))["held"] == 0
    assert note.email_due_at == datetime(2026, 10, 2, 5, 0)
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 5, 0))["held"] == 1
    assert len(outbox(s.db, s.parent)) == 1 and note.email == "sent"
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 6, 0))["held"] == 0  # once


def test_quiet_hours_and_the_digest_hour_are_on_the_persons_schools_clock(s, monkeypatch):
    """A parent whose child is at a school in Vladivostok (UTC+10): 22:00-07:00 and the 18:00 digest
    are that school's hours, not Moscow's; so are the digest's times."""
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    s.school.timezone = "Asia/Vladivostok"
    s.db.add(s.school)
    s.db.flush()
    [note] = tell(s.db, s.parent, "meetings", now=datetime(2026, 10, 1, 13, 0))  # 23:00 there, 16:00 in Moscow
    assert (note.email, note.email_due_at) == ("now", datetime(2026, 10, 1, 21, 0))  # 07:00 there
    inbox.set_mode(s.db, s.parent, "news", "email_digest")
    tell(s.db, s.parent, key="news:vl", title="Ярмарка", now=datetime(2026, 10, 1, 22, 0))  # 08:00 there
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 7, 59))["digests"] == 0  # 17:59 there
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 8, 0))["digests"] == 1
    assert outbox(s.db, s.parent)[-1].body.splitlines() == ["08:00  Ярмарка"]


def test_the_digest_goes_once_a_day_at_the_chosen_hour(s):
    inbox.set_mode(s.db, s.parent, "news", "email_digest")
    tell(s.db, s.parent, key="news:1", title="Ярмарка")
    tell(s.db, s.parent, key="news:2", title="Субботник", body="В субботу в 10:00", now=NOW + HOUR)
    assert outbox(s.db, s.parent) == []
    assert inbox.deliver_due(s.db, datetime(2026, 10, 1, 14, 59))["digests"] == 0  # 17:59 there
    assert inbox.deliver_due(s.db, datetime(2026, 10, 1, 15, 0))["digests"] == 1
    [digest] = outbox(s.db, s.parent)
    assert digest.subject == "МРКО Дневник: 2 уведомления за день"
    assert digest.body.splitlines() == ["10:00  Ярмарка", "11:00  Субботник", "       В субботу в 10:00"]
    assert inbox.deliver_due(s.db, datetime(2026, 10, 1, 16, 0))["digests"] == 0
    tell(s.db, s.parent, key="news:3", title="Поздняя", now=datetime(2026, 10, 1, 16, 0))
    assert inbox.deliver_due(s.db, datetime(2026, 10, 1, 18, 0))["digests"] == 0  # today's went already
    assert inbox.deliver_due(s.db, datetime(2026, 10, 2, 15, 0))["digests"] == 1  # tomorrow's
    assert [m.subject for m in outbox(s.db, s.parent)][-1] == "МРКО Дневник: 1 уведомление за день"


def test_a_scheduled_post_is_told_when_published_and_never_if_withdrawn_before(s):
    later = (NOW + 3 * HOUR + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")  # local time of the form
    post = news.publish(s.db, s.class_teacher, {"target": f"class:{s.klass.id}", "title": "Экскурсия",
                                                "body": "Едем в музей", "publish_at": later}, now=NOW)
    told = s.db.exec(select(Notification.user_id).where(Notification.dedup_key == f"news:{post.id}")).all()
    assert s.parent.id in told and s.class_teacher.id not in told and s.other_parent.id not in told
    assert inbox.unread_count(s.db, s.parent, now=NOW) == 0
    assert [n.title for n in inbox.items(s.db, s.parent, now=NOW + 3 * HOUR)] == ["Экскурсия"]
    second = news.publish(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "Каникулы", "body": "С 1 ноября",
                                          "publish_at": later}, now=NOW)
    assert s.other_parent.id in s.db.exec(select(Notification.user_id)
                                          .where(Notification.dedup_key == f"news:{second.id}")).all()
    news.withdraw(s.db, s.staff, second.id, now=NOW + HOUR)
    assert [n.title for n in inbox.items(s.db, s.other_parent, now=NOW + 4 * HOUR)] == []


def test_the_forum_asker_and_the_feedback_sender_hear_of_answers(db):
    w = make_forum(db)
    asker, helper = w.parents[0], w.parents[1]
    question = forum.ask(db, asker, {"title": "Как записаться в кружок робототехники?",
                                     "body": "Где найти расписание кружков и как подать заявку?", "tags": "",
                                     "school": str(w.school.id)})
    forum.answer(db, asker, question.id, "Нашла сама: в разделе «Кружки» на сайте школы.")  # one's own: not told
    forum.answer(db, helper, question.id, "Заявку подают через классного руководителя, расписание на сайте.")
    [note] = inbox.items(db, asker)
    assert note.kind == "forum" and "кружок робототехники" in note.title and note.link.endswith(f"?id={question.id}")
    assert note.email == "digest"  # the default for forum answers
    ticket = feedback.submit(db, {"name": "Мария", "contact": "maria@example.test", "topic": "other",
                                  "message": "Не приходит код подтверждения на телефон."}, "10.0.0.1", user=asker)
    anonymous = feedback.submit(db, {"name": "Гость", "contact": "guest@example.test", "topic": "other",
                                     "message": "Не приходит код подтверждения на телефон."}, "10.0.0.2")
    feedback.answer(db, w.staff, ticket.id, "Код отправлен повторно, проверьте папку «Спам».")
    feedback.answer(db, w.staff, anonymous.id, "Код отправлен повторно.")
    answered = [n for n in inbox.items(db, asker) if n.kind == "feedback"]
    assert [(n.body, n.email) for n in answered] == [("Код отправлен повторно, проверьте папку «Спам».", "")]
    assert db.get(FeedbackTicket, anonymous.id).user_id is None


def _file_engine(path):
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 5})
    SQLModel.metadata.create_all(engine)
    return engine


def test_two_rounds_racing_send_one_digest(tmp_path):
    """Both rounds found the parent's digest due; the first sends it and commits; the second, acting on
    what it read before (a new item has arrived meanwhile), is stopped by the unique (user, day)."""
    engine = _file_engine(tmp_path / "race.db")
    with Session(engine, expire_on_commit=False) as setup:
        w = diary_school.build(setup)
        inbox.set_mode(setup, w.parent, "news", "email_digest")
        tell(setup, w.parent, key="news:1", title="Ярмарка")
        setup.commit()
        parent_id = w.parent.id
    digest_time = datetime(2026, 10, 1, 15, 0)
    with Session(engine) as first, Session(engine) as second:
        assert inbox.due_digests(first, digest_time) == inbox.due_digests(second, digest_time) == [parent_id]
        second.rollback()  # (SQLite: release the read before the other writes)
        assert inbox.send_digest(first, parent_id, digest_time)
        first.commit()
        inbox.notify(second, [parent_id], "news", title="Новая", key="news:2", now=digest_time)
        assert not inbox.send_digest(second, parent_id, digest_time)
        second.commit()
    with Session(engine) as check:
        assert len(check.exec(select(OutboxMessage).where(OutboxMessage.user_id == parent_id)).all()) == 1
        assert len(check.exec(select(NotificationDigest)).all()) == 1
        waiting = check.exec(select(Notification).where(Notification.dedup_key == "news:2")).one()
        assert waiting.email == "digest"  # tomorrow's digest
    engine.dispose()


def test_one_delivery_round_is_a_fixed_number_of_statements(s):
    inbox.set_mode(s.db, s.parent, "news", "email_digest")
    inbox.set_mode(s.db, s.other_parent, "news", "email_digest")
    for n, person in enumerate((s.parent, s.other_parent, s.class_teacher)):
        tell(s.db, person, key=f"news:{n}", now=datetime(2026, 10, 1, 20, 0))
        tell(s.db, person, "meetings", key=f"m:{n}", now=datetime(2026, 10, 1, 20, 0))  # held: 23:00 there
    s.db.flush()
    seen = []
    engine = s.db.get_bind()
    listener = lambda *a: seen.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        counts = inbox.deliver_due(s.db, datetime(2026, 10, 2, 15, 0))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert counts == {"held": 3, "digests": 2}
    assert len(seen) < 40


@pytest.mark.postgres
def test_two_workers_racing_on_postgresql_send_one_digest(pg_engine):
    """Two rounds in two connections at once: the second's insert of (user, day) waits for the first
    transaction, then fails on the unique key; one e-mail. (Committed rows, removed at the end.)"""
    import threading

    from mrko_app.models import User

    digest_time = datetime(2026, 10, 1, 15, 0)
    with Session(pg_engine) as setup:
        person = User(login="digest-race", password_hash="x", surname="Гонкина", first_name="Вера",
                      email="race@example.test", phone="+79990009999", language="ru", is_active=True)
        setup.add(person)
        setup.flush()
        inbox.set_mode(setup, person, "news", "email_digest")
        inbox.notify(setup, [person.id], "news", title="Ярмарка", key="news:race", now=NOW)
        setup.commit()
        person_id = person.id
    results = {}
    try:
        with Session(pg_engine) as first:
            assert inbox.send_digest(first, person_id, digest_time)  # holds the (user, day) row, uncommitted

            def second_round():
                with Session(pg_engine) as second:
                    results["second"] = inbox.send_digest(second, person_id, digest_time)
                    second.commit()

            racer = threading.Thread(target=second_round)
            racer.start()
            racer.join(1.0)
            assert racer.is_alive()  # waiting on the first transaction's unique key
            first.commit()
            racer.join(20)
        assert results == {"second": False}
        with Session(pg_engine) as check:
            assert len(check.exec(select(OutboxMessage).where(OutboxMessage.user_id == person_id)).all()) == 1
    finally:
        with Session(pg_engine) as clean:
            for model in (OutboxMessage, NotificationDigest, Notification):
                for row in clean.exec(select(model).where(model.user_id == person_id)).all():
                    clean.delete(row)
            from mrko_app.models import NotificationPreference

            for row in clean.exec(select(NotificationPreference).where(NotificationPreference.user_id == person_id)):
                clean.delete(row)
            clean.flush()
            clean.delete(clean.get(User, person_id))
            clean.commit()
