"""The parent's side of access to a child's diary: the children page and redeeming an access code.

Public vars hold only the signed-in parent's own children and applications; the code being redeemed
stays in a backend var.
"""

from datetime import datetime

import reflex as rx

from mrko_app.i18n import DEFAULT_LANGUAGE, formats
from mrko_app.models import AccessApplication
from mrko_app.services.access import applications
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import rules as access
from mrko_app.state.base import AuthState
from mrko_app.state.forms import accepts
from mrko_app.state.schemas import PageNameForm, RedeemCodeForm


def fmt_date(value, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date (or the date of a moment) for the reader (Babel's pattern for the language)."""
    return formats.date(value.date() if isinstance(value, datetime) else value, lang) if value else ""


def application_view(app: AccessApplication, school_name: str) -> dict[str, str]:
    """What the parent sees of their own application."""
    return {
        "id": str(app.id),
        "child": " ".join(p for p in (app.child_surname, app.child_first_name, app.child_patronymic) if p),
        "class_name": app.class_name,
        "school": school_name,
        "submitted": fmt_date(app.submitted_at),
        "due": fmt_date(app.due_date),
        "status": app.status,
        "reason": app.reject_reason,
        "reason_text": app.reject_text,
    }


class ChildrenState(AuthState):
    kids: list[dict[str, str]] = []
    apps: list[dict[str, str]] = []
    message: str = ""

    @rx.event
    def load(self):
        def read(db):
            user = self._user(db, "parent")
            links = access.linked_children(db, user)
            classes = applications.class_names(db, {s.class_id for _l, s in links})
            kids = [{"id": str(s.id), "page_name": link.page_name, "student": s.full_name,
                     "class_name": classes.get(s.class_id, "")} for link, s in links]
            own = applications.parent_applications(db, user)
            schools = applications.school_names(db, {a.school_id for a in own})
            return kids, [application_view(a, schools.get(a.school_id, "")) for a in own]

        self.kids, self.apps = self._run(read).value_or(([], []))


REDEEM_STEPS = ("code", "name", "summary", "done")


class RedeemState(AuthState):
    step: str = "code"
    errors: dict[str, str] = {}
    message: str = ""
    preview: dict[str, str] = {}
    page_name: str = ""
    _code: str = ""

    def _clear(self):
        self.step, self.errors, self.message, self.preview, self.page_name = "code", {}, "", {}, ""
        self._code = ""

    @rx.event
    def load(self):
        self._clear()

    @rx.event
    @accepts(form=RedeemCodeForm)
    def check(self, form: RedeemCodeForm):
        text = form.code
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "parent")
            return access_codes.check_code(db, user, text)

        out = self._run(run)
        if not out.ok:
            return
        preview = out.value
        self._code = access_codes.normalize_code(text)
        born = preview.get("birth_date", "")
        preview["birth_date"] = ".".join(reversed(born.split("-"))) if born else ""
        self.preview, self.step = preview, "name"

    @rx.event
    @accepts(form=PageNameForm)
    def name(self, form: PageNameForm):
        if self.step != "name" or not self._code:
            self._clear()
            return
        name = form.page_name
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "parent")
            return access_codes.clean_page_name(db, user, name)

        cleaned = self._run(run)
        if not cleaned.ok:
            return
        self.page_name, self.step = cleaned.value, "summary"

    @rx.event
    def back(self):
        self.errors, self.message = {}, ""
        if self.step == "summary":
            self.step = "name"
        else:
            self._clear()

    @rx.event
    def finish(self):
        if self.step != "summary" or not self._code:
            self._clear()
            return
        code, page_name = self._code, self.page_name
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "parent")
            link = access_codes.redeem_code(db, user, code, page_name)
            self._refresh_view(db, user)
            return str(link.student_id)

        student_id = self._run(run)
        if not student_id.ok:
            if self.errors.get("code"):
                self.step = "code"
                self._code = ""
            return
        self.child_id = self.child_choice = student_id.value
        self._code, self.step = "", "done"
