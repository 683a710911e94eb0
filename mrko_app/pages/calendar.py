"""The school calendar, a month as a list (it reads well on a phone): events, parents' meetings,
holidays, study periods and booked meetings; staff and class teachers add events."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.calendar import CalendarState

COLOURS = {"event": "blue", "meeting": "violet", "holiday": "green", "period": "gray", "booking": "orange"}


def _entry(e) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(e["when"], weight="bold", size="2"),
            rx.badge(e["kind_text"], color_scheme=rx.match(e["kind"], *COLOURS.items(), "gray")),
            rx.text(e["title"], size="2"),
            rx.cond(e["audience"] != "", rx.text(e["audience"], size="1", color_scheme="gray")),
            rx.cond(e["cancelled"], rx.badge(T("events.cancelled"), color_scheme="red")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.cond(e["place"] != "", rx.text(e["place"], size="1")),
        rx.cond(e["description"] != "", rx.text(e["description"], size="1", color_scheme="gray")),
        rx.cond(e["counts"] != "", rx.text(e["counts"], size="2", weight="bold", class_name="rsvp-counts")),
        rx.cond(e["answerable"], rx.hstack(
            rx.button(T("events.coming"), size="1", variant=rx.cond(e["answer"] == "yes", "solid", "outline"),
                      on_click=CalendarState.rsvp(e["id"].to(str), "yes"), id="rsvp-yes-" + e["id"].to(str)),
            rx.button(T("events.not_coming"), size="1", variant=rx.cond(e["answer"] == "no", "solid", "outline"),
                      on_click=CalendarState.rsvp(e["id"].to(str), "no"), id="rsvp-no-" + e["id"].to(str)),
            spacing="2")),
        class_name="calendar-entry", data_kind=e["kind"],
    )


def _add_form() -> rx.Component:
    return rx.el.section(
        rx.heading(T("events.add"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                rx.cond(CalendarState.sent != "", rx.callout(CalendarState.sent, color_scheme="green", id="event-sent")),
                rx.vstack(
                    rx.el.label(T("news.target"), html_for="field-target", class_name="mrko-label"),
                    rx.el.select(rx.foreach(CalendarState.targets, lambda t: rx.el.option(t["text"], value=t["value"])),
                                 name="target", id="field-target", class_name="mrko-select"),
                    field_error(CalendarState.errors, "target"),
                    spacing="1", width="100%",
                ),
                field("events.title", "title", CalendarState.errors, max_length=200),
                field("events.place", "place", CalendarState.errors, max_length=200),
                field("events.starts", "starts", CalendarState.errors, type="datetime-local"),
                field("events.ends", "ends", CalendarState.errors, type="datetime-local"),
                field("events.description", "description", CalendarState.errors, max_length=2000),
                rx.hstack(rx.el.input(type="checkbox", name="meeting", id="field-meeting"),
                          rx.el.label(T("events.is_meeting"), html_for="field-meeting"), align="center", spacing="2"),
                submit_button("events.add", id="event-submit"),
                spacing="3", width="100%",
            ),
            on_submit=CalendarState.add, reset_on_submit=False, key=CalendarState.form_key.to(str),
            class_name="mrko-form",
        ),
        width="100%",
    )


@page(routes.CALENDAR, "nav.calendar", roles=("parent", "teacher", "staff", "psychologist"), on_load=CalendarState.load)
def calendar_page() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(CalendarState.message),
        rx.hstack(
            rx.icon_button(rx.icon("chevron-left"), on_click=CalendarState.shift(-1), aria_label=T("events.prev"),
                           variant="soft", id="month-prev"),
            rx.heading(CalendarState.month_key, size="4", as_="h2", id="month-key"),
            rx.icon_button(rx.icon("chevron-right"), on_click=CalendarState.shift(1), aria_label=T("events.next"),
                           variant="soft", id="month-next"),
            align="center", spacing="3",
        ),
        rx.cond(CalendarState.entries.length() > 0,
                rx.el.ul(rx.foreach(CalendarState.entries, _entry), id="calendar-entries", class_name="calendar-list"),
                empty_note("events.none", id="calendar-empty")),
        rx.cond(CalendarState.targets.length() > 0, _add_form()),
        spacing="4", width="100%",
    )
