"""Logging in by login, e-mail or phone."""

import reflex as rx

from mrko_app import config
from mrko_app.services.access import rules as access
from mrko_app.services.accounts import core as accounts
from mrko_app.state.base import AuthState, landing_route
from mrko_app.state.forms import accepts
from mrko_app.state.oidc import error_message
from mrko_app.state.schemas import LoginForm


class LoginState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    # the configured OpenID Connect providers: name and display names only (no secrets)
    providers: list[dict[str, str]] = []

    @rx.event
    def clear(self):
        self.errors, self.message = {}, ""
        self.providers = [{"name": p["name"], "en": p["display_name"], "ru": p["display_name_ru"],
                           "href": f"/auth/oidc/{p['name']}/start"} for p in config.oidc_providers().values()]
        # a provider sign-in that failed comes back here with ?oidc_error=<code> (api/oidc.py)
        code = self.router.url.query_parameters.get("oidc_error", "")[:40]
        self.message = error_message(code, self._t)

    @rx.event
    @accepts(form=LoginForm)
    def submit(self, form: LoginForm):
        identifier, password, remember = form.identifier.strip(), form.password, form.remember
        self.errors, self.message = {}, ""
        missing = {name: self._t("error.required") for name, value in
                   (("identifier", identifier), ("password", password)) if not value}
        if missing:
            self.errors = missing
            return None
        ip = self.router.session.client_ip

        def sign_in(db):
            user = accounts.authenticate(db, identifier, password, ip)
            token = accounts.create_session(db, user, remember)
            return token, sorted(access.user_roles(db, user))

        result = self._run(sign_in)
        if not result.ok:
            return None
        token, roles = result.value
        self._start_session(token, remember)
        return rx.redirect(landing_route(roles))
