"""A child's year week by week (the statistics' charts): the running period averages as they stood at
the end of each week with marks, worked out only when a chart is drawn (`History`)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mrko_app.services import school_calendar
from mrko_app.services.gradebook.rules import MarkEntry, Totals, display_average, mean

if TYPE_CHECKING:
    from mrko_app.services.stats.child import ChildData, Period


def history(data: ChildData, today: dt.date) -> dict:
    """The running period averages as they stood at the end of each week with marks, over the year.

    A point is added for every week (Monday to Sunday) in which the child got at least one counted mark
    (up to today; a week that straddles the start of a period gives one point on each side), at the date of that week's last mark: for the GPA (the mean of the subjects'
    averages in the period so far) and for each subject that got a mark that week. The averages start
    afresh with each study period (the period mark is proposed from the period's marks); a mark dated in
    no period (school_calendar's rule) is in no running average.
    Returns {"gpa": [(date, avg)], "subjects": {subject_id: [(date, avg)]}} with 2-decimal averages.
    """
    sums: dict[int, Totals] = {}  # subject -> its totals in the running period
    current: Period | None = None
    gpa_points: list[tuple[dt.date, float]] = []
    subject_points: dict[int, list[tuple[dt.date, float]]] = {s: [] for s in data.subjects}
    touched: dict[int, dt.date] = {}  # subjects with marks this week -> their last date
    week: dt.date | None = None
    last_day: dt.date | None = None

    def close_week():
        if not touched:
            return
        for s, day in touched.items():
            subject_points.setdefault(s, []).append((day, display_average(sums[s].average)))
        gpa_value = mean([t.average for t in sums.values()])
        gpa_points.append((last_day, display_average(gpa_value)))
        touched.clear()

    for subject_id, day, value, weight, is_debt, _kind in data.marks:
        entry = MarkEntry(value, weight, day, is_debt)
        if not entry.counted or day > today:
            continue
        period = school_calendar.period_of(data.periods, day)
        if period is None:
            continue
        if week is not None and (school_calendar.week_of(day) != week or period is not current):
            close_week()
        if period is not current:
            sums.clear()
            current = period
        week = school_calendar.week_of(day)
        sums.setdefault(subject_id, Totals()).add(entry)
        touched[subject_id] = day
        last_day = day
    close_week()
    return {"gpa": gpa_points, "subjects": subject_points}



class History(Mapping):
    """history(data, today), worked out when first read: the year's history feeds only the charts, which
    a change of period does not redraw (a fifth of a first read). Read-only once worked out, like the
    remembered result that holds it; two threads asking at once work it out once."""

    def __init__(self, data: ChildData, today: dt.date):
        self._args, self._value, self._lock = (data, today), None, threading.Lock()

    def _worked_out(self) -> dict:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = history(*self._args)
        return self._value

    def __getitem__(self, key):
        return self._worked_out()[key]

    def __iter__(self):
        return iter(self._worked_out())

    def __len__(self) -> int:
        return len(self._worked_out())
