import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.state.school_admin import AuditState as S


def _entry(e: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(e["at"]), rx.table.cell(e["who"]),
        rx.table.cell(rx.vstack(rx.text(e["action"], weight="medium"), rx.text(e["target"], size="2"), spacing="0")),
        rx.table.cell(rx.text(e["before"], size="2", class_name="mrko-audit-value")),
        rx.table.cell(rx.text(e["after"], size="2", class_name="mrko-audit-value")),
        id="audit-" + e["id"],
    )


@page(routes.STAFF_AUDIT, "nav.staff_audit", roles=("staff",), on_load=S.load)
def staff_audit() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.audit_intro")),
        school_picker(S),
        form_message(S.message),
        rx.form(
            rx.vstack(
                rx.el.label(T("school_admin.audit_search"), html_for="field-text", class_name="mrko-label"),
                rx.hstack(
                    rx.box(rx.input(name="text", id="field-text", size="3", width="100%"), flex="1", min_width="0"),
                    rx.button(rx.icon("search", size=16), type="submit", aria_label=T("school_admin.audit_search"),
                              id="audit-find", size="3"),
                    spacing="2", align="center", width="100%"),
                spacing="1", width="100%", max_width="560px",
            ),
            on_submit=S.find, reset_on_submit=False, no_validate=True, id="form-audit", width="100%",
        ),
        rx.cond(
            S.entries.length() > 0,
            rx.box(rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(T(f"school_admin.audit_{k}"))
                                               for k in ("when", "who", "what", "before", "after")])),
                rx.table.body(rx.foreach(S.entries, _entry)), width="100%", id="audit"),
                width="100%", overflow_x="auto"),
            rx.text(T("school_admin.audit_empty"), color_scheme="gray", id="audit-empty"),
        ),
        spacing="4", width="100%",
    )
