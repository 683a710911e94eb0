"""A worker remembers a child's week until a committed change of it (services/changes/memo.py): the
access check still runs on every read; a change, a gap in the channel or the channel going down drops
what was kept; a read that overlapped a change of its topics is not kept; nothing is kept where the
process does not hear the change channel."""

import asyncio
from datetime import date, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import ParentChildLink
from mrko_app.services import changes, diary
from mrko_app.services.changes import memo
from mrko_app.services.errors import PermissionDenied
from mrko_app.services.stats import classmates as stats_class
from tests.async_run import run_async
from tests.school_builder import SchoolBuilder
from tests.services import diary_school
from tests.services.query_count import counting

MON = date(2026, 11, 23)
TODAY = date(2026, 11, 25)


@pytest.fixture
def s(diary_world):
    return diary_world


def _values(view) -> list[str]:
    return [m["value"] for d in view["days"] for lesson in d["lessons"] for m in lesson["marks"]]


def _week(s, db):
    return diary.week(db, s.parent, s.student.id, MON, today=TODAY)


def test_a_week_read_again_costs_no_statement_until_a_change_of_the_child(s, db, heard):
    s.mark(s.lesson(MON, 1, s.math), 3)
    db.commit()
    assert _values(_week(s, db)) == ["3"]
    with counting(db) as n:
        assert _values(_week(s, db)) == ["3"]
    assert n[0] == 0  # the week and the access check's row (its rule applied again) are remembered

    s.mark(s.lesson(MON, 2, s.math), 5)
    changes.announce(db, changes.of_child(s.other_student.id, "marks"))  # another child: the week stays
    db.commit()
    assert _values(_week(s, db)) == ["3"]

    changes.announce(db, changes.of_child(s.student.id, "marks"))
    db.rollback()  # announced, not committed: nothing is dropped
    assert _values(_week(s, db)) == ["3"]

    changes.announce(db, changes.of_child(s.student.id, "finals"))  # a kind the week does not show
    db.commit()
    assert _values(_week(s, db)) == ["3"]

    changes.announce(db, changes.of_child(s.student.id, "marks"))
    db.commit()
    assert _values(_week(s, db)) == ["3", "5"]  # read afresh


def test_a_change_of_the_class_or_the_school_drops_the_week_too(s, db, heard):
    lesson = s.lesson(MON, 1, s.math, topic="Дроби")
    db.commit()
    _week(s, db)
    lesson.topic = "Десятичные дроби"
    db.add(lesson)
    changes.announce(db, changes.of_class(s.klass.id, "lesson"))
    db.commit()
    [first] = [x for d in _week(s, db)["days"] for x in d["lessons"] if x["key"] == f"l{lesson.id}"]
    assert first["topic"] == "Десятичные дроби"

    s.holiday.end_date = MON  # the school's calendar: periods and holidays
    db.add(s.holiday)
    changes.announce(db, changes.of_school(s.school.id, "lesson"))
    db.commit()
    assert next(d for d in _week(s, db)["days"] if d["date"] == MON.isoformat())["kind"] == "holiday"


def test_a_classmate_s_week_shares_the_class_s_part_and_shows_only_their_own_marks(s, db, heard):
    b = SchoolBuilder(db)
    classmate = b.student(s.klass, "Сидоров", "Ваня")
    their_parent = diary_school.make_user(db, "Сидорова", "Анна", "", "parent")
    b.link(their_parent, classmate, "Ваня")
    lesson = s.lesson(MON, 1, s.math, topic="Дроби")
    s.mark(lesson, 3)
    s.attend(lesson, "late")
    db.commit()
    assert _values(_week(s, db)) == ["3"]
    with counting(db) as n:
        theirs = diary.week(db, their_parent, classmate.id, MON, today=TODAY)
    assert n[0] == 4  # the access check and the classmate's marks, attendance and notices: the class's is kept
    [shown] = [x for d in theirs["days"] for x in d["lessons"] if x["key"] == f"l{lesson.id}"]
    assert (shown["topic"], shown["marks"], shown["attendance"]) == ("Дроби", [], "")
    [mine] = [x for d in _week(s, db)["days"] for x in d["lessons"] if x["key"] == f"l{lesson.id}"]
    assert ([m["value"] for m in mine["marks"]], mine["attendance"]) == (["3"], "late")


