"""The private calendar feed addresses: create one (shown once), see the active ones, revoke."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import form_message, select_field, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.calendar_feed import KINDS
from mrko_app.state.feeds import FeedsState


def _feed(feed) -> rx.Component:
    return rx.hstack(
        rx.text(feed["kind"], weight="bold"),
        rx.text(T("feeds.created_at"), " ", feed["created"], size="2", color_scheme="gray"),
        rx.button(T("feeds.revoke"), size="1", color_scheme="red", variant="soft",
                  on_click=FeedsState.revoke(feed["id"].to(str)), id="revoke-" + feed["id"].to(str)),
        spacing="2", align="center", wrap="wrap", class_name="feed-row",
    )


@page(routes.FEEDS, "nav.feeds", roles=("parent", "teacher", "staff", "psychologist"), on_load=FeedsState.load)
def feeds_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.text(T("feeds.lead"), size="2"),
        form_message(FeedsState.message),
        rx.cond(FeedsState.sent != "", rx.callout(FeedsState.sent, color_scheme="green", id="feeds-sent")),
        rx.form(
            rx.vstack(
                select_field("feeds.kind", "kind", FeedsState.errors, [(k, f"feeds.kind.{k}") for k in KINDS]),
                rx.cond(FeedsState.children.length() > 1, rx.el.fieldset(
                    rx.el.legend(T("feeds.children"), class_name="mrko-label"),
                    rx.foreach(FeedsState.children, lambda c: rx.hstack(
                        rx.el.input(type="checkbox", id="feed-child-" + c["id"], checked=FeedsState.chosen.contains(c["id"]),
                                    on_change=FeedsState.toggle_child(c["id"])),
                        rx.el.label(c["name"], html_for="feed-child-" + c["id"]), spacing="2", align="center")),
                    rx.text(T("feeds.children_hint"), size="1", color_scheme="gray"),
                    id="feed-children", style={"border": "none", "padding": "0", "margin": "0"})),
                submit_button("feeds.create", id="feed-create"),
                spacing="3", width="100%",
            ),
            on_submit=FeedsState.create,
            class_name="mrko-form",
        ),
        rx.cond(FeedsState.new_url != "",
                rx.callout(rx.vstack(rx.text(T("feeds.new_url")), rx.code(FeedsState.new_url, id="feed-url"),
                                     spacing="1"), color_scheme="green", width="100%")),
        rx.heading(T("feeds.active"), size="4", as_="h2"),
        rx.cond(FeedsState.feeds.length() > 0,
                rx.vstack(rx.foreach(FeedsState.feeds, _feed), id="feeds", spacing="2"),
                empty_note("feeds.none", id="feeds-empty")),
        spacing="4",
        width="100%",
    )
