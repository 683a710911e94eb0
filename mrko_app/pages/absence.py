"""A parent tells the school in advance that the child will be absent."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.absence import AbsenceState


def _notice(n) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(n["start_text"], " – ", n["end_text"], weight="bold"),
            rx.cond(n["acknowledged"],
                    rx.badge(T("diary.absence.ack"), " ", n["acknowledged_at"], color_scheme="green"),
                    rx.badge(T("diary.absence.pending"), color_scheme="amber")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.text(n["reason"], size="2"),
        rx.text(T("diary.absence.sent_at"), " ", n["created"], size="1", color_scheme="gray"),
        class_name="diary-card notice-card",
        data_notice_id=n["id"].to(str),
    )


@page(routes.ABSENCE, "nav.absence", roles=("parent",), on_load=AbsenceState.load)
def absence() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.text(T("diary.absence.lead"), size="2"),
        rx.form(
            rx.vstack(
                form_message(AbsenceState.message),
                rx.cond(AbsenceState.sent != "", rx.callout(AbsenceState.sent, color_scheme="green", id="notice-sent")),
                field("diary.absence.start", "start", AbsenceState.errors, type="date"),
                field("diary.absence.end", "end", AbsenceState.errors, type="date"),
                rx.vstack(
                    rx.el.label(T("diary.absence.reason"), html_for="field-reason", class_name="mrko-label"),
                    rx.text_area(name="reason", id="field-reason", max_length=300, width="100%", rows="3"),
                    rx.cond(AbsenceState.errors.contains("reason"),
                            rx.text(AbsenceState.errors["reason"], color_scheme="red", size="2", id="error-reason",
                                    role="alert")),
                    spacing="1", width="100%",
                ),
                submit_button("diary.absence.send", id="notice-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=AbsenceState.submit,
            reset_on_submit=False,
            key=AbsenceState.form_key.to(str),
            class_name="mrko-form",
        ),
        rx.heading(T("diary.absence.mine"), size="4"),
        rx.cond(AbsenceState.notices.length() > 0,
                rx.box(rx.foreach(AbsenceState.notices, _notice), class_name="diary-cards", id="notices"),
                empty_note("diary.absence.none", id="notices-empty")),
        spacing="4",
        width="100%",
    )
