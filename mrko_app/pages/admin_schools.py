import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.school_admin import DepartmentState as S


def _row(s: dict) -> rx.Component:
    return rx.table.row(rx.table.cell(s["name"]), rx.table.cell(s["staff"]), rx.table.cell(s["pending"]),
                        id="school-" + s["id"])


@page(routes.ADMIN_SCHOOLS, "nav.admin_schools", roles=("department",), on_load=S.load)
def admin_schools() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.schools_intro")),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.form(
            rx.vstack(
                rx.heading(T("school_admin.new_school"), size="4", as_="h2"),
                field("school_admin.school_name", "name", S.errors),
                field("school_admin.short_name", "short_name", S.errors),
                rx.heading(T("school_admin.first_staff"), size="3", as_="h3"),
                field("school_admin.surname", "surname", S.errors),
                field("school_admin.first_name", "first_name", S.errors),
                field("school_admin.patronymic", "patronymic", S.errors),
                field("school_admin.contact", "contact", S.errors),
                submit_button("school_admin.create_school", id="create-school"),
                spacing="3", width="100%",
            ),
            on_submit=S.create, reset_on_submit=False, no_validate=True, class_name="mrko-form", id="form-school",
        ),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(T("school_admin.col_school")),
                rx.table.column_header_cell(T("school_admin.col_staff")),
                rx.table.column_header_cell(T("school_admin.col_pending")))),
            rx.table.body(rx.foreach(S.schools, _row)),
            width="100%", id="schools",
        ),
        spacing="4", width="100%", max_width="960px",
    )
