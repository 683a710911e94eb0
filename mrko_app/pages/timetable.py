"""The class timetable by week or by day (the slots valid on the chosen date)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items, loc, nav_bar, weekday_name
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.diary_views import TimetableState


def _slot(slot) -> rx.Component:
    return rx.hstack(
        rx.text(slot["number"].to(str), class_name="diary-lesson-number"),
        rx.vstack(
            rx.text(loc(slot, "subject"), weight="bold", class_name="tt-subject"),
            rx.text(slot["start"], "–", slot["end"], " · ", slot["teacher"],
                    rx.cond(slot["room"] != "", rx.text.span(" · ", slot["room"])),
                    size="1", color_scheme="gray"),
            spacing="0",
            align="start",
        ),
        spacing="3",
        align="start",
        class_name="diary-lesson tt-slot",
    )


def _day(day) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(weekday_name(day["weekday"]), weight="bold"),
            rx.text(day["date_text"], color_scheme="gray"),
            rx.cond(day["is_today"], rx.badge(T("diary.week.today_badge"), color_scheme="indigo", variant="solid")),
            rx.match(day["kind"],
                     ("holiday", rx.badge(rx.cond(loc(day, "holiday") != "", loc(day, "holiday"), T("diary.week.holiday")),
                                          color_scheme="orange")),
                     ("vacation", rx.badge(T("diary.week.vacation"), color_scheme="orange")),
                     rx.fragment()),
            spacing="2", align="center", wrap="wrap", class_name="diary-day-head",
        ),
        rx.cond(items(day["slots"]).length() > 0, rx.foreach(items(day["slots"]), _slot),
                empty_note("diary.tt.no_lessons")),
        class_name=rx.cond(day["is_chosen"], "diary-day today", "diary-day"),
        id="tt-" + day["date"].to(str),
        data_kind=day["kind"].to(str),
    )


def _navigation() -> rx.Component:
    week = TimetableState.mode == "week"
    prev = rx.cond(week, TimetableState.prev_date, TimetableState.prev_day)
    nxt = rx.cond(week, TimetableState.next_date, TimetableState.next_day)
    return nav_bar(
        rx.segmented_control.root(
            rx.segmented_control.item(T("diary.tt.by_week"), value="week", id="tt-mode-week"),
            rx.segmented_control.item(T("diary.tt.by_day"), value="day", id="tt-mode-day"),
            value=TimetableState.mode,
            on_change=TimetableState.set_mode,
        ),
        rx.link(rx.button(rx.icon("chevron-left"), variant="soft", aria_label=T("common.earlier")),
                href=f"{routes.TIMETABLE}?date={prev}&mode={TimetableState.mode}", id="tt-prev"),
        rx.text(rx.cond(week, TimetableState.range_text, TimetableState.chosen), weight="bold", id="tt-range"),
        rx.link(rx.button(rx.icon("chevron-right"), variant="soft", aria_label=T("common.later")),
                href=f"{routes.TIMETABLE}?date={nxt}&mode={TimetableState.mode}", id="tt-next"),
        rx.hstack(
            rx.el.label(T("diary.tt.date"), html_for="tt-date", class_name="mrko-label"),
            rx.input(type="date", id="tt-date", value=TimetableState.chosen, on_change=TimetableState.jump, size="2"),
            align="center", spacing="2",
        ),
        rx.text(T("diary.tt.class"), " ", TimetableState.class_name, color_scheme="gray", size="2", id="tt-class"),
    )


@page(routes.TIMETABLE, "nav.timetable", roles=("parent",), on_load=TimetableState.load)
def timetable() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(TimetableState.message),
        rx.cond(
            TimetableState.loaded,
            rx.vstack(
                _navigation(),
                rx.box(rx.foreach(TimetableState.shown_days, _day), class_name="diary-tt-days", id="timetable",
                       data_date=TimetableState.chosen),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
