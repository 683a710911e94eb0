import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.codes import CodesState as S

STUDENT_STATUSES = ("studying", "graduated", "left")
CODE_STATUSES = ("used", "revoked", "expired")


def _student_status(status) -> rx.Component:
    return rx.match(status, *[(s, T(f"access.student_status.{s}")) for s in STUDENT_STATUSES], status)


def _student(s: dict) -> rx.Component:
    studying = s["status"] == "studying"
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.button(s["name"], on_click=S.pick_student(s["id"]), id="student-" + s["id"], variant="ghost",
                          size="3", style={"margin": "0", "padding": "0", "font_weight": "500"}),
                rx.badge(_student_status(s["status"]), color_scheme=rx.cond(studying, "green", "gray"),
                         id="status-" + s["id"]),
                spacing="2", align="center", wrap="wrap",
            ),
            rx.text(s["birth"], size="2", color_scheme="gray"),
            rx.hstack(
                rx.cond(
                    studying,
                    rx.fragment(
                        rx.button(rx.icon("key-round", size=16), T("access.issue"), size="2",
                                  on_click=S.issue(s["id"]), id="issue-" + s["id"]),
                        rx.button(T("access.set_graduated"), size="2", variant="outline",
                                  on_click=S.mark_student(s["id"], "graduated"), id="graduated-" + s["id"]),
                        rx.button(T("access.set_left"), size="2", variant="outline", color_scheme="red",
                                  on_click=S.mark_student(s["id"], "left"), id="left-" + s["id"]),
                    ),
                    rx.button(T("access.set_studying"), size="2", variant="outline",
                              on_click=S.mark_student(s["id"], "studying"), id="studying-" + s["id"]),
                ),
                spacing="2", wrap="wrap",
            ),
            spacing="2",
        ),
        width="100%",
    )


def _code(c: dict) -> rx.Component:
    return rx.hstack(
        rx.text(c["issued"], size="2"),
        rx.cond(
            c["status"] == "active",
            rx.hstack(
                rx.text(T("access.code_status.active"), " ", c["expires"], size="2", color_scheme="green"),
                rx.button(T("access.revoke"), size="1", variant="soft", color_scheme="red",
                          on_click=S.revoke(c["id"]), id="revoke-" + c["id"]),
                spacing="2", align="center",
            ),
            rx.text(rx.match(c["status"], *[(s, T(f"access.code_status.{s}")) for s in CODE_STATUSES], c["status"]),
                    size="2", color_scheme="gray"),
        ),
        spacing="3", align="center", wrap="wrap", id="code-" + c["id"],
    )


@page(routes.CODES, "nav.codes", roles=("staff",), on_load=S.load)
def codes() -> rx.Component:
    return rx.vstack(
        rx.text(T("access.codes_intro")),
        form_message(S.message),
        rx.hstack(
            rx.el.label(T("access.pick_class"), html_for="codes-class", class_name="mrko-label"),
            rx.el.select(
                rx.el.option("—", value=""),
                rx.foreach(S.classes, lambda c: rx.el.option(c["name"], value=c["id"])),
                id="codes-class", class_name="mrko-select", value=S.class_id, on_change=S.pick_class,
            ),
            spacing="2", align="center",
        ),
        rx.cond(
            S.student_id != "",
            rx.card(
                rx.vstack(
                    rx.heading(T("access.codes_of"), ": ", S.student_name, size="3"),
                    rx.cond(S.codes.length() > 0, rx.vstack(rx.foreach(S.codes, _code), spacing="1"),
                            rx.text(T("common.none"), size="2", color_scheme="gray")),
                    spacing="2",
                ),
                width="100%", id="student-codes",
            ),
        ),
        rx.grid(rx.foreach(S.students, _student), columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                width="100%", id="students"),
        spacing="4",
        width="100%",
        max_width="960px",
    )
