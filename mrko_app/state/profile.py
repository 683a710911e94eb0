"""The signed-in user's profile: e-mail, phone (re-confirmed by a code), password."""

import reflex as rx

from mrko_app.services import accounts, clock, oidc_accounts
from mrko_app.state.oidc import provider_label
from mrko_app.state.base import AuthState


class ProfileState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    email: str = ""
    phone: str = ""
    login: str = ""
    full_name: str = ""
    phone_code_sent: bool = False
    # the linked sign-in services: id, provider's display name, its e-mail, since when
    identities: list[dict[str, str]] = []

    def _done(self, key: str):
        self.notice = self._t(key)

    def _fill(self, user, db=None):
        self.email, self.phone, self.login, self.full_name = user.email, user.phone, user.login, user.full_name
        if db is not None:
            self.identities = [
                {"id": str(i.id), "provider": provider_label(i.provider, self.lang), "email": i.email,
                 "since": clock.to_local(i.created_at).strftime("%d.%m.%Y")}
                for i in oidc_accounts.identities(db, user)
            ]

    @rx.event
    def load(self):
        self.errors, self.message, self.notice, self.phone_code_sent = {}, "", "", False
        self._run(lambda db: self._fill(self._user(db), db))

    @rx.event
    def change_email(self, form: dict):
        self.errors, self.message, self.notice = {}, "", ""
        new, password = str(form.get("email", "")), str(form.get("password", ""))

        def act(db):
            user = self._user(db)
            accounts.change_email(db, user, new, password)
            self._fill(user)
            return True

        if self._run(act):
            self._done("profile.email_changed")

    @rx.event
    def start_phone(self, form: dict):
        self.errors, self.message, self.notice = {}, "", ""
        new = str(form.get("phone", ""))
        if self._run(lambda db: accounts.start_phone_change(db, self._user(db), new) or True):
            self.phone_code_sent = True
            self._done("codes.sent")

    @rx.event
    def confirm_phone(self, form: dict):
        self.errors, self.message, self.notice = {}, "", ""
        code = str(form.get("code", ""))

        def act(db):
            user = accounts.confirm_phone_change(db, self._user(db), code)
            self._fill(user)
            return True

        if self._run(act):
            self.phone_code_sent = False
            self._done("profile.phone_changed")

    @rx.event
    def change_password(self, form: dict):
        self.errors, self.message, self.notice = {}, "", ""
        old, new, confirm = (str(form.get(k, "")) for k in ("old_password", "new_password", "new_password_confirm"))
        token = self._token()
        if self._run(lambda db: accounts.change_password(db, self._user(db), old, new, confirm, keep_token=token)
                     or True):
            self._done("profile.password_changed")

    @rx.event
    def unlink(self, identity_id: str):
        self.errors, self.message, self.notice = {}, "", ""
        raw = str(identity_id)[:12]
        if not raw.isdigit():
            return

        def act(db):
            user = self._user(db)
            oidc_accounts.unlink(db, user, int(raw))
            self._fill(user, db)
            return True

        if self._run(act):
            self._done("oidc.unlinked")
