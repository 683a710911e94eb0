"""The signed-in user's profile: e-mail, phone (re-confirmed by a code), password."""

import reflex as rx

from mrko_app.services import accounts
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

    def _done(self, key: str):
        self.notice = self._t(key)

    def _fill(self, user):
        self.email, self.phone, self.login, self.full_name = user.email, user.phone, user.login, user.full_name

    @rx.event
    def load(self):
        self.errors, self.message, self.notice, self.phone_code_sent = {}, "", "", False
        self._run(lambda db: self._fill(self._user(db)))

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
