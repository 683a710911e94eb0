"""Push, not polling, in-process: the real backend (Reflex's ASGI app under uvicorn in a thread, no front
end) over the demo school, a browser-less client speaking Reflex's websocket protocol, and a teacher's
save made through the journal service in this process (the in-process transport of the SQLite default).

- a committed mark reaches the open diary as a delta, without any event from the tab;
- while the diary is open and nobody saves, no statement reads the diary's tables or the session
  (the old per-tab loop read them every 3 s);
- a rolled-back save tells nobody;
- a tab that was disconnected while a mark was saved shows it on reconnecting (same tab token).
"""

import asyncio
import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import reflex as rx
from sqlalchemy import event
from sqlmodel import select

from mrko_app.models import Mark, ParentChildLink, User
from mrko_app.services import clock
from mrko_app.services.journal import entry as journal_entry
from tests.async_run import run_async
from tests.backend_harness import free_port, serve_in_thread
from tests.e2e.journal_steps import demo_journal, free_lessons
from tests.e2e.socket_client import EventClient

# the tables the diary week reads (and the old loop polled), and the session check of every event
DIARY_TABLES = re.compile(r"\b(mark|markhistory|attendance|lesson|homework|absencenotice|usersession)\b", re.I)
WAIT = 30  # seconds a delta may take on a busy machine (a wait for an arrival, not a timed assertion)


@pytest.fixture(scope="module")
def backend(demo_app):
    """The app's backend on a free port, with the periodic runners (alerts, e-mail, reminders) slowed to
    an hour so that what runs while idle is only what the open pages cause."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("MRKO_ALERTS_INTERVAL", "MRKO_MAIL_INTERVAL", "MRKO_MEETINGS_INTERVAL"):
            mp.setenv(name, "3600")
        mp.delenv("REFLEX_REDIS_URL", raising=False)
        port = free_port()
        server, thread = serve_in_thread(port)
        yield f"http://127.0.0.1:{port}", demo_app
        server.should_exit = True
        thread.join(20)
        os.environ.pop("__REFLEX_SKIP_COMPILE", None)


@contextmanager
def statements_on_diary_tables(tables: re.Pattern = DIARY_TABLES, *, threads: bool = False):
    """The SQL statements of the app's engine that touch the diary's tables (or `tables`), while the block
    runs; with `threads`, as (the name of the thread that ran it, statement)."""
    from mrko_app import db as database

    seen: list = []

    def record(_conn, _cursor, statement, *_args):
        if tables.search(statement):
            seen.append((threading.current_thread().name, statement) if threads else statement)

    engine = database.engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _mark_ids(client: EventClient) -> set[int]:
    from mrko_app.state.diary import DiaryState

    days = (client.state_value(DiaryState, "left_days") or []) + (client.state_value(DiaryState, "right_days") or [])
    return {m["id"] for d in days for lesson in d["lessons"] for m in lesson["marks"]}


async def _until(check, what: str):
    async with asyncio.timeout(WAIT):
        while not check():
            await asyncio.sleep(0.05)
    return what


@dataclass(frozen=True)
class Cell:
    """teacher1's journal cell of Маша (5А) at a held lesson without a mark, and that lesson's week."""
    teacher_id: int
    class_id: int
    subject_id: int
    period_id: int
    student_id: int
    lesson_id: int
    monday: date


def _world() -> Cell:
    from mrko_app import db as database

    with database.session_scope() as db:
        dj = demo_journal(db)
        lesson = free_lessons(db, dj)[-1]
        return Cell(dj.teacher.id, dj.school_class.id, dj.subject.id, dj.period_id, dj.student.id, lesson.id,
                    lesson.date - timedelta(days=lesson.date.weekday()))


def _save_mark(cell: Cell, value: str, *, fail: bool = False) -> int:
    """The teacher's journal save, in its own transaction (an error after it rolls it back)."""
    from mrko_app import db as database

    with database.session_scope() as db:
        mark = journal_entry.set_mark(db, db.get(User, cell.teacher_id), class_id=cell.class_id,
                                      subject_id=cell.subject_id, period_id=cell.period_id,
                                      student_id=cell.student_id, lesson_id=cell.lesson_id, value=value)
        mark_id = mark.id
        if fail:
            raise RuntimeError("the request failed after the save")
    return mark_id


