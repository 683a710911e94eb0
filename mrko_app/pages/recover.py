import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.i18n import has
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.state.recover import RecoverState

E = RecoverState.errors


def _form(*children, on_submit, form_id: str) -> rx.Component:
    return rx.form(rx.vstack(*children, spacing="3", width="100%"), on_submit=on_submit,
                   reset_on_submit=False, no_validate=True, class_name="mrko-form", id=form_id)


def _question_text() -> rx.Component:
    return rx.match(
        RecoverState.question_key,
        *[(q, T(f"question.{q}")) for q in SECURITY_QUESTIONS if has(f"question.{q}")],
        "",
    )


def _by_question() -> rx.Component:
    return rx.match(
        RecoverState.step,
        ("who", _form(field("recovery.who", "who", E), submit_button("common.next", id="who-submit"),
                      on_submit=RecoverState.find_question, form_id="form-who")),
        ("answer", _form(rx.text(rx.text.strong(_question_text()), id="security-question"),
                         field("recovery.answer", "answer", E),
                         submit_button("common.next", id="answer-submit"),
                         on_submit=RecoverState.answer, form_id="form-answer")),
        ("code", _form(field("register.code", "code", E, autocomplete="one-time-code"),
                       field("register.password", "password", E, type="password", autocomplete="new-password",
                             hint_key="register.password_hint"),
                       field("register.password_confirm", "password_confirm", E, type="password"),
                       submit_button("recovery.set_password", id="code-submit"),
                       on_submit=RecoverState.reset_by_code, form_id="form-code")),
        rx.link(T("nav.login"), href=routes.LOGIN, id="after-reset-login"),
    )


@page(routes.RECOVER, "recovery.title", on_load=RecoverState.clear)
def recover() -> rx.Component:
    return rx.vstack(
        form_message(RecoverState.message),
        rx.cond(RecoverState.notice != "", rx.callout(RecoverState.notice, color_scheme="green", id="form-notice")),
        rx.flex(
            *[rx.button(T(key), on_click=RecoverState.choose(mode), id=f"tab-{mode}",
                        variant=rx.cond(RecoverState.mode == mode, "solid", "outline"))
              for mode, key in (("email", "recovery.tab_email"), ("question", "recovery.tab_question"),
                                ("login", "recovery.tab_login"))],
            wrap="wrap",
            gap="2",
        ),
        rx.match(
            RecoverState.mode,
            ("question", _by_question()),
            ("login", _form(rx.text(T("recovery.login_lead"), color_scheme="gray"),
                            field("recovery.contact", "contact", E),
                            submit_button("recovery.send_login", id="contact-submit"),
                            on_submit=RecoverState.remind, form_id="form-contact")),
            _form(rx.text(T("recovery.email_lead"), color_scheme="gray"),
                  field("register.email", "email", E, type="email"),
                  submit_button("recovery.send_link", id="email-submit"),
                  on_submit=RecoverState.by_email, form_id="form-email"),
        ),
        spacing="3",
        width="100%",
    )


@page(routes.RESET, "recovery.reset_title", on_load=RecoverState.open_link)
def reset() -> rx.Component:
    return rx.vstack(
        form_message(RecoverState.message),
        rx.cond(RecoverState.notice != "", rx.callout(RecoverState.notice, color_scheme="green", id="form-notice")),
        rx.cond(
            RecoverState.link_valid,
            _form(field("register.password", "password", E, type="password", autocomplete="new-password",
                        hint_key="register.password_hint"),
                  field("register.password_confirm", "password_confirm", E, type="password"),
                  submit_button("recovery.set_password", id="reset-submit"),
                  on_submit=RecoverState.reset_by_link, form_id="form-reset"),
            rx.link(T("recovery.title"), href=routes.RECOVER),
        ),
        spacing="3",
        width="100%",
    )
