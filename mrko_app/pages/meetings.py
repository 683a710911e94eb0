"""The parent books a meeting with a teacher of the chosen child, sees the household's bookings (either
parent may cancel, with a reason) and, after losing a race for a slot, the next free ones."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.meetings import MeetingsState


def _free(slot) -> rx.Component:
    return rx.hstack(
        rx.text(slot["when"], " · ", slot["length"], " · ", slot["place"], size="2"),
        rx.button(T("meetings.book"), size="1", on_click=MeetingsState.book(slot["id"].to(str)), id="book-" + slot["id"].to(str)),
        rx.cond(MeetingsState.children.length() > 1,
                rx.button(T("meetings.book_siblings"), size="1", variant="outline",
                          on_click=MeetingsState.book_siblings(slot["id"].to(str)),
                          id="book-siblings-" + slot["id"].to(str))),
        spacing="2", align="center", wrap="wrap", class_name="meeting-slot", data_slot_id=slot["id"].to(str),
    )


def cancel_form(slot, on_submit) -> rx.Component:
    """A reason and a cancel button for one booking (shared with the host's page)."""
    field_id = "reason-" + slot["booking_id"].to(str)
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="booking_id", value=slot["booking_id"].to(str)),
            rx.el.label(T("meetings.cancel_reason"), html_for=field_id, class_name="mrko-label"),
            rx.input(name="reason", id=field_id, max_length=300, size="1"),
            rx.button(T("meetings.cancel"), type="submit", size="1", color_scheme="red", variant="soft",
                      id="cancel-" + slot["booking_id"].to(str)),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=on_submit,
        reset_on_submit=True,
    )


def _booked(slot) -> rx.Component:
    return rx.vstack(
        rx.text(slot["when"], " · ", slot["child"], " · ", slot["place"], weight="bold", size="2"),
        cancel_form(slot, MeetingsState.cancel),
        spacing="1", class_name="meeting-booked", id="booked-" + slot["id"].to(str),
    )


def _host(host) -> rx.Component:
    return rx.el.section(
        rx.heading(host["name"], size="3", as_="h3"),
        rx.cond(items(host["booked"]).length() > 0,
                rx.vstack(rx.text(T("meetings.booked"), size="2", color_scheme="gray"),
                          rx.foreach(items(host["booked"]), _booked), spacing="2")),
        rx.text(T("meetings.free"), size="2", color_scheme="gray"),
        rx.cond(items(host["free"]).length() > 0,
                rx.vstack(rx.foreach(items(host["free"]), _free), spacing="1"),
                rx.text(T("meetings.no_free"), size="2")),
        class_name="diary-card meeting-host",
        id="host-" + host["id"].to(str),
    )


@page(routes.MEETINGS, "nav.meetings", roles=("parent",), on_load=MeetingsState.load)
def meetings_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.text(T("meetings.lead"), size="2"),
        form_message(MeetingsState.message),
        rx.cond(MeetingsState.sent != "", rx.callout(MeetingsState.sent, color_scheme="green", id="meetings-sent")),
        rx.cond(MeetingsState.next_free.length() > 0,
                rx.vstack(rx.text(T("meetings.next_free"), weight="bold"), rx.foreach(MeetingsState.next_free, _free),
                          id="next-free", spacing="1")),
        rx.cond(MeetingsState.hosts.length() > 0,
                rx.box(rx.foreach(MeetingsState.hosts, _host), class_name="diary-cards", id="meeting-hosts"),
                empty_note("meetings.none", id="meetings-empty")),
        spacing="4",
        width="100%",
    )
