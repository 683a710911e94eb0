"""The development outbox: messages the app 'sent' (codes, links). Registered only on a development
or demo instance (config.dev_mode()): in production the route does not exist (the front end answers
its 404 page)."""

import reflex as rx

from mrko_app import config, routes
from mrko_app.components.forms import field_error
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.base import AuthState
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


def outbox() -> rx.Component:
    return rx.vstack(
        rx.text(T("outbox.lead"), color_scheme="gray"),
        rx.cond(
            OutboxState.message != "",
            rx.callout(OutboxState.message, color_scheme="gray", id="outbox-message"),
        ),
        rx.cond(
            AuthState.roles.contains("staff"),
            rx.form(
                rx.hstack(
                    rx.input(name="recipient", id="field-recipient", placeholder=T("outbox.recipient")),
                    rx.button(T("outbox.filter"), type="submit"),
                ),
                on_submit=OutboxState.filter,
                reset_on_submit=False, no_validate=True,
            ),
        ),
        field_error(OutboxState.errors, "recipient"),
        rx.foreach(OutboxState.messages, _message),
        spacing="3",
        width="100%",
        id="outbox",
    )


if config.dev_mode():
    page(routes.OUTBOX, "nav.outbox", on_load=OutboxState.load)(outbox)
