"""Statistics of the chosen child: per subject (average, marks, trend, absences, forecast, the class),
the overall average and its history as charts, and the "what do I need" calculator."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.charts import svg_chart
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T, bilingual
from mrko_app.components.layout import page
from mrko_app.state.base import AuthState
from mrko_app.state.stats import StatsState

FACT_STYLE = {"min_width": "7.5rem", "flex": "1 1 7.5rem", "padding": "0.25rem 0.4rem", "border_radius": "6px",
              "background": "var(--gray-a2)"}


_lang = bilingual


def _fact(label_key: str, *value, class_name: str = "") -> rx.Component:
    """A small labelled figure; the cards' facts wrap onto as many lines as the width needs."""
    return rx.box(
        rx.text(T(label_key), size="1", color_scheme="gray", as_="div"),
        rx.text(*value, size="2", weight="medium", as_="div", class_name=class_name),
        class_name="stats-fact",
        **FACT_STYLE,
    )


def _trend(row) -> rx.Component:
    return rx.hstack(
        rx.match(
            row["trend"],
            ("rising", rx.badge(rx.icon("trending-up", size=14), T("grading.trend.rising"), color_scheme="green")),
            ("falling", rx.badge(rx.icon("trending-down", size=14), T("grading.trend.falling"), color_scheme="red")),
            rx.badge(rx.icon("minus", size=14), T("grading.trend.steady"), color_scheme="gray"),
        ),
        rx.text(row["trend_value"], T("stats.per_month"), size="1", color_scheme="gray", white_space="nowrap"),
        spacing="1",
        align="center",
        class_name="stats-trend",
    )


def _class(row) -> rx.Component:
    return rx.cond(
        row["class_average"] == "",
        _fact("stats.class", T("stats.class.hidden"), class_name="stats-class"),
        _fact(
            "stats.class",
            rx.text.span(row["class_average"], class_name="stats-class"),
            rx.text.span(
                " · ",
                rx.match(row["position"], ("above", T("stats.class.above")), ("below", T("stats.class.below")),
                         ("level", T("stats.class.level")), ""),
                rx.cond(row["band"] != "", " · ", ""),
                rx.match(row["band"], ("top", T("stats.class.band.top")), ("upper", T("stats.class.band.upper")),
                         ("lower", T("stats.class.band.lower")), ("bottom", T("stats.class.band.bottom")), ""),
                class_name="stats-band",
            ),
        ),
    )


def subject_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(_lang(row["name_en"], row["name_ru"]), size="3"),
                rx.spacer(),
                rx.badge(row["average"], size="3", variant="solid", class_name="stats-average"),
                width="100%",
                align="center",
            ),
            rx.flex(
                _fact("stats.count", rx.text.span(row["count"], class_name="stats-count"),
                      rx.text.span("  ", row["distribution"], class_name="stats-distribution")),
                _fact("stats.proposed", row["proposed"], class_name="stats-proposed"),
                _fact("stats.forecast", row["forecast"], class_name="stats-forecast"),
                rx.box(rx.text(T("stats.trend"), size="1", color_scheme="gray", as_="div"), _trend(row),
                       class_name="stats-fact", **FACT_STYLE),
                _fact("stats.absences", row["absences"], class_name="stats-absences"),
                rx.cond(row["debts"] != "0", _fact("stats.debts", row["debts"], class_name="stats-debts")),
                rx.cond(row["confirmed"] != "—",
                        _fact("stats.confirmed", row["confirmed"], class_name="stats-confirmed")),
                _class(row),
                gap="2",
                wrap="wrap",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        id="stats-subject-" + row["subject_id"],
        class_name="stats-subject",
        width="100%",
    )


