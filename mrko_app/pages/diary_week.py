"""The week, like a paper school diary: two columns of days on a desktop (Mon–Wed | Thu–Sat), one
column on a phone."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import (
    attendance_badge,
    diary_styles,
    empty_note,
    items,
    loc,
    mark_row,
    nav_bar,
    weekday_name,
)
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.diary import DiaryState


def _homework(hw) -> rx.Component:
    return rx.hstack(
        rx.icon("notebook-pen", size=14, flex_shrink="0"),
        rx.text(hw["text"], " ", rx.text.span("(", T("diary.week.due"), " ", hw["due"], ")", color_scheme="gray"), size="2"),
        spacing="1",
        align="start",
        class_name="diary-homework",
    )


def _lesson(lesson) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(lesson["number"].to(str), class_name="diary-lesson-number"),
            rx.vstack(
                rx.hstack(
                    rx.text(loc(lesson, "subject"), weight="bold",
                            class_name=rx.cond(lesson["cancelled"], "diary-subject cancelled", "diary-subject")),
                    rx.cond(lesson["cancelled"], rx.badge(T("diary.week.cancelled"), color_scheme="red",
                                                          class_name="diary-cancelled")),
                    rx.cond(lesson["substitute"] != "",
                            rx.badge(T("diary.week.substitute"), ": ", lesson["substitute"], color_scheme="violet",
                                     class_name="diary-substitute")),
                    rx.cond(lesson["planned"], rx.badge(T("diary.week.planned"), color_scheme="gray", variant="outline",
                                                        class_name="diary-planned")),
                    spacing="2", wrap="wrap", align="center",
                ),
                rx.text(lesson["start"], "–", lesson["end"], " · ", lesson["teacher"],
                        rx.cond(lesson["room"] != "", rx.text.span(" · ", lesson["room"])),
                        size="1", color_scheme="gray", class_name="diary-lesson-meta"),
                rx.cond(lesson["topic"] != "",
                        rx.text(T("diary.week.topic"), ": ", lesson["topic"], size="2", class_name="diary-topic")),
                rx.foreach(items(lesson["homework"]), _homework),
                rx.foreach(items(lesson["marks"]), mark_row),
                attendance_badge(lesson["attendance"]),
                spacing="1",
                align="start",
                min_width="0",
                width="100%",
            ),
            spacing="3",
            align="start",
        ),
        class_name="diary-lesson",
        id="lesson-" + lesson["key"].to(str),
    )


def _notice(notice) -> rx.Component:
    return rx.callout(
        rx.text(T("diary.week.notice"), " ", notice["start"], "–", notice["end"], ": ", notice["reason"], " (",
                rx.cond(notice["acknowledged"], T("diary.week.notice_ack"), T("diary.week.notice_pending")), ")"),
        icon="calendar-x", color_scheme="blue", size="1", class_name="diary-notice",
    )


def _day_status(day) -> rx.Component:
    return rx.match(
        day["kind"],
        ("holiday", rx.badge(rx.cond(loc(day, "holiday") != "", loc(day, "holiday"), T("diary.week.holiday")),
                             color_scheme="orange", class_name="diary-day-status")),
        ("vacation", rx.badge(T("diary.week.vacation"), color_scheme="orange", class_name="diary-day-status")),
        ("weekend", rx.badge(T("diary.week.weekend"), color_scheme="gray", class_name="diary-day-status")),
        rx.fragment(),
    )


def _day(day) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(weekday_name(day["weekday"]), weight="bold", class_name="diary-weekday"),
            rx.text(day["date_text"], color_scheme="gray", class_name="diary-date"),
            rx.cond(day["is_today"], rx.badge(T("diary.week.today_badge"), color_scheme="indigo", variant="solid",
                                              class_name="diary-today-badge")),
            _day_status(day),
            spacing="2", align="center", wrap="wrap", class_name="diary-day-head",
        ),
        rx.foreach(items(day["notices"]), _notice),
        rx.cond(day["empty"], empty_note("diary.week.empty", class_name="diary-empty")),
        rx.foreach(items(day["lessons"]), _lesson),
        rx.cond(
            items(day["extra_marks"]).length() > 0,
            rx.box(rx.text(T("diary.week.other_marks"), size="1", weight="bold"),
                   rx.foreach(items(day["extra_marks"]), mark_row), class_name="diary-extra-marks"),
        ),
        class_name=rx.cond(day["is_today"], "diary-day today", "diary-day"),
        id="day-" + day["date"].to(str),
        data_kind=day["kind"].to(str),
    )


def _navigation() -> rx.Component:
    return nav_bar(
        rx.link(rx.button(rx.icon("chevron-left"), T("diary.week.prev"), variant="soft"),
                href=f"{routes.DIARY}?week={DiaryState.prev_week}", id="week-prev"),
        rx.text(DiaryState.range_text, weight="bold", id="week-range", data_monday=DiaryState.monday),
        rx.link(rx.button(T("diary.week.next"), rx.icon("chevron-right"), variant="soft"),
                href=f"{routes.DIARY}?week={DiaryState.next_week}", id="week-next"),
        rx.cond(~DiaryState.this_week,
                rx.link(rx.button(T("diary.week.today"), variant="outline"), href=routes.DIARY, id="week-today")),
        rx.hstack(
            rx.el.label(T("diary.week.jump"), html_for="week-date", class_name="mrko-label"),
            rx.input(type="date", id="week-date", value=DiaryState.monday, on_change=DiaryState.jump, size="2"),
            align="center", spacing="2",
        ),
        rx.cond(DiaryState.live, rx.tooltip(rx.badge(rx.icon("radio", size=14), T("diary.week.live"), color_scheme="green",
                                                     variant="soft", id="live-badge"), content=T("diary.week.live"))),
    )


@page(routes.DIARY, "nav.diary", roles=("parent",), on_load=DiaryState.load)
def diary_week() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(DiaryState.message),
        rx.cond(
            DiaryState.loaded,
            rx.vstack(
                _navigation(),
                rx.el.div(
                    rx.el.div(rx.foreach(DiaryState.left_days, _day), class_name="diary-page"),
                    rx.el.div(rx.foreach(DiaryState.right_days, _day), class_name="diary-page"),
                    class_name="diary-spread",
                    id="diary-week",
                    data_monday=DiaryState.monday,
                ),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
