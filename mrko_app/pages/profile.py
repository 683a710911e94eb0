import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.profile import ProfileState

E = ProfileState.errors
ALL_ROLES = ("parent", "teacher", "staff", "psychologist")


def _section(title_key: str, *children, on_submit, form_id: str) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(rx.heading(T(title_key), size="4"), *children, spacing="3", width="100%"),
            on_submit=on_submit,
            reset_on_submit=False, no_validate=True,
            id=form_id,
        ),
        class_name="mrko-form",
    )


def _identity(row) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(row["provider"], weight="bold"),
            rx.text(row["email"], " · ", T("oidc.linked_since"), " ", row["since"], size="2", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.button(T("oidc.unlink"), on_click=ProfileState.unlink(row["id"]), variant="outline", color_scheme="red",
                  id="unlink-" + row["id"].to(str)),
        width="100%",
        align="center",
        class_name="mrko-identity",
    )


def _identities() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("oidc.linked_title"), size="4"),
            rx.cond(ProfileState.identities.length() > 0,
                    rx.foreach(ProfileState.identities, _identity),
                    rx.text(T("oidc.linked_none"), color_scheme="gray")),
            spacing="3",
            width="100%",
            id="linked-identities",
        ),
        class_name="mrko-form",
    )


@page(routes.PROFILE, "nav.profile", roles=ALL_ROLES, on_load=ProfileState.load)
def profile() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.text(ProfileState.full_name, weight="bold", size="4"),
            rx.text(T("register.login"), ": ", ProfileState.login),
            rx.text(T("register.email"), ": ", ProfileState.email, id="profile-email"),
            rx.text(T("register.phone"), ": ", ProfileState.phone, id="profile-phone"),
            spacing="1",
        ),
        rx.link(rx.icon("bell", size=16), " ", T("inbox.settings.link"), href=routes.NOTIFICATIONS + "#settings",
                id="profile-notifications"),
        form_message(ProfileState.message),
        rx.cond(ProfileState.notice != "", rx.callout(ProfileState.notice, color_scheme="green", id="form-notice")),
        _section("profile.change_email",
                 field("profile.new_email", "email", E, type="email"),
                 field("login.password", "password", E, type="password", autocomplete="current-password"),
                 submit_button("common.save", id="email-submit"),
                 on_submit=ProfileState.change_email, form_id="form-email"),
        rx.cond(
            ProfileState.phone_code_sent,
            _section("profile.change_phone",
                     field("register.code", "code", E, autocomplete="one-time-code"),
                     submit_button("register.confirm", id="phone-code-submit"),
                     on_submit=ProfileState.confirm_phone, form_id="form-phone-code"),
            _section("profile.change_phone",
                     field("profile.new_phone", "phone", E, type="tel", hint_key="register.phone_hint"),
                     submit_button("common.next", id="phone-submit"),
                     on_submit=ProfileState.start_phone, form_id="form-phone"),
        ),
        _section("profile.change_password",
                 field("profile.old_password", "old_password", E, type="password", autocomplete="current-password"),
                 field("profile.new_password", "new_password", E, type="password", autocomplete="new-password",
                       hint_key="register.password_hint"),
                 field("register.password_confirm", "new_password_confirm", E, type="password"),
                 submit_button("common.save", id="password-submit"),
                 on_submit=ProfileState.change_password, form_id="form-password"),
        _identities(),
        spacing="4",
        width="100%",
    )
