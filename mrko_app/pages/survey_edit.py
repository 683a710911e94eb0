"""The survey editor: title, audience, dates, pages and questions of every type, conditions, a test's
correct answers and points. Saving checks everything on the server; errors show beside their field."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.models.surveys import QUESTION_KINDS
from mrko_app.state.survey_builder import SurveyEditState as S


def _labelled(key: str, control: rx.Component, input_id, error: str | None = None) -> rx.Component:
    # flex-basis 10rem: side-by-side fields wrap onto their own lines on a phone instead of overflowing
    return rx.vstack(rx.el.label(T(key), html_for=input_id, class_name="mrko-label"), control,
                     field_error(S.errors, error) if error else rx.fragment(), spacing="1", width="100%",
                     flex="1 1 10rem", min_width="0")


def _meta_input(key: str, name: str, input_type: str = "text") -> rx.Component:
    return _labelled(key, rx.input(type=input_type, value=getattr(S, name), id=f"survey-{name}", width="100%",
                                   on_change=lambda v: S.set_meta(name, v)), f"survey-{name}",
                     {"opens": "opens_at", "closes": "closes_at", "time_limit": "time_limit_minutes"}.get(name, name))


def _check(key: str, checked, on_change, input_id) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", checked=checked, id=input_id, on_change=on_change), " ", T(key),
                       html_for=input_id, class_name="survey-choice")


def _select(key: str, value, options: list[tuple[str, str]], on_change, input_id) -> rx.Component:
    return _labelled(key, rx.el.select(*[rx.el.option(T(label), value=v) for v, label in options], value=value,
                                       id=input_id, on_change=on_change, class_name="mrko-select"), input_id)


def _q_input(q, i, key: str, name: str, **props) -> rx.Component:
    input_id = "q-" + i.to(str) + "-" + name
    return _labelled(key, rx.input(value=getattr(q, name), id=input_id, width="100%",
                                   on_change=lambda v: S.set_q(i, name, v), **props), input_id)


def _question(q, i) -> rx.Component:
    choice = (q.kind == "single") | (q.kind == "multiple")
    ranged = (q.kind == "scale") | (q.kind == "matrix") | (q.kind == "number")
    items_id = "q-" + i.to(str) + "-options_text"
    return rx.el.fieldset(
        rx.el.legend(i + 1, ". ", rx.match(q.kind, *[(k, T(f"surveys.q.{k}")) for k in QUESTION_KINDS], q.kind)),
        _q_input(q, i, "surveys.f.text", "text", max_length=500),
        rx.hstack(
            _check("surveys.f.required", q.required, lambda _v: S.set_q_flag(i, "required", ~q.required),
                   "q-" + i.to(str) + "-required"),
            rx.box(_q_input(q, i, "surveys.f.section", "section", type="number"), width="6rem"),
            spacing="3", align="end", wrap="wrap",
        ),
        rx.cond(choice | (q.kind == "matrix"), _labelled(
            "surveys.f.options", rx.text_area(value=q.options_text, id=items_id, rows="3", width="100%",
                                              on_change=lambda v: S.set_q(i, "options_text", v)), items_id)),
        rx.cond(choice, _check("surveys.f.other", q.other, lambda _v: S.set_q_flag(i, "other", ~q.other),
                               "q-" + i.to(str) + "-other")),
        rx.cond(q.kind == "multiple", rx.hstack(_q_input(q, i, "surveys.f.picks_min", "picks_min", type="number"),
                                                _q_input(q, i, "surveys.f.picks_max", "picks_max", type="number"),
                                                spacing="2", wrap="wrap", width="100%")),
        rx.cond(ranged, rx.hstack(_q_input(q, i, "surveys.f.min", "min", type="number"),
                                  _q_input(q, i, "surveys.f.max", "max", type="number"), spacing="2", wrap="wrap",
                                  width="100%")),
        rx.cond((q.kind == "scale") | (q.kind == "matrix"),
                rx.hstack(_q_input(q, i, "surveys.f.min_label", "min_label"),
                          _q_input(q, i, "surveys.f.max_label", "max_label"), spacing="2", wrap="wrap",
                          width="100%")),
        rx.hstack(_q_input(q, i, "surveys.f.cond_question", "cond_question", max_length=20),
                  _q_input(q, i, "surveys.f.cond_value", "cond_value", max_length=200), spacing="2", wrap="wrap",
                  width="100%"),
        rx.cond(S.kind == "test", rx.hstack(
            _q_input(q, i, "surveys.f.correct", "correct"),
            rx.box(_q_input(q, i, "surveys.f.points", "points", type="number"), width="6rem"),
            rx.cond(q.kind == "multiple", _check("surveys.f.partial", q.partial,
                                                 lambda _v: S.set_q_flag(i, "partial", ~q.partial),
                                                 "q-" + i.to(str) + "-partial")),
            spacing="2", align="end", wrap="wrap", width="100%")),
        rx.cond(q.error != "", rx.text(q.error, color_scheme="red", size="2", role="alert",
                                       id="error-q" + (i + 1).to(str))),
        rx.text(q.key, size="1", color_scheme="gray", class_name="survey-question-key"),
        rx.button(T("surveys.f.remove"), size="1", variant="ghost", color_scheme="red",
                  on_click=S.remove_question(i)),
        class_name="survey-question survey-edit-question",
        style={"min_width": "0", "width": "100%"},
        id="edit-" + q.key,
    )


def _section(x, i) -> rx.Component:
    def box(key: str, name: str) -> rx.Component:
        input_id = "section-" + i.to(str) + "-" + name
        return _labelled(key, rx.input(value=getattr(x, name), id=input_id, width="100%",
                                       on_change=lambda v: S.set_section(i, name, v)), input_id)

    return rx.el.fieldset(
        rx.el.legend(T("surveys.page"), " ", i + 1),
        box("surveys.f.section_title", "title"),
        rx.hstack(box("surveys.f.cond_question", "cond_question"), box("surveys.f.cond_value", "cond_value"),
                  spacing="2", wrap="wrap", width="100%"),
        field_error(S.errors, "section" + (i + 1).to(str) + ".condition"),
        class_name="survey-question", style={"min_width": "0", "width": "100%"},
    )


def _classes() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(T("surveys.f.classes")),
        rx.hstack(rx.foreach(S.class_options, lambda c: rx.el.label(
            rx.el.input(type="checkbox", checked=c["checked"] != "", id="class-" + c["id"],
                        on_change=lambda _v: S.toggle_class(c["id"])), " ", c["name"],
            html_for="class-" + c["id"], class_name="survey-choice")), spacing="3", wrap="wrap"),
        field_error(S.errors, "class_ids"),
    )


@page(routes.SURVEY_EDIT, "surveys.edit", roles=("staff", "teacher"), on_load=S.load)
def survey_edit() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.link(T("nav.survey_builder"), href=routes.SURVEY_BUILDER),
        form_message(S.message),
        rx.cond(S.saved, rx.callout(T("surveys.saved"), color_scheme="green", id="survey-saved")),
        _meta_input("surveys.f.title", "title"),
        _labelled("surveys.f.intro", rx.text_area(value=S.intro, id="survey-intro", rows="3", width="100%",
                                                  on_change=lambda v: S.set_meta("intro", v)), "survey-intro", "intro"),
        rx.hstack(
            _select("surveys.f.kind", S.kind, [("survey", "surveys.kind.survey"), ("test", "surveys.kind.test")],
                    lambda v: S.set_meta("kind", v), "survey-kind"),
            _select("surveys.f.audience", S.audience, [(a, f"surveys.audience.{a}") for a in
                                                       ("parents", "children", "teachers")],
                    lambda v: S.set_meta("audience", v), "survey-audience"),
            spacing="3", width="100%", wrap="wrap",
        ),
        _classes(),
        rx.hstack(_meta_input("surveys.f.opens", "opens", "datetime-local"),
                  _meta_input("surveys.f.closes", "closes", "datetime-local"), spacing="3", width="100%", wrap="wrap"),
        _check("surveys.f.anonymous", S.anonymous, lambda _v: S.set_meta_flag("anonymous", ~S.anonymous),
               "survey-anonymous"),
        rx.cond(S.kind == "test", rx.vstack(
            _meta_input("surveys.f.time_limit", "time_limit", "number"),
            _check("surveys.f.show_answers", S.show_answers,
                   lambda _v: S.set_meta_flag("show_answers", ~S.show_answers), "survey-show-answers"),
            width="100%")),
        rx.heading(T("surveys.f.sections"), as_="h2", size="4"),
        rx.foreach(S.sections, _section),
        rx.button(T("surveys.f.add_section"), variant="soft", on_click=S.add_section, id="add-section"),
        rx.heading(T("surveys.f.questions"), as_="h2", size="4"),
        field_error(S.errors, "questions"),
        rx.foreach(S.questions, _question),
        rx.hstack(rx.text(T("surveys.f.add"), ": ", size="2"),
                  *[rx.button(T(f"surveys.q.{k}"), size="1", variant="outline", id=f"add-{k}",
                              on_click=S.add_question(k)) for k in QUESTION_KINDS],
                  spacing="2", wrap="wrap", align="center"),
        rx.box(rx.button(T("surveys.save"), on_click=S.save, size="3", id="survey-save-edit"), padding_bottom="3rem"),
        spacing="4", width="100%",
    )
