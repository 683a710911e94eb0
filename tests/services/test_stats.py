"""Statistics of a child's marks over a period and the year, on hand-computed cases, against the database."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from mrko_app.services.errors import PermissionDenied
from mrko_app.services.gradebook import rules as gradebook
from mrko_app.services.gradebook.forecast import forecast_average
from mrko_app.services.gradebook.rules import MarkEntry
from mrko_app.services.stats import child as stats
from mrko_app.services.stats import history as stats_history
from tests.services.stats_school import build, link, user

TODAY = date(2026, 10, 1)  # in the first quarter (1 Sep - 31 Oct)


def row(result, name):
    return next(r for r in result["rows"] if r["name_en"] == name)


def test_subject_stats_over_a_period_hand_computed(db):
    w = build(db)
    kid = w.child
    # the domain's example: control 5 (weight 3), answers 3 and 4 -> 22/5 = 4.40, proposes 4
    w.mark(kid, "Maths", date(2026, 9, 2), 5, "control")
    w.mark(kid, "Maths", date(2026, 9, 9), 3)
    w.mark(kid, "Maths", date(2026, 9, 16), 4)
    w.mark(kid, "Maths", date(2026, 9, 17), None, "test", debt=True)  # owed: listed, not counted
    w.mark(kid, "Maths", date(2026, 9, 18), 2, deleted=True)  # deleted: ignored
    w.mark(kid, "Maths", date(2026, 11, 10), 2)  # second quarter: not in the first
    w.mark(w.students[1], "Maths", date(2026, 9, 2), 2)  # a classmate: not the child's
    result = stats.child_statistics(db, w.parent, kid.id, "", TODAY)
    maths = row(result, "Maths")
    assert result["scope"].number == 1
    assert (maths["average"], maths["count"], maths["debts"], maths["proposed"]) == (4.4, 3, 1, 4)
    assert maths["distribution"] == {2: 0, 3: 1, 4: 1, 5: 1}
    # the whole year adds the 2 of November: (22 + 2) / 6 = 4.00
    year = stats.child_statistics(db, w.parent, kid.id, "year", TODAY)
    assert row(year, "Maths")["average"] == 4.0 and row(year, "Maths")["count"] == 4
    # a chosen period by id
    q2 = stats.child_statistics(db, w.parent, kid.id, str(w.periods[1].id), TODAY)
    assert row(q2, "Maths")["average"] == 2.0 and q2["scope"].number == 2


def test_no_marks_yet_and_one_mark(db):
    w = build(db)
    result = stats.child_statistics(db, w.parent, w.child.id, None, TODAY)
    assert [r["name_en"] for r in result["rows"]] == ["History", "Maths", "Russian"]  # the class's subjects
    for r in result["rows"]:
        assert (r["average"], r["count"], r["proposed"], r["forecast_average"], r["forecast_mark"]) == (
            None, 0, None, None, None)
        assert r["trend_label"] == "steady"
    assert result["gpa"] is None
    assert result["history"]["gpa"] == []
    w.mark(w.child, "History", date(2026, 9, 20), 3, "test")
    one = row(stats.child_statistics(db, w.parent, w.child.id, None, TODAY), "History")
    assert (one["average"], one["count"], one["proposed"], one["trend"], one["trend_label"]) == (3.0, 1, 3, 0.0, "steady")
    assert one["forecast_average"] == 3.0 and one["forecast_mark"] == 3


def test_gpa_is_the_mean_of_subject_averages_exactly(db):
    w = build(db)
    kid = w.child
    for value, kind in ((5, "control"), (3, "answer"), (4, "answer")):  # 22/5
        w.mark(kid, "Maths", date(2026, 9, 5), value, kind)
    for value in (4, 4, 3):  # 11/3
        w.mark(kid, "Russian", date(2026, 9, 6), value)
    result = stats.child_statistics(db, w.parent, kid.id, None, TODAY)
    # (22/5 + 11/3) / 2 = 121/30 = 4.0333..; History has no marks and is left out
    assert result["gpa"] == 4.03
    assert gradebook.mean([4.4, None, 11 / 3]) * 30 == 121


def test_rounding_at_the_threshold(db):
    w = build(db)
    # 5 (w3) + 4 + 4... : (15 + 4*2) / 5 = 23/5 = 4.6 exactly -> 5 with the 4.60 threshold
    w.mark(w.child, "Maths", date(2026, 9, 2), 5, "control")
    w.mark(w.child, "Maths", date(2026, 9, 3), 4)
    w.mark(w.child, "Maths", date(2026, 9, 4), 4)
    maths = row(stats.child_statistics(db, w.parent, w.child.id, None, TODAY), "Maths")
    assert (maths["average"], maths["proposed"]) == (4.6, 5)
    # one more 4: 27/6 = 4.5 -> 4
    w.mark(w.child, "Maths", date(2026, 9, 5), 4)
    maths = row(stats.child_statistics(db, w.parent, w.child.id, None, TODAY), "Maths")
    assert (maths["average"], maths["proposed"]) == (4.5, 4)


def test_trend_and_absences(db):
    w = build(db)
    kid = w.child
    for i, value in enumerate((5, 5, 4, 3)):
        w.mark(kid, "Maths", date(2026, 9, 1) + timedelta(days=7 * i), value)
    for i, value in enumerate((3, 4, 5)):
        w.mark(kid, "Russian", date(2026, 9, 1) + timedelta(days=10 * i), value)
    w.attend(kid, "Maths", date(2026, 9, 8), "absent")
    w.attend(kid, "Maths", date(2026, 9, 9), "ill")
    w.attend(kid, "Maths", date(2026, 9, 10), "late")
    w.attend(kid, "Russian", date(2026, 9, 10), "valid")
    w.attend(kid, "Russian", date(2026, 11, 12), "absent")  # second quarter
    w.attend(w.students[1], "Maths", date(2026, 9, 8), "absent")  # a classmate
    result = stats.child_statistics(db, w.parent, kid.id, None, TODAY)
    maths, russian = row(result, "Maths"), row(result, "Russian")
    # maths: x = 0, 7, 14, 21, v = 5, 5, 4, 3: mean x 10.5, mean v 4.25, Sxx = 245, Sxv = -24.5
    # -> slope -0.1 a day -> -3.0 per 30 days
    assert maths["trend"] == -3.0 and maths["trend_label"] == "falling"
    assert russian["trend"] == 3.0 and russian["trend_label"] == "rising"  # +1 per 10 days
    assert (maths["missed"], maths["late"], russian["missed"], russian["late"]) == (2, 1, 1, 0)
    year = stats.child_statistics(db, w.parent, kid.id, "year", TODAY)
    assert row(year, "Russian")["missed"] == 2


def test_forecast_per_subject(db):
    w = build(db)
    kid = w.child
    # days 0, 10, 20, 30 of the quarter (1 Sep - 31 Oct), values 4, 3, 4, 4, today day 30:
    # the forecast module's hand-computed case: 3.9, which proposes a 4
    for offset, value in ((0, 4), (10, 3), (20, 4), (30, 4)):
        w.mark(kid, "Maths", date(2026, 9, 1) + timedelta(days=offset), value)
    maths = row(stats.child_statistics(db, w.parent, kid.id, None, TODAY), "Maths")
    assert maths["average"] == 3.75 and maths["proposed"] == 4
    assert maths["forecast_average"] == 3.9 and maths["forecast_mark"] == 4
    entries = [MarkEntry(v, 1, date(2026, 9, 1) + timedelta(days=o)) for o, v in ((0, 4), (10, 3), (20, 4), (30, 4))]
    assert forecast_average(entries, date(2026, 9, 1), date(2026, 10, 31), TODAY) == pytest.approx(3.9)
    # after the quarter, the forecast is the average itself
    late = row(stats.child_statistics(db, w.parent, kid.id, str(w.periods[0].id), date(2026, 11, 20)), "Maths")
    assert late["forecast_average"] == 3.75


def test_confirmed_period_marks_and_year_mark(db):
    from mrko_app.models import FinalMark

    w = build(db)
    maths = w.subjects["Maths"]
    for period, value in zip(w.periods, (5, 4, 4, 4), strict=True):
        db.add(FinalMark(student_id=w.child.id, subject_id=maths.id, year_id=w.year.id, period_id=period.id,
                         value=value, confirmed_by=w.teacher.id))
    db.flush()
    q1 = row(stats.child_statistics(db, w.parent, w.child.id, None, TODAY), "Maths")
    year = row(stats.child_statistics(db, w.parent, w.child.id, "year", TODAY), "Maths")
    assert q1["confirmed"] == 5
    assert year["confirmed"] == 4  # (5+4+4+4)/4 = 4.25 -> 4


def test_history_week_by_week_with_period_reset(db):
    w = build(db)
    kid = w.child
    w.mark(kid, "Maths", date(2026, 9, 1), 5)  # Tue, week of 31 Aug
    w.mark(kid, "Russian", date(2026, 9, 3), 3)  # Thu, same week
    w.mark(kid, "Maths", date(2026, 9, 15), 3)  # week of 14 Sep (no marks the week of 7 Sep)
    w.mark(kid, "Maths", date(2026, 9, 16), None, debt=True)  # a debt makes no point
    w.mark(kid, "Maths", date(2026, 11, 10), 4)  # second quarter: the averages start afresh
    w.mark(kid, "Maths", date(2027, 2, 1), 2)  # after "today": not yet
    h = stats_history.history(stats.load_child(db, kid), date(2026, 12, 1))
    assert h["gpa"] == [(date(2026, 9, 3), 4.0), (date(2026, 9, 15), 3.5), (date(2026, 11, 10), 4.0)]
    maths = w.subjects["Maths"].id
    russian = w.subjects["Russian"].id
    assert h["subjects"][maths] == [(date(2026, 9, 1), 5.0), (date(2026, 9, 15), 4.0), (date(2026, 11, 10), 4.0)]
    assert h["subjects"][russian] == [(date(2026, 9, 3), 3.0)]
    assert h["subjects"][w.subjects["History"].id] == []


def test_choose_scope(db):
    w = build(db)
    data = stats.load_child(db, w.child)
    assert stats.choose_scope(data, "year", TODAY).id is None
    assert stats.choose_scope(data, w.periods[2].id, TODAY).number == 3
    assert stats.choose_scope(data, "'; drop table mark", TODAY).number == 1
    assert stats.choose_scope(data, None, date(2026, 11, 3)).number == 1  # in the holidays: the last one begun
    assert stats.choose_scope(data, None, date(2026, 8, 20)).number == 1  # before the year: the first


def test_only_the_parents_own_child(db):
    w = build(db)
    stranger = user(db, "parent", "Stranger")
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, stranger, w.child.id, None, TODAY)
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, w.parent, w.students[1].id, None, TODAY)  # a classmate
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, w.parent, "1 or 1=1", None, TODAY)
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, w.teacher, w.child.id, None, TODAY)
    ended = user(db, "parent", "Ended")
    link(db, ended, w.child, end=date(2026, 9, 15))
    with pytest.raises(PermissionDenied):
        stats.child_statistics(db, ended, w.child.id, None, TODAY)


def _count_queries(db, fn, prefix: str = "") -> int:
    """How many SQL statements fn() runs (only those starting with `prefix`, e.g. "SELECT")."""
    engine = db.get_bind()
    seen = []

    def before(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(prefix):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(seen)


def test_a_fixed_number_of_queries(db):
    small = build(db, subjects=("Maths",))
    small.mark(small.child, "Maths", date(2026, 9, 2), 4)
    big = build(db, subjects=tuple(f"S{i}" for i in range(8)))
    for i in range(8):
        for week in range(12):
            big.mark(big.child, f"S{i}", date(2026, 9, 1) + timedelta(days=7 * week + i % 5), 2 + (i + week) % 4)
            big.attend(big.child, f"S{i}", date(2026, 9, 1) + timedelta(days=7 * week + i % 5), "late")
    for s in big.students[1:]:
        big.mark(s, "S0", date(2026, 9, 3), 4)
    db.flush()
    db.expire_all()
    few = _count_queries(db, lambda: stats.child_statistics(db, small.parent, small.child.id, None, TODAY))
    db.expire_all()
    many = _count_queries(db, lambda: stats.child_statistics(db, big.parent, big.child.id, "year", date(2026, 12, 1)))
    assert few == many
