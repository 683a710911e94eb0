"""Gradebook arithmetic on hand-computed cases (pure Python, no database)."""

import json
import math
from datetime import date, timedelta
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mrko_app.i18n import has
from mrko_app.services.errors import ValidationError
from mrko_app.services.gradebook.rules import (
    GradingRules,
    MarkEntry,
    average_fraction,
    display_average,
    distribution,
    exact,
    explain_average,
    propose_mark,
    threshold_of,
    validate_rules,
    validate_weight,
    weighted_average,
    year_mark,
)
from mrko_app.services.gradebook.trend import trend, trend_label, trend_line

D0 = date(2026, 9, 1)
RULES = GradingRules.default()


def mk(value, weight=1, day=0, debt=False, kind=""):
    return MarkEntry(value, weight, D0 + timedelta(days=day), debt, kind)


DOMAIN_EXAMPLE = [mk(5, 3, 0, kind="control"), mk(3, 1, 1, kind="answer"), mk(4, 1, 2, kind="answer")]


# ---------------------------------------------------------------- rules


def test_rules_from_school_and_default():
    school = SimpleNamespace(mark_min=1, mark_max=5, thresholds={"5": 4.5, "4": 3.5, "3": 2.5, "2": 1.5})
    rules = GradingRules.from_school(school)
    assert (rules.mark_min, rules.mark_max, rules.thresholds["5"]) == (1, 5, 4.5)
    assert list(rules.scale) == [1, 2, 3, 4, 5]
    assert RULES == GradingRules(2, 5, {"5": 4.6, "4": 3.6, "3": 2.6})
    assert hash(RULES) == hash(GradingRules.default())
    school.thresholds["5"] = 4.9  # the rules keep their own copy
    assert rules.thresholds["5"] == 4.5


def test_mark_entry_from_mark():
    row = SimpleNamespace(value=None, weight=2, date=D0, is_debt=True)
    entry = MarkEntry.from_mark(row, "test")
    assert entry == MarkEntry(None, 2, D0, True, "test") and not entry.counted


def test_validate_rules_accepts_defaults_and_variants():
    assert validate_rules(RULES) is RULES
    validate_rules(GradingRules(2, 5, {"5": 4.65, "4": "3.5", "3": 2.5}))
    validate_rules(GradingRules(1, 5, {"5": 4.7, "4": 3.6, "3": 2.6, "2": 1.6}))


@pytest.mark.parametrize(
    ("rules", "fields"),
    [
        (GradingRules(5, 2, {}), {"mark_max": "grading.scale_order"}),
        (GradingRules(3, 3, {}), {"mark_max": "grading.scale_order"}),
        (GradingRules(-1, 5, {}), {"mark_min": "grading.scale_range"}),
        (GradingRules(2.0, 500, {}), {"mark_min": "grading.scale_range", "mark_max": "grading.scale_range"}),
        (GradingRules(2, 5, {"5": 4.6, "4": 3.6}), {"thresholds": "grading.thresholds_marks"}),
        (GradingRules(1, 5, {"5": 4.6, "4": 3.6, "3": 2.6}), {"thresholds": "grading.thresholds_marks"}),
        (GradingRules(2, 5, {"5": 3.5, "4": 3.6, "3": 2.6}), {"thresholds.5": "grading.thresholds_order"}),
        (GradingRules(2, 5, {"5": 4.6, "4": 2.6, "3": 2.6}), {"thresholds.4": "grading.thresholds_order"}),
        (GradingRules(2, 5, {"5": 5.5, "4": 3.6, "3": 2.0}),
         {"thresholds.5": "grading.threshold_range", "thresholds.3": "grading.threshold_range"}),
        (GradingRules(2, 5, {"5": "abc", "4": None, "3": float("nan")}),
         {"thresholds.5": "grading.threshold_number", "thresholds.4": "grading.threshold_number",
          "thresholds.3": "grading.threshold_number"}),
    ],
)
def test_validate_rules_refuses(rules, fields):
    with pytest.raises(ValidationError) as err:
        validate_rules(rules)
    assert err.value.fields == fields
    assert all(has(key) for key in fields.values())


