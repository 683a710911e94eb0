"""The journal's editors, as dialogs (keyboard: they take the focus, Escape closes them and gives it back):
a cell (its marks with kind and comment, attendance, history), a lesson (topic, homework), a final mark."""

import reflex as rx

from mrko_app.components.i18n import T, bilingual
from mrko_app.components.journal_grid import ATTENDANCE
from mrko_app.state.journal import JournalState
from mrko_app.state.journal_final import JournalFinalState
from mrko_app.state.journal_panel import JournalPanelState


def _label(item) -> rx.Var:
    return bilingual(item["en"], item["ru"])


def _error(errors: rx.Var, name: str, prefix: str) -> rx.Component:
    return rx.cond(errors.contains(name),
                   rx.text(errors[name], color_scheme="red", size="2", id=f"error-{prefix}-{name}", role="alert"))


# when an editor closes, the focus goes back to the cell (or date, or final mark) it was opened from
# run_script compiles to a function in the page (call_script would eval a string: the CSP forbids it)
REFOCUS = [rx.prevent_default, rx.run_script("window.__mrkoJournalRefocus && window.__mrkoJournalRefocus()")]


def _labelled(label_key: str, control: rx.Component, html_for: str) -> rx.Component:
    return rx.vstack(rx.el.label(T(label_key), html_for=html_for, class_name="mrko-label"), control,
                     spacing="1", width="100%", align="stretch")


def _input(name: str, prefix: str, default, **props) -> rx.Component:
    return rx.el.input(name=name, id=f"field-{prefix}-{name}", default_value=default, class_name="mrko-input",
                       auto_complete="off", **props)


def _message(text: rx.Var, element_id: str) -> rx.Component:
    return rx.cond(text != "", rx.callout(text, id=element_id, role="status", size="1", width="100%"))


def _mark_row(mark) -> rx.Component:
    mid = mark["id"].to(str)
    return rx.hstack(
        rx.text(mark["value"], weight="bold", size="4"),
        rx.text(mark["kind"], size="2", color_scheme="gray"),
        rx.text(mark["comment"], size="2"),
        rx.spacer(),
        rx.button(T("journal.edit"), size="1", variant="soft", type="button", id="edit-mark-" + mid,
                  on_click=JournalPanelState.edit_mark(mid)),
        rx.button(T("journal.remove"), size="1", variant="soft", color_scheme="red", type="button",
                  id="remove-mark-" + mid, on_click=JournalPanelState.remove_mark(mid)),
        width="100%", align="center", spacing="2", class_name="mrko-jmark-row",
    )


def _history() -> rx.Component:
    return rx.cond(
        JournalPanelState.history.length() > 0,
        rx.vstack(
            rx.text(T("journal.history"), weight="bold", size="2"),
            rx.el.ul(
                rx.foreach(JournalPanelState.history, lambda h: rx.el.li(
                    h["at"], " · ", h["by"], ": ", h["old"], " → ", h["new"], " ", h["kind"],
                    rx.cond(h["reason"] != "", rx.el.span(" — ", h["reason"])),
                )),
                class_name="mrko-jhistory",
            ),
            id="mark-history", spacing="1", width="100%",
        ),
    )


def cell_dialog() -> rx.Component:
    P = JournalPanelState
    mark_form = rx.form(
        rx.vstack(
            rx.hstack(
                _labelled("journal.mark", rx.el.select(
                    rx.el.option("—", value=""),
                    rx.foreach(JournalState.scale, lambda v: rx.el.option(v, value=v)),
                    name="value", id="field-mark-value", default_value=P.form_value, class_name="mrko-select"),
                    "field-mark-value"),
                _labelled("journal.kind", rx.el.select(
                    rx.foreach(JournalState.kinds, lambda k: rx.el.option(_label(k), value=k["value"])),
                    name="kind", id="field-mark-kind", default_value=P.form_kind, class_name="mrko-select"),
                    "field-mark-kind"),
                width="100%", spacing="3", wrap="wrap",
            ),
            _error(P.panel_errors, "value", "mark"),
            _labelled("journal.comment", _input("comment", "mark", P.form_comment, max_length=500),
                      "field-mark-comment"),
            _labelled("journal.reason", _input("reason", "mark", "", max_length=300), "field-mark-reason"),
            rx.hstack(
                rx.button(rx.cond(P.form_mark != "", T("journal.save_mark"), T("journal.add_mark")),
                          type="submit", id="mark-save"),
                rx.cond(P.form_mark != "", rx.button(T("journal.new_mark"), type="button", variant="soft",
                                                      id="mark-new", on_click=P.new_mark)),
                spacing="2",
            ),
            spacing="2", width="100%",
        ),
        key=P.form_nonce.to(str) + "-mark",
        on_submit=P.save_mark,
        reset_on_submit=False,
        id="mark-form",
    )
    attendance_form = rx.form(
        rx.hstack(
            _labelled("journal.attendance", rx.el.select(
                rx.el.option(T("journal.att.present"), value=""),
                *[rx.el.option(T(f"journal.att.{code}"), value=code) for code in ATTENDANCE],
                name="attendance", id="field-attendance", default_value=P.cell_att, class_name="mrko-select"),
                "field-attendance"),
            rx.button(T("common.save"), type="submit", id="attendance-save", variant="soft"),
            align="end", spacing="2",
        ),
        key=P.form_nonce.to(str) + "-att",
        on_submit=P.save_attendance,
        reset_on_submit=False,
        id="attendance-form",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(P.cell_title),
            rx.dialog.description(T("journal.cell_help"), size="1", color_scheme="gray"),
            rx.vstack(
                _message(P.panel_message, "cell-message"),
                rx.cond(P.panel_conflict, rx.hstack(
                    rx.button(T("journal.keep_theirs"), type="button", variant="soft", id="cell-keep",
                              on_click=P.keep_theirs_panel),
                    rx.button(T("journal.overwrite"), type="button", color_scheme="orange", id="cell-overwrite",
                              on_click=P.overwrite_panel),
                    spacing="2")),
                rx.foreach(P.cell_marks, _mark_row),
                mark_form,
                rx.separator(size="4"),
                attendance_form,
                _history(),
                rx.dialog.close(rx.button(T("journal.close"), variant="outline", type="button", id="cell-close")),
                spacing="3", width="100%",
            ),
            id="cell-dialog",
            on_close_auto_focus=REFOCUS,
            max_width="560px",
        ),
        open=P.cell_open,
        on_open_change=P.close_cell,
    )


