"""Charts drawn on the server as SVG by pygal, for the pages that show them (statistics, survey results):
the browser loads no chart library (Plotly's bundles were 345–436 KiB of a page's first visit).

pygal escapes every text it writes. `finish` makes its output fit a page: the same drawing gives the
same text (pygal names each render anew, so a chart would be resent on every visit), no script (its
config script comes even with `js=[]`), no comments, no "Pygal" title, and each value's `<desc>` a
`<title>`: the browser's own tooltip, without a script.
"""

from __future__ import annotations

import re

from pygal.style import Style

STYLE = Style(
    background="transparent", plot_background="transparent", font_family="inherit",
    foreground="#374151", foreground_strong="#111827", foreground_subtle="#d1d5db", guide_stroke_color="#e5e7eb",
    major_guide_stroke_color="#d1d5db", label_font_size=14, major_label_font_size=14, legend_font_size=16,
    value_font_size=14, colors=("#4f46e5", "#059669", "#d97706", "#dc2626", "#0891b2", "#7c3aed", "#db2777",
                                "#65a30d", "#475569"),
)
# what every chart of the app passes to pygal
OPTIONS = {"js": [], "disable_xml_declaration": True, "explicit_size": False, "style": STYLE}

_RANDOM_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_VALUE = re.compile(r'<desc class="value">(.*?)</desc>')


def finish(chart, chart_id: str) -> str:
    """The chart's SVG text, as the page shows it (its style kept to `chart_id`)."""
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _COMMENT.sub("", _RANDOM_ID.sub(chart_id, svg))).replace("<title>Pygal</title>", "", 1)
    return _VALUE.sub(r"<title>\1</title>", svg)
