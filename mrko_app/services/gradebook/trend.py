"""A child's trend in a subject: the weighted least-squares line of mark values over time (the
statistics' arrow, the forecast's line). Split from rules.py, whose counted marks it uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from mrko_app.services.gradebook.rules import MarkEntry, counted_marks

TREND_DAYS = 30  # trend() gives mark points per this many days
TREND_TOLERANCE = 0.2  # |slope| at or below this is "steady"


def trend_line(marks: Iterable[MarkEntry], origin: dt.date) -> tuple[Fraction, Fraction] | None:
    """Weighted least squares of mark value over time: (a, b) with value ≈ a + b*x, x = days since
    `origin`, each mark weighted by its weight. b = 0 when every mark has the same date;
    None without counted marks."""
    counted = counted_marks(marks)
    if not counted:
        return None
    # weights, days and values are integers: integer sums, and one exact division at the end (the same
    # line as the textbook's centred sums, which cost three Fractions per mark)
    sw = sx = sv = sxx = sxv = 0
    for m in counted:
        x = (m.date - origin).days
        sw += m.weight
        sx += m.weight * x
        sv += m.weight * m.value
        sxx += m.weight * x * x
        sxv += m.weight * x * m.value
    spread = sw * sxx - sx * sx  # sw² times the weighted variance of x
    b = Fraction(0) if spread == 0 else Fraction(sw * sxv - sx * sv, spread)
    return (sv - b * sx) / sw, b


def trend(marks: Iterable[MarkEntry]) -> float:
    """The slope of the weighted least-squares line of mark values over time (see trend_line), in
    mark points per TREND_DAYS (30) days: 5 on day 0 and 4 on day 30 -> -1.0. 0.0 with fewer than two
    dates (no trend to speak of)."""
    marks = marks if isinstance(marks, list) else list(marks)  # a Counted list stays one (checked once)
    counted = counted_marks(marks)
    if not counted:
        return 0.0
    _, b = trend_line(counted, min(m.date for m in counted))
    return float(b * TREND_DAYS)


def trend_label(slope: float, tolerance: float = TREND_TOLERANCE) -> str:
    """"rising" above +tolerance points per 30 days, "falling" below -tolerance, else "steady"."""
    if slope > tolerance:
        return "rising"
    if slope < -tolerance:
        return "falling"
    return "steady"
