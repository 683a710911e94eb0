"""The surveys a staff member or teacher owns: publish, close, duplicate, results; a new one."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.surveys import survey_badges
from mrko_app.state.survey_builder import SurveyBuilderState as S


def _status(c) -> rx.Component:
    return rx.match(c.status,
                    ("draft", rx.badge(T("surveys.status.draft"), color_scheme="amber")),
                    ("published", rx.badge(T("surveys.status.published"), color_scheme="green")),
                    rx.badge(T("surveys.status.closed"), color_scheme="gray"))


def _card(c) -> rx.Component:
    return rx.el.li(
        rx.hstack(rx.heading(c.title, as_="h2", size="3"), survey_badges(c), _status(c),
                  spacing="2", wrap="wrap", align="center"),
        rx.text(T("surveys.responses"), ": ", c.responses, " · ", T("surveys.closes"), " ", c.closes, size="2"),
        rx.hstack(
            rx.link(T("surveys.edit"), href=c.href, class_name="survey-edit"),
            rx.link(T("surveys.results"), href=routes.SURVEY_RESULTS + "?id=" + c.id, class_name="survey-results"),
            rx.cond(c.status == "draft", rx.button(T("surveys.publish"), size="1", class_name="survey-publish",
                                                   on_click=S.publish(c.id))),
            rx.cond(c.status == "published", rx.button(T("surveys.close"), size="1", variant="soft",
                                                       class_name="survey-close", on_click=S.close(c.id))),
            rx.button(T("surveys.duplicate"), size="1", variant="outline", class_name="survey-duplicate",
                      on_click=S.duplicate(c.id)),
            spacing="3", wrap="wrap", align="center",
        ),
        class_name="diary-card survey-card",
        data_survey_id=c.id,
    )


@page(routes.SURVEY_BUILDER, "nav.survey_builder", roles=("staff", "teacher"), on_load=S.load)
def survey_builder() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.link(rx.button(T("surveys.new"), id="survey-new"), href=routes.SURVEY_EDIT),
        form_message(S.message),
        rx.heading(T("surveys.mine"), as_="h2", size="4"),
        rx.cond(S.cards.length() > 0,
                rx.el.ul(rx.foreach(S.cards, _card), class_name="diary-cards", id="owned-surveys"),
                empty_note("surveys.none_mine", id="owned-empty")),
        spacing="4", width="100%",
    )
