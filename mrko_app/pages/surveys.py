"""The surveys and tests open to the signed-in parent or teacher."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.surveys import SurveysState


def survey_badges(c) -> rx.Component:
    return rx.hstack(
        rx.badge(rx.cond(c.kind == "test", T("surveys.kind.test"), T("surveys.kind.survey")), color_scheme="indigo"),
        rx.cond(c.anonymous, rx.badge(T("surveys.anonymous"), color_scheme="gray")),
        spacing="2", wrap="wrap",
    )


def _card(c) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.heading(c.title, as_="h2", size="3"),
            survey_badges(c),
            rx.cond(c.answered, rx.badge(T("surveys.answered"), color_scheme="green"),
                    rx.cond(c.has_draft, rx.badge(T("surveys.has_draft"), color_scheme="amber"))),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.cond(c.child != "", rx.text(T("surveys.for_child"), ": ", c.child, size="2")),
        rx.text(T("surveys.closes"), " ", c.closes, size="1", color_scheme="gray"),
        rx.cond(~c.answered, rx.link(T("surveys.open"), href=c.href, class_name="survey-open")),
        class_name="diary-card survey-card",
        data_survey_id=c.id,
    )


@page(routes.SURVEYS, "nav.surveys", roles=("parent", "teacher"), on_load=SurveysState.load)
def surveys_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.text(T("surveys.lead"), size="2"),
        form_message(SurveysState.message),
        rx.cond(SurveysState.cards.length() > 0,
                rx.el.ul(rx.foreach(SurveysState.cards, _card), class_name="diary-cards", id="survey-list"),
                empty_note("surveys.none_open", id="surveys-empty")),
        spacing="4",
        width="100%",
    )
