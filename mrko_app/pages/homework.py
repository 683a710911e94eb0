"""Homework: what is due next, by date, and what was set in the past."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, items, loc, weekday_name
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.diary_views import HomeworkState


def _item(item) -> rx.Component:
    return rx.box(
        rx.text(loc(item, "subject"), weight="bold", size="2"),
        rx.text(item["text"], size="2", class_name="hw-text"),
        rx.text(T("diary.hw.set_on"), " ", item["set_on"], " · ", item["teacher"], size="1", color_scheme="gray"),
        class_name="diary-card hw-item",
        data_homework_id=item["id"].to(str),
    )


def _group(group) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(weekday_name(group["weekday"]), weight="bold"), rx.text(group["date_text"], color_scheme="gray"),
                  spacing="2"),
        rx.foreach(items(group["items"]), _item),
        spacing="2",
        width="100%",
        class_name="hw-day",
        id="hw-" + group["date"].to(str),
    )


@page(routes.HOMEWORK, "nav.homework", roles=("parent",), on_load=HomeworkState.load)
def homework() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(HomeworkState.message),
        rx.cond(
            HomeworkState.loaded,
            rx.vstack(
                rx.heading(T("diary.hw.due"), size="4"),
                rx.cond(HomeworkState.due.length() > 0,
                        rx.vstack(rx.foreach(HomeworkState.due, _group), spacing="4", width="100%", id="hw-due"),
                        empty_note("diary.hw.none_due", id="hw-due-empty")),
                rx.heading(T("diary.hw.past"), size="4"),
                rx.cond(HomeworkState.past.length() > 0,
                        rx.vstack(rx.foreach(HomeworkState.past, _group), spacing="4", width="100%", id="hw-past"),
                        empty_note("diary.hw.none_past", id="hw-past-empty")),
                rx.cond(HomeworkState.past_more, empty_note("diary.hw.more")),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
