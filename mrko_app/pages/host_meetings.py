"""A teacher, the psychologist or staff offers meeting slots and sees who booked them (children's names)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import field, form_message, select_field, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.pages.meetings import cancel_form
from mrko_app.services.meetings import HOST_ROLES
from mrko_app.services.meetings.forms import MINUTES
from mrko_app.state.meetings import HostMeetingsState


def _withdraw_form(slot) -> rx.Component:
    """Take the time back: a booked one asks for the reason the parents are sent."""
    slot_id = slot["id"].to(str)
    booked = slot["booking_id"].to(str) != ""
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="slot_id", value=slot_id),
            rx.cond(booked, rx.fragment(
                rx.el.label(T("meetings.withdraw_reason"), html_for="withdraw-reason-" + slot_id, class_name="mrko-label"),
                rx.input(name="reason", id="withdraw-reason-" + slot_id, max_length=300, size="1"))),
            rx.button(T("meetings.withdraw"), type="submit", size="1", variant="outline", color_scheme="red",
                      id="withdraw-" + slot_id),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=HostMeetingsState.withdraw, reset_on_submit=True,
    )


def _slot(slot) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(slot["when"], " · ", slot["length"], " · ", slot["place"], size="2"),
            rx.cond(slot["booking_id"].to(str) != "", rx.badge(slot["child"], color_scheme="green"),
                    rx.badge(T("meetings.free_slot"), color_scheme="gray")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.cond(slot["booking_id"].to(str) != "", cancel_form(slot, HostMeetingsState.cancel)),
        _withdraw_form(slot),
        class_name="host-slot", id="slot-" + slot["id"].to(str),
    )


@page(routes.HOST_MEETINGS, "nav.host_meetings", roles=HOST_ROLES, on_load=HostMeetingsState.load)
def host_meetings() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(HostMeetingsState.message),
        rx.cond(HostMeetingsState.sent != "", rx.callout(HostMeetingsState.sent, color_scheme="green", id="offer-sent")),
        rx.heading(T("meetings.offer"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field("meetings.day", "day", HostMeetingsState.errors, type="date"),
                field("meetings.start", "start", HostMeetingsState.errors, type="time"),
                field("meetings.end", "end", HostMeetingsState.errors, type="time"),
                select_field("meetings.length", "minutes", HostMeetingsState.errors,
                             [(str(m), f"meetings.len.{m}") for m in MINUTES], default_value="15"),
                field("meetings.place", "place", HostMeetingsState.errors, max_length=300),
                submit_button("meetings.offer", id="offer-submit"),
                spacing="3", width="100%",
            ),
            on_submit=HostMeetingsState.offer,
            reset_on_submit=False,
            class_name="mrko-form",
        ),
        rx.heading(T("meetings.schedule"), size="4", as_="h2"),
        rx.cond(HostMeetingsState.slots.length() > 0,
                rx.vstack(rx.foreach(HostMeetingsState.slots, _slot), id="host-slots", spacing="2", width="100%"),
                empty_note("meetings.none", id="slots-empty")),
        spacing="4",
        width="100%",
    )