def _remove(mark_id: int) -> None:
    from mrko_app import db as database

    with database.session_scope() as db:
        db.delete(db.get(Mark, mark_id))


class Diary(EventClient):
    """parent1's diary at the cell's week; entering waits until the page has loaded its week."""

    def __init__(self, url: str, tokens: dict, cell: Cell):
        super().__init__(url, tokens["parent1"], f"/diary?week={cell.monday.isoformat()}")

    async def __aenter__(self) -> "Diary":
        from mrko_app.state.diary import DiaryState

        await super().__aenter__()
        await _until(lambda: self.state_value(DiaryState, "loaded"), "the week")
        # and the hydration's last delta (is_hydrated) too: a remembered week loads before it comes
        root = rx.State.get_full_name()
        await _until(lambda: any((u.get("delta") or {}).get(root, {}).get("is_hydrated_rx_state_")
                                 for u in self.updates), "the hydration")
        return self

    def pushed(self, since: int) -> list[dict]:
        """The updates since then, less the client's own markers."""
        return [u for u in self.updates[since:] if set(u.get("delta") or {}) - {self._marker_key}]


def _diary(url: str, tokens: dict, cell: Cell) -> Diary:
    return Diary(url, tokens, cell)


def test_a_saved_mark_is_pushed_to_the_open_diary_and_nothing_is_polled_while_idle(backend):
    from mrko_app.state import push
    from mrko_app.state.diary import DiaryState

    url, tokens = backend
    cell = _world()

    async def scenario():
        async with _diary(url, tokens, cell) as client:
            assert client.state_value(DiaryState, "monday") == cell.monday.isoformat()
            assert ("child", cell.student_id) in push.following(client.client_token)
            assert ("class", cell.class_id) in push.following(client.client_token)
            before = _mark_ids(client)
            with statements_on_diary_tables() as idle:
                await asyncio.sleep(7)  # more than two rounds of the old 3-second loop
            assert idle == []
            arrived = len(client.updates)
            mark_id = await asyncio.to_thread(_save_mark, cell, "3")
            try:
                await _until(lambda: mark_id in _mark_ids(client), "the pushed mark")
                assert _mark_ids(client) == before | {mark_id}
                assert all(set(u["delta"]) == {DiaryState.get_full_name()} for u in client.pushed(arrived))
            finally:
                await asyncio.to_thread(_remove, mark_id)

    run_async(scenario())


def test_statistics_to_be_worked_out_are_read_off_the_event_loop_and_remembered_ones_read_nothing(backend):
    """The statistics' loader shows figures the worker remembers at once; figures to be worked out are
    read in the pages' reader thread (state/base.py), so that the worker's other tabs are not held up."""
    from mrko_app.services.changes import memo
    from mrko_app.state.stats import StatsState

    url, tokens = backend

    async def open_statistics():
        async with EventClient(url, tokens["parent1"], "/diary/stats") as client:
            await _until(lambda: client.state_value(StatsState, "loaded"), "the statistics")

    async def scenario(seen):
        memo.changed(None)  # this process is the worker: nothing remembered (as after a gap in the channel)
        await open_statistics()
        first = list(seen)
        await open_statistics()
        return first, seen[len(first):]

    with statements_on_diary_tables(re.compile(r"\bmark\b", re.I), threads=True) as seen:
        first, again = run_async(scenario(seen))
    assert first, "the child's marks were read"
    assert all(name.startswith("page_reader") for name, _ in first), [name for name, _ in first]
    assert again == []


@pytest.mark.parametrize("route, state, var", [("/diary/marks", "MarksState", "marks"),
                                               ("/diary/finals", "FinalsState", "rows"),
                                               ("/diary/stats", "StatsState", "rows")])