def lesson_dialog() -> rx.Component:
    P = JournalPanelState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T("journal.lesson_of"), " ", P.lesson_title),
            rx.dialog.description(T("journal.lesson_help"), size="1", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    _message(P.panel_message, "lesson-message"),
                    _labelled("journal.topic", _input("topic", "lesson", P.lesson_topic, max_length=300),
                              "field-lesson-topic"),
                    _error(P.panel_errors, "topic", "lesson"),
                    _labelled("journal.homework", rx.el.textarea(
                        name="homework", id="field-lesson-homework", default_value=P.lesson_homework,
                        class_name="mrko-input", rows=3, max_length=2000), "field-lesson-homework"),
                    _error(P.panel_errors, "homework", "lesson"),
                    _labelled("journal.due_date", _input("due_date", "lesson", P.lesson_due,
                                                          placeholder=T("journal.date_placeholder")),
                              "field-lesson-due_date"),
                    _error(P.panel_errors, "due_date", "lesson"),
                    rx.hstack(
                        rx.cond(
                            P.panel_conflict,
                            rx.fragment(
                                rx.button(T("journal.overwrite"), type="submit", color_scheme="orange",
                                          id="lesson-overwrite"),
                                rx.button(T("journal.keep_theirs"), type="button", variant="soft",
                                          id="lesson-keep", on_click=P.keep_theirs_lesson),
                            ),
                            rx.button(T("common.save"), type="submit", id="lesson-save"),
                        ),
                        rx.dialog.close(rx.button(T("journal.close"), variant="outline", type="button")),
                        spacing="2", wrap="wrap",
                    ),
                    spacing="2", width="100%",
                ),
                key=P.form_nonce.to(str) + "-lesson",
                on_submit=P.save_lesson,
                reset_on_submit=False,
            ),
            id="lesson-dialog",
            on_close_auto_focus=REFOCUS,
            max_width="560px",
        ),
        open=P.lesson_open,
        on_open_change=P.close_lesson,
    )


def final_dialog() -> rx.Component:
    F = JournalFinalState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(JournalState.is_year, T("journal.year_mark"), T("journal.period_mark")),
                            ": ", F.final_name),
            rx.vstack(
                rx.text(T("journal.average"), ": ", rx.el.strong(rx.cond(F.final_average != "", F.final_average, "—"),
                                                                 id="final-average")),
                rx.text(T("journal.proposed"), ": ", rx.el.strong(rx.cond(F.final_proposed != "", F.final_proposed,
                                                                          "—"), id="final-proposed")),
                rx.text(T("journal.confirmed"), ": ",
                        rx.el.strong(rx.cond(F.final_current != "", F.final_current, "—"), id="final-current"),
                        rx.cond(F.final_current_reason != "", rx.el.span(" — ", F.final_current_reason))),
                _message(F.final_message, "final-message"),
                rx.form(
                    rx.vstack(
                        _labelled("journal.mark", rx.el.select(
                            rx.el.option(T("journal.take_proposal"), value=""),
                            rx.foreach(JournalState.scale, lambda v: rx.el.option(v, value=v)),
                            name="value", id="field-final-value", default_value=F.final_value,
                            class_name="mrko-select"), "field-final-value"),
                        _error(F.final_errors, "value", "final"),
                        _labelled("journal.override_reason", _input("reason", "final", "", max_length=300),
                                  "field-final-reason"),
                        _error(F.final_errors, "reason", "final"),
                        rx.hstack(
                            rx.button(T("journal.confirm"), type="submit", id="final-save"),
                            rx.dialog.close(rx.button(T("journal.close"), variant="outline", type="button")),
                            spacing="2",
                        ),
                        spacing="2", width="100%",
                    ),
                    key=F.final_nonce.to(str) + "-final",
                    on_submit=F.save_final,
                    reset_on_submit=False,
                ),
                spacing="2", width="100%",
            ),
            id="final-dialog",
            on_close_auto_focus=REFOCUS,
            max_width="480px",
        ),
        open=F.final_open,
        on_open_change=F.close_final,
    )
