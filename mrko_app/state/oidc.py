"""The page a provider sign-in lands on (/login/oidc?ticket=...): exchanges the one-time ticket for a
session, or, the first time, lets the person link an existing account or register.

The provider's identity and claims stay server-side (`_pending`) for PENDING_TTL; the browser only
ever sees the pre-filled form values and the provider's display name."""

from datetime import timedelta

import reflex as rx

from mrko_app import config, routes
from mrko_app.models.base import utcnow
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import oidc, oidc_accounts, sessions
from mrko_app.services.accounts import verification_codes as codes
from mrko_app.state.base import AuthState, landing_route
from mrko_app.state.forms import accepts
from mrko_app.state.register import RegisterState
from mrko_app.state.schemas import OidcLinkForm, OidcRegisterForm

PENDING_TTL = timedelta(minutes=15)
TICKET_MAX = 200


def provider_label(name: str, lang: str) -> str:
    settings = config.oidc_providers().get(name, {})
    # config names the English display name `display_name`, another language's `display_name_<lang>`
    return settings.get(f"display_name_{lang}") or settings.get("display_name") or name


class OidcState(AuthState):
    step: str = "working"  # "working" | "choose" | "failed"
    provider_label: str = ""
    lead: str = ""  # "first time with <provider>", in the language of the moment
    prefill: dict[str, str] = {}
    errors: dict[str, str] = {}
    message: str = ""
    _pending: dict = {}

    def _pending_identity(self) -> oidc_accounts.Pending | None:
        data = self._pending
        if not data or utcnow().isoformat() > data.get("until", ""):
            return None
        return oidc_accounts.Pending(data["provider"], data["subject"], dict(data["claims"]))

    async def _signed_in(self, db_result):
        """Start the session of a finished sign-in, or send a not yet confirmed account to its SMS code."""
        kind, value, roles = db_result
        self._pending = {}
        if kind == "confirm":
            register = await self.get_state(RegisterState)
            register._pending_user_id, phone = value
            register.phone_hint = phone[:2] + "•" * len(phone[2:-4]) + phone[-4:]
            return rx.redirect(routes.CONFIRM_PHONE)
        self._start_session(value, remember=False)
        return rx.redirect(routes.CHILDREN if roles == ["parent"] and kind == "new" else landing_route(roles))

    def _session_for(self, db, user, kind: str):
        if not user.is_active:  # registered, phone code not entered yet: a code now (unless one just went)
            try:
                accounts.resend_phone_code(db, user.id)
            except codes.TooSoon:
                pass
            return "confirm", (user.id, user.phone), []
        return kind, sessions.create_session(db, user, remember=False), sorted(accounts.roles_of(db, user))

    @rx.event
    async def exchange(self):
        self.step, self.errors, self.message, self.prefill, self._pending = "working", {}, "", {}, {}
        ticket = self.router.url.query_parameters.get("ticket", "")[:TICKET_MAX]

        def act(db):
            row = oidc.take_ticket(db, ticket)
            pending = oidc_accounts.Pending(row.provider, row.subject, dict(row.claims))
            user = oidc_accounts.sign_in(db, pending)
            if user is not None:
                return self._session_for(db, user, "known")
            self._pending = {"provider": row.provider, "subject": row.subject, "claims": dict(row.claims),
                             "until": (utcnow() + PENDING_TTL).isoformat()}
            self.prefill = oidc_accounts.prefill(db, pending)
            self.provider_label = provider_label(row.provider, self.lang)
            self.lead = self._t("oidc.first_time", provider=self.provider_label)
            return None

        result = self._run(act, on_error=lambda exc: setattr(self, "step", "failed"))
        if result.ok and result.value is not None:
            return await self._signed_in(result.value)
        if self.step != "failed":
            self.step = "choose"
        return None

    def _expired(self) -> bool:
        if self._pending_identity() is None:
            self.step, self.message = "failed", self._t("oidc.pending_expired")
            return True
        return False

    @rx.event
    @accepts(form=OidcLinkForm)
    async def link(self, form: OidcLinkForm):
        self.errors, self.message = {}, ""
        if self._expired():
            return None
        identifier, password = form.identifier.strip(), form.password
        pending, ip = self._pending_identity(), self.router.session.client_ip

        def act(db):
            user = oidc_accounts.link_with_password(db, pending, identifier, password, ip)
            return self._session_for(db, user, "known")

        result = self._run(act)
        return await self._signed_in(result.value) if result.ok else None

    @rx.event
    @accepts(form=OidcRegisterForm)
    async def register(self, form: OidcRegisterForm):
        self.errors, self.message = {}, ""
        if self._expired():
            return None
        data = {k: getattr(form, k) for k in oidc_accounts.REGISTER_FIELDS}
        pending, lang = self._pending_identity(), self.lang

        def act(db):
            user = oidc_accounts.register_with_identity(db, pending, data, language=lang)
            return self._session_for(db, user, "new")

        result = self._run(act)
        if not result.ok:
            self.prefill = {**self.prefill, **data}
            return None
        return await self._signed_in(result.value)


def error_message(code: str, translate) -> str:
    """The login page's message for ?oidc_error=<code> (anything else shows nothing)."""
    return translate(f"oidc.error.{code}") if code in oidc.ERROR_CODES else ""

