import reflex as rx
from reflex_components_core.el.elements.forms import Input

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.forum import faq_link
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.access.documents import MAX_SIZE
from mrko_app.state.apply import ApplyState

DROPZONE_STYLE = {"border": "2px dashed var(--gray-a7)", "border_radius": "8px", "padding": "0.9rem",
                  "cursor": "pointer", "text_align": "center", "width": "100%"}
ACCEPT = {"application/pdf": [".pdf"], "image/png": [".png"], "image/jpeg": [".jpg", ".jpeg"]}
UPLOADS = (
    ("application", ApplyState.upload_application),
    ("birth_certificate", ApplyState.upload_birth_certificate),
    ("identity", ApplyState.upload_identity),
)


def _label(kind: str) -> rx.Var:
    if kind == "birth_certificate":
        return rx.cond(ApplyState.relation == "representative", T("access.doc_kind.representative"),
                       T("access.doc_kind.birth_certificate"))
    return T(f"access.doc_kind.{kind}")


def _named_by(zone: rx.Component, label_id: str) -> rx.Component:
    """rx.upload renders react-dropzone's file input without taking props for it: give that input its
    name (the visible label) so that a screen reader announces what to attach."""
    stack = [zone]
    while stack:
        component = stack.pop()
        if isinstance(component, Input):
            component.custom_attrs["aria-labelledby"] = label_id
        stack.extend(component.children)
    return zone


def _upload(kind: str, handler) -> rx.Component:
    upload_id = f"doc-{kind}"
    return rx.vstack(
        rx.text(_label(kind), class_name="mrko-label", id=f"label-{kind}"),
        rx.box(
            _named_by(rx.upload.root(
                rx.vstack(
                    rx.icon("upload", size=20),
                    rx.text(T("access.doc_hint"), size="2", color_scheme="gray"),
                    align="center",
                    spacing="1",
                ),
                id=upload_id,
                multiple=False,
                max_files=1,
                max_size=MAX_SIZE,
                accept=ACCEPT,
                on_drop=handler(rx.upload_files(upload_id=upload_id)),
                style=DROPZONE_STYLE,
            ), f"label-{kind}"),
            id=f"upload-{kind}",
            width="100%",
        ),
        rx.cond(
            ApplyState.attached.contains(kind),
            rx.text(T("access.doc_attached"), " ", ApplyState.attached[kind], size="2", color_scheme="green",
                    id=f"attached-{kind}"),
        ),
        field_error(ApplyState.errors, f"doc_{kind}"),
        spacing="1",
        width="100%",
    )


def _field(name: str, *, label: str = "", **props) -> rx.Component:
    """A field of the form, starting from the earlier application's value when applying again."""
    return field(label or f"access.app_{name}", name, ApplyState.errors, default_value=ApplyState.prefill[name],
                 **props)


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_message(ApplyState.message),
            rx.vstack(
                rx.el.label(T("access.app_school"), html_for="field-school_id", class_name="mrko-label"),
                rx.el.select(
                    rx.el.option(T("access.app_pick_school"), value=""),
                    rx.foreach(ApplyState.schools, lambda s: rx.el.option(s["name"], value=s["id"])),
                    name="school_id",
                    id="field-school_id",
                    default_value=ApplyState.prefill["school_id"],
                    class_name="mrko-select",
                ),
                field_error(ApplyState.errors, "school_id"),
                spacing="1",
                width="100%",
            ),
            _field("surname"),
            _field("first_name"),
            _field("patronymic"),
            _field("birth_date", type="date"),
            _field("class_name", label="access.app_class", hint_key="access.app_class_hint"),
            rx.vstack(
                rx.el.label(T("access.app_relation"), html_for="field-relation", class_name="mrko-label"),
                rx.el.select(
                    rx.el.option(T("access.relation.parent"), value="parent"),
                    rx.el.option(T("access.relation.representative"), value="representative"),
                    name="relation",
                    id="field-relation",
                    default_value=ApplyState.relation,
                    class_name="mrko-select",
                    on_change=ApplyState.choose_relation,
                ),
                field_error(ApplyState.errors, "relation"),
                spacing="1",
                width="100%",
            ),
            rx.heading(T("access.app_documents"), size="3"),
            *[_upload(kind, handler) for kind, handler in UPLOADS],
            submit_button("access.app_submit", id="apply-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=ApplyState.submit,
        reset_on_submit=False,
        class_name="mrko-form",
        key=ApplyState.form_key,
    )


@page(routes.APPLY, "nav.apply", roles=("parent",), on_load=ApplyState.load)
def apply() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ApplyState.done,
            rx.vstack(
                rx.callout(rx.text(T("access.app_submitted"), " ", ApplyState.due), color_scheme="green",
                           id="apply-done"),
                rx.link(T("nav.children"), href=routes.CHILDREN, id="link-children"),
                spacing="3",
            ),
            rx.vstack(rx.text(T("access.app_intro")), faq_link("access-code", id="faq-access"), _form(), spacing="4",
                      width="100%"),
        ),
        spacing="4",
        width="100%",
    )