def test_marks_final_marks_and_statistics_refresh_by_push(backend, route, state, var):
    import mrko_app.state.diary_views as views
    import mrko_app.state.finals as finals
    import mrko_app.state.stats as stats

    cls = {"MarksState": views.MarksState, "FinalsState": finals.FinalsState, "StatsState": stats.StatsState}[state]
    url, tokens = backend
    cell = _world()

    async def scenario():
        async with EventClient(url, tokens["parent1"], route) as client:
            await _until(lambda: client.state_value(cls, var), "the page's figures")
            shown, arrived = client.state_value(cls, var), len(client.updates)
            mark_id = await asyncio.to_thread(_save_mark, cell, "2")
            try:
                await _until(lambda: client.state_value(cls, var) != shown, "the refreshed figures")
                assert all(set(u["delta"]) <= {cls.get_full_name(), "reflex___state____state"}
                           for u in client.updates[arrived:] if set(u.get("delta") or {}) - {client._marker_key})
            finally:
                await asyncio.to_thread(_remove, mark_id)

    run_async(scenario())


def test_a_rolled_back_save_tells_nobody(backend):

    url, tokens = backend
    cell = _world()

    async def scenario():
        async with _diary(url, tokens, cell) as client:
            with pytest.raises(RuntimeError):
                await asyncio.to_thread(_save_mark, cell, "2", fail=True)
            arrived = len(client.updates)
            marker = await asyncio.to_thread(_save_mark, cell, "5")  # a committed one, to know when
            try:
                await _until(lambda: marker in _mark_ids(client), "the committed mark")
                assert len(client.pushed(arrived)) == 1  # the committed mark's; nothing for the rollback
            finally:
                await asyncio.to_thread(_remove, marker)

    run_async(scenario())


def test_a_tab_that_was_disconnected_catches_up_on_reconnecting(backend):
    url, tokens = backend
    cell = _world()

    async def scenario():
        client = _diary(url, tokens, cell)
        async with client:
            before = _mark_ids(client)
        mark_id = await asyncio.to_thread(_save_mark, cell, "4")  # saved while the tab is away
        try:
            again = _diary(url, tokens, cell)
            again.client_token = client.client_token  # the same tab reconnecting
            async with again:
                # the tab's state outlived the disconnect ("loaded" is already true): wait for its re-read
                await _until(lambda: mark_id in _mark_ids(again), "the mark saved while the tab was away")
                assert _mark_ids(again) == before | {mark_id}
        finally:
            await asyncio.to_thread(_remove, mark_id)

    run_async(scenario())


def _end_link(student_id: int, end) -> None:
    """Staff end (or restore) the parent's link to the child, in its own transaction."""
    from mrko_app import db as database

    with database.session_scope() as db:
        for link in db.exec(select(ParentChildLink).where(ParentChildLink.student_id == student_id)):
            link.end_date = end
            db.add(link)


def test_an_open_diary_stops_showing_the_child_once_the_parent_s_link_ends(backend):
    from mrko_app.state import push
    from mrko_app.state.diary import DiaryState

    url, tokens = backend
    cell = _world()

    async def scenario():
        async with _diary(url, tokens, cell) as client:
            assert _mark_ids(client)
            await asyncio.to_thread(_end_link, cell.student_id, clock.today() - timedelta(days=1))
            try:
                await _until(lambda: not client.state_value(DiaryState, "loaded"), "the week withdrawn")
                assert client.state_value(DiaryState, "left_days") == []
                assert client.state_value(DiaryState, "message")
                await _until(lambda: push.following(client.client_token) == frozenset(), "no longer followed")
            finally:
                await asyncio.to_thread(_end_link, cell.student_id, None)

    run_async(scenario())


def test_the_page_left_is_no_longer_followed(backend):
    from mrko_app.state import push
    from mrko_app.state.base import AuthState

    url, tokens = backend
    cell = _world()

    async def scenario():
        async with _diary(url, tokens, cell) as client:
            assert push.following(client.client_token)
            await client.call(AuthState, "load_page", pathname="/diary/homework")
            # events of one tab on different substates may run side by side: wait for this one
            await _until(lambda: push.following(client.client_token) == frozenset(), "the page left")

    run_async(scenario())


def test_marks_saved_elsewhere_leave_other_children_alone(backend):
    """A mark of another class's pupil is not this tab's business: no refresh, no statement."""
    from mrko_app import db as database
    from mrko_app.services import changes

    url, tokens = backend
    cell = _world()

    async def scenario():
        async with _diary(url, tokens, cell) as client:
            arrived = len(client.updates)
            with statements_on_diary_tables() as seen:
                def other():
                    with database.session_scope() as db:
                        changes.announce(db, changes.of_child(cell.student_id + 10_000, "marks"),
                                         changes.of_class(cell.class_id + 10_000, "marks"))
                await asyncio.to_thread(other)
                await asyncio.sleep(1)
            assert seen == [] and client.pushed(arrived) == []

    run_async(scenario())