def test_validate_weight():
    assert validate_weight(3) == 3
    for bad in (0, -1, 1.5, "2", True, None):
        with pytest.raises(ValidationError) as err:
            validate_weight(bad, "kind_weight")
        assert err.value.fields == {"kind_weight": "grading.weight_positive"}
    assert has("grading.weight_positive")


def test_threshold_of():
    assert threshold_of(5, RULES) == Fraction(23, 5)
    assert threshold_of(2, RULES) == 2
    with pytest.raises(ValueError):
        threshold_of(7, RULES)


# ---------------------------------------------------------------- averages


def test_domain_example():
    assert average_fraction(DOMAIN_EXAMPLE) == Fraction(22, 5)
    assert weighted_average(DOMAIN_EXAMPLE) == 4.4
    assert propose_mark(weighted_average(DOMAIN_EXAMPLE), RULES) == 4


def test_no_marks_and_only_debts():
    assert weighted_average([]) is None
    assert weighted_average([mk(None, 2, debt=True), mk(None, 1)]) is None
    assert propose_mark(None, RULES) is None


def test_one_mark():
    assert weighted_average([mk(3, 2)]) == 3.0
    assert propose_mark(3.0, RULES) == 3


def test_debts_and_empty_values_excluded():
    marks = DOMAIN_EXAMPLE + [mk(None, 3, debt=True), mk(2, 4, debt=True), mk(None, 1)]
    assert weighted_average(marks) == 4.4


@pytest.mark.parametrize("weight", [0, -1, 1.5, True])
def test_bad_weight_refused(weight):
    with pytest.raises(ValueError):
        weighted_average([mk(5, 1), mk(4, weight)])
    with pytest.raises(ValueError):  # a debt's weight is checked too
        weighted_average([mk(5, 1), mk(None, weight, debt=True)])


def test_bad_values_refused():
    with pytest.raises(ValueError):
        weighted_average([mk("5")])
    with pytest.raises(ValueError):  # off the scale once rules are known
        explain_average([mk(6)], RULES)


@pytest.mark.parametrize(
    ("average", "mark"),
    [
        (4.6, 5), (Fraction(23, 5), 5), ((5 * 3 + 4 * 2) / 5, 5), (23 / 5, 5),
        (4.6 - 1e-15, 5), (4.6000000000000005, 5),
        (4.59, 4), (4.599, 4), (Fraction(4599999, 10**6), 4),
        (3.6, 4), (3.59, 3), (2.6, 3), (2.59, 2), (2.0, 2), (5.0, 5), (0.5, 2), (4, 4), ("4.6", 5),
    ],
)
def test_propose_mark_at_thresholds(average, mark):
    assert propose_mark(average, RULES) == mark


def test_exact_average_at_threshold_from_marks():
    marks = [mk(5, 3), mk(4, 2)]  # (15 + 8) / 5 = 4.6
    assert propose_mark(weighted_average(marks), RULES) == 5
    assert propose_mark(average_fraction(marks), RULES) == 5
    # 3 fives and 2 fours with weight 1: 23/5 again; a float sum of 0.1s would drift, fractions do not
    assert propose_mark(weighted_average([mk(5)] * 3 + [mk(4)] * 2), RULES) == 5


def test_other_thresholds_and_scale():
    rules = GradingRules(1, 5, {"5": 4.65, "4": 3.5, "3": 2.5, "2": 1.5})
    assert propose_mark(4.65, rules) == 5
    assert propose_mark(4.64, rules) == 4
    assert propose_mark(1.49, rules) == 1
    assert propose_mark(1.5, rules) == 2


