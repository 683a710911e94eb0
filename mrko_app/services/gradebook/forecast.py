"""Looking ahead: where the average is heading, and which marks would bring the proposed mark to a target.

Pure Python on top of `services/gradebook/rules.py` (same MarkEntry / GradingRules, same exact arithmetic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction

from mrko_app.services.gradebook.rules import (
    GradingRules,
    MarkEntry,
    display_average,
    propose_mark,
    threshold_of,
    totals,
    validate_rules,
)
from mrko_app.services.gradebook.trend import trend_line


def _forecast(marks, period_start: dt.date, period_end: dt.date, today: dt.date, rules: GradingRules):
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    marks = marks if isinstance(marks, list) else list(marks)  # a Counted list stays one (checked once)
    products, weights = totals(marks, rules)
    if not weights:
        return None
    day = min(max(today, period_start), period_end)
    elapsed = (day - period_start).days + 1  # days so far, today included
    remaining = (period_end - day).days
    if remaining == 0:
        return Fraction(products, weights)
    a, b = trend_line(marks, period_start)
    # future marks fall evenly on the days after today: their mean day is the middle of that stretch
    middle = Fraction((day - period_start).days + 1 + (period_end - period_start).days, 2)
    future_value = min(max(a + b * middle, Fraction(rules.mark_min)), Fraction(rules.mark_max))
    future_weight = Fraction(weights * remaining, elapsed)
    return (products + future_value * future_weight) / (weights + future_weight)


def forecast_average(
    marks: Iterable[MarkEntry],
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    rules: GradingRules | None = None,
) -> float | None:
    """Where the weighted average will stand on `period_end` if things go on as they have.

    Method (deterministic, exact until the final float):
    1. Fit the weighted least-squares line value = a + b*day through the counted marks (days since
       period_start, each mark weighted by its weight; a flat line through the average when all marks
       share a date).
    2. The weight still to come continues the pace so far: future_weight = weight so far * remaining
       days / elapsed days (elapsed counts period_start..today inclusive; calendar days, so holidays and
       weekends scale both alike).
    3. Those future marks are spread evenly over the remaining days, so together they are worth the line's
       value at the middle of the remaining days, clamped to the scale (rules; default 2..5).
    4. forecast = (sum(value*weight) + future_value*future_weight) / (sum(weight) + future_weight).
    None without counted marks; the current average when the period is over (today is clamped into the
    period). Steady marks forecast their own average; a rising series forecasts higher, never above
    mark_max.
    """
    result = _forecast(marks, period_start, period_end, today, rules or GradingRules.default())
    return None if result is None else float(result)


def forecast_mark(
    marks: Iterable[MarkEntry], period_start: dt.date, period_end: dt.date, today: dt.date, rules: GradingRules
) -> int | None:
    """The period mark the forecast average would propose (exact, see forecast_average)."""
    return propose_mark(_forecast(marks, period_start, period_end, today, rules), rules)


def forecast(
    marks: Iterable[MarkEntry], period_start: dt.date, period_end: dt.date, today: dt.date, rules: GradingRules
) -> tuple[Fraction | None, int | None]:
    """(the forecast average, exact; forecast_mark) from one fit of the line (the statistics show both:
    the average rounded by display_average from the exact value, not from a float of it)."""
    result = _forecast(marks, period_start, period_end, today, rules)
    return result, propose_mark(result, rules)


def _clean_kinds(kinds: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    kinds = [(str(code), weight) for code, weight in kinds]
    if not kinds:
        raise ValueError("at least one kind of work is needed")
    for code, weight in kinds:
        if not isinstance(weight, int) or isinstance(weight, bool) or weight <= 0:
            raise ValueError(f"kind {code!r}: a weight is an integer > 0, got {weight!r}")
    return kinds


def what_do_i_need(
    marks: Iterable[MarkEntry],
    target: int,
    rules: GradingRules,
    kinds: Sequence[tuple[str, int]],
    max_marks: int = 10,
) -> dict:
    """The fewest further marks that make the proposed mark at least `target`.

    Each further mark is a value on the scale with a kind of work from `kinds` ((code, weight) pairs).
    Ordering of plans: (1) fewest marks; (2) lowest values: the highest mark needed is as low as possible,
    then the next highest, and so on (two 4s beat a 5 and a 3); (3) lightest kinds: the smallest total
    weight; (4) then the largest margin (highest resulting average); kinds of equal weight: the first one
    listed in `kinds`.

    Search, exact with fractions: with S = sum(value*weight), W = sum(weight) so far and T the target's
    threshold, a plan works iff sum(w_i * (v_i - T)) >= D = T*W - S. The best any one mark can add is
    g(v) = w * (v - T) with the heaviest kind when v > T (the lightest otherwise), so n marks can reach
    the target iff n * g(mark_max) >= D: n is the smallest such n. Values are then chosen greedily from the
    top (each as low as possible while the rest, at that same value, can still make it), and the kinds by
    a small knapsack over total weight keeping the largest contribution for each total. The plan is
    re-checked by recomputing the average.

    Returns a dict with target, threshold (None for mark_min), current_average, current_mark and:
      {"already": True, "reachable": True, "plan": [], ...} when the current proposal is >= target;
      {"already": False, "reachable": True, "plan": [{"value", "kind", "weight"}...], "marks_needed",
       "resulting_average" (2 decimals), "resulting_mark"};
      {"already": False, "reachable": False, "plan": [], "max_marks", "best_average", "best_mark"} when
       even max_marks top marks of the heaviest kind fall short (best_* is what those would give).
    """
    validate_rules(rules)
    if not isinstance(target, int) or isinstance(target, bool) or target not in rules.scale:
        raise ValueError(f"target {target!r} is not on the scale {rules.mark_min}..{rules.mark_max}")
    if not isinstance(max_marks, int) or max_marks < 1:
        raise ValueError("max_marks must be a positive integer")
    kinds = _clean_kinds(kinds)
    products, weights = totals(marks, rules)
    threshold = threshold_of(target, rules)
    current = Fraction(products, weights) if weights else None
    result = {
        "target": target,
        "threshold": float(threshold) if target > rules.mark_min else None,
        "current_average": display_average(current),
        "current_mark": propose_mark(current, rules),
    }
    if current is not None and current >= threshold:
        return result | {"already": True, "reachable": True, "plan": [], "resulting_average": display_average(current),
                         "resulting_mark": result["current_mark"]}

    deficit = threshold * weights - products  # > 0 with marks; 0 without (then any mark >= T will do)
    light, heavy = min(w for _, w in kinds), max(w for _, w in kinds)

    def gain(v: int) -> Fraction:
        return (heavy if v > threshold else light) * (v - threshold)

    needed = next((n for n in range(1, max_marks + 1) if n * gain(rules.mark_max) >= deficit), None)
    if needed is None:
        best = Fraction(products + max_marks * heavy * rules.mark_max, weights + max_marks * heavy)
        return result | {"already": False, "reachable": False, "plan": [], "max_marks": max_marks,
                         "best_average": display_average(best), "best_mark": propose_mark(best, rules)}

    values: list[int] = []  # highest first
    gained = Fraction(0)
    for i in range(needed):
        left = needed - i
        v = next(v for v in rules.scale if gained + left * gain(v) >= deficit)
        values.append(v)
        gained += gain(v)

    first_kind: dict[int, str] = {}
    for code, w in kinds:
        first_kind.setdefault(w, code)
    layers: list[dict[int, tuple[Fraction, tuple[int, int] | None]]] = [{0: (Fraction(0), None)}]
    for v in values:  # layer[total weight] = (largest contribution, (previous total, this weight))
        layer: dict[int, tuple[Fraction, tuple[int, int] | None]] = {}
        for total, (contribution, _) in layers[-1].items():
            for w in sorted(first_kind):
                c = contribution + w * (v - threshold)
                if total + w not in layer or c > layer[total + w][0]:
                    layer[total + w] = (c, (total, w))
        layers.append(layer)
    total = min(t for t, (c, _) in layers[-1].items() if c >= deficit)
    chosen: list[int] = []
    for layer in reversed(layers[1:]):
        _, (previous, w) = layer[total]
        chosen.append(w)
        total = previous
    chosen.reverse()

    plan = sorted(zip(values, chosen, strict=True), key=lambda p: (-p[0], -p[1]))
    new_avg = Fraction(products + sum(v * w for v, w in plan), weights + sum(w for _, w in plan))
    new_mark = propose_mark(new_avg, rules)
    if new_mark is None or new_mark < target:  # cannot happen; never hand out a wrong plan
        raise RuntimeError(f"what_do_i_need: plan {plan} gives {new_avg}, not {target}")
    return result | {
        "already": False,
        "reachable": True,
        "plan": [{"value": v, "kind": first_kind[w], "weight": w} for v, w in plan],
        "marks_needed": needed,
        "resulting_average": display_average(new_avg),
        "resulting_mark": new_mark,
    }
