"""Results of a survey for its owners: answers against the audience, a chart per question, free texts,
the class filter, a test's scores, CSV and XLSX downloads, reminders. Read again on every visit."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.charts import svg_chart
from mrko_app.components.diary import diary_styles
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.survey_results import SurveyResultsState as S


def _item(r, i) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(r.text, as_="h3", size="3"),
            rx.text(T("surveys.answers_count"), ": ", r.answers, size="2"),
            rx.cond(r.mean != "", rx.text(T("surveys.mean"), ": ", r.mean, size="2")),
            rx.cond(r.charted & (r.answers > 0), svg_chart(S.figures[i], "chart-" + r.key, label=r.text)),
            rx.cond(r.texts.length() > 0, rx.vstack(
                rx.text(T("surveys.texts"), size="2", weight="bold"),
                rx.el.ul(rx.foreach(r.texts, lambda t: rx.el.li(t)), class_name="survey-texts"),
                spacing="1")),
            spacing="2", width="100%",
        ),
        width="100%", class_name="survey-result", id="result-" + r.key,
    )


@page(routes.SURVEY_RESULTS, "surveys.results", roles=("staff", "teacher"), on_load=S.load)
def survey_results() -> rx.Component:
    return rx.vstack(
        diary_styles(),
        rx.link(T("nav.survey_builder"), href=routes.SURVEY_BUILDER),
        form_message(S.message),
        rx.cond(S.loaded, rx.vstack(
            rx.heading(S.title, as_="h2", size="5"),
            rx.text(T("surveys.answers_count"), ": ", rx.text(S.responses, as_="span", id="results-count"), " ",
                    T("surveys.of_audience"), " ", S.audience, size="3"),
            rx.hstack(
                rx.el.label(T("surveys.class_filter"), html_for="results-class", class_name="mrko-label"),
                rx.el.select(rx.el.option(T("surveys.all_classes"), value=""),
                             rx.foreach(S.classes, lambda c: rx.el.option(c["name"], " (", c["count"], ")",
                                                                          value=c["id"])),
                             value=S.class_choice, on_change=S.choose_class, id="results-class",
                             class_name="mrko-select"),
                spacing="2", align="center",
            ),
            rx.hstack(
                rx.button(T("surveys.export_csv"), on_click=S.download_csv, variant="soft", id="export-csv"),
                rx.button(T("surveys.export_xlsx"), on_click=S.download_xlsx, variant="soft", id="export-xlsx"),
                rx.cond(S.status == "published", rx.button(T("surveys.remind"), on_click=S.remind, variant="outline",
                                                           id="survey-remind")),
                spacing="2", wrap="wrap",
            ),
            rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="remind-notice")),
            rx.cond(S.is_test & (S.responses > 0), rx.card(rx.vstack(
                rx.heading(T("surveys.scores"), as_="h3", size="3", id="scores-title"),
                svg_chart(S.scores_figure, "chart-scores", labelled_by="scores-title"), width="100%"), width="100%")),
            rx.foreach(S.items, _item),
            spacing="4", width="100%",
        )),
        spacing="4", width="100%",
    )
