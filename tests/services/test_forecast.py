"""Forecast of the period average and the "what do I need" calculator (pure Python, no database)."""

import random
import time
from datetime import date, timedelta
from fractions import Fraction
from itertools import combinations_with_replacement

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mrko_app.services.errors import ValidationError
from mrko_app.services.gradebook.forecast import forecast, forecast_average, forecast_mark, what_do_i_need
from mrko_app.services.gradebook.rules import GradingRules, MarkEntry, propose_mark, weighted_average

D0 = date(2026, 9, 1)
RULES = GradingRules.default()
KINDS = [("answer", 1), ("homework", 1), ("independent", 2), ("test", 2), ("control", 3), ("exam", 4)]


def mk(value, weight=1, day=0, debt=False, kind=""):
    return MarkEntry(value, weight, D0 + timedelta(days=day), debt, kind)


def day(n):
    return D0 + timedelta(days=n)


# ---------------------------------------------------------------- forecast


def test_forecast_without_marks():
    assert forecast_average([], day(0), day(60), day(10)) is None
    assert forecast_average([mk(None, 2, 3, debt=True)], day(0), day(60), day(10)) is None
    assert forecast_mark([], day(0), day(60), day(10), RULES) is None


def test_forecast_steady_marks_keep_their_average():
    assert forecast_average([mk(4, 1, d) for d in (0, 7, 14, 21)], day(0), day(60), day(21)) == 4.0
    # no drift either way (symmetric in time): the average stays 4.5
    steady = [mk(5, 1, 0), mk(4, 1, 10), mk(4, 1, 20), mk(5, 1, 30)]
    assert forecast_average(steady, day(0), day(60), day(30)) == 4.5
    # all on one day: a flat line through the average (22/5)
    same_day = [mk(5, 3, 5), mk(3, 1, 5), mk(4, 1, 5)]
    assert forecast_average(same_day, day(0), day(60), day(5)) == pytest.approx(4.4)


def test_forecast_hand_computed():
    # x = 0, 10, 20, 30; v = 4, 3, 4, 4 → line 3.6 + 0.01x; 31 days elapsed, 30 to go, so weight 4*30/31 more
    # at the line's value in the middle of days 31..60 (x = 45.5): 4.055 → (15 + 4.055*120/31) / (4 + 120/31) = 3.9
    marks = [mk(4, 1, 0), mk(3, 1, 10), mk(4, 1, 20), mk(4, 1, 30)]
    assert weighted_average(marks) == 3.75
    assert forecast_average(marks, day(0), day(60), day(30)) == pytest.approx(3.9)


def test_forecast_rising_is_higher_but_clamped():
    rising = [mk(3, 1, 0), mk(4, 1, 15), mk(5, 1, 30)]  # line 3 + x/15 would reach 6.03 mid-way: clamped to 5
    result = forecast_average(rising, day(0), day(60), day(30))
    assert result == pytest.approx(822 / 183)  # (12 + 5*90/31) / (3 + 90/31) = 4.49
    assert weighted_average(rising) < result <= 5
    steep = [mk(2, 1, 0), mk(5, 4, 1)]
    assert forecast_average(steep, day(0), day(90), day(1)) <= 5
    ten = GradingRules(1, 10, {str(m): m - 0.4 for m in range(2, 11)})
    assert forecast_average([mk(6, 1, 0), mk(9, 1, 5)], day(0), day(90), day(5), ten) <= 10


def test_forecast_falling_is_lower_but_clamped():
    falling = [mk(5, 1, 0), mk(4, 1, 15), mk(3, 1, 30)]
    result = forecast_average(falling, day(0), day(60), day(30))
    assert 2 <= result < weighted_average(falling)
    assert result == pytest.approx((12 + 2 * 90 / 31) / (3 + 90 / 31))  # line would fall below 2: clamped


def test_forecast_changes_the_proposed_mark():
    marks = [mk(4, 1, 0), mk(4, 1, 10), mk(5, 1, 20), mk(5, 1, 30)]  # 4.5 now: proposes 4
    assert propose_mark(weighted_average(marks), RULES) == 4
    assert forecast_average(marks, day(0), day(60), day(30)) == pytest.approx(1158 / 244)  # 4.75
    assert forecast_mark(marks, day(0), day(60), day(30), RULES) == 5


def test_forecast_at_and_outside_the_period():
    marks = [mk(3, 1, 0), mk(5, 1, 30)]
    assert forecast_average(marks, day(0), day(30), day(30)) == 4.0  # over: the average as it is
    assert forecast_average(marks, day(0), day(30), day(45)) == 4.0
    before = forecast_average(marks, day(0), day(60), day(-5))  # today is taken as the first day
    assert before == forecast_average(marks, day(0), day(60), day(0))
    with pytest.raises(ValueError):
        forecast_average(marks, day(10), day(0), day(5))


