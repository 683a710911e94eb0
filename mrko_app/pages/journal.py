"""The teacher's class journal: choose a class and subject and a period (or the year), then the grid."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.i18n import T, bilingual
from mrko_app.components.journal_dialogs import cell_dialog, final_dialog, lesson_dialog
from mrko_app.components.journal_grid import journal_grid, year_grid
from mrko_app.components.layout import page
from mrko_app.state.journal import JournalState
from mrko_app.state.journal_panel import JournalPanelState


def _label(item) -> rx.Var:
    return bilingual(item["en"], item["ru"])


def _choosers() -> rx.Component:
    return rx.el.div(
        rx.vstack(
            rx.el.label(T("journal.class_subject"), html_for="journal-choice", class_name="mrko-label"),
            rx.el.select(
                rx.foreach(JournalState.journals, lambda j: rx.el.option(_label(j), value=j["value"])),
                id="journal-choice", value=JournalState.journal, on_change=JournalState.choose_journal,
                class_name="mrko-select",
            ),
            spacing="1",
        ),
        rx.vstack(
            rx.el.label(T("journal.period"), html_for="journal-period", class_name="mrko-label"),
            rx.el.select(
                rx.foreach(JournalState.periods, lambda p: rx.el.option(_label(p), value=p["value"])),
                id="journal-period", value=JournalState.period, on_change=JournalState.choose_period,
                class_name="mrko-select",
            ),
            spacing="1",
        ),
        class_name="mrko-jchoose",
    )


def _problem(problem) -> rx.Component:
    key = problem["key"].to(str)
    return rx.hstack(
        rx.text(rx.el.strong(problem["cell"]), ": ", problem["text"], size="2"),
        rx.spacer(),
        rx.cond(
            problem["kind"] == "conflict",
            rx.hstack(
                rx.button(T("journal.keep_theirs"), size="1", variant="soft", id="keep-" + key,
                          on_click=JournalState.keep_theirs(key)),
                rx.button(T("journal.overwrite"), size="1", color_scheme="orange", id="overwrite-" + key,
                          on_click=JournalState.overwrite(key)),
                spacing="2",
            ),
            rx.hstack(
                rx.button(T("journal.retry"), size="1", id="retry-" + key, on_click=JournalState.retry(key)),
                rx.button(T("journal.discard"), size="1", variant="soft", id="discard-" + key,
                          on_click=JournalState.discard(key)),
                spacing="2",
            ),
        ),
        id="problem-" + key,
        class_name="mrko-jproblem",
        data_kind=problem["kind"],
        width="100%",
        align="center",
        wrap="wrap",
    )


def _problems() -> rx.Component:
    return rx.cond(
        JournalState.problems.length() > 0,
        rx.vstack(
            rx.text(T("journal.problems"), weight="bold", size="2"),
            rx.foreach(JournalState.problems, _problem),
            id="journal-problems", role="alert", width="100%", spacing="1", class_name="mrko-jproblems",
        ),
    )


def _legend() -> rx.Component:
    return rx.el.details(
        rx.el.summary(T("journal.keys_title")),
        rx.text(T("journal.keys_help"), size="2", white_space="pre-line"),
        class_name="mrko-jlegend",
        id="journal-keys",
    )


@page(routes.JOURNAL, "nav.journal", roles=("teacher", "staff"), on_load=JournalState.load)
def journal_page() -> rx.Component:
    return rx.vstack(
        rx.script(src="/journal.js"),
        rx.el.link(rel="stylesheet", href="/journal.css"),
        _choosers(),
        rx.cond(JournalState.message != "",
                rx.callout(JournalState.message, color_scheme="red", id="journal-message", role="alert",
                           width="100%")),
        rx.cond(
            JournalState.loaded,
            rx.vstack(
                _legend(),
                _problems(),
                rx.cond(
                    JournalState.is_year,
                    year_grid(),
                    rx.fragment(
                        rx.hstack(
                            rx.text(rx.cond(JournalPanelState.focus_text != "", JournalPanelState.focus_text,
                                            T("journal.focus_hint")),
                                    id="journal-focus", size="2", class_name="mrko-jfocus"),
                            rx.cond(JournalPanelState.focus_key != "",
                                    rx.button(T("journal.edit"), size="1", variant="soft", id="cell-edit",
                                              on_click=JournalPanelState.open_cell(JournalPanelState.focus_key))),
                            width="100%", align="center", spacing="2",
                        ),
                        rx.cond(JournalState.lessons.length() > 0, journal_grid(),
                                rx.text(T("journal.no_lessons"), id="journal-empty")),
                    ),
                ),
                width="100%",
                spacing="2",
            ),
        ),
        cell_dialog(),
        lesson_dialog(),
        final_dialog(),
        width="100%",
        spacing="3",
        align="stretch",
    )
