"""The journal's grid: students in rows (names stick to the left), lesson dates in columns (the header
sticks to the top), marks and attendance in the cells, the average, proposal and final mark at the end.

Every cell is focusable (tabindex 0) and sends its keys to JournalState.cell_key; assets/journal.js
moves the focus with the arrow keys. Cell ids: `cell-<student id>-<lesson id>`; a cell's
`data-status` is saving | saved | failed | conflict.
"""

import reflex as rx
from reflex_base.components.component import field
from reflex_base.event import EventHandler, key_event
from reflex_components_core.el.elements.tables import Td, Th

from mrko_app.components.i18n import T, bilingual, per_language
from mrko_app.state.journal import JournalState
from mrko_app.state.journal_final import JournalFinalState
from mrko_app.state.journal_panel import JournalPanelState

ATTENDANCE = ("absent", "valid", "ill", "late")


class KeyTd(Td):
    """A table cell that reports the keys pressed in it (plain <td> has no on_key_down in Reflex)."""

    on_key_down: EventHandler[key_event] = field(doc="Fired when a key is pressed down")


class KeyTh(Th):
    """A header cell that reports the keys pressed in it."""

    on_key_down: EventHandler[key_event] = field(doc="Fired when a key is pressed down")


key_td = KeyTd.create
key_th = KeyTh.create


def _label(item) -> rx.Var:
    return bilingual(item["en"], item["ru"])


def attendance_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        *[(code, rx.el.span(T(f"journal.att_short.{code}"), class_name=f"mrko-jatt mrko-jatt-{code}"))
          for code in ATTENDANCE],
        rx.fragment(),
    )


def _status_dot(status: rx.Var) -> rx.Component:
    # an image named by its meaning, so that a screen reader says "saved", not "check mark"
    def dot(glyph: str, extra: str, key: str) -> rx.Component:
        return rx.el.span(glyph, class_name=f"mrko-jdot {extra}".strip(), title=T(key), role="img", aria_label=T(key))

    return rx.match(
        status,
        ("saving", dot("…", "", "journal.saving")),
        ("saved", dot("✓", "mrko-jdot-saved", "journal.saved")),
        ("failed", dot("!", "mrko-jdot-failed", "journal.not_saved")),
        ("conflict", dot("⚠", "mrko-jdot-conflict", "journal.conflict")),
        rx.fragment(),
    )


def _cell(student, lesson) -> rx.Component:
    key = student["id"].to(str) + "-" + lesson["id"].to(str)
    return key_td(
        rx.cond(
            JournalState.pending.contains(key),
            rx.el.span(JournalState.pending[key], class_name="mrko-jpending"),
            rx.fragment(
                rx.el.span(JournalState.marks[key], class_name="mrko-jmarks"),
                attendance_badge(JournalState.att[key]),
            ),
        ),
        _status_dot(JournalState.status[key]),
        id="cell-" + key,
        tab_index=0,
        class_name="mrko-jcell",
        data_status=JournalState.status[key],
        data_ahead=lesson["ahead"],
        on_key_down=lambda pressed, _info: JournalState.cell_key(key, pressed),
        on_focus=JournalPanelState.focus_cell(key),
        on_double_click=JournalPanelState.open_cell(key),
    )


def _lesson_head(lesson) -> rx.Component:
    return key_th(
        rx.el.div(lesson["day"], class_name="mrko-jday"),
        rx.el.div(
            per_language(lesson, "wd"),
            # the marks for a topic and homework are for the eye (their texts are in the tooltips and the
            # lesson's editor): a screen reader names the column by its date and weekday only
            rx.cond(lesson["topic"] != "", rx.el.span("●", class_name="mrko-jflag", title=lesson["topic"],
                                                      aria_hidden="true")),
            rx.cond(lesson["homework"] != "", rx.el.span("✎", class_name="mrko-jflag", title=lesson["homework"],
                                                         aria_hidden="true")),
            class_name="mrko-jwd",
        ),
        id="lesson-" + lesson["id"].to(str),
        tab_index=0,
        scope="col",
        class_name="mrko-jhead",
        title=lesson["topic"],
        data_ahead=lesson["ahead"],
        on_click=JournalPanelState.open_lesson(lesson["id"]),
        on_key_down=lambda pressed, _info: JournalPanelState.lesson_key(lesson["id"], pressed),
    )


def _summary_cells(student) -> list[rx.Component]:
    sid = student["id"].to(str)
    return [
        rx.el.td(student["avg"], class_name="mrko-javg", id="avg-" + sid),
        rx.el.td(student["proposed"], class_name="mrko-jsum", id="proposed-" + sid),
        rx.el.td(
            rx.el.button(
                rx.cond(student["final"] != "", student["final"], "—"),
                rx.cond(student["override"] != "", rx.el.sup("*")),
                id="final-" + sid,
                class_name="mrko-jfinal-button",
                type="button",
                on_click=JournalFinalState.open_final(sid),
            ),
            class_name="mrko-jsum",
        ),
    ]


def _summary_heads(first_key: str) -> list[rx.Component]:
    return [
        rx.el.th(T(first_key), scope="col", class_name="mrko-jsumhead"),
        rx.el.th(T("journal.proposed"), scope="col", class_name="mrko-jsumhead"),
        rx.el.th(T("journal.final"), scope="col", class_name="mrko-jsumhead"),
    ]


def journal_grid() -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(T("journal.student"), scope="col", class_name="mrko-jcorner"),
                    rx.foreach(JournalState.lessons, _lesson_head),
                    *_summary_heads("journal.average"),
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    JournalState.students,
                    lambda student: rx.el.tr(
                        rx.el.th(student["name"], scope="row", class_name="mrko-jname",
                                 id="student-" + student["id"].to(str)),
                        rx.foreach(JournalState.lessons, lambda lesson: _cell(student, lesson)),
                        *_summary_cells(student),
                    ),
                )
            ),
            class_name="mrko-jtable",
            id="journal-grid",
        ),
        class_name="mrko-jwrap",
        custom_attrs={"data-scroll": JournalState.scroll_tick.to(str)},
    )


def year_grid() -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(T("journal.student"), scope="col", class_name="mrko-jcorner"),
                    rx.foreach(JournalState.year_periods,
                               lambda p: rx.el.th(_label(p), scope="col", class_name="mrko-jhead")),
                    *_summary_heads("journal.mean"),
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    JournalState.students,
                    lambda student: rx.el.tr(
                        rx.el.th(student["name"], scope="row", class_name="mrko-jname"),
                        rx.foreach(
                            JournalState.year_periods,
                            lambda p: rx.el.td(
                                JournalState.year_cells[student["id"].to(str) + "-" + p["value"].to(str)],
                                class_name="mrko-jsum",
                                id="period-" + student["id"].to(str) + "-" + p["value"].to(str),
                            ),
                        ),
                        *_summary_cells(student),
                    ),
                )
            ),
            class_name="mrko-jtable",
            id="journal-year",
        ),
        class_name="mrko-jwrap",
    )
