"""The survey handlers take their arguments through the gate (state/forms.py `accepts`, the specs in
state/schemas_surveys.py): typed values reach them, anything else gets "could not read the form" and
changes nothing. No database: these handlers only edit what the state holds until it is saved."""

import datetime as dt

import pytest
import reflex as rx
from pydantic import TypeAdapter, ValidationError

import mrko_app.mrko_app  # noqa: F401  (every state class exists)
from mrko_app.i18n import tr
from mrko_app.services.surveys import SurveyForm
from mrko_app.services.surveys.records import Question
from mrko_app.state.forms import Index
from mrko_app.state.survey_builder import QEdit, SurveyEditState
from mrko_app.state.surveys import SurveyAnswerState
from tests.async_run import run_async

UNREADABLE = tr("form.unreadable", "ru")


def _state(cls):
    async def get():
        return await rx.State(_reflex_internal_init=True).get_state(cls)

    return run_async(get())


def _call(state, name: str, *args):
    type(state).event_handlers[name].fn(state, *args)


@pytest.mark.parametrize("value, expected", [(0, 0), ("0", 0), (3, 3), (" 12 ", 12), (9_999, 9_999)])
def test_an_index_is_a_position_from_zero(value, expected):
    assert TypeAdapter(Index).validate_python(value) == expected


@pytest.mark.parametrize("bad", [True, False, -1, "-1", 10_000, 2**63, 1.0, "1.5", "", None, [0], {"i": 0},
                                 "x" * 10**6])
def test_anything_else_is_not_an_index(bad):
    with pytest.raises(ValidationError):
        TypeAdapter(Index).validate_python(bad)


def test_the_editor_sets_only_its_fields_with_values_of_their_type():
    state = _state(SurveyEditState)
    state.questions = [QEdit("q1", "multiple")]
    state.class_options = [{"id": "7", "name": "5А", "checked": ""}]
    _call(state, "set_meta", "title", "Опрос")
    _call(state, "set_meta_flag", "anonymous", True)
    _call(state, "set_q", 0, "options_text", "Да\nНет")
    _call(state, "set_q_flag", "0", "required", True)
    _call(state, "set_section", 0, "title", "Первая")
    _call(state, "toggle_class", "7")
    _call(state, "add_question", "scale")
    assert state.message == ""
    assert (state.title, state.anonymous, state.sections[0].title) == ("Опрос", True, "Первая")
    assert (state.questions[0].options_text, state.questions[0].option_keys) == ("Да\nНет", ["o1", "o2"])
    assert state.questions[0].required and state.class_options[0]["checked"] == "1"
    assert [q.kind for q in state.questions] == ["multiple", "scale"]
    _call(state, "set_q", 5, "text", "нет такого")  # past the end: nothing to set
    _call(state, "remove_question", "1")
    assert state.message == "" and [q.key for q in state.questions] == ["q1"]

    before = (state.title, state.anonymous, list(state.questions), list(state.sections))
    for name, args in [("set_meta", ("error", "x")), ("set_meta", ("title", True)), ("set_meta", ("title", "x" * 4001)),
                       ("set_meta_flag", ("title", True)), ("set_q", (True, "text", "x")), ("set_q", (0, "key", "q9")),
                       ("set_q", (0, "required", True)), ("set_q_flag", (0, "text", True)),
                       ("set_section", (-1, "title", "x")), ("set_section", (0, "condition", {"a": 1})),
                       ("toggle_class", (2**63,)), ("add_question", ("table",)), ("remove_question", ([0],))]:
        state.message = ""
        _call(state, name, *args)
        assert state.message == UNREADABLE, (name, args)
    assert (state.title, state.anonymous, list(state.questions), list(state.sections)) == before


def _form() -> SurveyForm:
    choice = {"options": [{"key": "o1", "text": "Да"}, {"key": "o2", "text": "Нет"}], "other": True}
    questions = [Question("a", "multiple", "A?", False, 0, choice, None),
                 Question("m", "matrix", "M?", False, 0, {"statements": [{"key": "s1", "text": "S"}], "min": 1,
                                                          "max": 5}, None),
                 Question("t", "long", "T?", False, 0, {}, None)]
    return SurveyForm(1, "Опрос", "", "survey", False, dt.datetime(2030, 1, 1), [{"title": ""}], questions, {},
                      None, None)


def test_answers_arrive_as_text_and_bad_ones_are_refused():
    state = _state(SurveyAnswerState)
    state._form, state._answers = _form(), {}
    _call(state, "pick", "a", "o2")
    _call(state, "pick", "a", ["o1"])  # a one-item list, as a segmented control sends
    _call(state, "set_other", "a", "своё")
    _call(state, "set_cell", "m", "s1", 4)
    _call(state, "set_value", "t", "x" * 2001)  # one past the service's limit: it says "too long" on saving
    assert state.message == ""
    assert state._answers == {"a": {"picks": ["o2", "o1"], "other": "своё"}, "m": {"s1": "4"}, "t": "x" * 2001}
    before = dict(state._answers)
    for name, args in [("pick", ("a", {"picks": ["o1"]})), ("set_other", ("a", "x" * 202)),
                       ("set_value", ("t", ["x"])), ("set_value", ("t", "x" * 2002)), ("set_cell", ("m", "s1", [1, 2])),
                       ("set_cell", ({"k": 1}, "s1", "1"))]:
        state.message = ""
        _call(state, name, *args)
        assert state.message == UNREADABLE, (name, args)
    assert state._answers == before
