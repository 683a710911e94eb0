"""Announced changes: queued on the session, published after its commit only, dropped on rollback; what the
journal, final marks and absence notices announce; the Redis transport carries them between processes."""

import asyncio
import os
import threading

import pytest
from sqlmodel import Session

from mrko_app.models import Lesson
from mrko_app.services import absence, changes
from mrko_app.services.changes import bus
from mrko_app.services.errors import ServiceError
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import finals as final_marks
from tests.async_run import run_async
from tests.services.journal_school import TODAY, build


async def _received(listener, timeout: float = 10):
    """The next batch of a listener, or None if none came in `timeout` seconds (a wait, not a timing)."""
    try:
        return await asyncio.wait_for(anext(listener), timeout)
    except TimeoutError:
        return None


def test_changes_are_published_after_the_commit_and_dropped_on_rollback(sqlite_db, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    engine = sqlite_db.get_bind()

    async def scenario():
        listener = changes.listen()
        pending = asyncio.ensure_future(anext(listener))
        await asyncio.sleep(0)  # the listener is registered
        with Session(engine) as db:
            changes.announce(db, changes.of_child(1, "marks"))
            db.rollback()
            changes.announce(db, changes.of_child(2, "marks"), changes.of_class(7, "marks"),
                             changes.of_child(2, "marks"))
            db.flush()
            with db.begin_nested():  # a released savepoint (SQLAlchemy calls after_commit for it) is not the commit
                changes.announce(db, changes.of_class(7, "marks"))
            await asyncio.sleep(0.2)
            assert not pending.done()  # flushed is not committed
            assert changes.pending(db) == [changes.of_child(2, "marks"), changes.of_class(7, "marks")]
            db.commit()
        batch = await asyncio.wait_for(pending, 10)
        assert batch == [changes.of_child(2, "marks"), changes.of_class(7, "marks")]  # merged, in order
        with Session(engine) as db:
            changes.announce(db, changes.of_user(3, "messages"))
            db.commit()  # the rolled-back one never comes: the next batch is this one
        assert await _received(listener) == [changes.of_user(3, "messages")]
        await listener.aclose()

    run_async(scenario())


def test_unknown_scopes_and_kinds_are_refused_and_wire_records_checked():
    with pytest.raises(ValueError):
        changes.Change("pupil", 1, "marks")
    with pytest.raises(ValueError):
        changes.of_child(1, "mark")
    assert changes.Change.from_list(["child", "5", "marks"]) == changes.of_child(5, "marks")
    assert changes.Change.from_list(["child", 5]) is None and changes.Change.from_list("x") is None
    assert bus._decode(bus._encode([changes.of_school(1, "news")])) == [changes.of_school(1, "news")]
    assert bus._decode(b"not json") == [] and bus._decode('{"a": 1}') == []


@pytest.fixture
def js(db):
    return build(db)


def test_the_journal_announces_marks_attendance_lessons_and_homework(db, js):
    student, lesson = js.students[0], js.lessons["sep7"]
    cell = js.ref(student_id=student.id, lesson_id=lesson.id, today=TODAY)
    klass = lesson.class_id
    mark = journal_entry.set_mark(db, js.teacher, **cell, value="5")
    assert changes.pending(db) == [changes.of_child(student.id, "marks"), changes.of_class(klass, "marks")]
    journal_entry.set_attendance(db, js.teacher, **cell, status="late")
    journal_entry.clear_mark(db, js.teacher, **cell, mark_id=mark.id, version=mark.version)
    common = {"class_id": js.ref()["class_id"], "subject_id": js.ref()["subject_id"], "lesson_id": lesson.id}
    journal_entry.save_lesson(db, js.teacher, **common, topic="Дроби", homework="№ 1")
    assert changes.pending(db) == [changes.of_child(student.id, "marks"), changes.of_class(klass, "marks"),
                                   changes.of_child(student.id, "attendance"), changes.of_class(klass, "homework"),
                                   changes.of_class(klass, "lesson")]


def test_nothing_is_announced_when_nothing_changed_or_the_save_is_refused(db, js):
    lesson = js.lessons["sep7"]
    common = {"class_id": js.ref()["class_id"], "subject_id": js.ref()["subject_id"], "lesson_id": lesson.id}
    journal_entry.set_topic(db, js.teacher, **common, topic=db.get(Lesson, lesson.id).topic or "")
    with pytest.raises(ServiceError):
        journal_entry.set_mark(db, js.teacher, **js.ref(student_id=js.students[0].id, lesson_id=lesson.id,
                                                        today=TODAY), value="9")
    assert changes.pending(db) == []


def test_final_marks_and_absence_notices_announce_the_child(db, js):
    student = js.students[0]
    ref = js.ref()
    final_marks.confirm_final(db, js.teacher, class_id=ref["class_id"], subject_id=ref["subject_id"],
                              period_id=js.q1.id, student_id=student.id, value="4", reason="за четверть")
    assert changes.pending(db) == [changes.of_child(student.id, "finals")]
    absence.create_notice(db, js.parent, student.id, TODAY, TODAY, "врач", today=TODAY)
    assert changes.pending(db)[-1] == changes.of_child(student.id, "absence")


@pytest.mark.redis
def test_redis_carries_a_batch_published_by_another_thread(monkeypatch):
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379", socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {exc}")
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379")
    monkeypatch.setattr(bus, "CHANNEL", f"mrko:changes:test:{os.getpid()}")
    monkeypatch.setattr(bus, "_sync_client", None)

    async def scenario():
        listener = changes.listen()
        pending = asyncio.ensure_future(anext(listener))
        await asyncio.sleep(0.5)  # subscribed
        sender = threading.Thread(target=bus.publish, args=([changes.of_class(4, "lesson")],))
        sender.start()
        sender.join()
        try:
            assert await asyncio.wait_for(pending, 10) == [changes.of_class(4, "lesson")]
        finally:
            await listener.aclose()

    run_async(scenario())


def test_postgresql_notify_carries_a_batch_in_parts_when_it_is_big(monkeypatch):
    from tests.conftest import PG_ADMIN_URL, pg_available

    if reason := pg_available():
        pytest.skip(reason)
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", PG_ADMIN_URL)
    monkeypatch.setattr(bus, "PG_CHANNEL", f"mrko_changes_test_{os.getpid()}")
    monkeypatch.setattr(bus, "_pg_conn", None)
    assert changes.transport() == "postgres"
    big = [changes.of_child(i, "marks") for i in range(600)]  # over one NOTIFY payload

    async def scenario():
        listener = changes.listen()
        first = asyncio.ensure_future(anext(listener))
        await asyncio.sleep(2)  # listening
        await asyncio.to_thread(bus.publish, big)
        got = await asyncio.wait_for(first, 10)
        while len(got) < len(big):
            got += await asyncio.wait_for(anext(listener), 10)
        await listener.aclose()
        return got

    assert run_async(scenario()) == big
