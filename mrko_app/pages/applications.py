import reflex as rx

from mrko_app import routes
from mrko_app.components.access import labelled, reason_text, status_badge
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.models.access import REJECT_REASONS
from mrko_app.state.applications import ApplicationsState as S


def _row(app: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(app["child"], weight="bold"),
                status_badge(app["status"]),
                rx.cond(app["overdue"] == "yes", rx.badge(T("access.overdue"), color_scheme="red", class_name="mrko-overdue")),
                spacing="2", wrap="wrap", align="center",
            ),
            labelled("access.col_birth", app["birth"]),
            labelled("access.col_class", app["class_name"]),
            labelled("access.applicant", app["applicant"]),
            labelled("access.col_submitted", app["submitted"]),
            labelled("access.due", app["due"], class_name="mrko-due"),
            rx.cond(app["status"] == "rejected",
                    rx.hstack(rx.text(reason_text(app["reason"]), size="2", color_scheme="red"),
                              rx.text(app["reason_text"], size="2"), spacing="2", wrap="wrap")),
            rx.hstack(
                rx.button(T("access.review"), on_click=S.open(app["id"]), size="2", id="review-" + app["id"]),
                rx.cond(app["status"] == "approved",
                        rx.button(T("access.reissue"), on_click=S.reissue(app["id"]), size="2", variant="outline",
                                  id="reissue-" + app["id"])),
                spacing="2",
            ),
            spacing="1",
        ),
        id="app-" + app["id"],
        width="100%",
    )


def _document(doc: dict) -> rx.Component:
    return rx.hstack(
        rx.icon("file-text", size=18),
        rx.text(rx.match(doc["kind"],
                         ("application", T("access.doc_kind.application")),
                         ("birth_certificate", T("access.doc_kind.birth_certificate")),
                         ("identity", T("access.doc_kind.identity")),
                         doc["kind"]), size="2", weight="medium"),
        rx.text(doc["filename"], " · ", doc["size"], size="2", color_scheme="gray"),
        rx.button(T("access.doc_open"), size="1", variant="soft", on_click=S.download(doc["id"]),
                  id="download-" + doc["id"]),
        spacing="2", align="center", wrap="wrap",
    )


def _student_option(s: dict) -> rx.Component:
    return rx.el.option(s["label"], value=s["id"])


def _class_picker() -> rx.Component:
    return rx.hstack(
        rx.el.label(T("access.pick_class"), html_for="pick-class", class_name="mrko-label"),
        rx.el.select(
            rx.el.option("—", value=""),
            rx.foreach(S.classes, lambda c: rx.el.option(c["name"], value=c["id"])),
            id="pick-class", class_name="mrko-select", on_change=S.pick_class,
        ),
        spacing="2", align="center",
    )


def _approve_form() -> rx.Component:
    return rx.vstack(
        rx.heading(T("access.matches"), size="3"),
        rx.cond(S.candidates.length() == 0, rx.text(T("access.matches_none"), size="2", color_scheme="gray")),
        _class_picker(),
        _approve_fields(),
        spacing="2",
        width="100%",
    )


def _approve_fields() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(T("access.pick_student"), html_for="field-student", class_name="mrko-label"),
            rx.el.select(
                rx.el.option("—", value=""),
                rx.foreach(S.candidates, _student_option),
                rx.foreach(S.class_students, _student_option),
                name="student", id="field-student", class_name="mrko-select",
                value=S.chosen_student, on_change=S.choose_student,
            ),
            field_error(S.errors, "student"),
            rx.button(T("access.approve"), type="submit", size="3", color_scheme="green", id="approve-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.approve,
        reset_on_submit=False,
    )


def _reject_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T("access.reject"), size="3"),
            rx.el.label(T("access.reject_reason"), html_for="field-reason", class_name="mrko-label"),
            rx.el.select(
                rx.el.option("—", value=""),
                *[rx.el.option(T(f"access.reason.{r}"), value=r) for r in REJECT_REASONS],
                name="reason", id="field-reason", class_name="mrko-select", on_change=S.choose_reason,
            ),
            field_error(S.errors, "reason"),
            rx.cond(
                S.reject_reason == "other",
                rx.vstack(
                    rx.el.label(T("access.reject_text"), html_for="field-reject_text", class_name="mrko-label"),
                    rx.text_area(name="reject_text", id="field-reject_text", max_length=500, width="100%"),
                    field_error(S.errors, "reject_text"),
                    spacing="1", width="100%",
                ),
            ),
            rx.button(T("access.reject"), type="submit", size="3", color_scheme="red", variant="outline",
                      id="reject-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.reject,
        reset_on_submit=False,
    )


def _detail() -> rx.Component:
    app = S.selected
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(app["child"], size="4"),
                rx.spacer(),
                rx.icon_button(rx.icon("x"), on_click=S.close, variant="ghost", id="detail-close", aria_label=T("common.close")),
                width="100%",
            ),
            labelled("access.col_birth", app["birth"]),
            labelled("access.col_class", app["class_name"]),
            labelled("access.applicant", app["applicant"]),
            labelled("access.col_relation", rx.cond(app["relation"] == "representative",
                                                    T("access.relation.representative"),
                                                    T("access.relation.parent"))),
            labelled("access.due", app["due"]),
            rx.heading(T("access.app_documents"), size="3"),
            rx.vstack(rx.foreach(S.docs, _document), spacing="2", id="documents"),
            rx.cond(
                app["status"] == "submitted",
                rx.flex(_approve_form(), _reject_form(), direction=rx.breakpoints(initial="column", md="row"),
                        spacing="5", width="100%"),
            ),
            spacing="2",
            width="100%",
        ),
        id="detail",
        width="100%",
    )


@page(routes.APPLICATIONS, "nav.applications", roles=("staff",), on_load=S.load)
def staff_applications() -> rx.Component:
    return rx.vstack(
        rx.text(T("access.queue_intro")),
        rx.hstack(
            rx.button(T("access.queue_filter_open"), on_click=S.filter_by("open"),
                      variant=rx.cond(S.show_all, "outline", "solid"), id="filter-open"),
            rx.button(T("access.queue_filter_all"), on_click=S.filter_by("all"),
                      variant=rx.cond(S.show_all, "solid", "outline"), id="filter-all"),
            spacing="2",
        ),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="notice")),
        form_message(S.message),
        rx.cond(S.selected.length() > 0, _detail()),
        rx.cond(
            S.rows.length() > 0,
            rx.vstack(rx.foreach(S.rows, _row), spacing="3", width="100%", id="queue"),
            rx.text(T("access.queue_empty"), color_scheme="gray", id="queue-empty"),
        ),
        spacing="4",
        width="100%",
        max_width="960px",
    )
