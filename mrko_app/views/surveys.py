"""Surveys as pages show them: cards, the questions of the page being answered, result charts.

Charts are SVG drawn on the server (views/svg_charts.py), sized for a phone: bars for choices, columns
for a scale's values, a stacked bar per statement of a matrix, histograms of numbers and of a test's
scores."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygal

from mrko_app.i18n import DEFAULT_LANGUAGE, formats, tr
from mrko_app.services import clock
from mrko_app.services.surveys import QuestionResult, Results, SurveyCard
from mrko_app.services.surveys.answers import visible
from mrko_app.services.surveys.records import Question
from mrko_app.views.svg_charts import OPTIONS, finish

HEIGHT, WIDTH = 240, 640


@dataclass
class CardView:
    id: str
    title: str
    kind: str
    status: str
    closes: str
    anonymous: bool
    answered: bool
    has_draft: bool
    child: str
    href: str
    responses: int


def when(moment, lang: str = DEFAULT_LANGUAGE, zone: str = "") -> str:
    """A moment on the reader's school's clock (`zone`)."""
    return formats.datetime(clock.to_local(moment, zone), lang)


def card(c: SurveyCard, href: str, zone: str = "", lang: str = DEFAULT_LANGUAGE) -> CardView:
    return CardView(str(c.id), c.title, c.kind, c.status, when(c.closes_at, lang, zone), c.anonymous, c.answered, c.has_draft,
                    c.student_name, href, c.responses)


@dataclass
class OptionView:
    key: str
    text: str
    checked: bool = False


@dataclass
class RowView:
    key: str
    text: str
    cells: list[OptionView] = field(default_factory=list)


@dataclass
class QuestionView:
    key: str
    kind: str
    text: str
    required: bool
    options: list[OptionView] = field(default_factory=list)
    other_allowed: bool = False
    other: str = ""
    rows: list[RowView] = field(default_factory=list)
    min_label: str = ""
    max_label: str = ""
    value: str = ""
    error: str = ""


def pages(questions: list[Question], sections: list[dict], answers: dict) -> list[int]:
    """The sections shown, given the answers so far (a section with no visible question is skipped)."""
    shown = []
    for index in range(max(len(sections), 1)):
        if any(q.section == index and visible(q, sections, answers) for q in questions):
            shown.append(index)
    return shown


def question_views(questions: list[Question], sections: list[dict], answers: dict, section: int,
                   errors: dict[str, str]) -> list[QuestionView]:
    views = []
    for q in questions:
        if q.section != section or not visible(q, sections, answers):
            continue
        c, value = q.config, answers.get(q.key)
        view = QuestionView(q.key, q.kind, q.text, q.required, error=errors.get(q.key, ""),
                            min_label=c.get("min_label", ""), max_label=c.get("max_label", ""))
        if q.kind in ("single", "multiple"):
            picks = value.get("picks", []) if isinstance(value, dict) else []
            view.options = [OptionView(o["key"], o["text"], o["key"] in picks) for o in c["options"]]
            view.other_allowed = bool(c.get("other"))
            view.other = value.get("other", "") if isinstance(value, dict) else ""
        elif q.kind == "scale":
            view.options = [OptionView(str(v), str(v), str(value) == str(v)) for v in range(c["min"], c["max"] + 1)]
        elif q.kind == "matrix":
            cells = value if isinstance(value, dict) else {}
            view.rows = [RowView(s["key"], s["text"], [OptionView(str(v), str(v), str(cells.get(s["key"])) == str(v))
                                                       for v in range(c["min"], c["max"] + 1)])
                         for s in c["statements"]]
        else:
            view.value = "" if value is None else str(value)
        views.append(view)
    return views


def _counts(top: int) -> list[int]:
    """The count axis: whole numbers only (people, not fractions of them), five or so marks."""
    step = max(1, -(-top // 5))
    return list(range(0, max(top, 1) + step, step))


def _bars(labels: list[str], counts: list[int], chart_id: str, *, horizontal: bool) -> str:
    chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(
        **OPTIONS, width=WIDTH, height=max(HEIGHT, 44 * len(labels) + 40) if horizontal else HEIGHT,
        show_legend=False, margin=6, spacing=8, print_values=True, truncate_label=-1, y_labels=_counts(max(counts or [0])))
    # a horizontal bar chart lists its labels bottom up: the first choice goes on top
    chart.x_labels = list(reversed(labels)) if horizontal else labels
    chart.add("", list(reversed(counts)) if horizontal else counts)
    return finish(chart, chart_id)


def _histogram(values: list[float], chart_id: str, bins: list[tuple[float, float, str]]) -> str:
    """Counts per bin (start inclusive, the last bin's end too) as columns labelled by their bins."""
    last = bins[-1][1]
    heights = [sum(1 for v in values if start <= v < end or (end == last and v == end)) for start, end, _ in bins]
    return _bars([label for _s, _e, label in bins], heights, chart_id, horizontal=False)


def _even_bins(values: list[float], count: int) -> list[tuple[float, float, str]]:
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high == low:
        return [(low - 0.5, low + 0.5, f"{low:g}")]
    step = (high - low) / count
    edges = [low + i * step for i in range(count)] + [high]  # the top exactly: the largest value counts
    return [(a, b, f"{a:.4g}–{b:.4g}") for a, b in zip(edges, edges[1:], strict=False)]


def chart(r: QuestionResult, lang: str) -> str:
    """A question's chart, drawn as SVG (views/svg_charts.py): choices as bars, a scale's values as
    columns, a matrix as one stacked bar per statement (a part per scale value), numbers as a histogram."""
    chart_id = f"chart-{r.key}-svg"
    if r.kind in ("single", "multiple"):
        labels = [tr("surveys.other", lang) if i == len(r.counts) - 1 and label == "other" else label
                  for i, label in enumerate(r.labels)]
        return _bars(labels, r.counts, chart_id, horizontal=True)
    if r.kind == "scale":
        return _bars(r.labels, r.counts, chart_id, horizontal=False)
    if r.kind == "matrix":
        stacked = pygal.HorizontalStackedBar(
            **OPTIONS, width=WIDTH, height=max(HEIGHT, 44 * len(r.labels) + 80), margin=6, spacing=8,
            legend_at_bottom=True, legend_at_bottom_columns=min(len(r.scale), 10) or 1, truncate_label=-1,
            y_labels=_counts(max((sum(row) for row in r.matrix), default=0)))
        stacked.x_labels = list(reversed(r.labels))
        for column, value in enumerate(r.scale):
            stacked.add(str(value), [row[column] for row in reversed(r.matrix)])
        return finish(stacked, chart_id)
    if r.kind == "number":
        return _histogram(r.values, chart_id, _even_bins(r.values, min(20, max(len(set(r.values)), 1))))
    return ""


def scores_chart(results: Results) -> str:
    top = int(results.max_score or 0) + 1  # a bin per whole point, from 0 to the maximum
    return _histogram(results.scores, "chart-scores-svg", [(float(n), float(n + 1), str(n)) for n in range(top)])


@dataclass
class ResultView:
    key: str
    kind: str
    text: str
    answers: int
    charted: bool
    mean: str
    texts: list[str] = field(default_factory=list)


def result_views(results: Results) -> list[ResultView]:
    return [ResultView(q.key, q.kind, q.text, q.answers, q.kind in ("single", "multiple", "scale", "matrix", "number"),
                       "" if q.mean is None else f"{q.mean:g}", q.texts) for q in results.questions]
