"""All marks for a day or a period: filters, then one card per mark (readable on a phone)."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, empty_note, loc, mark_row
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.diary_views import MarksState


def _labelled(label_key: str, name: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label"),
        control,
        field_error(MarksState.errors, name),
        spacing="1",
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.box(
            _labelled("diary.marks.period", "period_id", rx.el.select(
                rx.el.option(T("diary.marks.any_period"), value=""),
                rx.foreach(MarksState.periods, lambda p: rx.el.option(
                    T("diary.period.n"), " ", p["number"].to(str), " (", p["start"], " – ", p["end"], ")",
                    value=p["id"].to(str))),
                name="period_id", id="field-period_id", default_value=MarksState.period_id, class_name="mrko-select",
            )),
            _labelled("diary.marks.start", "start", rx.input(type="date", name="start", id="field-start",
                                                            default_value=MarksState.start)),
            _labelled("diary.marks.end", "end", rx.input(type="date", name="end", id="field-end",
                                                        default_value=MarksState.end)),
            _labelled("diary.marks.subject", "subject_id", rx.el.select(
                rx.el.option(T("diary.marks.all_subjects"), value=""),
                rx.foreach(MarksState.subjects, lambda s: rx.el.option(loc(s, "name"), value=s["id"].to(str))),
                name="subject_id", id="field-subject_id", default_value=MarksState.subject_id, class_name="mrko-select",
            )),
            _labelled("diary.marks.sort", "sort", rx.el.select(
                rx.el.option(T("diary.marks.sort_date"), value="date"),
                rx.el.option(T("diary.marks.sort_subject"), value="subject"),
                name="sort", id="field-sort", default_value=MarksState.sort, class_name="mrko-select",
            )),
            rx.button(T("diary.marks.show"), type="submit", id="marks-apply"),
            class_name="diary-filters",
        ),
        on_submit=MarksState.apply,
        reset_on_submit=False,
        key=MarksState.start + MarksState.end + MarksState.period_id + MarksState.subject_id + MarksState.sort,
        width="100%",
    )


def _card(mark) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(mark["date_text"], color_scheme="gray", size="2", class_name="mark-date"),
            rx.text(loc(mark, "subject"), weight="bold", size="2", class_name="mark-subject"),
            rx.cond(mark["debt_due"] != "", rx.text("(", T("diary.week.due"), " ", mark["debt_due"], ")", size="1")),
            spacing="2", wrap="wrap", align="center",
        ),
        mark_row(mark),
        rx.text(mark["teacher"], size="1", color_scheme="gray"),
        class_name="diary-card mark-card",
        data_mark_id=mark["id"].to(str),
    )


@page(routes.MARKS, "nav.marks", roles=("parent",), on_load=MarksState.load)
def marks() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(MarksState.message),
        rx.cond(
            MarksState.loaded,
            rx.vstack(
                _filters(),
                rx.text(T("diary.marks.count"), ": ", rx.text.span(MarksState.marks.length(), id="marks-count"),
                        size="2", color_scheme="gray"),
                rx.cond(MarksState.marks.length() > 0,
                        rx.box(rx.foreach(MarksState.marks, _card), class_name="diary-cards", id="marks-list"),
                        empty_note("diary.marks.none", id="marks-empty")),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
