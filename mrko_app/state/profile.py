"""The signed-in user's profile: e-mail, phone (re-confirmed by a code), password."""

import reflex as rx

from mrko_app.i18n import formats
from mrko_app.services import clock
from mrko_app.services.accounts import core as accounts
from mrko_app.services.accounts import oidc_accounts
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.oidc import provider_label
from mrko_app.state.schemas import CodeForm, EmailChangeForm, PasswordChangeForm, PhoneForm


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
                 "since": formats.date(clock.to_local(i.created_at, self._reader_zone).date(), self.lang)}
                for i in oidc_accounts.identities(db, user)
            ]

    @rx.event
    def load(self):
        self.errors, self.message, self.notice, self.phone_code_sent = {}, "", "", False
        self._run(lambda db: self._fill(self._user(db), db))

    @rx.event
    @accepts(form=EmailChangeForm)
    def change_email(self, form: EmailChangeForm):
        self.errors, self.message, self.notice = {}, "", ""
        new, password = form.email, form.password

        def act(db):
            user = self._user(db)
            accounts.change_email(db, user, new, password)
            self._fill(user)

        if self._run(act).ok:
            self._done("profile.email_changed")

    @rx.event
    @accepts(form=PhoneForm)
    def start_phone(self, form: PhoneForm):
        self.errors, self.message, self.notice = {}, "", ""
        new = form.phone
        if self._run(lambda db: accounts.start_phone_change(db, self._user(db), new)).ok:
            self.phone_code_sent = True
            self._done("codes.sent")

    @rx.event
    @accepts(form=CodeForm)
    def confirm_phone(self, form: CodeForm):
        self.errors, self.message, self.notice = {}, "", ""
        code = form.code

        def act(db):
            user = accounts.confirm_phone_change(db, self._user(db), code)
            self._fill(user)

        if self._run(act).ok:
            self.phone_code_sent = False
            self._done("profile.phone_changed")

    @rx.event
    @accepts(form=PasswordChangeForm)
    def change_password(self, form: PasswordChangeForm):
        self.errors, self.message, self.notice = {}, "", ""
        old, new, confirm = form.old_password, form.new_password, form.new_password_confirm
        token = self._token()
        if self._run(lambda db: accounts.change_password(db, self._user(db), old, new, confirm, keep_token=token)).ok:
            self._done("profile.password_changed")

    @rx.event
    @accepts(identity_id=Id)
    def unlink(self, identity_id: int):
        self.errors, self.message, self.notice = {}, "", ""

        def act(db):
            user = self._user(db)
            oidc_accounts.unlink(db, user, identity_id)
            self._fill(user, db)

        if self._run(act).ok:
            self._done("oidc.unlinked")
