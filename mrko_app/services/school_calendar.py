"""The school calendar: which study period holds a date, which week it is in, whether it is a holiday.

The one rule, used by the journal, the diary, the final marks, the statistics and the alerts alike:

- a date belongs to the study period whose first..last day holds it (both days included);
- a day between two periods (the vacation) or outside the year belongs to no period: a mark dated
  there counts for no period (the journal cannot give one: its lessons must lie in the period);
- a Holiday row (a day off inside a period, e.g. 4 November) does not cut the period: a mark dated on
  it still counts for its period; the holiday only makes the day a non-study day;
- a week runs Monday to Sunday; Sunday is the weekly day off.

"Which period does a page open on" is another question (`current_period`): the one holding today, in a
vacation the one just ended, before the year the first.

A span is anything with `start_date` and `end_date` (StudyPeriod, Holiday, stats.Period).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol, TypeVar


class Span(Protocol):
    start_date: date
    end_date: date


S = TypeVar("S", bound=Span)


def holds(span: Span, day: date) -> bool:
    """The span's first..last day holds `day` (both included)."""
    return span.start_date <= day <= span.end_date


def within(column, span: Span):
    """The same rule as `holds`, as an SQL condition on a date column."""
    return (column >= span.start_date) & (column <= span.end_date)


def period_of(periods: Sequence[S], day: date) -> S | None:
    """The period holding `day`; None in a vacation or outside the year (see the module's rule)."""
    for p in periods:
        if holds(p, day):
            return p
    return None


def current_period(periods: Sequence[S], today: date) -> S | None:
    """The period a page opens on: the one holding today, else the last one begun (a vacation shows the
    period just ended), else the first. `periods` in order; None without periods."""
    if not periods:
        return None
    held = period_of(periods, today)
    if held is not None:
        return held
    begun = [p for p in periods if p.start_date <= today]
    return begun[-1] if begun else periods[0]


def holiday_of(holidays: Sequence[S], day: date) -> S | None:
    """The Holiday row holding `day`, if any."""
    for h in holidays:
        if holds(h, day):
            return h
    return None


def is_holiday(holidays: Sequence[Span], day: date) -> bool:
    return holiday_of(holidays, day) is not None


def day_kind(periods: Sequence[Span], holidays: Sequence[Span], day: date) -> str:
    """study | holiday (a Holiday row) | weekend (Sunday) | vacation (in no period)."""
    if is_holiday(holidays, day):
        return "holiday"
    if day.weekday() == 6:
        return "weekend"
    if period_of(periods, day) is None:
        return "vacation"
    return "study"


def week_of(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())
