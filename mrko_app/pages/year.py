"""The whole year on one grid: subject x month with the marks, lessons missed, times late, homework."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, items, loc, mark_color, month_name
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.diary_views import YearState


def _counts(cell) -> rx.Component:
    return rx.box(
        rx.cond(cell["missed"].to(int) > 0, rx.text.span(T("diary.year.missed_short"), cell["missed"].to(str), " ",
                                                       class_name="year-missed")),
        rx.cond(cell["late"].to(int) > 0, rx.text.span(T("diary.year.late_short"), cell["late"].to(str), " ",
                                                     class_name="year-late")),
        rx.cond(cell["homework"].to(int) > 0, rx.text.span(T("diary.year.homework_short"), cell["homework"].to(str),
                                                         class_name="year-homework")),
        class_name="diary-year-counts",
    )


def _cell(cell, row, month) -> rx.Component:
    return rx.el.td(
        rx.box(rx.foreach(items(cell["marks"]), lambda m: rx.cond(
            m["debt"], rx.badge("·", color_scheme="gray", variant="outline", title=m["date"].to(str)),
            rx.badge(m["value"].to(str), color_scheme=mark_color(m["value"]), variant="soft", title=m["date"].to(str),
                     class_name="year-mark"))),
            class_name="diary-year-marks"),
        _counts(cell),
        id="year-" + row["subject_id"].to(str) + "-" + month["key"].to(str),
        data_marks=cell["marks"].to(list).length().to(str),
    )


def _row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(loc(row, "subject")),
        rx.foreach(items(row["cells"]), lambda cell, i: _cell(cell, row, YearState.months[i])),
        rx.el.td(rx.text(row["average"].to(str), weight="bold"), id="year-avg-" + row["subject_id"].to(str)),
        rx.el.td(rx.text(row["missed"].to(str), " / ", row["late"].to(str), " / ", row["homework"].to(str), size="1")),
        id="year-row-" + row["subject_id"].to(str),
    )


@page(routes.YEAR, "nav.year", roles=("parent",), on_load=YearState.load)
def year() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(YearState.message),
        rx.cond(
            YearState.loaded,
            rx.vstack(
                rx.text(YearState.year_name, weight="bold", id="year-name"),
                rx.text(T("diary.year.legend"), size="2", color_scheme="gray"),
                rx.box(
                    rx.el.table(
                        rx.el.thead(rx.el.tr(
                            rx.el.th(T("diary.year.subject")),
                            rx.foreach(YearState.months, lambda m: rx.el.th(month_name(m["month"]))),
                            rx.el.th(T("diary.year.average")),
                            rx.el.th(T("diary.year.missed_short"), " / ", T("diary.year.late_short"), " / ",
                                     T("diary.year.homework_short")),
                        )),
                        rx.el.tbody(
                            rx.foreach(YearState.rows, _row),
                            rx.el.tr(
                                rx.el.td(T("diary.year.total"), weight="bold"),
                                rx.foreach(YearState.totals, lambda t, i: rx.el.td(
                                    _counts(t), id="year-total-" + YearState.months[i]["key"].to(str))),
                                rx.el.td(""),
                                rx.el.td(""),
                            ),
                        ),
                        class_name="diary-grid",
                        id="year-grid",
                        data_child=YearState.shown_child,
                    ),
                    class_name="diary-grid-wrap",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
