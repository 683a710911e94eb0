"""The statistics charts, drawn on the server as SVG: one dot per given week, the periods on the time
axis, names escaped, no script, the same drawing for the same points (a chart is resent only when it
changed)."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

from mrko_app.services.gradebook.rules import GradingRules
from mrko_app.services.stats.child import Period
from mrko_app.views import stats_charts

PERIODS = [Period(1, 1, date(2026, 9, 1), date(2026, 10, 31)), Period(2, 2, date(2026, 11, 9), date(2026, 12, 27)),
           Period(3, 3, date(2027, 1, 11), date(2027, 3, 20))]
POINTS = [(date(2026, 9, 4) + timedelta(days=7 * i), 4 + i / 100) for i in range(10)]


SVG = "{http://www.w3.org/2000/svg}"


def _dots(svg: str, serie: int | None = None) -> int:
    """The dots pygal drew (in its plot's overlay), of one line or of all."""
    root = ElementTree.fromstring(svg)
    overlay = next(g for g in root.iter(SVG + "g") if g.get("class") == "plot overlay")
    lines = [g for g in overlay if "serie-" in (g.get("class") or "")]
    if serie is not None:
        lines = [g for g in lines if f"serie-{serie} " in g.get("class") + " "]
    return sum(1 for g in lines for c in g.iter(SVG + "circle") if "dot" in c.get("class", ""))


def test_the_gpa_chart_has_a_dot_per_week_and_the_periods_on_its_axis():
    svg = stats_charts.gpa_chart(POINTS, PERIODS, GradingRules.default(), lambda n: f"Q{n}", "GPA",
                                 stats_charts.shown_dates(PERIODS, date(2026, 11, 20)))
    assert svg.startswith("<svg") and _dots(svg) == 10
    assert re.findall(r">(Q\d)</text>", svg) == ["Q1", "Q2"]  # Q3 begins after the stretch shown
    whole = stats_charts.gpa_chart(POINTS, PERIODS, GradingRules.default(), lambda n: f"Q{n}", "GPA")
    assert re.findall(r">(Q\d)</text>", whole) == ["Q1", "Q2", "Q3"]
    assert "<script" not in svg and "<!--" not in svg and "Pygal" not in svg
    assert "<title>04.09: 4</title>" in svg  # each point's date and value, as the browser's tooltip
    assert 'id="chart-gpa-svg"' in svg and "#chart-gpa-svg " in svg  # its style keeps to it
    again = stats_charts.gpa_chart(POINTS, PERIODS, GradingRules.default(), lambda n: f"Q{n}", "GPA",
                                   stats_charts.shown_dates(PERIODS, date(2026, 11, 20)))
    assert again == svg
    assert len(svg) < 16_000


def test_the_subjects_chart_has_a_line_per_subject_with_marks_and_escapes_names():
    svg = stats_charts.subjects_chart([("Maths", POINTS), ("History", []), ("<b>Russian</b> & co", POINTS[:3])],
                                      PERIODS, GradingRules(1, 5, {"5": 4.5, "4": 3.5, "3": 2.5, "2": 1.5}), str)
    assert (_dots(svg, 0), _dots(svg, 1)) == (10, 3) and 'serie-2 ' not in svg
    assert "&lt;b&gt;Russian&lt;/b&gt; &amp; co" in svg and "<b>" not in svg
    assert ">1</text>" in svg and ">5</text>" in svg  # the scale's ends on the value axis


def test_shown_dates_end_with_the_current_period():
    assert stats_charts.shown_dates(PERIODS, date(2026, 11, 20)) == (date(2026, 8, 29), date(2026, 12, 30))
    assert stats_charts.shown_dates(PERIODS, date(2026, 11, 3)) == (date(2026, 8, 29), date(2026, 11, 3))
    assert stats_charts.shown_dates(PERIODS, date(2026, 8, 1)) == (date(2026, 8, 29), date(2026, 11, 3))
    assert stats_charts.shown_dates([], date(2026, 11, 3)) is None