def test_the_mark_table_exists_for_the_statement_filter(backend):
    """The filter above would see nothing if the table names changed: the diary's load does hit them
    (when the worker does not remember the week: the tests before read it)."""
    from mrko_app.services.changes import memo

    url, tokens = backend
    cell = _world()
    memo.changed(None)

    async def scenario():
        with statements_on_diary_tables() as seen:
            async with _diary(url, tokens, cell):
                pass
        assert any(re.search(r"\bmark\b", s, re.I) for s in seen)

    run_async(scenario())


def _news(author: str, target: str, title: str) -> int:
    """A post published through the news service in its own transaction (what the publish form calls)."""
    from sqlmodel import select

    from mrko_app import db as database
    from mrko_app.services import news

    with database.session_scope() as db:
        user = db.exec(select(User).where(User.login == author)).one()
        form = {"target": target, "title": title, "body": "Push test", "publish_at": "", "expires_at": "", "pinned": ""}
        return news.publish(db, user, form).id


def _withdraw(author: str, post_id: int) -> None:
    from sqlmodel import select

    from mrko_app import db as database
    from mrko_app.services import news

    with database.session_scope() as db:
        news.withdraw(db, db.exec(select(User).where(User.login == author)).one(), post_id)


def test_news_reach_the_open_feeds_of_their_audience_only(backend):
    """Staff publish school news, teacher2 class news for 5Б: parent1's open feed (children in 5А and
    8А) gets the school's post pushed, never 5Б's; a withdrawn post leaves the open feed."""
    from sqlmodel import select

    from mrko_app import db as database
    from mrko_app.models import SchoolClass
    from mrko_app.state.news import NewsState

    url, tokens = backend
    with database.session_scope() as db:
        other = db.exec(select(SchoolClass).where(SchoolClass.name == "5Б")).first()
        school_id, other_id = other.school_id, other.id

    def titles(client):
        return {row["title"] for row in client.state_value(NewsState, "items") or []}

    async def scenario():
        async with EventClient(url, tokens["parent1"], "/news") as client:
            await _until(lambda: ("school", school_id) in push.following(client.client_token), "the feed followed")
            class_post = await asyncio.to_thread(_news, "teacher2", f"class:{other_id}", "Only for 5B")
            school_post = await asyncio.to_thread(_news, "staff1", f"school:{school_id}", "For the whole school")
            try:
                await _until(lambda: "For the whole school" in titles(client), "the pushed school news")
                assert "Only for 5B" not in titles(client)
                await asyncio.to_thread(_withdraw, "staff1", school_post)
                await _until(lambda: "For the whole school" not in titles(client), "the withdrawn post gone")
            finally:
                await asyncio.to_thread(_withdraw, "teacher2", class_post)

    from mrko_app.state import push

    run_async(scenario())


def test_the_bell_rings_on_any_page_without_an_event_from_the_tab(backend):
    """parent1 is on the marks page (which follows only the child's topics); staff publish school news:
    the header's unread count of the notification centre grows, pushed (services/inbox, the tab's "header" slot)."""
    from sqlmodel import select

    from mrko_app import db as database
    from mrko_app.models import SchoolClass
    from mrko_app.state import push
    from mrko_app.state.base import AuthState

    url, tokens = backend
    with database.session_scope() as db:
        school_id = db.exec(select(SchoolClass).where(SchoolClass.name == "5А")).first().school_id

    async def scenario():
        async with EventClient(url, tokens["parent1"], "/diary/marks") as client:
            await _until(lambda: push.following(client.client_token, "header"), "the header followed")
            await _until(lambda: client.state_value(AuthState, "unread_notifications") is not None, "the header")
            before = client.state_value(AuthState, "unread_notifications")
            post = await asyncio.to_thread(_news, "staff1", f"school:{school_id}", "The bell rings")
            try:
                await _until(lambda: client.state_value(AuthState, "unread_notifications") == before + 1,
                             "the pushed bell")
            finally:
                await asyncio.to_thread(_withdraw, "staff1", post)

    run_async(scenario())
