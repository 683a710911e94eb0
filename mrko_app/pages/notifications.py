"""The notification centre: one list of everything the person was told (unread first), a filter by kind,
mark read; below, how each kind reaches them and their e-mail quiet hours. The bell in the header
leads here. The alerts page stays for the alerts' own settings per child (what triggers them, their
e-mail); its alerts are in this list too."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T, Tn, per_language
from mrko_app.components.layout import page
from mrko_app.state.base import AuthState
from mrko_app.state.inbox import KINDS, NotificationsState

S = NotificationsState
ROLES = ("parent", "teacher", "staff", "psychologist")
ICONS = {"alerts": "circle-alert", "news": "newspaper", "events": "calendar-days", "meetings": "calendar-clock",
         "messages": "message-circle", "forum": "messages-square", "feedback": "mail", "surveys": "clipboard-list"}
MODES = ("app", "email_now", "email_digest")


def _kind_label(kind) -> rx.Component:
    return rx.match(kind, *[(k, T(f"inbox.kind.{k}")) for k in KINDS], "")


def _kind_icon(kind) -> rx.Component:
    return rx.match(kind, *[(k, rx.icon(icon, size=18)) for k, icon in ICONS.items()], rx.icon("bell", size=18))


def _item(item) -> rx.Component:
    return rx.hstack(
        _kind_icon(item["kind"]),
        rx.vstack(
            rx.hstack(
                rx.text(item["title"], weight=rx.cond(item["new"] != "", "bold", "regular"), size="2",
                        class_name="notification-title"),
                rx.cond(item["new"] != "", rx.badge(T("inbox.new"), color_scheme="red", size="1")),
                spacing="2", align="center", wrap="wrap",
            ),
            rx.cond(item["body"] != "", rx.text(item["body"], size="2", class_name="notification-body")),
            rx.hstack(
                rx.text(_kind_label(item["kind"]), " · ", per_language(item, "when"), size="1", color_scheme="gray"),
                rx.cond(item["link"] != "", rx.link(T("inbox.open"), href=item["link"], size="1")),
                spacing="2", wrap="wrap",
            ),
            spacing="1",
            width="100%",
        ),
        rx.cond(item["new"] != "", rx.button(T("inbox.mark_read"), on_click=S.mark_read(item["id"]), variant="soft",
                                             size="1", id="read-" + item["id"])),
        width="100%",
        align="start",
        class_name="notification-item",
        id="notification-" + item["id"],
        data_kind=item["kind"],
    )


def _list() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T("inbox.title"), size="3"),
                rx.cond(S.unread > 0, rx.badge(Tn("inbox.unread", S.unread), color_scheme="red", id="inbox-unread")),
                rx.spacer(),
                rx.el.label(T("inbox.filter.label"), html_for="inbox-filter", class_name="mrko-label"),
                rx.el.select(
                    rx.el.option(T("inbox.filter.all"), value="all"),
                    *[rx.el.option(T(f"inbox.kind.{k}"), value=k) for k in KINDS],
                    value=S.kind, on_change=S.set_filter, id="inbox-filter", class_name="mrko-select",
                ),
                rx.cond(S.unread > 0, rx.button(T("inbox.mark_all_read"), on_click=S.mark_all_read, variant="soft",
                                                size="1", id="inbox-mark-all")),
                width="100%", align="center", wrap="wrap",
            ),
            rx.cond(
                S.items.length() > 0,
                rx.vstack(rx.foreach(S.items, _item), spacing="3", width="100%", id="inbox-list"),
                rx.text(T("inbox.none"), color_scheme="gray", id="inbox-empty"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _mode_row(kind: str) -> rx.Component:
    label_id = f"mode-label-{kind}"
    control = rx.text(T("inbox.settings.alerts_hint"), " ", rx.link(T("nav.alerts"), href=routes.ALERTS), size="1",
                      color_scheme="gray") if kind == "alerts" else rx.el.select(
        *[rx.el.option(T(f"inbox.mode.{m}"), value=m) for m in MODES],
        value=S.modes[kind], on_change=lambda value: S.set_mode(kind, value), id=f"mode-{kind}",
        aria_labelledby=label_id, class_name="mrko-select",
    )
    return rx.flex(rx.text(T(f"inbox.kind.{kind}"), id=label_id, size="2", min_width="12em"), control,
                   field_error(S.errors, kind), gap="2", align="center", wrap="wrap", width="100%")


def _box(name: str, label_key: str, **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label"),
        rx.el.input(name=name, id=f"field-{name}", default_value=S.settings[name], class_name="mrko-select",
                    style={"width": "6em"}, **props),
        field_error(S.errors, name), spacing="1",
    )


def _settings() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("inbox.settings.title"), size="3", id="settings"),
            rx.text(T("inbox.settings.hint"), size="2", color_scheme="gray"),
            *[_mode_row(k) for k in KINDS],
            rx.form(
                rx.vstack(
                    rx.text(T("inbox.settings.quiet"), size="2", weight="medium"),
                    rx.flex(_box("quiet_start", "inbox.settings.quiet_start", placeholder="22:00"),
                            _box("quiet_end", "inbox.settings.quiet_end", placeholder="07:00"), gap="3", wrap="wrap"),
                    rx.text(T("inbox.settings.quiet_hint"), size="1", color_scheme="gray"),
                    _box("digest_hour", "inbox.settings.digest_hour", inputmode="numeric"),
                    rx.button(T("inbox.settings.save"), type="submit", id="inbox-settings-save", size="2"),
                    spacing="2",
                ),
                on_submit=S.save_settings, reset_on_submit=False, key=S.settings_key, width="100%",
            ),
            rx.cond(S.saved, rx.callout(T("inbox.settings.saved"), color_scheme="green", icon="check",
                                        id="inbox-saved", role="status")),
            spacing="3",
            width="100%",
        ),
        width="100%",
        max_width="640px",
    )


@page(routes.NOTIFICATIONS, "nav.notifications", roles=ROLES, on_load=NotificationsState.load)
def notifications_page() -> rx.Component:
    return rx.cond(
        S.loaded & AuthState.signed_in,
        rx.vstack(form_message(S.message), _list(), _settings(), spacing="4", width="100%"),
        rx.center(rx.spinner(size="3"), padding="2em"),
    )