def _chart(title_key: str, svg: rx.Var, chart_id: str) -> rx.Component:
    """A chart drawn on the server (views/stats_charts.py, SVG that pygal escaped): no chart library in
    the page. Named for assistive technology by its heading; the table above gives its numbers."""
    heading_id = chart_id + "-title"
    return rx.card(
        rx.vstack(
            rx.heading(T(title_key), size="3", id=heading_id),
            rx.cond(
                StatsState.gpa_points > 0,
                svg_chart(svg, chart_id, labelled_by=heading_id),
                rx.text(T("stats.chart.empty"), color_scheme="gray"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def calculator() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("stats.plan.title"), size="3"),
            rx.text(T("stats.plan.hint"), size="2", color_scheme="gray"),
            rx.form(
                rx.flex(
                    rx.vstack(
                        rx.el.label(T("stats.plan.subject"), html_for="field-subject", class_name="mrko-label"),
                        rx.el.select(
                            rx.foreach(StatsState.rows, lambda r: rx.el.option(
                                _lang(r["name_en"], r["name_ru"]), value=r["subject_id"])),
                            name="subject", id="field-subject", class_name="mrko-select",
                            default_value=StatsState.plan_subject,
                        ),
                        field_error(StatsState.errors, "subject"),
                        spacing="1",
                    ),
                    rx.vstack(
                        rx.el.label(T("stats.plan.target"), html_for="field-target", class_name="mrko-label"),
                        rx.el.select(
                            rx.foreach(StatsState.scale, lambda m: rx.el.option(m, value=m)),
                            name="target", id="field-target", class_name="mrko-select",
                            default_value=StatsState.plan_target,
                        ),
                        field_error(StatsState.errors, "target"),
                        spacing="1",
                    ),
                    rx.button(T("stats.plan.submit"), type="submit", id="plan-submit", size="3"),
                    gap="3",
                    align="end",
                    wrap="wrap",
                ),
                on_submit=StatsState.calculate,
                reset_on_submit=False,
                width="100%",
            ),
            rx.cond(
                StatsState.plan_en != "",
                rx.callout(_lang(StatsState.plan_en, StatsState.plan_ru), icon="calculator", color_scheme="indigo",
                           id="plan-result", width="100%"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def toolbar() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.el.label(T("stats.period"), html_for="field-period", class_name="mrko-label"),
            rx.el.select(
                rx.foreach(StatsState.period_options,
                           lambda o: rx.el.option(_lang(o["en"], o["ru"]), value=o["value"])),
                id="field-period",
                value=StatsState.period,
                on_change=StatsState.choose_period,
                class_name="mrko-select",
            ),
            spacing="1",
        ),
        rx.card(
            rx.vstack(
                rx.text(T("stats.gpa"), size="2", color_scheme="gray"),
                rx.heading(StatsState.gpa, size="7", id="stats-gpa"),
                spacing="0",
            ),
            title=T("stats.gpa_hint"),
        ),
        rx.cond(
            StatsState.unread > 0,
            rx.link(rx.badge(rx.icon("bell", size=14), T("alerts.list"), ": ", StatsState.unread,
                             color_scheme="red", size="2"), href=routes.ALERTS, id="alerts-badge"),
        ),
        gap="4",
        align="end",
        wrap="wrap",
    )


def content() -> rx.Component:
    return rx.vstack(
        form_message(StatsState.message),
        toolbar(),
        _chart("stats.chart.gpa", StatsState.gpa_chart, "chart-gpa"),
        rx.grid(rx.foreach(StatsState.rows, subject_card), columns={"initial": "1", "md": "2", "xl": "3"},
                spacing="3", width="100%", id="stats-subjects"),
        rx.text(T("stats.class_hint"), " ", T("stats.forecast_hint"), size="1", color_scheme="gray"),
        calculator(),
        _chart("stats.chart.subjects", StatsState.subjects_chart, "chart-subjects"),
        rx.text(T("stats.chart.hint"), size="1", color_scheme="gray"),
        spacing="4",
        width="100%",
    )


@page(routes.STATS, "nav.stats", roles=("parent",), on_load=StatsState.load)
def stats_page() -> rx.Component:
    return rx.cond(
        StatsState.loaded,
        rx.cond(
            AuthState.child_id == "",
            rx.callout(T("stats.no_child"), icon="info", id="stats-no-child"),
            rx.cond(StatsState.no_year, rx.callout(T("stats.no_year"), icon="info", id="stats-no-year"), content()),
        ),
        rx.center(rx.spinner(size="3"), padding="2em"),
    )
