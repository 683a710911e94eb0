import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.forum import faq_link
from mrko_app.components.i18n import T, bilingual
from mrko_app.components.layout import page
from mrko_app.state.login import LoginState


def _provider_button(provider) -> rx.Component:
    # a document navigation (reload_document): the start endpoint is an HTTP route, not a page of the app
    return rx.link(
        rx.button(T("oidc.sign_in_with"), " ", bilingual(provider["en"], provider["ru"]),
                  variant="outline", size="3", width="100%", type="button"),
        href=provider["href"],
        reload_document=True,
        id="oidc-" + provider["name"].to(str),
        underline="none",
        width="100%",
    )


@page(routes.LOGIN, "nav.login", on_load=LoginState.clear)
def login() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.vstack(
                form_message(LoginState.message),
                field("login.identifier", "identifier", LoginState.errors, autocomplete="username",
                      hint_key="login.identifier_hint"),
                field("login.password", "password", LoginState.errors, type="password",
                      autocomplete="current-password"),
                rx.el.label(
                    rx.el.input(type="checkbox", name="remember", id="field-remember"),
                    " ",
                    T("login.remember"),
                    html_for="field-remember",
                ),
                submit_button("nav.login", id="login-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.submit,
            reset_on_submit=False, no_validate=True,
            class_name="mrko-form",
        ),
        rx.cond(
            LoginState.providers.length() > 0,
            rx.vstack(
                rx.text(T("oidc.or"), color_scheme="gray", size="2"),
                rx.foreach(LoginState.providers, _provider_button),
                spacing="2",
                width="100%",
                id="oidc-providers",
            ),
        ),
        rx.hstack(
            rx.link(T("login.forgot"), href=routes.RECOVER, id="link-recover"),
            rx.link(T("nav.register"), href=routes.REGISTER),
            faq_link("forgot-password", id="faq-login"),
            spacing="4",
            wrap="wrap",
        ),
        spacing="4",
        width="100%",
    )
