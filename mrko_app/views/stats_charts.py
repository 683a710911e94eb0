"""The statistics page's line charts, drawn on the server as SVG by pygal (the view layer: services/stats
gives the points, this draws them).

The page loads no chart library (views/svg_charts.py): what travels is the SVG text (its style inside
it), resent only when it changed. Each point carries its date and value as a `<title>`, the browser's
own tooltip, and the page's table gives the numbers. The study periods are the x axis's labels, at each
period's first day, with a guide line; a phone gets the same drawing scaled to its width.
"""

from __future__ import annotations

import datetime as dt

import pygal

from mrko_app.services import school_calendar
from mrko_app.views.svg_charts import OPTIONS, finish

HEIGHT, WIDTH = 240, 640
LEGEND_COLUMNS, LEGEND_LINE = 2, 30


def _chart(points_by_name: list[tuple[str, list[tuple[dt.date, float]]]], rules, periods, period_label,
           chart_id: str, legend: bool, x_range=None) -> str:
    low, high = rules.mark_min - 0.1, rules.mark_max + 0.1
    rows = -(-len(points_by_name) // LEGEND_COLUMNS) if legend else 0  # the legend's lines, below the plot
    chart = pygal.DateLine(
        **OPTIONS, width=WIDTH, height=HEIGHT + LEGEND_LINE * rows, show_legend=legend, legend_at_bottom=True,
        legend_at_bottom_columns=LEGEND_COLUMNS, truncate_legend=-1, range=(low, high),
        y_labels=[v / 2 for v in range(int(rules.mark_min * 2), int(rules.mark_max * 2) + 1)],
        show_minor_y_labels=True, show_x_guides=True, show_y_guides=True, dots_size=3, stroke_style={"width": 2},
        # pygal keeps the legend a line short of its rows at the bottom: one more line of margin
        margin=6, spacing=8, margin_bottom=6 + (LEGEND_LINE if legend else 0),
        x_value_formatter=lambda d: d.strftime("%d.%m"),
        xrange=(_x(x_range[0]), _x(x_range[1])) if x_range else None,
    )
    # a label widens the axis to its date: only the periods that begin within the stretch shown
    chart.x_labels = [{"label": period_label(p.number), "value": p.start} for p in periods
                      if x_range is None or x_range[0] <= p.start <= x_range[1]]
    for name, points in points_by_name:
        chart.add(name, [(d, round(v, 2)) for d, v in points])
    return finish(chart, chart_id)


def _x(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time()).replace(tzinfo=dt.timezone.utc).timestamp()


def shown_dates(periods, today: dt.date, points=()) -> tuple[dt.date, dt.date] | None:
    """The stretch of the year the charts show: from the first period's start to the end of the current
    period (or the last point, if later), so a phone is not spent on the empty months ahead."""
    if not periods:
        return None
    shown = school_calendar.current_period(periods, today)
    end = max([shown.end_date] + [d for d, _ in points])
    return periods[0].start - dt.timedelta(days=3), end + dt.timedelta(days=3)


def gpa_chart(points: list[tuple[dt.date, float]], periods, rules, period_label, name: str = "",
              x_range=None) -> str:
    """The overall average week by week: one line, one point per week with marks."""
    return _chart([(name, points)], rules, periods, period_label, "chart-gpa-svg", legend=False, x_range=x_range)


def subjects_chart(series: list[tuple[str, list[tuple[dt.date, float]]]], periods, rules, period_label,
                   x_range=None) -> str:
    """Each subject's running average over time: one line per subject that has marks."""
    return _chart([(name, points) for name, points in series if points], rules, periods, period_label,
                  "chart-subjects-svg", legend=True, x_range=x_range)
