"""Staff issue access codes for a student directly (class -> student -> issue), cancel unused ones,
and record that a student graduated or left (which ends every parent's access at once)."""

import reflex as rx

from mrko_app import routes
from mrko_app.services import school_admin
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import roster
from mrko_app.state.access import fmt_date
from mrko_app.state.base import AuthState
from mrko_app.state.envelope import EnvelopeState, hide_envelope
from mrko_app.state.forms import Choice, Id, OptionalId, accepts


class CodesState(AuthState):
    message: str = ""
    errors: dict[str, str] = {}
    classes: list[dict[str, str]] = []
    class_id: str = ""
    students: list[dict[str, str]] = []
    student_id: str = ""
    student_name: str = ""
    codes: list[dict[str, str]] = []

    def _load_students(self, db, user) -> None:
        if not self.class_id:
            self.students = []
            return
        self.students = [{"id": str(s.id), "name": s.full_name, "birth": fmt_date(s.birth_date), "status": s.status}
                         for s in roster.class_students(db, user, self.class_id)]

    def _load_codes(self, db, user) -> None:
        if not self.student_id:
            self.codes = []
            return
        self.codes = [{"id": str(c.id), "issued": fmt_date(c.created_at), "expires": fmt_date(c.expires_at),
                       "status": access_codes.code_status(c)}
                      for c in access_codes.student_codes(db, user, self.student_id)]

    @rx.event
    async def load(self):
        await hide_envelope(self)
        self.message, self.errors = "", {}
        self.class_id, self.students, self.student_id, self.student_name, self.codes = "", [], "", "", []

        def read(db):
            user = self._user(db, "staff")
            return [{"id": str(c.id), "name": c.name} for c in roster.staff_classes(db, user)]

        self.classes = self._run(read).value_or([])

    @rx.event
    @accepts(class_id=OptionalId)
    def pick_class(self, class_id: int | None):
        self.message, self.student_id, self.student_name, self.codes = "", "", "", []
        self.class_id = "" if class_id is None else str(class_id)

        def read(db):
            self._load_students(db, self._user(db, "staff"))

        if not self._run(read).ok:
            self.class_id, self.students = "", []

    @rx.event
    @accepts(student_id=OptionalId)
    def pick_student(self, student_id: int | None):
        self.message = ""
        chosen = "" if student_id is None else str(student_id)
        row = next((s for s in self.students if s["id"] == chosen), None)
        if row is None:
            self.student_id, self.student_name, self.codes = "", "", []
            return
        self.student_id, self.student_name = chosen, row["name"]

        def read(db):
            self._load_codes(db, self._user(db, "staff"))

        if not self._run(read).ok:
            self.student_id, self.student_name, self.codes = "", "", []

    @rx.event
    @accepts(student_id=Id)
    async def issue(self, student_id: int):
        envelope = await self.get_state(EnvelopeState)
        self.message, self.errors = "", {}

        def run(db):
            user = self._user(db, "staff")
            code, plain = access_codes.issue_code(db, user, student_id)
            envelope._show(db, code, plain, routes.CODES)

        if self._run(run).ok:
            return rx.redirect(routes.ENVELOPE)

    @rx.event
    @accepts(code_id=Id)
    def revoke(self, code_id: int):
        self.message = ""

        def run(db):
            user = self._user(db, "staff")
            access_codes.revoke_code(db, user, code_id)
            self._load_codes(db, user)

        self._run(run)

    @rx.event
    @accepts(student_id=Id, status=Choice)
    def mark_student(self, student_id: int, status: str):
        self.message, self.errors = "", {}

        def run(db):
            user = self._user(db, "staff")
            school_admin.set_status_of(db, user, student_id, status)  # dated, in the history and the log
            self._load_students(db, user)
            self._load_codes(db, user)

        self._run(run)
