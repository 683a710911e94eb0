"""The survey editor keeps option keys through edits; the views show the right page and chart kinds."""

from xml.etree import ElementTree

from mrko_app.services.surveys import QuestionResult, Results
from mrko_app.services.surveys.records import Question
from mrko_app.state.survey_builder import QEdit, _condition, _keys
from mrko_app.views import surveys as view


def test_option_keys_survive_edits():
    assert _keys([], [], ["Да", "Нет"], "o") == ["o1", "o2"]
    assert _keys(["o1", "o2"], ["Да", "Нет"], ["Да!", "Нет"], "o") == ["o1", "o2"]  # a text edited
    assert _keys(["o1", "o2"], ["Да", "Нет"], ["Нет"], "o") == ["o2"]  # "Да" removed: "Нет" keeps o2
    assert _keys(["o1", "o2"], ["Да", "Нет"], ["Да", "Может быть", "Нет"], "o") == ["o1", "o3", "o2"]


def test_a_condition_names_the_option_by_its_text():
    q = QEdit("q1", "single", options_text="Да\nНет", option_keys=["o1", "o2"])
    assert _condition({"q1": q}, "q1", " нет ") == {"question": "q1", "value": "o2"}
    assert _condition({"q1": q}, "", "x") is None
    assert _condition({}, "q9", "5") == {"question": "q9", "value": "5"}  # the service refuses it


def test_pages_skip_a_hidden_section_and_views_follow_the_answers():
    questions = [Question("a", "single", "A?", True, 0, {"options": [{"key": "y", "text": "Да"},
                                                                    {"key": "n", "text": "Нет"}]}, None),
                 Question("b", "short", "B?", False, 1, {}, None),
                 Question("c", "scale", "C?", False, 2, {"min": 1, "max": 3}, None)]
    sections = [{"title": ""}, {"title": "", "condition": {"question": "a", "value": "n"}}, {"title": ""}]
    assert view.pages(questions, sections, {}) == [0, 2]
    assert view.pages(questions, sections, {"a": {"picks": ["n"]}}) == [0, 1, 2]
    [a] = view.question_views(questions, sections, {"a": {"picks": ["n"]}}, 0, {"a": "oops"})
    assert [(o.key, o.checked) for o in a.options] == [("y", False), ("n", True)] and a.error == "oops"
    [c] = view.question_views(questions, sections, {"c": "2"}, 2, {})
    assert [o.checked for o in c.options] == [False, True, False]


SVG = "{http://www.w3.org/2000/svg}"


def _values(svg: str) -> list[list[str]]:
    """Per series, the counts pygal gave its bars (each bar's tooltip title), in the series' order."""
    root = ElementTree.fromstring(svg)
    plot = next(g for g in root.iter(SVG + "g") if g.get("class") == "plot")
    return [[t.text for bar in serie.iter(SVG + "g") if bar.get("class") == "bar" for t in bar.iter(SVG + "title")]
            for serie in plot if "serie-" in (serie.get("class") or "")]


def test_each_kind_gets_its_chart_drawn_as_svg():
    results = [QuestionResult("a", "single", "A", 2, labels=["Да", "other"], counts=[1, 3]),
               QuestionResult("b", "scale", "B", 2, labels=["1", "2"], counts=[0, 2], scale=[1, 2]),
               QuestionResult("c", "matrix", "C", 1, labels=["x", "y"], matrix=[[0, 1], [2, 0]], scale=[1, 2]),
               QuestionResult("d", "number", "D", 2, values=[1.0, 3.0, 3.0])]
    single, scale, matrix, number = (view.chart(r, "ru") for r in results)
    assert _values(single) == [["3", "1"]] and ">Другое</text>" in single  # bottom up: the first choice on top
    assert _values(scale) == [["0", "2"]]
    assert _values(matrix) == [["2", "0"], ["0", "1"]]  # per scale value, the statements bottom up
    assert _values(number) == [["1", "2"]] and ">1–2</text>" in number  # two bins: 1, and 3 twice
    assert all("<script" not in svg and 'id="chart-' in svg for svg in (single, scale, matrix, number))
    scores = view.scores_chart(Results(1, "T", "test", False, "published", 2, 3, [], [1.0, 4.0], 4.0, [], None))
    assert [int(v) for v in _values(scores)[0]] == [0, 1, 0, 0, 1]  # 0..4 points, one bin each


def test_a_histogram_counts_every_number_the_largest_too():
    values = [0.1, 0.2, 0.3, 0.7, 0.7]
    svg = view.chart(QuestionResult("n", "number", "N", 5, values=values), "ru")
    assert sum(int(v) for v in _values(svg)[0]) == len(values)
