"""The statistics figures: one point per given week, the periods shaded, no template, small JSON."""

import json
from datetime import date, timedelta

from mrko_app.services.gradebook.rules import GradingRules
from mrko_app.services.stats.child import Period
from mrko_app.views import stats_charts

PERIODS = [Period(1, 1, date(2026, 9, 1), date(2026, 10, 31)), Period(2, 2, date(2026, 11, 9), date(2026, 12, 27)),
           Period(3, 3, date(2027, 1, 11), date(2027, 3, 20))]
POINTS = [(date(2026, 9, 4) + timedelta(days=7 * i), 4 + i / 100) for i in range(10)]


def test_gpa_figure_is_lean_and_complete():
    fig = stats_charts.gpa_figure(POINTS, PERIODS, GradingRules.default(), lambda n: f"Q{n}", "GPA")
    data = json.loads(json.dumps(fig))
    [trace] = data["data"]
    assert trace["x"] == [d.isoformat() for d, _ in POINTS] and trace["y"] == [v for _, v in POINTS]
    layout = data["layout"]
    assert len(layout["shapes"]) == 3 and [a["text"] for a in layout["annotations"]] == ["Q1", "Q2", "Q3"]
    assert "template" not in layout  # no theme travels (the page's template is merged in the browser)
    assert layout["autosize"] is True and layout["legend"]["orientation"] == "h"
    assert layout["yaxis"]["range"] == [1.9, 5.1]
    assert len(json.dumps(fig)) < 2500


def test_subjects_figure_has_a_trace_per_subject_with_marks():
    fig = stats_charts.subjects_figure([("Maths", POINTS), ("History", []), ("Russian", POINTS[:3])], PERIODS,
                                       GradingRules(1, 5, {"5": 4.5, "4": 3.5, "3": 2.5, "2": 1.5}), str)
    assert [(t["name"], len(t["x"])) for t in fig["data"]] == [("Maths", 10), ("Russian", 3)]
    assert fig["layout"]["yaxis"]["range"] == [0.9, 5.1] and fig["layout"]["showlegend"]


def test_shown_dates_end_with_the_current_period():
    assert stats_charts.shown_dates(PERIODS, date(2026, 11, 20)) == (date(2026, 8, 29), date(2026, 12, 30))
    assert stats_charts.shown_dates(PERIODS, date(2026, 11, 3)) == (date(2026, 8, 29), date(2026, 11, 3))
    assert stats_charts.shown_dates(PERIODS, date(2026, 8, 1)) == (date(2026, 8, 29), date(2026, 11, 3))
    assert stats_charts.shown_dates([], date(2026, 11, 3)) is None
