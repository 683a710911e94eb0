"""The development outbox: messages the app 'sent' (codes, links). Development mode only."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.outbox import OutboxState


def _message(m: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.badge(m["channel"]), rx.text(m["recipient"], weight="bold"), rx.spacer(),
                      rx.text(m["created_at"], size="1", color_scheme="gray"), width="100%", wrap="wrap"),
            rx.cond(m["subject"] != "", rx.text(m["subject"], weight="medium")),
            rx.text(m["body"], white_space="pre-wrap", class_name="outbox-body"),
            spacing="1",
            align="start",
        ),
        width="100%",
    )


@page(routes.OUTBOX, "nav.outbox", on_load=OutboxState.load)
def outbox() -> rx.Component:
    return rx.cond(
        OutboxState.enabled,
        rx.vstack(
            rx.text(T("outbox.lead"), color_scheme="gray"),
            rx.form(
                rx.hstack(
                    rx.input(name="recipient", id="field-recipient", placeholder=T("outbox.recipient")),
                    rx.button(T("outbox.filter"), type="submit"),
                ),
                on_submit=OutboxState.filter,
                reset_on_submit=False, no_validate=True,
            ),
            field_error(OutboxState.errors, "recipient"),
            rx.cond(OutboxState.message != "", rx.callout(OutboxState.message, color_scheme="red", role="alert")),
            rx.foreach(OutboxState.messages, _message),
            spacing="3",
            width="100%",
            id="outbox",
        ),
        rx.callout(T("outbox.disabled"), color_scheme="gray"),
    )