def test_a_mark_of_a_lesson_the_class_s_kept_week_lacks_reads_the_class_s_week_again(s, db, heard):
    _week(s, db)
    s.mark(s.lesson(MON, 2, s.math), 4)  # the lesson came without a "lesson" announcement
    changes.announce(db, changes.of_child(s.student.id, "marks"))
    db.commit()
    assert _values(_week(s, db)) == ["4"]  # under its lesson, not beside the day


def test_class_standings_are_remembered_until_a_mark_of_a_counted_pupil_changes(s, db, heard):
    s.mark(s.lesson(MON, 1, s.math), 3)
    db.commit()
    scope = next(p for p in s.periods if p.start_date <= MON <= p.end_date)
    first = stats_class.class_standings(db, s.klass.id, scope)
    with counting(db) as n:
        assert stats_class.class_standings(db, s.klass.id, scope) is first
    assert n[0] == 0
    s.mark(s.lesson(MON, 2, s.math), 5)
    changes.announce(db, changes.of_child(s.student.id, "marks"))  # as the school's new weights announce
    db.commit()
    again = stats_class.class_standings(db, s.klass.id, scope)
    assert again[s.math.id].averages[s.student.id] == 4


def test_remembered_statistics_are_answered_without_working_them_out_and_only_after_the_check(s, db, heard):
    from mrko_app.services.stats import child as stats

    s.mark(s.lesson(MON, 1, s.math), 4)
    db.commit()
    assert stats.child_statistics(db, s.parent, s.student.id, "year", TODAY,
                                  only_remembered=True) is changes.NOT_REMEMBERED
    figures = stats.child_statistics(db, s.parent, s.student.id, "year", TODAY)
    with counting(db) as n:
        assert stats.child_statistics(db, s.parent, s.student.id, "year", TODAY, only_remembered=True) is figures
    assert n[0] == 0  # the parent's access checked on the remembered link row
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, s.other_parent, s.student.id, "year", TODAY, only_remembered=True)


def test_remembered_final_marks_are_answered_only_after_the_check(s, db, heard):
    from mrko_app.services.diary import finals

    assert finals.finals(db, s.parent, s.student.id, today=TODAY, only_remembered=True) is changes.NOT_REMEMBERED
    table = finals.finals(db, s.parent, s.student.id, today=TODAY)
    assert finals.finals(db, s.parent, s.student.id, today=TODAY, only_remembered=True) is table
    with pytest.raises(PermissionDenied):
        finals.finals(db, s.other_parent, s.student.id, today=TODAY, only_remembered=True)


def test_the_remembered_week_is_never_shown_without_the_access_check(s, db, heard):
    _week(s, db)
    with pytest.raises(PermissionDenied):
        diary.week(db, s.other_parent, s.student.id, MON, today=TODAY)
    row = db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == s.parent.id)).one()
    row.end_date = TODAY - timedelta(days=1)  # the link ended (access/kept.py announces it)
    db.add(row)
    db.commit()
    with pytest.raises(PermissionDenied):
        _week(s, db)


def test_a_read_that_overlapped_a_change_of_its_topics_is_not_kept():
    weeks = changes.Memo("a test's weeks", {"marks"})
    child, other = changes.topic("child", 1), changes.topic("child", 2)
    memo.hearing(True)
    try:
        since = weeks.start()
        memo.changed([changes.of_child(1, "marks")])  # committed while the rows were being read
        weeks.put("w", "old rows", [child], since=since)
        assert weeks.get("w") is None

        since = weeks.start()
        memo.changed([changes.of_child(2, "marks")])  # another child's: the read is good
        weeks.put("w", "rows", [child], since=since)
        assert weeks.get("w") == "rows"

        since = weeks.start()
        memo.changed(None)  # a gap in the channel: everything goes, and what was being read is not kept
        weeks.put("x", "rows", [other], since=since)
        assert weeks.get("w") is None and weeks.get("x") is None
    finally:
        memo.hearing(False)


