import reflex as rx

from mrko_app import routes
from mrko_app.components.access import labelled, reason_text, status_badge
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.access import ChildrenState


def _kid(kid: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(kid["page_name"], size="4"),
            labelled("access.col_child", kid["student"]),
            labelled("access.col_class", kid["class_name"]),
            spacing="1",
        ),
        id="kid-" + kid["id"],
        class_name="mrko-kid",
        width="100%",
    )


def _application(app: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(app["child"], weight="bold"), status_badge(app["status"]), spacing="2", wrap="wrap",
                      align="center"),
            labelled("access.col_class", app["class_name"]),
            labelled("access.col_school", app["school"]),
            labelled("access.col_submitted", app["submitted"]),
            rx.cond(app["status"] == "submitted", labelled("access.col_due", app["due"])),
            rx.cond(
                app["status"] == "rejected",
                rx.vstack(
                    rx.hstack(rx.text(T("access.col_reason"), ":", color_scheme="gray", size="2"),
                              rx.text(reason_text(app["reason"]), size="2", color_scheme="red"),
                              rx.cond(app["reason_text"] != "", rx.text("— ", app["reason_text"], size="2")),
                              spacing="1", wrap="wrap", class_name="mrko-reject-reason"),
                    rx.link(T("access.apply_again"), href=routes.APPLY + "?again=" + app["id"].to(str),
                            class_name="mrko-apply-again", id="apply-again-" + app["id"].to(str)),
                    spacing="1",
                ),
            ),
            rx.cond(app["status"] == "approved",
                    rx.link(T("access.approved_hint"), href=routes.REDEEM, size="2")),
            spacing="1",
        ),
        id="application-" + app["id"],
        class_name="mrko-application",
        width="100%",
    )


@page(routes.CHILDREN, "nav.children", roles=("parent",), on_load=ChildrenState.load)
def children() -> rx.Component:
    return rx.vstack(
        rx.text(T("access.children_intro")),
        rx.hstack(
            rx.link(rx.button(rx.icon("file-plus"), T("nav.apply"), size="3"), href=routes.APPLY, id="link-apply"),
            rx.link(rx.button(rx.icon("key-round"), T("nav.redeem"), size="3", variant="outline"), href=routes.REDEEM,
                    id="link-redeem"),
            spacing="3",
            wrap="wrap",
        ),
        rx.heading(T("access.children_linked"), size="4"),
        rx.cond(
            ChildrenState.kids.length() > 0,
            rx.grid(rx.foreach(ChildrenState.kids, _kid), columns=rx.breakpoints(initial="1", sm="2"), spacing="3",
                    width="100%", id="kids"),
            rx.text(T("access.children_none"), id="kids-none", color_scheme="gray"),
        ),
        rx.heading(T("access.applications"), size="4"),
        rx.cond(
            ChildrenState.apps.length() > 0,
            rx.vstack(rx.foreach(ChildrenState.apps, _application), spacing="3", width="100%", id="applications"),
            rx.text(T("access.applications_none"), id="applications-none", color_scheme="gray"),
        ),
        spacing="4",
        width="100%",
        max_width="900px",
    )
