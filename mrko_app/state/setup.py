"""The set-up link's page (routes.SETUP?token=...): accept with the signed-in account, or create one."""

import reflex as rx

from mrko_app.models import School
from mrko_app.services import school_admin
from mrko_app.state.base import AuthState, landing_route
from mrko_app.state.forms import accepts
from mrko_app.state.schemas_school_admin import SetupAccountForm


class SetupState(AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    link_valid: bool = False
    intro: str = ""
    channel: str = ""  # which contact the link came through: the form asks for the other one
    done: bool = False
    _link_token: str = ""

    @rx.event
    def open_link(self):
        self.message, self.notice, self.errors, self.done = "", "", {}, False
        self._link_token = str(self.router.url.query_parameters.get("token", "") or "")[:200]
        token = self._link_token

        def read(db):
            row = school_admin.find_invite(db, token)
            if row is None:
                return None
            school = db.get(School, row.school_id)
            roles = ", ".join(self._t(f"school_admin.role.{r}") for r in row.roles)
            return self._t("school_admin.setup_intro", school=school.name, name=school_admin.person_name(row),
                           roles=roles), row.channel

        found = self._run(read).value_or(None)
        self.link_valid = found is not None
        self.intro, self.channel = found if found else ("", "")
        if not found:
            self.message = self._t("school_admin.link_invalid")

    def _finish(self, school_name: str):
        self.link_valid, self._link_token, self.done = False, "", True
        self.notice = self._t("school_admin.accepted", school=school_name)

    @rx.event
    def accept(self):
        token = self._link_token

        def run(db):
            row = school_admin.accept_signed_in(db, self._user(db), token)
            self._refresh_view(db, self._user(db))
            return db.get(School, row.school_id).name

        name = self._run(run)
        if name.ok:
            self._finish(name.value)
            return rx.redirect(landing_route(self.roles))

    @rx.event
    @accepts(form=SetupAccountForm)
    def create(self, form: SetupAccountForm):
        self.message, self.errors = "", {}
        token, data = self._link_token, {**form.model_dump(), "language": self.lang}

        def run(db):
            row = school_admin.find_invite(db, token)
            school_admin.accept_new(db, token, data)
            return db.get(School, row.school_id).name

        name = self._run(run, joined=False)
        if name.ok:
            self._finish(name.value)  # the page now shows the notice and the sign-in link
