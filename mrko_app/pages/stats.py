"""Statistics of the chosen child: per subject (average, marks, trend, absences, forecast, the class),
the overall average and its history as charts, and the "what do I need" calculator."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.base import AuthState
from mrko_app.state.stats import StatsState

PLOT_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}


def _lang(en, ru):
    return rx.cond(AuthState.lang == "en", en, ru)


def _line(label_key: str, value, id_: str | None = None) -> rx.Component:
    return rx.hstack(
        rx.text(T(label_key), color_scheme="gray", size="2"),
        rx.spacer(),
        rx.text(value, size="2", weight="medium", **({"class_name": id_} if id_ else {})),
        width="100%",
        align="center",
    )


def _trend(row) -> rx.Component:
    return rx.hstack(
        rx.match(
            row["trend"],
            ("rising", rx.badge(rx.icon("trending-up", size=14), T("grading.trend.rising"), color_scheme="green")),
            ("falling", rx.badge(rx.icon("trending-down", size=14), T("grading.trend.falling"), color_scheme="red")),
            rx.badge(rx.icon("minus", size=14), T("grading.trend.steady"), color_scheme="gray"),
        ),
        rx.text(row["trend_value"], size="1", color_scheme="gray"),
        spacing="1",
        align="center",
    )


def _class(row) -> rx.Component:
    return rx.cond(
        row["class_average"] == "",
        rx.text(T("stats.class.hidden"), size="2", color_scheme="gray", class_name="stats-class"),
        rx.vstack(
            rx.text(row["class_average"], size="2", weight="medium", class_name="stats-class"),
            rx.text(
                rx.match(row["position"], ("above", T("stats.class.above")), ("below", T("stats.class.below")),
                         ("level", T("stats.class.level")), ""),
                " ",
                rx.match(row["band"], ("top", T("stats.class.band.top")), ("upper", T("stats.class.band.upper")),
                         ("lower", T("stats.class.band.lower")), ("bottom", T("stats.class.band.bottom")), ""),
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
            align="end",
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
            _line("stats.count", row["count"], "stats-count"),
            _line("stats.distribution", row["distribution"], "stats-distribution"),
            rx.hstack(rx.text(T("stats.trend"), color_scheme="gray", size="2"), rx.spacer(), _trend(row),
                      width="100%", align="center"),
            _line("stats.absences", row["absences"], "stats-absences"),
            rx.cond(row["debts"] != "0", _line("stats.debts", row["debts"], "stats-debts")),
            _line("stats.proposed", row["proposed"], "stats-proposed"),
            rx.cond(row["confirmed"] != "—", _line("stats.confirmed", row["confirmed"], "stats-confirmed")),
            _line("stats.forecast", row["forecast"], "stats-forecast"),
            rx.hstack(rx.text(T("stats.class"), color_scheme="gray", size="2"), rx.spacer(), _class(row),
                      width="100%", align="start"),
            spacing="2",
            width="100%",
        ),
        id="stats-subject-" + row["subject_id"],
        class_name="stats-subject",
        width="100%",
    )


def _chart(title_key: str, figure, chart_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T(title_key), size="3"),
            rx.cond(
                StatsState.gpa_points > 0,
                rx.plotly(data=figure, id=chart_id, config=PLOT_CONFIG, use_resize_handler=True,
                          width="100%", style={"width": "100%"}),
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
        rx.grid(rx.foreach(StatsState.rows, subject_card), columns={"initial": "1", "sm": "2", "xl": "3"},
                spacing="3", width="100%", id="stats-subjects"),
        rx.text(T("stats.class_hint"), size="1", color_scheme="gray"),
        rx.text(T("stats.forecast_hint"), size="1", color_scheme="gray"),
        _chart("stats.chart.gpa", StatsState.gpa_fig, "chart-gpa"),
        _chart("stats.chart.subjects", StatsState.subjects_fig, "chart-subjects"),
        rx.text(T("stats.chart.hint"), size="1", color_scheme="gray"),
        calculator(),
        spacing="4",
        width="100%",
    )


@page(routes.STATS, "nav.stats", roles=("parent",), on_load=StatsState.load)
def stats_page() -> rx.Component:
    return rx.cond(
        StatsState.loaded,
        rx.cond(
            StatsState.no_year,
            rx.callout(T("stats.no_year"), icon="info", id="stats-no-year"),
            content(),
        ),
        rx.center(rx.spinner(size="3"), padding="2em"),
    )
