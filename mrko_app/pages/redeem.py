import reflex as rx

from mrko_app import routes
from mrko_app.components.access import labelled
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.access import RedeemState


def _summary_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            labelled("access.envelope_student", RedeemState.preview["student_name"], id="summary-student"),
            labelled("access.col_birth", RedeemState.preview["birth_date"]),
            labelled("access.col_class", RedeemState.preview["class_name"], id="summary-class"),
            labelled("access.col_school", RedeemState.preview["school_name"]),
            rx.cond(RedeemState.step == "summary",
                    labelled("access.redeem_page_name", RedeemState.page_name, id="summary-page-name")),
            spacing="1",
        ),
        width="100%",
        id="redeem-summary",
    )


def _code_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T("access.redeem_intro")),
            form_message(RedeemState.message),
            field("access.redeem_code", "code", RedeemState.errors, hint_key="access.redeem_code_hint",
                  placeholder="XXXX-XXXX-XXXX-XXXX", autocomplete="one-time-code",
                  style={"font-family": "monospace", "letter-spacing": "0.08em"}),
            submit_button("access.redeem_check", id="redeem-check"),
            spacing="3",
            width="100%",
        ),
        on_submit=RedeemState.check,
        reset_on_submit=False,
        class_name="mrko-form",
    )


def _name_step() -> rx.Component:
    return rx.vstack(
        _summary_card(),
        rx.form(
            rx.vstack(
                rx.text(T("access.redeem_name_intro")),
                form_message(RedeemState.message),
                field("access.redeem_page_name", "page_name", RedeemState.errors,
                      hint_key="access.redeem_page_name_hint", max_length=40),
                rx.hstack(
                    rx.button(T("common.back"), type="button", variant="outline", size="3",
                              on_click=RedeemState.back, id="redeem-back"),
                    rx.button(T("common.next"), type="submit", size="3", id="redeem-next"),
                    spacing="3",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=RedeemState.name,
            reset_on_submit=False,
            class_name="mrko-form",
        ),
        spacing="4",
        width="100%",
        max_width="520px",
    )


def _summary_step() -> rx.Component:
    return rx.vstack(
        rx.heading(T("access.redeem_summary"), size="4"),
        _summary_card(),
        form_message(RedeemState.message),
        rx.hstack(
            rx.button(T("common.back"), variant="outline", size="3", on_click=RedeemState.back, id="redeem-back"),
            rx.button(T("access.redeem_finish"), size="3", on_click=RedeemState.finish, id="redeem-finish"),
            spacing="3",
        ),
        spacing="4",
        width="100%",
        max_width="520px",
    )


def _done_step() -> rx.Component:
    return rx.vstack(
        rx.callout(rx.text(T("access.redeem_done"), " ", rx.text.strong(RedeemState.page_name)),
                   color_scheme="green", id="redeem-done", icon="circle-check"),
        rx.hstack(
            rx.link(T("access.redeem_to_diary"), href=routes.DIARY, id="link-diary"),
            rx.link(T("nav.children"), href=routes.CHILDREN, id="link-children"),
            spacing="4",
        ),
        spacing="3",
    )


@page(routes.REDEEM, "nav.redeem", roles=("parent",), on_load=RedeemState.load)
def redeem() -> rx.Component:
    return rx.box(
        rx.match(
            RedeemState.step,
            ("name", _name_step()),
            ("summary", _summary_step()),
            ("done", _done_step()),
            _code_step(),
        ),
        width="100%",
    )
