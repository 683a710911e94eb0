"""Alerts: the list of delivered alerts and the chosen child's alert settings."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T, Tn, per_language
from mrko_app.components.layout import page
from mrko_app.state.alerts import AlertsState
from mrko_app.state.base import AuthState


def _check(name: str, label_key: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, id=f"field-{name}", default_checked=AlertsState.flags[name]),
        " ",
        rx.el.span(T(label_key), id=f"label-{name}"),
        html_for=f"field-{name}",
        class_name="alerts-check",
    )


def _input(name: str, *, width: str = "6em", label_key: str | None = None, **props) -> rx.Component:
    """A settings box; without a label of its own it is named by the words before it (`aria_labelledby`)."""
    box = rx.el.input(name=name, id=f"field-{name}", default_value=AlertsState.settings[name],
                      class_name="mrko-select", style={"width": width}, **props)
    parts = [rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label")] if label_key else []
    return rx.vstack(*parts, box, field_error(AlertsState.errors, name), spacing="1")


def settings_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T("alerts.settings"), size="3"),
                rx.text(T("switcher.label"), ": ", rx.text.strong(AlertsState.child_name), size="2"),
                rx.text(T("alerts.what"), weight="medium"),
                rx.flex(_check("on_low_mark", "alerts.on_low_mark"),
                        _input("low_mark_at_most", width="4em", inputmode="numeric",
                               aria_labelledby="label-on_low_mark"), gap="2", align="center", wrap="wrap"),
                rx.flex(_check("on_low_average", "alerts.on_low_average"),
                        _input("average_below", width="5em", inputmode="decimal",
                               aria_labelledby="label-on_low_average"), gap="2", align="center",
                        wrap="wrap"),
                _check("on_absence", "alerts.on_absence"),
                _check("on_mark_changed", "alerts.on_mark_changed"),
                rx.vstack(
                    rx.el.label(T("alerts.email_mode"), html_for="field-email_mode", class_name="mrko-label"),
                    rx.el.select(
                        rx.el.option(T("alerts.email.off"), value="off"),
                        rx.el.option(T("alerts.email.each"), value="each"),
                        rx.el.option(T("alerts.email.digest"), value="digest"),
                        name="email_mode", id="field-email_mode", class_name="mrko-select",
                        default_value=AlertsState.settings["email_mode"],
                    ),
                    field_error(AlertsState.errors, "email_mode"),
                    spacing="1",
                ),
                _input("digest_hour", width="4em", label_key="alerts.digest_hour", inputmode="numeric"),
                rx.text(T("alerts.quiet"), size="2", weight="medium"),
                rx.flex(_input("quiet_start", label_key="alerts.quiet_start", placeholder="22:00"),
                        _input("quiet_end", label_key="alerts.quiet_end", placeholder="07:00"), gap="3", wrap="wrap"),
                rx.text(T("alerts.quiet_hint"), size="1", color_scheme="gray"),
                _input("delay_minutes", width="5em", label_key="alerts.delay", inputmode="numeric"),
                rx.text(T("alerts.delay_hint"), size="1", color_scheme="gray"),
                rx.cond(AlertsState.saved, rx.callout(T("alerts.saved"), color_scheme="green", id="alerts-saved",
                                                      icon="check")),
                rx.button(T("alerts.save"), type="submit", id="alerts-save", size="3"),
                spacing="3",
                width="100%",
            ),
            on_submit=AlertsState.save,
            reset_on_submit=False,
            key=AlertsState.form_key,
            width="100%",
        ),
        width="100%",
        max_width="560px",
    )


def alert_item(item) -> rx.Component:
    return rx.hstack(
        rx.match(
            item["kind"],
            ("absence", rx.icon("calendar-x", size=18)),
            ("low_average", rx.icon("trending-down", size=18)),
            ("mark_changed", rx.icon("pencil", size=18)),
            rx.icon("circle-alert", size=18),
        ),
        rx.vstack(
            rx.text(per_language(item, "text"), size="2", class_name="alert-text"),
            rx.text(per_language(item, "when"), size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(item["new"] != "", rx.badge(T("alerts.new"), color_scheme="red")),
        width="100%",
        align="start",
        class_name="alert-item",
        id="alert-" + item["id"],
    )


def alert_list() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T("alerts.list"), size="3"),
                rx.cond(AlertsState.unread > 0, rx.badge(AlertsState.unread, color_scheme="red", id="alerts-unread",
                                                         title=Tn("alerts.unread", AlertsState.unread))),
                rx.spacer(),
                rx.cond(AlertsState.unread > 0, rx.button(T("alerts.mark_seen"), on_click=AlertsState.mark_seen,
                                                          variant="soft", size="1", id="alerts-mark-seen")),
                width="100%",
                align="center",
            ),
            rx.cond(
                AlertsState.items.length() > 0,
                rx.vstack(rx.foreach(AlertsState.items, alert_item), spacing="3", width="100%", id="alerts-list"),
                rx.text(T("alerts.none"), color_scheme="gray", id="alerts-empty"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@page(routes.ALERTS, "nav.alerts", roles=("parent",), on_load=AlertsState.load)
def alerts_page() -> rx.Component:
    return rx.cond(
        AlertsState.loaded,
        rx.vstack(
            form_message(AlertsState.message),
            alert_list(),
            rx.cond(AuthState.child_id == "", rx.callout(T("stats.no_child"), icon="info", id="alerts-no-child")),
            rx.cond(AlertsState.settings.contains("email_mode"), settings_form()),
            spacing="4",
            width="100%",
        ),
        rx.center(rx.spinner(size="3"), padding="2em"),
    )
