import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.services.school_admin import WEEKDAYS
from mrko_app.state.school_timetable import TimetableAdminState as S

E = S.errors
ACTIONS = ("cancel", "restore", "substitute")


def _select(label: str, name: str, options, *, static=None, empty: bool = True) -> rx.Component:
    choices = [rx.el.option(T(key), value=value) for value, key in static] if static else [
        rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"]))]
    return rx.vstack(
        rx.el.label(T(label), html_for=f"field-{name}", class_name="mrko-label"),
        rx.el.select(*([rx.el.option("—", value="")] if empty else []), *choices, name=name, id=f"field-{name}",
                     class_name="mrko-select"),
        field_error(E, name), spacing="1", width="100%")


def _grid(*children) -> rx.Component:
    return rx.grid(*children, columns=rx.breakpoints(initial="1", sm="2", md="4"), spacing="3", width="100%")


def _week() -> rx.Component:
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(rx.table.column_header_cell(T("school_admin.lesson_number")),
                                     *[rx.table.column_header_cell(T(f"school_admin.day.{d}")) for d in WEEKDAYS])),
        rx.table.body(rx.foreach(S.grid, lambda row: rx.table.row(
            rx.table.row_header_cell(row[0]), *[rx.table.cell(rx.text(row[d + 1], size="1")) for d in WEEKDAYS]))),
        width="100%", id="week-grid"), width="100%", overflow_x="auto")


def _slot(s: dict) -> rx.Component:
    return rx.hstack(
        rx.text(rx.match(s["day"], *[(str(d), T(f"school_admin.day.{d}")) for d in WEEKDAYS], s["day"]), ", ",
                s["number"], size="2", weight="medium"),
        rx.text(s["text"], size="2"), rx.text(s["dates"], size="1", color_scheme="gray"),
        rx.button(T("school_admin.remove"), size="1", variant="soft", color_scheme="red",
                  on_click=S.end_slot(s["id"]), id="end-slot-" + s["id"]),
        spacing="2", align="center", wrap="wrap", id="slot-" + s["id"])


def _slot_form() -> rx.Component:
    return rx.form(rx.vstack(
        _grid(_select("school_admin.weekday", "weekday", None, static=[(str(d), f"school_admin.day.{d}")
                                                                        for d in WEEKDAYS], empty=False),
              rx.vstack(rx.el.label(T("school_admin.lesson_number"), html_for="field-lesson_number",
                                    class_name="mrko-label"),
                        rx.el.select(rx.foreach(S.lesson_numbers, lambda n: rx.el.option(n, value=n)),
                                     name="lesson_number", id="field-lesson_number", class_name="mrko-select"),
                        field_error(E, "lesson_number"), spacing="1", width="100%"),
              _select("school_admin.subject", "subject_id", S.subjects),
              _select("school_admin.teacher", "teacher_id", S.teachers),
              field("school_admin.room", "room", E),
              field("school_admin.valid_from", "valid_from", E, placeholder="01.09.2026"),
              field("school_admin.valid_to", "valid_to", E, placeholder="31.05.2027")),
        rx.button(T("school_admin.add_slot"), type="submit", size="3", id="add-slot"),
        spacing="3", width="100%"),
        on_submit=S.add_slot, reset_on_submit=False, no_validate=True, class_name="mrko-form", id="form-slot")


def _lesson_form() -> rx.Component:
    return rx.form(rx.vstack(
        rx.heading(T("school_admin.lesson_change"), size="4", as_="h2"),
        _grid(field("school_admin.date", "date", E, placeholder="01.12.2026"),
              rx.vstack(
                  rx.el.label(T("school_admin.lesson_number"), html_for="field-change-number", class_name="mrko-label"),
                  rx.el.select(rx.foreach(S.lesson_numbers, lambda n: rx.el.option(n, value=n)),
                               name="lesson_number", id="field-change-number", class_name="mrko-select"),
                  spacing="1", width="100%"),
              _select("school_admin.action", "action", None, static=[(a, f"school_admin.lesson_action.{a}")
                                                                      for a in ACTIONS], empty=False),
              _select("school_admin.substitute", "substitute_teacher_id", S.teachers)),
        field_error(E, "lesson"),
        rx.button(T("school_admin.apply_lesson"), type="submit", size="3", id="change-lesson"),
        spacing="3", width="100%"),
        on_submit=S.change_lesson, reset_on_submit=False, no_validate=True, class_name="mrko-form",
        id="form-lesson")


@page(routes.STAFF_TIMETABLE, "nav.staff_timetable", roles=("staff",), on_load=S.load)
def staff_timetable() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.timetable_intro")),
        school_picker(S),
        rx.hstack(
            rx.el.label(T("school_admin.pick_class"), html_for="tt-class", class_name="mrko-label"),
            rx.el.select(rx.foreach(S.classes, lambda c: rx.el.option(c["name"], value=c["id"])), id="tt-class",
                         class_name="mrko-select", value=S.class_id, on_change=S.pick_class),
            spacing="2", align="center"),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.cond(S.class_id != "", rx.vstack(
            _week(),
            rx.vstack(rx.foreach(S.slots, _slot), spacing="1", width="100%", id="slots"),
            _slot_form(),
            _lesson_form(),
            spacing="4", width="100%")),
        spacing="4", width="100%", max_width="1100px",
    )
