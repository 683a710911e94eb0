import reflex as rx
from reflex.components.el.elements.forms import Input

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.state.school_import import KINDS
from mrko_app.state.school_import import ImportState as S

UPLOAD_ID = "import-file"
DROPZONE_STYLE = {"border": "2px dashed var(--gray-8)", "border_radius": "8px", "padding": "1rem",
                  "cursor": "pointer", "width": "100%"}


def _labelled(zone: rx.Component) -> rx.Component:
    """Name react-dropzone's file input by the visible label (as the application form does)."""
    stack = [zone]
    while stack:
        component = stack.pop()
        if isinstance(component, Input):
            component.custom_attrs["aria-labelledby"] = "import-file-label"
        stack.extend(component.children)
    return zone


def _row(r: dict) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(r["row"]), rx.table.cell(r["values"]),
                        rx.table.cell(rx.text(r["errors"], color_scheme="red", size="2")),
                        id="import-row-" + r["row"], class_name=rx.cond(r["errors"] != "", "import-bad", ""))


@page(routes.STAFF_IMPORT, "nav.staff_import", roles=("staff",), on_load=S.load)
def staff_import() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.import_intro")),
        school_picker(S),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.hstack(
            rx.el.label(T("school_admin.import_kind"), html_for="import-kind", class_name="mrko-label"),
            rx.el.select(*[rx.el.option(T(f"school_admin.import_kind.{k}"), value=k) for k in KINDS],
                         id="import-kind", class_name="mrko-select", value=S.kind, on_change=S.pick_kind),
            spacing="2", align="center"),
        rx.text(T("school_admin.import_file"), class_name="mrko-label", id="import-file-label"),
        rx.box(_labelled(rx.upload.root(
            rx.vstack(rx.icon("upload", size=20), rx.text(T("school_admin.import_drop"), size="2"), align="center"),
            id=UPLOAD_ID, multiple=False, max_files=1, on_drop=S.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            style=DROPZONE_STYLE)), id="import-upload", width="100%"),
        field_error(S.errors, "file"),
        rx.cond(S.summary != "", rx.text(S.file_name, ": ", S.summary, weight="medium", id="import-summary")),
        rx.cond(S.rows.length() > 0, rx.box(rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell(T("school_admin.row")),
                                         rx.table.column_header_cell(T("school_admin.import_kind")),
                                         rx.table.column_header_cell(T("school_admin.problems")))),
            rx.table.body(rx.foreach(S.rows, _row)), width="100%", id="import-preview"),
            width="100%", overflow_x="auto", max_height="480px", overflow_y="auto")),
        rx.cond(S.can_commit, rx.button(T("school_admin.import_commit"), on_click=S.commit, size="3",
                                        id="import-commit")),
        rx.heading(T("school_admin.export"), size="4", as_="h2"),
        rx.flex(*[rx.button(rx.icon("download", size=16), T(f"school_admin.export_{k}"), f" {fmt.upper()}",
                            on_click=S.export(k, fmt), variant="outline", size="2", id=f"export-{k}-{fmt}")
                  for k in KINDS for fmt in ("csv", "xlsx")], wrap="wrap", gap="2"),
        spacing="4", width="100%", max_width="1100px",
    )
