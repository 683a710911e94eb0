"""Final marks: subject x period (+ year), the confirmed mark beside the weighted average and the mark
it gives; choosing a cell shows how it was computed. The report card downloads as a PDF."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.diary import diary_styles, items, loc, obj
from mrko_app.components.forms import form_message
from mrko_app.components.forum import faq_link
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.finals import FinalsState


def _cell(row, cell, year: bool = False) -> rx.Component:
    key = row["subject_id"].to(str) + ":" + cell["key"].to(str)
    if year:  # the year mark is proposed from the period marks, not from the average beside it
        numbers = rx.fragment(
            rx.cond(cell["average"] != "", rx.text(T("diary.finals.average"), " ", cell["average"], size="1",
                                                   color_scheme="gray", class_name="diary-final-avg")),
            rx.cond(cell["proposed"] != "", rx.text(T("diary.finals.by_periods"), " → ", cell["proposed"], size="1",
                                                    color_scheme="gray", class_name="diary-final-proposed")),
        )
    else:
        numbers = rx.cond(cell["average"] != "", rx.text(cell["average"], " → ", cell["proposed"], size="1",
                                                         color_scheme="gray", class_name="diary-final-avg"))
    return rx.el.td(
        rx.cond(cell["confirmed"] != "",
                rx.text(cell["confirmed"], class_name="diary-final-confirmed"),
                rx.text("—", color_scheme="gray")),
        numbers,
        rx.match(cell["state"], ("current", rx.text(T("diary.finals.current"), size="1", color_scheme="indigo")),
                 ("future", rx.text(T("diary.finals.future"), size="1", color_scheme="gray")), rx.fragment()),
        on_click=FinalsState.select(key),
        class_name=rx.cond(FinalsState.selected == key, "diary-final-cell selected", "diary-final-cell"),
        id="final-" + row["subject_id"].to(str) + "-" + cell["key"].to(str),
        data_confirmed=cell["confirmed"].to(str),
        data_average=cell["average"].to(str),
        data_proposed=cell["proposed"].to(str),
    )


def _row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(loc(row, "subject"), class_name="final-subject"),
        rx.foreach(items(row["cells"]), lambda c: _cell(row, c)),
        _cell(row, obj(row["year"]), year=True),
        id="final-row-" + row["subject_id"].to(str),
    )


def _table() -> rx.Component:
    return rx.box(
        rx.el.table(
            rx.el.thead(rx.el.tr(
                rx.el.th(T("diary.finals.subject")),
                rx.foreach(FinalsState.periods, lambda p: rx.el.th(T("diary.period.n"), " ", p["number"].to(str))),
                rx.el.th(T("diary.finals.year")),
            )),
            rx.el.tbody(rx.foreach(FinalsState.rows, _row)),
            class_name="diary-grid",
            id="finals-table",
        ),
        class_name="diary-grid-wrap",
    )


def _explanation() -> rx.Component:
    d = FinalsState.detail
    return rx.cond(
        FinalsState.selected != "",
        rx.card(
            rx.vstack(
                rx.heading(T("diary.finals.how"), ": ", loc(d, "subject"), " — ",
                           rx.cond(d["kind"] == "year", T("diary.finals.year"),
                                   rx.fragment(T("diary.period.n"), " ", d["number"].to(str))), size="3"),
                faq_link("final-mark", id="faq-averages"),
                rx.text(T("diary.finals.confirmed"), ": ",
                        rx.cond(d["confirmed"] != "", rx.text.strong(d["confirmed"], id="detail-confirmed"),
                                T("diary.finals.not_confirmed")), size="2"),
                rx.cond(d["reason"] != "", rx.text(T("diary.finals.teacher_reason"), ": ", d["reason"], size="2")),
                rx.cond(items(d["rows"]).length() > 0, rx.box(rx.el.table(
                    rx.el.thead(rx.el.tr(*[rx.el.th(T(k)) for k in ("diary.finals.date", "diary.finals.kind",
                                                                  "diary.finals.mark", "diary.finals.weight",
                                                                  "diary.finals.product")])),
                    rx.el.tbody(rx.foreach(items(d["rows"]), lambda r: rx.el.tr(
                        rx.el.td(r["date_text"]), rx.el.td(loc(r, "kind")),
                        rx.el.td(rx.cond(r["debt"], T("diary.week.debt"), r["value"])),
                        rx.el.td(r["weight"].to(str)),
                        rx.el.td(rx.cond(r["counted"], r["product"], T("diary.finals.not_counted"))),
                        class_name="detail-row",
                    ))),
                    class_name="diary-grid",
                ), class_name="diary-grid-wrap"), rx.text(T("diary.finals.no_marks"), color_scheme="gray", size="2")),
                rx.cond(d["formula"] != "",
                        rx.text(T("diary.finals.formula"), ": ", rx.code(d["formula"], id="detail-formula"), size="2")),
                rx.text(T("diary.finals.thresholds"), ": ",
                        rx.foreach(items(d["thresholds"]), lambda t: rx.text.span(
                            rx.cond(t["from"].to(str) != "",
                                    rx.fragment(t["mark"].to(str), " ", T("diary.finals.from"), " ", t["from"].to(str)),
                                    rx.fragment(t["mark"].to(str), " ", T("diary.finals.below"))),
                            "; ")),
                        size="2"),
                rx.cond(d["proposed"] != "",
                        rx.text(T("diary.finals.proposed"), ": ", rx.text.strong(d["proposed"], id="detail-proposed"),
                                size="2")),
                rx.cond(d["rounding_caveat"], rx.callout(T("diary.finals.caveat"), color_scheme="amber", size="1")),
                rx.cond(d["kind"] == "year", rx.vstack(
                    rx.text(T("diary.finals.period_marks"), ": ",
                            rx.foreach(items(d["period_marks"]), lambda p: rx.text.span(
                                p["number"].to(str), ": ", rx.cond(p["value"].to(str) != "", p["value"].to(str), "—"), "; ")),
                            size="2"),
                    rx.text(T("diary.finals.year_rule"), " ", T("diary.finals.proposed"), ": ",
                            rx.text.strong(d["year_proposed"].to(str)), size="2", color_scheme="gray"),
                    spacing="1",
                )),
                spacing="2",
                width="100%",
            ),
            id="final-detail",
            width="100%",
        ),
        rx.text(T("diary.finals.pick"), color_scheme="gray", size="2"),
    )


@page(routes.FINALS, "nav.finals", roles=("parent",), on_load=FinalsState.load)
def finals() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        form_message(FinalsState.message),
        rx.cond(
            FinalsState.loaded,
            rx.vstack(
                rx.button(rx.icon("download"), T("diary.finals.download"), on_click=FinalsState.download,
                          id="download-report-card", class_name="no-print"),
                rx.text(T("diary.finals.legend"), size="2", color_scheme="gray"),
                _table(),
                _explanation(),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