def test_readers_of_one_key_at_once_read_it_once():
    import threading
    import time

    weeks = changes.Memo("a test's weeks", {"marks"})
    reads, started = [], threading.Barrier(4)

    def read():
        reads.append(1)
        time.sleep(0.05)  # the others arrive while this one reads
        return "rows"

    def reader(out: list):
        started.wait()
        out.append(weeks.remembered("w", [changes.topic("child", 1)], read))

    memo.hearing(True)
    try:
        out: list = []
        threads = [threading.Thread(target=reader, args=(out,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert out == ["rows"] * 4 and len(reads) == 1
        assert weeks.remembered("x", [], lambda: weeks.remembered("y", [], lambda: "inner")) == "inner"  # nested
    finally:
        memo.hearing(False)


def test_entries_last_at_most_their_time_and_the_memo_keeps_its_size(monkeypatch):
    weeks = changes.Memo("a test's weeks", {"marks"}, ttl=60, size=2)
    memo.hearing(True)
    try:
        for key in "abc":
            weeks.put(key, key, [changes.topic("child", 1)], since=weeks.start())
        assert (weeks.get("a"), weeks.get("b"), weeks.get("c")) == (None, "b", "c")  # the oldest went
        later = memo.time.monotonic() + 61
        monkeypatch.setattr(memo.time, "monotonic", lambda: later)
        assert weeks.get("b") is None
    finally:
        memo.hearing(False)


def test_nothing_is_kept_unless_this_process_hears_the_change_channel(s, db, monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    _week(s, db)
    with counting(db) as n:
        _week(s, db)
    assert n[0] > 1  # a script, a test, a process without the lifespan task: every read is fresh

    async def scenario():
        listener = changes.listen()
        waiting = asyncio.ensure_future(anext(listener))
        await asyncio.sleep(0)  # the listener is up: a worker's lifespan task
        _week(s, db)
        with counting(db) as heard:
            _week(s, db)
        waiting.cancel()
        await asyncio.sleep(0)
        await listener.aclose()  # the channel went down: what was kept may have missed changes
        with counting(db) as after:
            _week(s, db)
        return heard[0], after[0]

    assert run_async(scenario()) == (0, n[0])


def test_a_session_is_remembered_until_it_ends_or_its_user_changes(s, db, heard):
    from mrko_app.models import User
    from mrko_app.services.accounts import core as accounts

    token, other = accounts.create_session(db, s.parent), accounts.create_session(db, s.parent)
    db.commit()
    assert accounts.resolve_session(db, token).id == s.parent.id
    db.expunge_all()  # a new request's session, as a worker's next event has
    with counting(db) as n:
        user = accounts.resolve_session(db, token)
    assert n[0] == 0 and user.first_name == s.parent.first_name

    user.language = "en"  # the remembered row is the session's own: changed and flushed like any other
    db.commit()
    assert db.get(User, s.parent.id).language == "en"
    db.expunge_all()
    with counting(db) as n:
        assert accounts.resolve_session(db, token).language == "en"  # the change dropped the old copy
    assert n[0] == 1

    accounts.end_session(db, other)  # signed out in another tab
    db.commit()
    db.expunge_all()
    assert accounts.resolve_session(db, other) is None
    assert accounts.resolve_session(db, token) is not None
    accounts.end_all_sessions(db, s.parent)  # "sign out everywhere", or a new password
    db.commit()
    db.expunge_all()
    assert accounts.resolve_session(db, token) is None


def test_statistics_asked_again_by_the_period_they_showed_are_the_same(s, db, heard):
    from mrko_app.services.stats import child as stats

    s.mark(s.lesson(MON, 1, s.math), 4)
    db.commit()
    first = stats.child_statistics(db, s.parent, s.student.id, "", TODAY)  # the page's first load
    shown = "year" if first["scope"].id is None else str(first["scope"].id)
    with counting(db) as n:
        again = stats.child_statistics(db, s.parent, s.student.id, shown, TODAY)  # its next load
    assert again is first and n[0] == 0  # the access check on its remembered row; the charts serve again too


def test_memo_seconds_zero_keeps_nothing_whatever_a_memo_asks(monkeypatch):
    sessions = changes.Memo("a test's sessions", {"session"}, ttl=30)
    memo.hearing(True)
    try:
        monkeypatch.setenv("MRKO_MEMO_SECONDS", "0")
        sessions.put("s", "user", [changes.topic("user", 1)], since=sessions.start())
        assert sessions.get("s") is None
        monkeypatch.setenv("MRKO_MEMO_SECONDS", "60")
        sessions.put("s", "user", [changes.topic("user", 1)], since=sessions.start())
        assert sessions.get("s") == "user"
    finally:
        memo.hearing(False)
