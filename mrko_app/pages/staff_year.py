import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.state.school_year import YearAdminState as S

E = S.errors


def _form(*children, on_submit, form_id: str) -> rx.Component:
    return rx.form(rx.vstack(*children, spacing="3", width="100%"), on_submit=on_submit, reset_on_submit=False,
                   no_validate=True, class_name="mrko-form", id=form_id)


def _holiday(h: dict) -> rx.Component:
    return rx.hstack(rx.text(h["dates"], size="2"), rx.text(h["name"], size="2", weight="medium"),
                     rx.button(T("school_admin.remove"), size="1", variant="soft", color_scheme="red",
                               on_click=S.remove_holiday(h["id"]), id="remove-holiday-" + h["id"]),
                     spacing="3", align="center", wrap="wrap", id="holiday-" + h["id"])


def _year_detail() -> rx.Component:
    return rx.vstack(
        rx.cond(S.years.length() > 1, rx.hstack(
            rx.el.label(T("school_admin.year"), html_for="pick-year", class_name="mrko-label"),
            rx.el.select(rx.foreach(S.years, lambda y: rx.el.option(y["name"], value=y["id"])), id="pick-year",
                         class_name="mrko-select", value=S.year_id, on_change=S.pick_year),
            spacing="2", align="center")),
        rx.box(_form(
            rx.el.label(T("school_admin.periods"), html_for="field-periods", class_name="mrko-label"),
            rx.text_area(name="periods", id="field-periods", default_value=S.periods_text, rows="4", width="100%"),
            field_error(E, "periods"),
            rx.button(T("school_admin.save_periods"), type="submit", size="3", id="save-periods"),
            on_submit=S.save_periods, form_id="form-periods"), key=S.year_id + S.periods_text, width="100%"),
        rx.heading(T("school_admin.holidays"), size="4", as_="h2"),
        rx.vstack(rx.foreach(S.holidays, _holiday), spacing="1", id="holidays"),
        _form(
            rx.grid(field("school_admin.start_date", "start_date", E), field("school_admin.end_date", "end_date", E),
                    columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
            field("school_admin.holiday_name_ru", "name_ru", E),
            field("school_admin.holiday_name_en", "name_en", E),
            rx.button(T("school_admin.add_holiday"), type="submit", size="3", id="add-holiday"),
            on_submit=S.add_holiday, form_id="form-holiday"),
        spacing="3", width="100%",
    )


def _promotion() -> rx.Component:
    return rx.vstack(
        rx.heading(T("school_admin.promotion"), size="4", as_="h2"),
        rx.text(T("school_admin.promotion_intro"), size="2"),
        _form(
            rx.grid(
                rx.vstack(rx.el.label(T("school_admin.to_year"), html_for="field-to_year_id", class_name="mrko-label"),
                          rx.el.select(rx.foreach(S.years, lambda y: rx.cond(
                              y["id"] != S.year_id, rx.el.option(y["name"], value=y["id"]))),
                              name="to_year_id", id="field-to_year_id", class_name="mrko-select"),
                          field_error(E, "to_year_id"), spacing="1", width="100%"),
                field("school_admin.last_grade", "last_grade", E, default_value="11"),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
            rx.el.label(rx.el.input(type="checkbox", name="copy_timetable", id="field-copy_timetable"), " ",
                        T("school_admin.copy_timetable"), html_for="field-copy_timetable", class_name="mrko-check"),
            rx.button(T("school_admin.promote_preview"), type="submit", size="3", variant="outline",
                      id="promote-preview"),
            on_submit=S.preview_promotion, form_id="form-promotion"),
        rx.cond(S.promotion.length() > 0, rx.vstack(
            rx.foreach(S.promotion, lambda line: rx.text(line, size="2")),
            rx.button(T("school_admin.promote_do"), on_click=S.promote, size="3", id="promote"),
            spacing="1", id="promotion-plan")),
        spacing="3", width="100%",
    )


@page(routes.STAFF_YEAR, "nav.staff_year", roles=("staff",), on_load=S.load)
def staff_year() -> rx.Component:
    return rx.vstack(
        school_picker(S),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.cond(S.year_id != "", _year_detail(), rx.text(T("school_admin.no_year"), id="no-year")),
        rx.cond(S.years.length() > 1, _promotion()),
        rx.heading(T("school_admin.new_year"), size="4", as_="h2"),
        _form(
            field("school_admin.year_name_label", "year_name", E),
            rx.grid(field("school_admin.start_date", "year_start", E), field("school_admin.end_date", "year_end", E),
                    columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
            rx.button(T("school_admin.create_year"), type="submit", size="3", id="create-year"),
            on_submit=S.create_year, form_id="form-year"),
        spacing="4", width="100%", max_width="960px",
    )