# ---------------------------------------------------------------- what do I need


def test_already_reached():
    marks = [mk(5, 3, kind="control"), mk(3), mk(4)]  # 4.40
    out = what_do_i_need(marks, 4, RULES, KINDS)
    assert out["already"] is True and out["reachable"] is True and out["plan"] == []
    assert (out["current_average"], out["current_mark"], out["resulting_mark"]) == (4.4, 4, 4)
    assert what_do_i_need(marks, 3, RULES, KINDS)["already"] is True
    assert what_do_i_need(marks, 2, RULES, KINDS)["already"] is True
    assert what_do_i_need([mk(5, 3), mk(4, 2)], 5, RULES, KINDS)["already"] is True  # exactly 4.6


def test_reachable_with_one_mark():
    marks = [mk(5, 3, kind="control"), mk(3), mk(4)]  # 22/5; a test 5 gives 32/7 = 4.57, a control 5 37/8
    out = what_do_i_need(marks, 5, RULES, KINDS)
    assert out["already"] is False and out["reachable"] is True
    assert out["plan"] == [{"value": 5, "kind": "control", "weight": 3}]
    assert (out["marks_needed"], out["resulting_average"], out["resulting_mark"]) == (1, 4.63, 5)
    assert (out["target"], out["threshold"], out["current_average"], out["current_mark"]) == (5, 4.6, 4.4, 4)


def test_lower_value_beats_lighter_kind_and_first_listed_kind_wins_ties():
    # 3 now; a 4 with weight 2 gives 11/3 = 3.67 (a 5 for an answer would too, but needs a higher mark)
    out = what_do_i_need([mk(3)], 4, RULES, KINDS)
    assert out["plan"] == [{"value": 4, "kind": "independent", "weight": 2}]
    # no marks yet: one mark on or above the threshold, of the lightest kind listed first
    assert what_do_i_need([], 5, RULES, KINDS)["plan"] == [{"value": 5, "kind": "answer", "weight": 1}]
    assert what_do_i_need([], 3, RULES, KINDS)["plan"] == [{"value": 3, "kind": "answer", "weight": 1}]
    assert what_do_i_need([], 2, RULES, KINDS)["plan"] == [{"value": 2, "kind": "answer", "weight": 1}]
    assert what_do_i_need([], 2, RULES, list(reversed(KINDS)))["plan"][0]["kind"] == "homework"


def test_needs_several_marks_landing_exactly_on_the_threshold():
    # 2.0 with weight 6; each control 5 adds 3×1.4 = 4.2 towards 3.6×6 − 12 = 9.6: three marks, the last a 4
    out = what_do_i_need([mk(2, 3), mk(2, 3)], 4, RULES, [("answer", 1), ("control", 3)])
    five, four = {"value": 5, "kind": "control", "weight": 3}, {"value": 4, "kind": "control", "weight": 3}
    assert out["plan"] == [five, five, four]
    assert (out["marks_needed"], out["resulting_average"], out["resulting_mark"]) == (3, 3.6, 4)
    plan_marks = [mk(p["value"], p["weight"], 1) for p in out["plan"]]
    assert propose_mark(weighted_average([mk(2, 3), mk(2, 3)] + plan_marks), RULES) == 4


def test_unreachable():
    marks = [mk(2, 4)] * 10
    out = what_do_i_need(marks, 5, RULES, KINDS)
    assert out["reachable"] is False and out["already"] is False and out["plan"] == []
    assert (out["max_marks"], out["best_average"], out["best_mark"]) == (10, 3.5, 3)  # (80 + 200) / 80
    assert what_do_i_need(marks, 3, RULES, KINDS)["reachable"] is True
    assert what_do_i_need(marks, 3, RULES, KINDS, max_marks=1)["reachable"] is False
    # a threshold of 5.0 for a 5: only all fives will do, so never after a 4, and one 5 from nothing
    strict = GradingRules(2, 5, {"5": 5, "4": 3.6, "3": 2.6})
    assert what_do_i_need([mk(5), mk(4)], 5, strict, KINDS)["reachable"] is False
    assert what_do_i_need([], 5, strict, KINDS)["plan"] == [{"value": 5, "kind": "answer", "weight": 1}]


def test_debts_do_not_count():
    out = what_do_i_need([mk(3), mk(None, 4, debt=True)], 4, RULES, KINDS)
    assert out["current_average"] == 3.0 and out["plan"][0]["value"] == 4


