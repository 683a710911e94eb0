"""The school calendar: a month grid, a week or a list (switchable; on a phone the month grid collapses
to the list) of events, parents' meetings, holidays, study periods and booked meetings, each with its
time, place, description and who it is for; staff, class teachers and an event's author add, edit and
cancel events."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.calendar import VIEWS, CalendarState

COLOURS = {"event": "blue", "meeting": "violet", "holiday": "green", "vacation": "green", "period": "gray",
           "booking": "orange"}


def _entry(e) -> rx.Component:
    event_id = e["id"].to(str)
    return rx.el.li(
        rx.hstack(
            rx.text(e["when"], weight="bold", size="2"),
            rx.badge(e["kind_text"], color_scheme=rx.match(e["kind"], *COLOURS.items(), "gray")),
            rx.text(e["title"], size="2", class_name="calendar-title"),
            rx.cond(e["audience"] != "", rx.text(e["audience"], size="1", color_scheme="gray")),
            rx.cond(e["cancelled"], rx.badge(T("events.cancelled"), color_scheme="red")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.cond(e["place"] != "", rx.text(e["place"], size="1", class_name="calendar-place")),
        rx.cond(e["description"] != "", rx.text(e["description"], size="1", color_scheme="gray",
                                                class_name="calendar-description")),
        rx.cond(e["counts"] != "", rx.text(e["counts"], size="2", weight="bold", class_name="rsvp-counts")),
        rx.cond(e["answerable"], rx.hstack(
            rx.button(T("events.coming"), size="1", variant=rx.cond(e["answer"] == "yes", "solid", "outline"),
                      on_click=CalendarState.rsvp(event_id, "yes"), id="rsvp-yes-" + event_id),
            rx.button(T("events.not_coming"), size="1", variant=rx.cond(e["answer"] == "no", "solid", "outline"),
                      on_click=CalendarState.rsvp(event_id, "no"), id="rsvp-no-" + event_id),
            spacing="2")),
        rx.cond(e["editable"], rx.hstack(
            rx.button(T("events.edit"), size="1", variant="outline", on_click=CalendarState.edit(event_id),
                      id="edit-event-" + event_id),
            rx.button(T("events.cancel_event"), size="1", variant="soft", color_scheme="red",
                      on_click=CalendarState.cancel_event(event_id), id="cancel-event-" + event_id),
            spacing="2")),
        class_name="calendar-entry", data_kind=e["kind"], data_event_id=event_id,
    )


def _list(list_id: str) -> rx.Component:
    return rx.cond(CalendarState.entries.length() > 0,
                   rx.el.ul(rx.foreach(CalendarState.entries, _entry), id=list_id, class_name="calendar-list"),
                   empty_note("events.none", id=list_id + "-empty"))


def _cell(day) -> rx.Component:
    return rx.box(
        rx.text(day["day"], weight="bold", size="1"),
        rx.foreach(items(day["entries"]), lambda e: rx.el.span(
            rx.cond(e["time"] != "", e["time"].to(str) + " ", ""), e["title"].to(str),
            class_name=rx.cond(e["cancelled"], "calendar-chip cancelled", "calendar-chip"), data_kind=e["kind"],
            title=e["title"].to(str))),
        class_name=rx.cond(day["today"], "calendar-cell today", rx.cond(day["out"], "calendar-cell out", "calendar-cell")),
        data_date=day["date"], role="group", aria_label=day["label"],
    )


def _month_grid() -> rx.Component:
    return rx.fragment(
        rx.box(
            rx.box(rx.foreach(CalendarState.weekdays, lambda name: rx.text(name, class_name="calendar-weekday")),
                   class_name="calendar-grid", aria_hidden="true"),
            rx.box(rx.foreach(CalendarState.weeks, lambda week: rx.foreach(week, _cell)),
                   class_name="calendar-grid", id="calendar-grid"),
            class_name="calendar-grid-wrap", width="100%",
        ),
        # the same month as a list: what a phone shows instead of the grid (assets/diary.css)
        rx.box(_list("calendar-entries"), class_name="calendar-month-list"),
    )


def _week() -> rx.Component:
    return rx.box(rx.foreach(CalendarState.days, lambda day: rx.el.section(
        rx.heading(day["label"], size="3", as_="h3"),
        rx.cond(items(day["entries"]).length() > 0,
                rx.el.ul(rx.foreach(items(day["entries"]), _entry), class_name="calendar-list"),
                rx.text(T("events.nothing_that_day"), size="1", color_scheme="gray")),
        class_name=rx.cond(day["today"], "calendar-week-day today", "calendar-week-day"), data_date=day["date"],
    )), class_name="calendar-week", id="calendar-week")


def _add_form() -> rx.Component:
    editing = CalendarState.editing_title != ""
    return rx.el.section(
        rx.heading(rx.cond(editing, CalendarState.editing_title, T("events.add")), size="4", as_="h2",
                   id="event-form-heading"),
        rx.form(
            rx.vstack(
                rx.vstack(
                    rx.el.label(T("news.target"), html_for="field-target", class_name="mrko-label"),
                    rx.el.select(rx.foreach(CalendarState.targets, lambda t: rx.el.option(t["text"], value=t["value"])),
                                 name="target", id="field-target", class_name="mrko-select",
                                 default_value=CalendarState.prefill["target"]),
                    field_error(CalendarState.errors, "target"),
                    spacing="1", width="100%",
                ),
                field("events.title", "title", CalendarState.errors, max_length=200,
                      default_value=CalendarState.prefill["title"]),
                field("events.place", "place", CalendarState.errors, max_length=200,
                      default_value=CalendarState.prefill["place"]),
                field("events.starts", "starts", CalendarState.errors, type="datetime-local",
                      default_value=CalendarState.prefill["starts"]),
                field("events.ends", "ends", CalendarState.errors, type="datetime-local",
                      default_value=CalendarState.prefill["ends"]),
                field("events.description", "description", CalendarState.errors, max_length=2000,
                      default_value=CalendarState.prefill["description"]),
                rx.hstack(rx.el.input(type="checkbox", name="meeting", id="field-meeting",
                                      default_checked=CalendarState.prefill["meeting"] == "on"),
                          rx.el.label(T("events.is_meeting"), html_for="field-meeting"), align="center", spacing="2"),
                rx.hstack(
                    rx.cond(editing, submit_button("events.save", id="event-submit"),
                            submit_button("events.add", id="event-submit")),
                    rx.cond(editing, rx.button(T("events.cancel_edit"), type="button", variant="soft",
                                               on_click=CalendarState.stop_editing, id="event-stop-editing")),
                    spacing="2", wrap="wrap"),
                spacing="3", width="100%",
            ),
            on_submit=CalendarState.add, reset_on_submit=False, key=CalendarState.form_key.to(str),
            class_name="mrko-form",
        ),
        width="100%", id="event-form",
    )


@page(routes.CALENDAR, "nav.calendar", roles=("parent", "teacher", "staff", "psychologist"), on_load=CalendarState.load)
def calendar_page() -> rx.Component:
    week = CalendarState.view == "week"
    return rx.vstack(
        diary_styles(),
        form_message(CalendarState.message),
        rx.cond(CalendarState.sent != "", rx.callout(CalendarState.sent, color_scheme="green", id="event-sent")),
        rx.hstack(
            rx.icon_button(rx.icon("chevron-left"), on_click=CalendarState.shift(-1), variant="soft", id="month-prev",
                           aria_label=rx.cond(week, T("events.prev_week"), T("events.prev"))),
            rx.heading(CalendarState.heading, size="4", as_="h2", id="month-key", data_month=CalendarState.month_key),
            rx.icon_button(rx.icon("chevron-right"), on_click=CalendarState.shift(1), variant="soft", id="month-next",
                           aria_label=rx.cond(week, T("events.next_week"), T("events.next"))),
            rx.button(T("events.today"), size="1", variant="outline", on_click=CalendarState.to_today, id="to-today"),
            rx.segmented_control.root(
                *[rx.segmented_control.item(T(f"events.view.{v}"), value=v, id=f"view-{v}") for v in VIEWS],
                value=CalendarState.view, on_change=CalendarState.set_view, aria_label=T("events.view"),
                id="calendar-view", size="1"),
            align="center", spacing="3", wrap="wrap",
        ),
        rx.match(CalendarState.view, ("week", _week()), ("list", _list("calendar-entries")), _month_grid()),
        rx.cond(CalendarState.targets.length() > 0, _add_form()),
        spacing="4", width="100%",
    )
