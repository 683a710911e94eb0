"""Registration of a parent and confirmation of the mobile number by a one-time code."""

import reflex as rx

from mrko_app import routes
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import sessions, validation
from mrko_app.state.base import AuthState, landing_route
from mrko_app.state.forms import accepts
from mrko_app.state.schemas import CodeForm, RegisterForm


class RegisterState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    phone_hint: str = ""
    # the account waiting for its code: kept on the server, never taken from the browser
    _pending_user_id: int | None = None
    # a registration that created nothing (the phone, e-mail or login had an account already): the
    # page goes on exactly as for a new account, and the codes typed are refused as wrong ones
    _decoy: bool = False
    _decoy_tries: int = 0

    @rx.event
    def clear(self):
        self.errors, self.message, self.notice = {}, "", ""

    @rx.event
    @accepts(form=RegisterForm)
    def submit(self, form: RegisterForm):
        self.errors, self.message, self.notice = {}, "", ""
        data = {**form.model_dump(), "language": self.lang}
        ip = self.router.session.client_ip

        def create(db):
            user = accounts.register(db, data, client_ip=ip)
            return (user.id, user.phone) if user else (None, validation.normalize_phone(data.get("phone")))

        created = self._run(create)
        if not created.ok:
            return None
        self._pending_user_id, phone = created.value
        self._decoy, self._decoy_tries = self._pending_user_id is None, 0
        self.phone_hint = phone[:-4].replace(phone[2:-4], "•" * len(phone[2:-4])) + phone[-4:]
        return rx.redirect(routes.CONFIRM_PHONE)

    @rx.event
    @accepts(form=CodeForm)
    def confirm(self, form: CodeForm):
        self.errors, self.message, self.notice = {}, "", ""
        code = form.code.strip()
        if self._decoy:
            tries = self._decoy_tries
            self._decoy_tries += 1 if code else 0  # as for a real code, an empty one is not a try
            self._run(lambda db: accounts.refuse_decoy_code(code, tries))
            return None
        if self._pending_user_id is None:
            self.message = self._t("register.no_pending")
            return None
        if not code:
            self.errors = {"code": self._t("error.required")}
            return None
        pending = self._pending_user_id

        def activate(db):
            user = accounts.confirm_phone(db, pending, code)
            token = sessions.create_session(db, user, remember=False)
            return token, sorted(accounts.roles_of(db, user))

        result = self._run(activate)
        if not result.ok:
            return None
        token, roles = result.value
        self._pending_user_id = None
        self._start_session(token, remember=False)
        # a new parent has no child yet: the next step is applying for access
        return rx.redirect(routes.CHILDREN if roles == ["parent"] else landing_route(roles))

    @rx.event
    def resend(self):
        self.errors, self.message, self.notice = {}, "", ""
        if self._decoy:
            self.notice = self._t("register.code_resent")
            return
        if self._pending_user_id is None:
            self.message = self._t("register.no_pending")
            return
        pending, ip = self._pending_user_id, self.router.session.client_ip
        if self._run(lambda db: accounts.resend_phone_code(db, pending, client_ip=ip)).ok:
            self.notice = self._t("register.code_resent")
