"""The journal, the diary's final marks, the statistics card and the alert rule give one child the same
average and proposal for a period and subject, whatever the marks, weights, periods and holidays; and the
class comparison's SQL form (gradebook.sql_totals) agrees with the Python form. On SQLite and PostgreSQL
(the `db` fixture; PostgreSQL is skipped when unreachable)."""

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from mrko_app.models import AlertEvent, AlertRule, Mark
from mrko_app.services.alerts import hooks as alerts
from mrko_app.services.diary import finals
from mrko_app.services.gradebook import rules as gradebook
from mrko_app.services.journal import read as journal
from mrko_app.services.stats import child as stats
from mrko_app.services.stats import classmates as stats_class
from tests.school_builder import SchoolBuilder

YEAR_START = date(2026, 9, 1)
YEAR_DAYS = 270
TODAY = date(2027, 7, 1)  # after the year: every mark is in the past
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# a mark: (day of the year, value, kind, debt, deleted)
marks_strategy = st.lists(
    st.tuples(st.integers(0, YEAR_DAYS - 1), st.integers(2, 5), st.sampled_from(["answer", "homework", "test", "control"]),
              st.booleans(), st.booleans()),
    max_size=14,
)
# the year cut into 1..3 periods with vacations between them: cut points and gap lengths
periods_strategy = st.lists(st.tuples(st.integers(20, 120), st.integers(0, 12)), min_size=1, max_size=3)
holidays_strategy = st.lists(st.tuples(st.integers(0, YEAR_DAYS - 1), st.integers(0, 3)), max_size=3)
kinds_strategy = st.fixed_dictionaries({k: st.integers(1, 4) for k in ("answer", "homework", "test", "control")})


def _spans(cuts) -> list[tuple[date, date]]:
    spans, day = [], YEAR_START
    for length, gap in cuts:
        end = min(day + timedelta(days=length), YEAR_START + timedelta(days=YEAR_DAYS - 1))
        if day > end:
            break
        spans.append((day, end))
        day = end + timedelta(days=gap + 1)
    return spans


def _school(db, cuts, holidays, weights, classmates=0):
    b = SchoolBuilder(db)
    school = b.school()
    kinds = b.kinds(school, [(code, code, code, w) for code, w in weights.items()])
    year, periods = b.year(school, _spans(cuts), start=YEAR_START, end=YEAR_START + timedelta(days=YEAR_DAYS))
    for offset, length in holidays:
        first = YEAR_START + timedelta(days=offset)
        b.holiday(year, first, first + timedelta(days=length))
    cls = b.school_class(school, year, "5A")
    maths = b.subject(school, "Maths")
    tag = school.id
    teacher = b.user(f"teacher{tag}", ("teacher", school.id))
    b.teaches(cls, maths, teacher)
    kids = [b.student(cls, f"Pupil{i}", f"Kid{i}") for i in range(classmates + 1)]
    parent = b.user(f"parent{tag}", ("parent", None))
    b.link(parent, kids[0])
    return b, school, kinds, periods, cls, maths, teacher, kids, parent


def _give(b, kid, maths, kinds, teacher, marks) -> list[Mark]:
    rows = []
    for offset, value, kind, debt, deleted in marks:
        rows.append(b.mark(kid, maths, YEAR_START + timedelta(days=offset), None if debt else value, kinds[kind],
                           teacher, is_debt=debt, deleted=deleted))
    return rows


@SETTINGS
@given(marks=marks_strategy, cuts=periods_strategy, holidays=holidays_strategy, weights=kinds_strategy)
def test_journal_diary_statistics_and_alerts_agree(db, marks, cuts, holidays, weights):
    b, school, kinds, periods, cls, maths, teacher, kids, parent = _school(db, cuts, holidays, weights)
    child = kids[0]
    rows = _give(b, child, maths, kinds, teacher, marks)
    db.add(AlertRule(parent_id=parent.id, student_id=child.id, on_low_mark=False, on_mark_changed=False,
                     on_low_average=True, average_below=float(school.mark_max + 1), delay_minutes=0))
    db.flush()
    alerts.on_marks_saved(db, [(m, None) for m in rows])

    diary = finals.finals(db, parent, child.id, today=TODAY)
    diary_row = next(r for r in diary["rows"] if r["subject_id"] == maths.id)
    events = {e.key: e for e in db.exec(select(AlertEvent).where(AlertEvent.parent_id == parent.id))}
    for i, period in enumerate(periods):
        # the oracle: the calendar's rule written out (a holiday inside the period counts, a vacation not)
        held = [(w, v) for (off, v, k, debt, deleted), w in zip(marks, [weights[m[2]] for m in marks], strict=True)
                if not debt and not deleted and period.start_date <= YEAR_START + timedelta(days=off) <= period.end_date]
        expected = Fraction(sum(w * v for w, v in held), sum(w for w, _ in held)) if held else None
        shown = gradebook.display_average(expected)
        proposed = gradebook.propose_mark(expected, gradebook.GradingRules.from_school(school))

        grid = journal.load_grid(db, teacher, cls.id, maths.id, period.id)
        card = next(r for r in stats.child_statistics(db, parent, child.id, period.id, TODAY)["rows"]
                    if r["subject_id"] == maths.id)
        cell = diary_row["cells"][i]
        event = events.get(f"avg:{child.id}:{maths.id}:{period.id}")

        assert gradebook.display_average(grid.averages[child.id]) == shown
        assert card["average"] == shown
        assert cell["average"] == ("" if shown is None else f"{shown:.2f}")
        assert (event.payload["average"] if event else None) == shown
        assert grid.proposals[child.id] == card["proposed"] == proposed
        assert cell["proposed"] == ("" if proposed is None else str(proposed))


@SETTINGS
@given(marks=st.lists(marks_strategy, min_size=2, max_size=5), cuts=periods_strategy, weights=kinds_strategy)
def test_class_comparison_sql_agrees_with_python(db, marks, cuts, weights):
    b, school, kinds, periods, cls, maths, teacher, kids, parent = _school(db, cuts, [], weights, len(marks) - 1)
    given_marks = {kid.id: _give(b, kid, maths, kinds, teacher, m) for kid, m in zip(kids, marks, strict=True)}
    for period in periods:
        scope = stats.Period(period.id, period.number, period.start_date, period.end_date)
        in_sql = stats_class.class_student_averages(db, cls.id, scope).get(maths.id, {})
        in_python = {}
        for kid_id, rows in given_marks.items():
            entries = [gradebook.MarkEntry.from_mark(m) for m in rows if not m.deleted and scope.holds(m.date)]
            average = gradebook.average_fraction(entries)
            if average is not None:
                in_python[kid_id] = average
        assert in_sql == in_python
