"""The class teacher sees the absence notices of their class and acknowledges them."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.absence import AbsencesState


def _notice(n) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(n["student"], " (", n["class_name"], ")", weight="bold"),
            rx.text(n["start_text"], " – ", n["end_text"]),
            rx.cond(n["acknowledged"],
                    rx.badge(T("diary.absence.ack"), " ", n["acknowledged_at"], color_scheme="green"),
                    rx.button(T("diary.absence.acknowledge"), size="1", on_click=AbsencesState.acknowledge(n["id"].to(str)),
                              id="ack-" + n["id"].to(str))),
            spacing="3", wrap="wrap", align="center",
        ),
        rx.text(n["reason"], size="2"),
        rx.text(T("diary.absence.parent"), ": ", n["parent"], " · ", T("diary.absence.sent_at"), " ", n["created"],
                size="1", color_scheme="gray"),
        class_name="diary-card notice-card",
        id="notice-" + n["id"].to(str),
        data_acknowledged=n["acknowledged"].to(str),
    )


@page(routes.ABSENCES, "nav.absences", roles=("teacher",), on_load=AbsencesState.load)
def absences() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(AbsencesState.message),
        rx.cond(
            AbsencesState.is_class_teacher,
            rx.vstack(
                rx.text(T("diary.absence.class_lead"), size="2"),
                rx.cond(AbsencesState.notices.length() > 0,
                        rx.box(rx.foreach(AbsencesState.notices, _notice), class_name="diary-cards", id="class-notices"),
                        empty_note("diary.absence.none", id="notices-empty")),
                spacing="3",
                width="100%",
            ),
            empty_note("diary.absence.not_class_teacher", id="not-class-teacher"),
        ),
        spacing="3",
        width="100%",
    )
