"""Surveys as pages show them: cards, the questions of the page being answered, result charts.

Figures are lean (no template: rx.plotly's compiled theme gives the look), sized for a phone: bars for
choices, a distribution for scales and numbers, a heat map for matrices, a histogram of a test's scores."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from mrko_app.i18n import DEFAULT_LANGUAGE, formats, tr
from mrko_app.services import clock
from mrko_app.services.surveys import QuestionResult, Results, SurveyCard
from mrko_app.services.surveys.answers import visible
from mrko_app.services.surveys.records import Question

HEIGHT = 240


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


def _layout(**extra) -> dict:
    return {"template": "none", "autosize": True, "height": HEIGHT, "margin": {"l": 40, "r": 8, "t": 8, "b": 40},
            "font": {"size": 11}, "showlegend": False, **extra}


def figure(r: QuestionResult, lang: str) -> go.Figure:
    if r.kind in ("single", "multiple"):
        labels = [tr("surveys.other", lang) if i == len(r.counts) - 1 and label == "other" else label
                  for i, label in enumerate(r.labels)]
        return go.Figure(go.Bar(x=r.counts, y=labels, orientation="h", hovertemplate="%{y}: %{x}<extra></extra>"),
                         _layout(yaxis={"autorange": "reversed", "fixedrange": True},
                                 xaxis={"fixedrange": True, "dtick": 1 if max(r.counts or [0]) < 10 else None}))
    if r.kind == "scale":
        return go.Figure(go.Bar(x=r.labels, y=r.counts, hovertemplate="%{x}: %{y}<extra></extra>"),
                         _layout(xaxis={"type": "category", "fixedrange": True}, yaxis={"fixedrange": True}))
    if r.kind == "matrix":
        return go.Figure(go.Heatmap(z=r.matrix, x=[str(v) for v in r.scale], y=r.labels, colorscale="Blues",
                                    showscale=False, texttemplate="%{z}", hovertemplate="%{y} %{x}: %{z}<extra></extra>"),
                         _layout(xaxis={"type": "category", "fixedrange": True},
                                 yaxis={"autorange": "reversed", "fixedrange": True}))
    if r.kind == "number":
        return go.Figure(go.Histogram(x=r.values, nbinsx=min(20, max(len(set(r.values)), 1))),
                         _layout(xaxis={"fixedrange": True}, yaxis={"fixedrange": True}))
    return go.Figure(layout=_layout(height=10))


def scores_figure(results: Results) -> go.Figure:
    return go.Figure(go.Histogram(x=results.scores, xbins={"start": 0, "end": (results.max_score or 0) + 1, "size": 1}),
                     _layout(xaxis={"fixedrange": True, "range": [0, (results.max_score or 0) + 1]},
                             yaxis={"fixedrange": True}))


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
