"""Absence notices: the parent's form and list (routes.ABSENCE), the class teacher's list (routes.ABSENCES)."""

import reflex as rx

from mrko_app.services import absence
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas import AbsenceForm
from mrko_app.views.present import present


class AbsenceState(AuthState):
    notices: list[dict] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0  # bumped after a notice is sent, so the form renders empty again

    def _refresh(self) -> None:
        if not self.child_id:
            self.notices = []
            self.message = self._t("diary.no_child") if "parent" in self.roles else ""
            return
        rows = self._run(lambda db: absence.child_notices(db, self._user(db, "parent"), self.child_id))
        self.notices = present(rows.value, self.lang) if rows.ok else []

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self._refresh()

    @rx.event
    @accepts(form=AbsenceForm)
    def submit(self, form: AbsenceForm):
        self.message, self.sent, self.errors = "", "", {}

        def send(db):
            absence.create_notice(db, self._user(db, "parent"), self.child_id, form.start, form.end, form.reason)

        if self._run(send).ok:
            self.sent = self._t("diary.absence.sent")
            self.form_key += 1
            self._refresh()


class AbsencesState(AuthState):
    notices: list[dict] = []
    is_class_teacher: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    def _refresh(self) -> None:
        def read(db):
            user = self._user(db, "teacher")
            return absence.is_class_teacher(db, user), absence.class_notices(db, user)

        result = self._run(read)
        self.is_class_teacher, self.notices = (result.value[0], present(result.value[1], self.lang)) if result.ok \
            else (False, [])

    @rx.event
    def load(self):
        self.message, self.errors = "", {}
        self._refresh()

    @rx.event
    @accepts(notice_id=Id)
    def acknowledge(self, notice_id: int):
        self.message = ""
        if self._run(lambda db: absence.acknowledge(db, self._user(db, "teacher"), notice_id)).ok:
            self._refresh()
