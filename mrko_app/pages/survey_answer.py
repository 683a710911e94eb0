"""Answering one survey page by page: a draft can be saved and resumed, the answers are sent once."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.surveys import SurveyAnswerState as S


def _choice(q, o, kind: str) -> rx.Component:
    input_id = "answer-" + q.key + "-" + o.key
    return rx.el.label(
        rx.el.input(type=kind, name=q.key, value=o.key, checked=o.checked, id=input_id,
                    on_change=lambda _v: S.pick(q.key, o.key)),
        " ", o.text,
        html_for=input_id, class_name="survey-choice",
    )


def _other(q) -> rx.Component:
    return rx.cond(q.other_allowed, rx.hstack(
        rx.el.label(T("surveys.other_text"), html_for="answer-" + q.key + "-other", class_name="mrko-label"),
        rx.input(value=q.other, id="answer-" + q.key + "-other", max_length=200,
                 on_change=lambda v: S.set_other(q.key, v)),
        spacing="2", align="center", wrap="wrap",
    ))


def _scale(q) -> rx.Component:
    return rx.hstack(
        rx.text(q.min_label, size="1", color_scheme="gray"),
        rx.foreach(q.options, lambda o: _choice(q, o, "radio")),
        rx.text(q.max_label, size="1", color_scheme="gray"),
        spacing="3", align="center", wrap="wrap",
    )


def _matrix(q) -> rx.Component:
    def row(r) -> rx.Component:
        def cell(o) -> rx.Component:
            cell_id = "answer-" + q.key + "-" + r.key + "-" + o.key
            return rx.el.label(
                rx.el.input(type="radio", name=q.key + "-" + r.key, checked=o.checked, id=cell_id,
                            on_change=lambda _v: S.set_cell(q.key, r.key, o.key)),
                " ", o.text, html_for=cell_id, class_name="survey-choice")

        return rx.el.fieldset(rx.el.legend(r.text), rx.hstack(rx.foreach(r.cells, cell), spacing="3", wrap="wrap"),
                              class_name="survey-row")

    return rx.vstack(rx.hstack(rx.text(q.min_label, size="1"), rx.text("…", size="1"),
                               rx.text(q.max_label, size="1"), spacing="2"),
                     rx.foreach(q.rows, row), spacing="2", width="100%")


def _text_input(q, input_type: str) -> rx.Component:
    return rx.input(type=input_type, value=q.value, id="answer-" + q.key, max_length=200, width="100%",
                    aria_label=q.text, on_change=lambda v: S.set_value(q.key, v))


def _question(q) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(q.text, rx.cond(q.required, rx.text(" * ", T("surveys.required"), as_="span", color_scheme="red",
                                                          size="1"))),
        rx.match(
            q.kind,
            ("single", rx.vstack(rx.foreach(q.options, lambda o: _choice(q, o, "radio")), _other(q), spacing="1")),
            ("multiple", rx.vstack(rx.foreach(q.options, lambda o: _choice(q, o, "checkbox")), _other(q), spacing="1")),
            ("scale", _scale(q)),
            ("matrix", _matrix(q)),
            ("number", _text_input(q, "number")),
            ("date", _text_input(q, "date")),
            ("short", _text_input(q, "text")),
            rx.text_area(value=q.value, id="answer-" + q.key, max_length=2000, rows="4", width="100%",
                         aria_label=q.text, on_change=lambda v: S.set_value(q.key, v)),
        ),
        rx.cond(q.error != "", rx.text(q.error, color_scheme="red", size="2", role="alert",
                                       id="error-" + q.key)),
        class_name="survey-question",
        style={"min_width": "0", "width": "100%"},
        id="question-" + q.key,
    )


def _form() -> rx.Component:
    return rx.vstack(
        rx.heading(S.title, as_="h2", size="5", id="survey-title"),
        rx.cond(S.intro != "", rx.text(S.intro, size="2")),
        rx.cond(S.anonymous, rx.callout(T("surveys.anonymous_note"), color_scheme="gray", icon="eye-off")),
        rx.cond(S.deadline != "", rx.callout.root(rx.callout.text(T("surveys.deadline"), " ", S.deadline),
                                                  color_scheme="amber", id="survey-deadline")),
        rx.hstack(rx.text(T("surveys.page"), " ", S.page_number + 1, " / ", S.page_count, size="2", id="survey-page"),
                  rx.cond(S.section_title != "", rx.heading(S.section_title, as_="h3", size="3")),
                  spacing="3", align="center"),
        rx.foreach(S.questions, _question),
        form_message(S.message),
        rx.cond(S.saved, rx.callout(T("surveys.draft_saved"), color_scheme="green", id="draft-saved")),
        rx.hstack(
            rx.cond(S.page_number > 0, rx.button(T("surveys.previous"), on_click=S.previous_page, variant="soft",
                                                 id="survey-previous")),
            rx.cond(S.page_number + 1 < S.page_count,
                    rx.button(T("surveys.next"), on_click=S.next_page, id="survey-next")),
            rx.button(T("surveys.save_draft"), on_click=S.save, variant="outline", id="survey-save"),
            rx.cond(S.page_number + 1 >= S.page_count,
                    rx.button(T("surveys.submit"), on_click=S.submit, color_scheme="green", id="survey-submit")),
            spacing="3", wrap="wrap", padding_bottom="3rem",
        ),
        spacing="4", width="100%", id="survey-form",
    )


def _done() -> rx.Component:
    return rx.vstack(
        rx.callout(T("surveys.submitted"), color_scheme="green", id="survey-done"),
        rx.cond(S.score != "", rx.text(T("surveys.score"), ": ", rx.text(S.score, as_="span", id="survey-score"),
                                       weight="bold")),
        rx.foreach(S.correct, lambda c: rx.text(c["question"], " — ", T("surveys.correct_answer"), ": ", c["answer"],
                                                size="2", class_name="survey-correct")),
        rx.link(T("nav.surveys"), href=routes.SURVEYS),
        spacing="3", width="100%",
    )


@page(routes.SURVEY_ANSWER, "surveys.answer", roles=("parent", "teacher"), on_load=S.load)
def survey_answer() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.cond(S.done, _done(), rx.cond(S.loaded, _form(), form_message(S.message))),
        spacing="4", width="100%",
    )
