"""Gradebook arithmetic: weighted averages, proposed period and year marks, what parents see.

The one home of the arithmetic: every weighted average, proposal, year mark and mean of averages in
the app is computed here (the journal, the diary, the final marks, the statistics, the class comparison
and the alerts call it). No Reflex; no session either: callers turn `Mark` rows into `MarkEntry` values
and a `School` into `GradingRules` (`GradingRules.from_school`). Where the database aggregates for speed
(the class comparison), `sql_totals` is the same rule as `totals` in SQL; tests/services/test_gradebook_agree.py
shows both agree. Which period a mark belongs to is services/school_calendar.py. Forecasts and the
"what do I need" calculator live in `services/gradebook/forecast.py`.

Arithmetic is exact: averages are `fractions.Fraction` internally and become floats only on the way
out, so an average that is mathematically 4.6 (e.g. (5*3 + 4*2) / 5 = 23/5) meets a 4.6 threshold.
Floats coming in (thresholds from the school's JSON, an average passed to `propose_mark`) are read as
the nearest fraction with a denominator up to 10**6 (`exact`): averages are ratios of small integers,
so floating-point noise such as 4.6000000000000005 or 4.599999999999999 is read as 23/5.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from sqlalchemy import func
from sqlmodel import col

from mrko_app.models.marks import Mark
from mrko_app.models.school import DEFAULT_THRESHOLDS
from mrko_app.services.errors import ValidationError

SNAP_DENOMINATOR = 10**6
SCALE_LIMITS = (0, 100)  # the widest scale a school may configure
YEAR_RULES = ("thresholds", "round")


@dataclass(frozen=True)
class MarkEntry:
    """One mark as the arithmetic sees it. A debt, or a mark without a value, is not counted."""

    value: int | None
    weight: int
    date: dt.date
    is_debt: bool = False
    kind_code: str = ""

    @property
    def counted(self) -> bool:
        return not self.is_debt and self.value is not None

    @classmethod
    def from_mark(cls, mark, kind_code: str = "") -> MarkEntry:
        """From a `models.marks.Mark` (or anything with value, weight, date, is_debt)."""
        return cls(mark.value, mark.weight, mark.date, bool(mark.is_debt), kind_code)


@dataclass(frozen=True)
class GradingRules:
    """A school's scale and thresholds: thresholds[str(mark)] is the lowest average proposing `mark`;
    below every threshold the proposal is mark_min."""

    mark_min: int
    mark_max: int
    thresholds: dict[str, float] = field(hash=False)

    def __post_init__(self):
        object.__setattr__(self, "thresholds", dict(self.thresholds))

    @classmethod
    def from_school(cls, school) -> GradingRules:
        return cls(school.mark_min, school.mark_max, {str(k): v for k, v in (school.thresholds or {}).items()})

    @classmethod
    def default(cls) -> GradingRules:
        """The domain defaults: scale 2..5, 4.60 / 3.60 / 2.60."""
        return cls(2, 5, dict(DEFAULT_THRESHOLDS))

    @property
    def scale(self) -> range:
        return range(self.mark_min, self.mark_max + 1)


# ---------------------------------------------------------------- numbers and checks


def exact(x) -> Fraction:
    """`x` as a Fraction; floats snap to the nearest fraction with denominator <= 10**6."""
    if isinstance(x, bool):
        raise TypeError("a number is needed, not a bool")
    if isinstance(x, int | Fraction):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"not a finite number: {x!r}")
        return _snap(x)
    if isinstance(x, str | Decimal):
        return Fraction(x)
    raise TypeError(f"not a number: {x!r}")


@lru_cache(maxsize=4096)
def _snap(x: float) -> Fraction:
    """limit_denominator is slow and the same few floats (thresholds, averages) come again and again."""
    return Fraction(x).limit_denominator(SNAP_DENOMINATOR)


def display_average(x) -> float | None:
    """Rounded half up to 2 decimals, exactly (4.445 -> 4.45); None stays None."""
    if x is None:
        return None
    if type(x) is Fraction or type(x) is int:  # an average as the arithmetic gives it: in integers
        n, d = x.numerator, x.denominator
        return ((200 * n + d) // (2 * d)) / 100  # floor(n/d * 100 + 1/2), then the nearest float to k/100
    return float(Fraction(math.floor(exact(x) * 100 + Fraction(1, 2)), 100))


def _weight_ok(w) -> bool:
    return isinstance(w, int) and not isinstance(w, bool) and w > 0


def validate_weight(w, field_name: str = "weight") -> int:
    """A weight is an integer > 0; else ValidationError({field_name: "grading.weight_positive"})."""
    if not _weight_ok(w):
        raise ValidationError({field_name: "grading.weight_positive"})
    return w


def validate_rules(rules: GradingRules) -> GradingRules:
    """Check a school's grading settings; all problems at once in one ValidationError.

    Fields and keys: mark_min / mark_max -> "grading.scale_range" (integers within 0..100) or
    "grading.scale_order" (mark_min < mark_max); thresholds -> "grading.thresholds_marks" (exactly one
    threshold for every mark above mark_min); thresholds.<mark> -> "grading.threshold_number",
    "grading.threshold_range" (mark_min < t <= mark_max) or "grading.thresholds_order" (each threshold
    above the one for the mark below).
    """
    errors: dict[str, str] = {}
    lo, hi = rules.mark_min, rules.mark_max
    for name, value in (("mark_min", lo), ("mark_max", hi)):
        if not isinstance(value, int) or isinstance(value, bool) or not SCALE_LIMITS[0] <= value <= SCALE_LIMITS[1]:
            errors[name] = "grading.scale_range"
    if errors:
        raise ValidationError(errors)
    if lo >= hi:
        raise ValidationError({"mark_max": "grading.scale_order"})
    if set(rules.thresholds) != {str(m) for m in range(lo + 1, hi + 1)}:
        raise ValidationError({"thresholds": "grading.thresholds_marks"})
    previous = None
    for mark in range(lo + 1, hi + 1):
        key = f"thresholds.{mark}"
        try:
            t = exact(rules.thresholds[str(mark)])
        except (TypeError, ValueError, ArithmeticError):
            errors[key] = "grading.threshold_number"
            previous = None
            continue
        if not lo < t <= hi:
            errors[key] = "grading.threshold_range"
        elif previous is not None and t <= previous:
            errors[key] = "grading.thresholds_order"
        previous = t
    if errors:
        raise ValidationError(errors)
    return rules


def threshold_table(rules: GradingRules) -> list[tuple[int, Fraction]]:
    """(mark, exact threshold), highest mark first (worked out once per set of rules: read it, never
    change it)."""
    return _threshold_table(rules)


@lru_cache(maxsize=256)
def _threshold_table(rules: GradingRules) -> list[tuple[int, Fraction]]:
    return sorted(((int(k), exact(v)) for k, v in rules.thresholds.items()), reverse=True)


def threshold_of(mark: int, rules: GradingRules) -> Fraction:
    """The lowest average proposing at least `mark` (mark_min: mark_min itself, every average does)."""
    if mark == rules.mark_min:
        return Fraction(mark)
    for m, t in threshold_table(rules):
        if m == mark:
            return t
    raise ValueError(f"no threshold for mark {mark}")


def _check_value(value, rules: GradingRules | None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"a mark is an integer, got {value!r}")
    if rules is not None and value not in rules.scale:
        raise ValueError(f"mark {value} is outside the scale {rules.mark_min}..{rules.mark_max}")


class Counted(list):
    """What counted_marks returned, with the rules it checked the values against: handed to the
    arithmetic again (a statistics row asks for the average, the trend, the forecast and the
    distribution of one list), it is not checked again."""

    def __init__(self, marks, rules: GradingRules | None):
        super().__init__(marks)
        self.rules = rules


def counted_marks(marks: Iterable[MarkEntry], rules: GradingRules | None = None) -> list[MarkEntry]:
    """The marks that count (no debts, no empty values), after checking every weight (integer > 0)
    and every counted value (an integer, on the scale when rules are given). Raises ValueError."""
    if isinstance(marks, Counted) and (rules is None or marks.rules == rules):
        return marks
    out = []
    for m in marks:
        if not _weight_ok(m.weight):
            raise ValueError(f"a weight is an integer > 0, got {m.weight!r}")
        if m.counted:
            _check_value(m.value, rules)
            out.append(m)
    return Counted(out, rules)


# ---------------------------------------------------------------- averages and proposals


def totals(marks: Iterable[MarkEntry], rules: GradingRules | None = None) -> tuple[int, int]:
    """(sum of value*weight, sum of weights) over the counted marks."""
    counted = counted_marks(marks, rules)
    return sum(m.value * m.weight for m in counted), sum(m.weight for m in counted)


def average_fraction(marks: Iterable[MarkEntry], rules: GradingRules | None = None) -> Fraction | None:
    return average_of_totals(*totals(marks, rules))


def weighted_average(marks: Iterable[MarkEntry]) -> float | None:
    """sum(value*weight) / sum(weight) over the counted marks; None when none count.
    Raises ValueError for a weight that is not an integer > 0 (debts included)."""
    avg = average_fraction(marks)
    return None if avg is None else float(avg)


def propose_mark(average, rules: GradingRules) -> int | None:
    """The highest mark whose threshold <= average; below every threshold, mark_min; None -> None.
    Exact: 4.6 (or 23/5, or a float computed as 4.6) meets a 4.6 threshold; 4.59 does not."""
    if average is None:
        return None
    avg = exact(average)
    for mark, t in threshold_table(rules):
        if avg >= t:
            return mark
    return rules.mark_min


def year_mark(period_marks: Iterable[int | None], rules: GradingRules, rule: str = "thresholds") -> int | None:
    """The year mark proposed from the confirmed period marks (None = not confirmed yet, skipped).

    rule "thresholds" (default): the exact mean of the period marks, then the period thresholds:
      (5, 4, 4, 4) -> 4.25 -> 4;  (5, 5, 4, 4) -> 4.5 -> 4 with a 4.6 threshold;  (5, 5, 5, 4) -> 4.75 -> 5.
    rule "round": the mean rounded half up: (5, 5, 4, 4) -> 4.5 -> 5;  (5, 4, 4, 4) -> 4.
    None when no period mark is confirmed.
    """
    if rule not in YEAR_RULES:
        raise ValueError(f"unknown year-mark rule {rule!r}")
    values = [v for v in period_marks if v is not None]
    for v in values:
        _check_value(v, rules)
    if not values:
        return None
    mean_value = mean(values)
    if rule == "round":
        return min(max(math.floor(mean_value + Fraction(1, 2)), rules.mark_min), rules.mark_max)
    return propose_mark(mean_value, rules)


def explain_average(marks: Iterable[MarkEntry], rules: GradingRules) -> dict:
    """What parents see, JSON-serialisable:

    rows: every mark in the given order ({date, kind, value, weight, product, counted, debt}; debts are
    listed but not counted); sum_products, sum_weights, count, debts; average (rounded to 2 decimals,
    None without marks); formula ("(5×3 + 3×1 + 4×1) / (3 + 1 + 1) = 22 / 5 = 4.40"); thresholds
    ([{mark, from}], highest mark first, mark_min with from None); proposed (from the exact average);
    rounding_caveat: True when the rounded average shows a threshold the exact one misses
    (4.596 shows 4.60 yet proposes 4 with a 4.60 threshold), so the UI can say so.
    """
    marks = marks if isinstance(marks, list) else list(marks)  # a Counted list stays one (checked once)
    counted = counted_marks(marks, rules)
    rows = []
    for m in marks:
        rows.append({
            "date": m.date.isoformat(),
            "kind": m.kind_code,
            "value": m.value,
            "weight": m.weight,
            "product": m.value * m.weight if m.counted else None,
            "counted": m.counted,
            "debt": m.is_debt,
        })
    products, weights = totals(counted)
    avg = average_of_totals(products, weights)
    shown = display_average(avg)
    proposed = propose_mark(avg, rules)
    table = threshold_table(rules)
    caveat = avg is not None and any(avg < t <= exact(shown) for m, t in table if m > proposed)
    formula = ""
    if counted:
        formula = "({}) / ({}) = {} / {} = {:.2f}".format(
            " + ".join(f"{m.value}×{m.weight}" for m in counted),
            " + ".join(str(m.weight) for m in counted),
            products,
            weights,
            shown,
        )
    return {
        "rows": rows,
        "count": len(counted),
        "debts": sum(1 for m in marks if m.is_debt),
        "sum_products": products,
        "sum_weights": weights,
        "average": shown,
        "formula": formula,
        "thresholds": [{"mark": m, "from": float(t)} for m, t in table] + [{"mark": rules.mark_min, "from": None}],
        "proposed": proposed,
        "rounding_caveat": caveat,
    }


def distribution(marks: Iterable[MarkEntry], rules: GradingRules) -> dict[int, int]:
    """How many of each mark, for every mark on the scale (lowest first, zeros included); debts excluded."""
    counts = {m: 0 for m in rules.scale}
    for m in counted_marks(marks, rules):
        counts[m.value] += 1
    return counts


# ---------------------------------------------------------------- running totals, means, the SQL form


@dataclass
class Totals:
    """sum(value*weight) and sum(weight) over counted marks, kept mark by mark: the running averages of
    the week-by-week history, an alert's average before and after a save."""

    products: int = 0
    weights: int = 0

    def add(self, entry: MarkEntry, sign: int = 1) -> None:
        if not _weight_ok(entry.weight):
            raise ValueError(f"a weight is an integer > 0, got {entry.weight!r}")
        if entry.counted:
            _check_value(entry.value, None)
            self.products += sign * entry.value * entry.weight
            self.weights += sign * entry.weight

    def remove(self, entry: MarkEntry) -> None:
        self.add(entry, -1)

    @property
    def average(self) -> Fraction | None:
        return average_of_totals(self.products, self.weights)


def average_of_totals(products, weights) -> Fraction | None:
    """The weighted average from its two sums (as `totals` or `sql_totals` give them); None without weight."""
    if not weights or weights <= 0:
        return None
    return Fraction(int(products), int(weights))


def mean(values) -> Fraction | None:
    """The plain mean of the values that exist (None skipped), exactly: the GPA over the subjects'
    averages, the class average over the students' averages, the year's mean of the period marks."""
    present = [exact(v) for v in values if v is not None]
    return Fraction(sum(present), len(present)) if present else None


def float_or_none(x) -> float | None:
    return None if x is None else float(x)


def sql_totals(mark=Mark):
    """The SQL form of `totals`: ((sum(value*weight), sum(weight)) columns, [the WHERE conditions of a
    counted mark]) for a query grouping marks in the database."""
    columns = (func.sum(mark.value * mark.weight), func.sum(mark.weight))
    counted = [col(mark.deleted).is_(False), col(mark.is_debt).is_(False), col(mark.value).is_not(None),
               mark.weight > 0]
    return columns, counted
