"""The feedback form: anyone writes to the school and gets a confirmation number."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message, select_field, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.feedback import MESSAGE_MAX, TOPICS
from mrko_app.state.public_info import FeedbackState


@page(routes.FEEDBACK, "feedback.title", on_load=FeedbackState.load)
def feedback_page() -> rx.Component:
    return rx.vstack(
        rx.text(T("feedback.lead"), size="2"),
        rx.cond(FeedbackState.number != "",
                rx.callout.root(rx.callout.text(T("feedback.sent"), " ", rx.text.strong(FeedbackState.number,
                                                                                        id="feedback-number")),
                                color_scheme="green", role="status", id="feedback-sent")),
        rx.form(
            rx.vstack(
                form_message(FeedbackState.message),
                field("feedback.field.name", "name", FeedbackState.errors, max_length=80, autocomplete="name"),
                field("feedback.field.contact", "contact", FeedbackState.errors, max_length=254,
                      hint_key="feedback.contact_hint"),
                select_field("feedback.field.topic", "topic", FeedbackState.errors,
                             [(t, f"feedback.topic.{t}") for t in TOPICS]),
                rx.el.label(T("feedback.field.message"), html_for="field-message", class_name="mrko-label"),
                rx.text_area(name="message", id="field-message", max_length=MESSAGE_MAX, rows="6", width="100%"),
                field_error(FeedbackState.errors, "message"),
                submit_button("feedback.send", id="feedback-submit"),
                spacing="2", width="100%",
            ),
            on_submit=FeedbackState.submit, reset_on_submit=False, key=FeedbackState.form_key.to(str),
            class_name="mrko-form",
        ),
        rx.link(T("faq.title"), href=routes.FAQ),
        spacing="3", width="100%",
    )