def test_exact_and_display():
    assert exact(4.6) == Fraction(23, 5)
    assert exact(0.1 + 0.2) == Fraction(3, 10)
    with pytest.raises(TypeError):
        exact(True)
    with pytest.raises(ValueError):
        exact(float("inf"))
    assert display_average(Fraction(4445, 1000)) == 4.45  # half up, not to even, not float noise
    assert display_average(Fraction(22, 5)) == 4.4
    assert display_average(Fraction(2, 3)) == 0.67
    assert display_average(None) is None


# ---------------------------------------------------------------- year mark


@pytest.mark.parametrize(
    ("periods", "rule", "mark"),
    [
        ([5, 4, 4, 4], "thresholds", 4),  # 4.25
        ([5, 5, 4, 4], "thresholds", 4),  # 4.5 < 4.6
        ([5, 5, 5, 4], "thresholds", 5),  # 4.75
        ([5, 5, 4], "thresholds", 5),  # 14/3 = 4.67
        ([5, 4, 4], "thresholds", 4),  # 13/3 = 4.33
        ([3, 2, 2, 2], "thresholds", 2),  # 2.25
        ([5, None, 4, None], "thresholds", 4),  # unconfirmed periods skipped: 4.5
        ([4], "thresholds", 4),
        ([5, 5, 4, 4], "round", 5),  # 4.5 rounds half up
        ([5, 4, 4, 4], "round", 4),
        ([3, 2], "round", 3),
        ([], "thresholds", None),
        ([None, None], "round", None),
    ],
)
def test_year_mark(periods, rule, mark):
    assert year_mark(periods, RULES, rule) == mark


def test_year_mark_refuses_bad_input():
    with pytest.raises(ValueError):
        year_mark([5, 6], RULES)
    with pytest.raises(ValueError):
        year_mark([5, 4], RULES, "median")


# ---------------------------------------------------------------- explanation and distribution


def test_explain_domain_example():
    marks = DOMAIN_EXAMPLE + [mk(None, 2, 3, debt=True, kind="test")]
    out = explain_average(marks, RULES)
    json.dumps(out)  # plain values only
    assert out["rows"][0] == {"date": "2026-09-01", "kind": "control", "value": 5, "weight": 3, "product": 15,
                              "counted": True, "debt": False}
    assert out["rows"][3] == {"date": "2026-09-04", "kind": "test", "value": None, "weight": 2, "product": None,
                              "counted": False, "debt": True}
    assert (out["count"], out["debts"], out["sum_products"], out["sum_weights"]) == (3, 1, 22, 5)
    assert out["average"] == 4.4 and out["proposed"] == 4
    assert out["formula"] == "(5×3 + 3×1 + 4×1) / (3 + 1 + 1) = 22 / 5 = 4.40"
    assert out["thresholds"] == [{"mark": 5, "from": 4.6}, {"mark": 4, "from": 3.6}, {"mark": 3, "from": 2.6},
                                 {"mark": 2, "from": None}]
    assert out["rounding_caveat"] is False


def test_explain_no_marks():
    out = explain_average([mk(None, 1, debt=True)], RULES)
    assert (out["average"], out["proposed"], out["count"], out["formula"]) == (None, None, 0, "")
    assert out["rounding_caveat"] is False


def test_explain_rounding_caveat():
    marks = [mk(5, 149), mk(4, 100), mk(3, 1)]  # (745 + 400 + 3) / 250 = 4.592 → shows 4.59, no caveat
    assert explain_average(marks, RULES)["rounding_caveat"] is False
    marks = [mk(5, 149), mk(4, 101)]  # (745 + 404) / 250 = 4.596 → shows 4.60 but proposes 4
    out = explain_average(marks, RULES)
    assert (out["average"], out["proposed"], out["rounding_caveat"]) == (4.6, 4, True)


