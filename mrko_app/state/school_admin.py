"""School administration states: the department's schools, the staff's people (set-up links) and the
audit log. Staff of several schools choose one; every service call checks that they are its staff."""

import reflex as rx

from mrko_app.i18n import formats
from mrko_app.services import clock, school_admin
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_admin import AuditSearchForm, InviteForm, NewSchoolForm, RolesForm


def fmt_moment(moment, lang: str, zone: str = "") -> str:
    """A stored moment on the school's clock (`zone`), worded for the reader's language."""
    return formats.datetime(clock.to_local(moment, zone), lang)


class SchoolChoice:
    """The base of the staff pages (a plain mixin before AuthState): which of the user's schools the page
    works on, then the page's own `_load(db)`. A page declares `schools`, `school_id`, `message` and
    `errors` (and `notice` if it has one); its `load` event is `self._reload()`, its `pick_school` event
    `self._pick_school(school_id)` and then the page's load."""

    def _choose_school(self, db, user) -> int:
        schools = school_admin.staff_schools(db, user)
        self.schools = [{"id": str(s.id), "name": s.name} for s in schools]
        ids = [s["id"] for s in self.schools]
        self.school_id = self.school_id if self.school_id in ids else ids[0]
        return int(self.school_id)

    def _staff_school(self, db):
        """(the signed-in staff member, the school the page works on), checked."""
        user = self._user(db, "staff")
        return user, self._choose_school(db, user)

    def _reload(self) -> bool:
        """Messages cleared, then `_load` in one transaction; False when it failed (the message says why)."""
        self.message, self.errors = "", {}
        if hasattr(self, "notice"):
            self.notice = ""
        return self._run(self._load).ok

    def _pick_school(self, school_id: int) -> bool:
        """Switch to one of the user's schools (any other id is ignored); True when switched."""
        if str(school_id) in [s["id"] for s in self.schools]:
            self.school_id = str(school_id)
            return True
        return False


class DepartmentState(AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []

    def _load(self, db) -> None:
        user = self._user(db, "department")
        self.schools = [{k: str(v) for k, v in s.items()} for s in school_admin.department_schools(db, user)]

    @rx.event
    def load(self):
        self.message, self.notice, self.errors = "", "", {}
        if not self._run(self._load).ok:
            self.schools = []

    @rx.event
    @accepts(form=NewSchoolForm)
    def create(self, form: NewSchoolForm):
        self.message, self.notice, self.errors = "", "", {}

        def run(db):
            user = self._user(db, "department")
            school, invite = school_admin.create_school(db, user, form.model_dump())
            self._load(db)
            return school.name, invite.contact

        done = self._run(run)
        if done.ok:
            self.notice = self._t("school_admin.school_created", name=done.value[0], contact=done.value[1])


class PeopleState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    invites: list[dict[str, str]] = []
    people: list[dict[str, str]] = []  # {"id", "name", "login", "teacher"/"staff"/"psychologist": "1" or ""}

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        lang, zone = self.lang, clock.zone_of(db, school_id)
        self.people = [{"id": str(p.id), "name": p.full_name, "login": p.login,
                        **{r: "1" if r in roles else "" for r in school_admin.INVITE_ROLES}}
                       for p, roles in school_admin.school_people(db, user, school_id)]
        self.invites = [{"id": str(i.id), "name": school_admin.person_name(i), "contact": i.contact,
                         "roles": ", ".join(self._t(f"school_admin.role.{r}") for r in i.roles),
                         "status": school_admin.invite_status(i), "sent": fmt_moment(i.created_at, lang, zone)}
                        for i in school_admin.school_invites(db, user, school_id)]

    @rx.event
    def load(self):
        if not self._reload():
            self.invites = []

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        self._pick_school(school_id)
        return PeopleState.load

    @rx.event
    @accepts(form=InviteForm)
    def send(self, form: InviteForm):
        self.message, self.notice, self.errors = "", "", {}
        roles = [r for r in school_admin.INVITE_ROLES if getattr(form, r)]

        def run(db):
            user = self._user(db, "staff")
            invite = school_admin.invite(db, user, self.school_id, form.model_dump(), roles)
            self._load(db)
            return invite.contact

        sent = self._run(run)
        if sent.ok:
            self.notice = self._t("school_admin.invite_sent", contact=sent.value)

    @rx.event
    @accepts(form=RolesForm)
    def set_roles(self, form: RolesForm):
        """One person's row of role boxes: they get exactly the roles ticked (audited in the service)."""
        self.message, self.notice, self.errors = "", "", {}
        roles = [r for r in school_admin.INVITE_ROLES if getattr(form, r)]

        def run(db):
            school_admin.set_roles(db, self._user(db, "staff"), self.school_id, form.person_id, roles)
            self._load(db)

        if self._run(run).ok:
            self.notice = self._t("school_admin.roles_saved")
        elif self.errors.get("roles"):
            self.message, self.errors = self.errors["roles"], {}  # shown above the list, as the row has no field

    @rx.event
    @accepts(invite_id=Id)
    def revoke(self, invite_id: int):
        self.message, self.notice = "", ""

        def run(db):
            school_admin.revoke_invite(db, self._user(db, "staff"), self.school_id, invite_id)
            self._load(db)

        self._run(run)


class AuditState(SchoolChoice, AuthState):
    message: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    text: str = ""
    entries: list[dict[str, str]] = []

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        rows = school_admin.search(db, user, school_id, self.text)
        lang, zone = self.lang, clock.zone_of(db, school_id)
        self.entries = [{"id": str(e.id), "at": fmt_moment(e.at, lang, zone), "who": actor.full_name if actor else "—",
                         "action": self._t(f"school_admin.action.{e.action}"), "target": e.target,
                         "before": _show(e.before), "after": _show(e.after)} for e, actor in rows]

    @rx.event
    def load(self):
        self.message, self.errors, self.text = "", {}, ""
        if not self._run(self._load).ok:
            self.entries = []

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        self._pick_school(school_id)
        return AuditState.find(AuditSearchForm(text=self.text).model_dump())

    @rx.event
    @accepts(form=AuditSearchForm)
    def find(self, form: AuditSearchForm):
        self.message, self.errors, self.text = "", {}, form.text
        self._run(self._load)


def _show(values: dict) -> str:
    """A before/after snapshot as one line: "thresholds: {5: 4.6, ...}; bells: ..."."""
    def one(value) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {one(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return ", ".join(one(v) for v in value)
        return str(value)

    return "; ".join(f"{k}: {one(v)}" for k, v in values.items()) or "—"
