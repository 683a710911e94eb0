"""Plotly figures for the statistics page (the view layer: services/stats gives the figures, this draws them), kept lean: what travels to the browser is the figure's JSON.

The figures are plain dicts in Plotly's JSON shape (`{"data": [traces], "layout": {...}}`), not
`plotly.graph_objects` (whose validation cost milliseconds per trace on every visit). No template (the
page's own look, PLOT_TEMPLATE in pages/stats.py, is compiled into the page and merged in the browser;
nothing of it travels), only the traces
needed (x as ISO dates, y as 2-decimal averages), the study periods as shaded rectangles with a small
label, and a layout readable on a phone: autosize, small margins, the legend below the plot, axes fixed
(no accidental zoom while scrolling).
"""

from __future__ import annotations

import datetime as dt

from mrko_app.services import school_calendar

PERIOD_FILL = ("rgba(99,102,241,0.07)", "rgba(16,185,129,0.07)")
HEIGHT = 280


def _layout(y_range: tuple[float, float], periods, period_label, legend: bool, x_range=None) -> dict:
    shapes, annotations = [], []
    for i, p in enumerate(periods):
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": p.start.isoformat(),
                       "x1": p.end.isoformat(), "y0": 0, "y1": 1, "fillcolor": PERIOD_FILL[i % 2],
                       "line": {"width": 0}, "layer": "below"})
        annotations.append({"x": p.start.isoformat(), "y": 1, "xref": "x", "yref": "paper", "xanchor": "left",
                            "yanchor": "top", "text": period_label(p.number), "showarrow": False,
                            "font": {"size": 10, "color": "#6b7280"}})
    return {
        "autosize": True,
        "height": HEIGHT,
        "margin": {"l": 32, "r": 8, "t": 8, "b": 24},
        "font": {"size": 11},
        "showlegend": legend,
        "legend": {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        "xaxis": {"type": "date", "fixedrange": True, "tickformat": "%d.%m", "showgrid": False,
                  **({"range": [x_range[0].isoformat(), x_range[1].isoformat()]} if x_range else {})},
        "yaxis": {"range": list(y_range), "fixedrange": True, "dtick": 0.5, "gridcolor": "#e5e7eb"},
        "hovermode": "closest",
        "shapes": shapes,
        "annotations": annotations,
    }


def _trace(points: list[tuple[dt.date, float]], name: str) -> dict:
    return {
        "type": "scatter",
        "x": [d.isoformat() for d, _ in points],
        "y": [v for _, v in points],
        "mode": "lines+markers",
        "line": {"width": 2},
        "marker": {"size": 6},
        "name": name,
        "hovertemplate": "%{x|%d.%m}: %{y:.2f}<extra>" + name + "</extra>",
    }


def _range(rules) -> tuple[float, float]:
    return rules.mark_min - 0.1, rules.mark_max + 0.1


def shown_dates(periods, today: dt.date, points=()) -> tuple[dt.date, dt.date] | None:
    """The stretch of the year the charts show: from the first period's start to the end of the current
    period (or the last point, if later), so a phone is not spent on the empty months ahead."""
    if not periods:
        return None
    shown = school_calendar.current_period(periods, today)
    end = max([shown.end_date] + [d for d, _ in points])
    return periods[0].start - dt.timedelta(days=3), end + dt.timedelta(days=3)


def gpa_figure(points: list[tuple[dt.date, float]], periods, rules, period_label, name: str = "",
               x_range=None) -> dict:
    """The overall average week by week: one trace, one point per week with marks."""
    return {"data": [_trace(points, name)],
            "layout": _layout(_range(rules), periods, period_label, legend=False, x_range=x_range)}


def subjects_figure(series: list[tuple[str, list[tuple[dt.date, float]]]], periods, rules, period_label,
                    x_range=None) -> dict:
    """Each subject's running average over time: one trace per subject that has marks."""
    return {"data": [_trace(points, name) for name, points in series if points],
            "layout": _layout(_range(rules), periods, period_label, legend=True, x_range=x_range)}


def empty_figure() -> dict:
    return {"data": [], "layout": {"autosize": True, "height": 40}}
