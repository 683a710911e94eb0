"""Where a provider sign-in lands (/login/oidc?ticket=...): straight in, or, the first time, link an
existing account with its password or register with the provider's details pre-filled."""

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.oidc import OidcState

E = OidcState.errors


def _prefilled(label_key: str, name: str, **props) -> rx.Component:
    return field(label_key, name, E, default_value=OidcState.prefill.get(name, ""), **props)


def _link_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T("oidc.link_title"), size="4"),
                rx.text(T("oidc.link_lead"), color_scheme="gray", size="2"),
                field("login.identifier", "identifier", E, autocomplete="username", hint_key="login.identifier_hint"),
                field("login.password", "password", E, type="password", autocomplete="current-password"),
                submit_button("oidc.link_submit", id="oidc-link-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=OidcState.link,
            reset_on_submit=False, no_validate=True,
            id="form-oidc-link",
        ),
        class_name="mrko-form",
    )


def _register_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T("oidc.register_title"), size="4"),
                rx.text(T("oidc.register_lead"), color_scheme="gray", size="2"),
                _prefilled("register.surname", "surname", autocomplete="family-name"),
                _prefilled("register.first_name", "first_name", autocomplete="given-name"),
                _prefilled("register.patronymic", "patronymic", autocomplete="additional-name"),
                _prefilled("register.email", "email", type="email", autocomplete="email"),
                _prefilled("register.phone", "phone", type="tel", autocomplete="tel", hint_key="register.phone_hint"),
                _prefilled("register.login", "login", autocomplete="username", hint_key="register.login_hint"),
                submit_button("oidc.register_submit", id="oidc-register-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=OidcState.register,
            reset_on_submit=False, no_validate=True,
            id="form-oidc-register",
        ),
        class_name="mrko-form",
    )


@page(routes.OIDC_FINISH, "oidc.finish_title", on_load=OidcState.exchange)
def login_oidc() -> rx.Component:
    return rx.vstack(
        form_message(OidcState.message),
        rx.match(
            OidcState.step,
            ("choose", rx.vstack(rx.text(OidcState.lead, id="oidc-lead"), _link_form(), _register_form(),
                                 spacing="4", width="100%")),
            ("failed", rx.link(T("oidc.back_to_login"), href=routes.LOGIN, id="oidc-back")),
            rx.text(T("oidc.working"), color_scheme="gray"),
        ),
        spacing="4",
        width="100%",
    )
