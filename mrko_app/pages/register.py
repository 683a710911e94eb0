import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, select_field, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.state.register import RegisterState

E = RegisterState.errors


@page(routes.REGISTER, "register.title", on_load=RegisterState.clear)
def register() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T("register.lead"), color_scheme="gray"),
            form_message(RegisterState.message),
            field("register.surname", "surname", E, autocomplete="family-name"),
            field("register.first_name", "first_name", E, autocomplete="given-name"),
            field("register.patronymic", "patronymic", E, autocomplete="additional-name",
                  hint_key="register.patronymic_hint"),
            field("register.email", "email", E, type="email", autocomplete="email"),
            field("register.phone", "phone", E, type="tel", autocomplete="tel", placeholder="+7 999 123-45-67",
                  hint_key="register.phone_hint"),
            field("register.login", "login", E, autocomplete="username", hint_key="register.login_hint"),
            field("register.password", "password", E, type="password", autocomplete="new-password",
                  hint_key="register.password_hint"),
            field("register.password_confirm", "password_confirm", E, type="password", autocomplete="new-password"),
            select_field("register.security_question", "security_question", E,
                         [(q, f"question.{q}") for q in SECURITY_QUESTIONS]),
            field("register.security_answer", "security_answer", E),
            submit_button("register.submit", id="register-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=RegisterState.submit,
        reset_on_submit=False, no_validate=True,
        class_name="mrko-form",
    )


@page(routes.CONFIRM_PHONE, "register.confirm_title")
def confirm_phone() -> rx.Component:
    return rx.vstack(
        rx.text(T("register.confirm_lead"), " ", rx.text.strong(RegisterState.phone_hint)),
        rx.form(
            rx.vstack(
                form_message(RegisterState.message),
                rx.cond(RegisterState.notice != "", rx.callout(RegisterState.notice, color_scheme="green")),
                field("register.code", "code", E, autocomplete="one-time-code", input_mode="numeric"),
                submit_button("register.confirm", id="confirm-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=RegisterState.confirm,
            reset_on_submit=False, no_validate=True,
            class_name="mrko-form",
        ),
        rx.button(T("register.resend"), on_click=RegisterState.resend, variant="ghost", id="resend-code"),
        spacing="3",
        width="100%",
    )
