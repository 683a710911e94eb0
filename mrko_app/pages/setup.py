import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, select_field, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.state.setup import SetupState as S

E = S.errors


def _account_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T("school_admin.or_new_account"), weight="medium"),
            rx.cond(S.channel == "email",
                    field("register.phone", "phone", E, type="tel", autocomplete="tel",
                          placeholder="+7 999 123-45-67"),
                    field("register.email", "email", E, type="email", autocomplete="email")),
            field("register.login", "login", E, autocomplete="username", hint_key="register.login_hint"),
            field("register.password", "password", E, type="password", autocomplete="new-password",
                  hint_key="register.password_hint"),
            field("register.password_confirm", "password_confirm", E, type="password", autocomplete="new-password"),
            select_field("register.security_question", "security_question", E,
                         [(q, f"question.{q}") for q in SECURITY_QUESTIONS]),
            field("register.security_answer", "security_answer", E),
            submit_button("school_admin.create_account", id="setup-create"),
            spacing="3", width="100%",
        ),
        on_submit=S.create, reset_on_submit=False, no_validate=True, class_name="mrko-form", id="form-setup",
    )


@page(routes.SETUP, "nav.setup", on_load=S.open_link)
def setup() -> rx.Component:
    return rx.vstack(
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.cond(S.done & ~S.signed_in, rx.link(T("school_admin.go_login"), href=routes.LOGIN, id="setup-login")),
        rx.cond(
            S.link_valid,
            rx.vstack(
                rx.text(S.intro, id="setup-intro"),
                rx.cond(
                    S.signed_in,
                    rx.button(T("school_admin.accept_signed_in"), " ", S.user_name, on_click=S.accept,
                              id="setup-accept", size="3"),
                    rx.text(T("school_admin.have_account"), color_scheme="gray"),
                ),
                rx.cond(~S.signed_in, _account_form()),
                spacing="3", width="100%",
            ),
        ),
        spacing="3", width="100%", max_width="640px",
    )