def test_distribution():
    marks = DOMAIN_EXAMPLE + [mk(5), mk(None, debt=True), mk(2, 4)]
    assert distribution(marks, RULES) == {2: 1, 3: 1, 4: 1, 5: 2}
    assert list(distribution([], RULES).items()) == [(2, 0), (3, 0), (4, 0), (5, 0)]
    assert distribution([mk(1)], GradingRules(1, 5, {"5": 4.6, "4": 3.6, "3": 2.6, "2": 1.6}))[1] == 1
    with pytest.raises(ValueError):
        distribution([mk(1)], RULES)


# ---------------------------------------------------------------- trend


def test_trend_rising_falling_steady():
    rising = [mk(3, 1, 0), mk(4, 1, 15), mk(5, 1, 30)]
    assert trend(rising) == pytest.approx(2.0)  # +2 points in 30 days
    assert trend_label(trend(rising)) == "rising"
    falling = [mk(5, 1, 0), mk(4, 1, 30)]
    assert trend(falling) == pytest.approx(-1.0)
    assert trend_label(trend(falling)) == "falling"
    steady = [mk(4, 1, d) for d in range(0, 40, 5)]
    assert trend(steady) == 0.0 and trend_label(0.0) == "steady"


def test_trend_is_weighted_and_ignores_debts():
    # a heavy 5 late and a light 3 early dominate a light 2 in the middle: slope is positive
    marks = [mk(3, 1, 0), mk(2, 1, 10), mk(5, 3, 20), mk(None, 4, 30, debt=True)]
    assert trend(marks) > 0
    # unweighted the same values would read: least squares of (0,3),(10,2),(20,5) = +0.1/day = 3.0 per 30
    assert trend([mk(3, 1, 0), mk(2, 1, 10), mk(5, 1, 20)]) == pytest.approx(3.0)


def _textbook_line(marks, origin):
    """Weighted least squares by centred sums, in Fractions: what trend_line's integer sums must equal."""
    counted = [m for m in marks if m.counted]
    sw = sum(m.weight for m in counted)
    mean_x = Fraction(sum(m.weight * (m.date - origin).days for m in counted), sw)
    mean_v = Fraction(sum(m.weight * m.value for m in counted), sw)
    sxx = sum(m.weight * ((m.date - origin).days - mean_x) ** 2 for m in counted)
    if sxx == 0:
        return mean_v, Fraction(0)
    b = sum(m.weight * ((m.date - origin).days - mean_x) * (m.value - mean_v) for m in counted) / sxx
    return mean_v - b * mean_x, b


@given(st.lists(st.tuples(st.integers(2, 5), st.integers(1, 4), st.integers(0, 120), st.booleans()), min_size=1,
                max_size=30))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_trend_line_is_exactly_the_textbook_line(rows):
    marks = [mk(v, w, d, debt=debt) for v, w, d, debt in rows]
    origin = D0 - timedelta(days=7)  # the line from a week before the first mark, as a period start can be
    if not any(m.counted for m in marks):
        assert trend_line(marks, origin) is None
    else:
        assert trend_line(marks, origin) == _textbook_line(marks, origin)


def test_trend_degenerate():
    assert trend([]) == 0.0
    assert trend([mk(5)]) == 0.0
    assert trend([mk(5, 1, 3), mk(2, 1, 3)]) == 0.0  # same day: no trend
    assert trend_label(0.2) == "steady" and trend_label(0.21) == "rising" and trend_label(-0.21) == "falling"
    assert trend_label(0.5, tolerance=1.0) == "steady"


def test_trend_labels_translated():
    assert all(has(f"grading.trend.{label}") for label in ("rising", "falling", "steady"))


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_display_average_in_integers_rounds_as_the_exact_formula(numerator, denominator):
    x = Fraction(numerator, denominator)
    reference = float(Fraction(math.floor(x * 100 + Fraction(1, 2)), 100))
    assert display_average(x) == reference
    assert display_average(numerator) == float(numerator)