def test_refuses_bad_input():
    with pytest.raises(ValueError):
        what_do_i_need([mk(4)], 6, RULES, KINDS)
    with pytest.raises(ValueError):
        what_do_i_need([mk(4)], 5, RULES, [])
    with pytest.raises(ValueError):
        what_do_i_need([mk(4)], 5, RULES, [("answer", 0)])
    with pytest.raises(ValueError):
        what_do_i_need([mk(4)], 5, RULES, KINDS, max_marks=0)
    with pytest.raises(ValueError):
        what_do_i_need([mk(4, 0)], 5, RULES, KINDS)
    with pytest.raises(ValidationError):
        what_do_i_need([mk(4)], 5, GradingRules(2, 5, {"5": 3.0, "4": 3.6, "3": 2.6}), KINDS)


def test_big_inputs_stay_fast():
    ten = GradingRules(1, 10, {str(m): m - 0.45 for m in range(2, 11)})
    marks = [mk(1 + i % 4, 1 + i % 6, i) for i in range(300)]
    started = time.perf_counter()
    out = what_do_i_need(marks, 6, ten, [(f"k{w}", w) for w in (1, 2, 3, 5, 8, 10)], max_marks=10)
    assert time.perf_counter() - started < 0.2
    assert out["reachable"] is False or out["resulting_mark"] >= 6


# ---------------------------------------------------------------- property check against brute force

RULE_SETS = [
    (RULES, {5: 460, 4: 360, 3: 260}),
    (GradingRules(1, 5, {"5": 4.5, "4": 3.5, "3": 2.5, "2": 1.5}), {5: 450, 4: 350, 3: 250, 2: 150}),
    (GradingRules(2, 5, {"5": 4.65, "4": 3.5, "3": 2.5}), {5: 465, 4: 350, 3: 250}),
]


def _brute(products, weights, t100, options, max_n):
    """Smallest n reaching 100*average >= t100 and the best plan key for that n, by plain enumeration."""
    for n in range(1, max_n + 1):
        best = None
        for combo in combinations_with_replacement(options, n):
            p = products + sum(v * w for v, w in combo)
            s = weights + sum(w for _, w in combo)
            if 100 * p >= t100 * s:
                key = (sorted((v for v, _ in combo), reverse=True), s - weights, -(100 * p - t100 * s))
                best = key if best is None or key < best else best
        if best is not None:
            return n, best
    return None, None


def test_plans_are_exact_and_minimal_against_brute_force():
    rng = random.Random(20260901)
    for case in range(400):
        rules, t100s = RULE_SETS[case % len(RULE_SETS)]
        scale = list(rules.scale)
        kinds = [(f"k{i}", rng.randint(1, 4)) for i in range(rng.randint(1, 3))]
        low = scale[: rng.randint(1, len(scale))]  # often weak marks, so that the target is ahead
        marks = [mk(rng.choice(low), rng.randint(1, 4), i, debt=rng.random() < 0.1) for i in range(rng.randint(0, 6))]
        target = rng.choice(scale[-3:])
        max_n = rng.randint(1, 4)
        out = what_do_i_need(marks, target, rules, kinds, max_marks=max_n)

        counted = [m for m in marks if not m.is_debt]
        products, weights = sum(m.value * m.weight for m in counted), sum(m.weight for m in counted)
        t100 = t100s.get(target, 100 * rules.mark_min)
        if weights and 100 * products >= t100 * weights:
            assert out["already"] is True, (case, marks, target)
            continue
        assert out["already"] is False
        options = [(v, w) for v in scale for w in sorted({w for _, w in kinds})]
        n, best = _brute(products, weights, t100, options, max_n)
        if n is None:
            assert out["reachable"] is False, (case, marks, target, kinds)
            continue
        plan = out["plan"]
        assert out["reachable"] is True and len(plan) == n == out["marks_needed"], (case, marks, target, kinds)
        first_kind = {}
        for code, w in kinds:
            first_kind.setdefault(w, code)
        assert all(p["value"] in scale and p["kind"] == first_kind[p["weight"]] for p in plan)
        new_p = products + sum(p["value"] * p["weight"] for p in plan)
        new_w = weights + sum(p["weight"] for p in plan)
        assert 100 * new_p >= t100 * new_w  # really reaches the target
        assert propose_mark(Fraction(new_p, new_w), rules) == out["resulting_mark"] >= target
        key = (sorted((p["value"] for p in plan), reverse=True), new_w - weights, -(100 * new_p - t100 * new_w))
        assert key == best, (case, marks, target, kinds, plan)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(2, 5), st.integers(1, 3), st.integers(0, 59)), min_size=1, max_size=12),
       st.integers(0, 60))
def test_the_statistics_forecast_is_the_forecast_average_and_mark_in_one_fit(marks, today):
    entries = [mk(v, w, d) for v, w, d in marks]
    rules = GradingRules.default()
    exact_average, mark = forecast(entries, day(0), day(60), day(today), rules)
    assert float(exact_average) == forecast_average(entries, day(0), day(60), day(today), rules)
    assert mark == forecast_mark(entries, day(0), day(60), day(today), rules)
