"""Comparison with the class: aggregates only, hand-computed, suppressed for small classes."""

import json
from datetime import date
from fractions import Fraction

from mrko_app.models import Student
from mrko_app.services.stats import child as stats
from mrko_app.services.stats import classmates as stats_class
from tests.services.stats_school import build

TODAY = date(2026, 10, 1)


def _maths_comparison(db, w, choice=None, today=TODAY):
    result = stats.child_statistics(db, w.parent, w.child.id, choice, today)
    return result["class"][w.subjects["Maths"].id], result


def test_class_average_position_and_band(db):
    w = build(db, students=6)
    # averages: child 5 (w3) + 4 = 19/4 = 4.75; the others 2, 3, 4, 4.5 (4 and 5), 5
    w.mark(w.child, "Maths", date(2026, 9, 2), 5, "control")
    w.mark(w.child, "Maths", date(2026, 9, 3), 4)
    values = [[2], [3], [4], [4, 5], [5]]
    for student, marks in zip(w.students[1:], values, strict=True):
        for v in marks:
            w.mark(student, "Maths", date(2026, 9, 4), v)
    w.mark(w.students[1], "Maths", date(2026, 9, 5), None, "test", debt=True)  # debts do not count
    w.mark(w.students[2], "Maths", date(2026, 9, 5), 5, deleted=True)  # deleted marks neither
    w.mark(w.students[3], "Maths", date(2026, 11, 20), 2)  # another quarter neither
    comparison, _ = _maths_comparison(db, w)
    # class average: (4.75 + 2 + 3 + 4 + 4.5 + 5) / 6 = 23.25 / 6 = 3.875 -> 3.88 (half up)
    # the child is above 4 of the 5 others (2, 3, 4, 4.5; not 5): 4/5 -> the top quarter
    assert comparison == {"class_average": 3.88, "students": 6, "position": "above", "band": "top"}


def test_band_boundaries_and_ties():
    others = [Fraction(v) for v in (2, 3, 4, 5)]
    # share of classmates below (a tie counts half): the band's floor is included
    assert stats_class.band_of(Fraction(6), others) == "top"  # 4/4
    assert stats_class.band_of(Fraction(5), others) == "top"  # 3.5/4
    assert stats_class.band_of(Fraction(9, 2), others) == "top"  # 3/4 exactly
    assert stats_class.band_of(Fraction(4), others) == "upper"  # 2.5/4
    assert stats_class.band_of(Fraction(7, 2), others) == "upper"  # 2/4 exactly
    assert stats_class.band_of(Fraction(3), others) == "lower"  # 1.5/4
    assert stats_class.band_of(Fraction(5, 2), others) == "lower"  # 1/4 exactly
    assert stats_class.band_of(Fraction(2), others) == "bottom"  # 0.5/4
    assert stats_class.band_of(Fraction(1), others) == "bottom"  # 0/4


def test_compare_position_level_and_child_without_marks():
    averages = {i: Fraction(v) for i, v in enumerate((4, 4, 4, 4, 4))}
    assert stats_class.compare(averages, 0)["position"] == "level"
    assert stats_class.compare(averages, 99) == {"class_average": 4.0, "students": 5, "position": None, "band": None}
    assert stats_class.compare(dict(list(averages.items())[:4]), 0) is None


def test_suppressed_below_five_students_with_marks(db):
    w = build(db, students=6)
    for student in w.students[:4]:
        w.mark(student, "Maths", date(2026, 9, 2), 4)
    comparison, result = _maths_comparison(db, w)
    assert comparison is None  # 4 students with marks
    left = Student(school_id=w.school.id, class_id=w.school_class.id, surname="Gone", first_name="G",
                   birth_date=date(2015, 1, 1), status="left")
    db.add(left)
    db.flush()
    w.mark(left, "Maths", date(2026, 9, 2), 5)  # a student who left is not counted
    assert _maths_comparison(db, w)[0] is None
    w.mark(w.students[4], "Maths", date(2026, 9, 2), 2)
    comparison, _ = _maths_comparison(db, w)
    assert comparison["students"] == 5 and comparison["class_average"] == 3.6  # (4*4 + 2) / 5


def test_nothing_about_a_single_classmate_comes_out(db):
    w = build(db, students=7)
    for i, student in enumerate(w.students):
        w.mark(student, "Maths", date(2026, 9, 2), 2 + i % 4)
        w.mark(student, "Russian", date(2026, 9, 3), 5 - i % 4)
    comparison, result = _maths_comparison(db, w)
    assert comparison is not None
    for per_subject in result["class"].values():
        assert per_subject is None or set(per_subject) == {"class_average", "students", "position", "band"}
        assert per_subject is None or all(isinstance(v, (int, float, str, type(None))) for v in per_subject.values())
    public = json.dumps({k: v for k, v in result.items() if k not in ("data", "scope")}, default=str)
    for other in w.students[1:]:
        assert other.surname not in public and other.first_name not in public
    # a classmate's new mark moves only the class figures
    before = dict(comparison)
    w.mark(w.students[1], "Maths", date(2026, 9, 4), 5)  # their 3 becomes (3 + 5) / 2 = 4
    after, result2 = _maths_comparison(db, w)
    assert after["class_average"] > before["class_average"]
    assert [r["average"] for r in result2["rows"]] == [r["average"] for r in result["rows"]]


def test_one_query_for_the_class_and_none_while_the_worker_remembers_it(db):
    from mrko_app.services import changes
    from mrko_app.services.changes import memo
    from tests.services.test_stats import _count_queries

    w = build(db, students=8)
    for student in w.students:
        for day in (2, 3, 4):
            w.mark(student, "Maths", date(2026, 9, day), 4)
    data = stats.load_child(db, w.child)
    scope = stats.choose_scope(data, None, TODAY)
    out = []
    call = lambda: out.append(stats_class.class_comparison_for_student(db, data, scope))  # noqa: E731
    assert _count_queries(db, call) == 1  # the GROUP BY: a process not hearing the change channel keeps nothing
    assert _count_queries(db, call) == 1
    memo.hearing(True)  # as in a worker
    try:
        assert _count_queries(db, call) == 1
        assert _count_queries(db, call) == 0  # remembered
        assert out[0] == out[3]
        w.mark(w.students[1], "Maths", date(2026, 9, 7), 2)  # a classmate's new mark, as the journal announces it
        changes.announce(db, changes.of_child(w.students[1].id, "marks"), changes.of_class(w.child.class_id, "marks"))
        db.commit()
        db.refresh(data.student)  # the commit expired the child's row: its reload is not the comparison's
        assert _count_queries(db, call) == 1
    finally:
        memo.hearing(False)
    maths = next(s for s, subject in data.subjects.items() if subject.name_en == "Maths")
    assert out[4][maths]["class_average"] < out[3][maths]["class_average"]


def test_cached_standings_compare_as_the_plain_arithmetic():
    from fractions import Fraction

    averages = {i: Fraction(v) for i, v in enumerate([4, 4, 5, Fraction(9, 2), 3, 4, 2])}
    standing = stats_class.SubjectStanding(averages)
    for student_id in [*averages, 99]:
        assert standing.compare(student_id) == stats_class.compare(averages, student_id)
