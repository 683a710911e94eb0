"""School staff review access applications: the queue, the scans, approve (pick the student) or reject."""

import reflex as rx

from mrko_app import routes
from mrko_app.services import clock
from mrko_app.services.access import applications, roster
from mrko_app.state.access import fmt_date
from mrko_app.state.base import AuthState
from mrko_app.state.envelope import EnvelopeState, hide_envelope
from mrko_app.state.forms import Choice, Id, OptionalId, accepts
from mrko_app.state.schemas import ApproveForm, RejectForm


def _size(n: int) -> str:
    return f"{max(1, n // 1024)} KB"


class ApplicationsState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    show_all: bool = False
    rows: list[dict[str, str]] = []
    selected: dict[str, str] = {}
    docs: list[dict[str, str]] = []
    candidates: list[dict[str, str]] = []
    classes: list[dict[str, str]] = []
    class_students: list[dict[str, str]] = []
    chosen_student: str = ""
    reject_reason: str = ""

    def _view(self, db, apps) -> list[dict[str, str]]:
        zones = clock.zones_of(db, {a.school_id for a in apps})
        parents = applications.applicants(db, apps)
        schools = applications.school_names(db) if apps else {}
        return [{
            "id": str(a.id),
            "child": " ".join(p for p in (a.child_surname, a.child_first_name, a.child_patronymic) if p),
            "birth": fmt_date(a.child_birth_date),
            "class_name": a.class_name,
            "school": schools.get(a.school_id, ""),
            "relation": a.relation,
            "applicant": parents[a.parent_id].full_name if a.parent_id in parents else "",
            "phone": parents[a.parent_id].phone if a.parent_id in parents else "",
            "submitted": fmt_date(a.submitted_at),
            "due": fmt_date(a.due_date),
            "overdue": "yes" if applications.is_overdue(a, clock.today(zones.get(a.school_id))) else "",
            "status": a.status,
            "reason": a.reject_reason,
            "reason_text": a.reject_text,
        } for a in apps]

    def _reload(self, db, user) -> None:
        statuses = () if self.show_all else ("submitted",)
        self.rows = self._view(db, applications.queue(db, user, statuses))

    def _close(self):
        self.selected, self.docs, self.candidates, self.class_students = {}, [], [], []
        self.chosen_student, self.reject_reason, self.errors = "", "", {}

    @rx.event
    async def load(self):
        await hide_envelope(self)
        self._close()
        self.message, self.notice = "", ""

        def read(db):
            user = self._user(db, "staff")
            self._reload(db, user)
            self.classes = [{"id": str(c.id), "name": c.name} for c in roster.staff_classes(db, user)]

        if not self._run(read).ok:
            self.rows, self.classes = [], []

    @rx.event
    @accepts(value=Choice)
    def filter_by(self, value: str):
        self.show_all = value in ("all", "True")
        self._close()
        self._run(lambda db: self._reload(db, self._user(db, "staff")))

    @rx.event
    @accepts(application_id=Id)
    def open(self, application_id: int):
        self._close()
        self.message, self.notice = "", ""

        def read(db):
            user = self._user(db, "staff")
            application = applications.staff_application(db, user, application_id)
            docs = applications.documents_of(db, [application.id])[application.id]
            found = applications.suggest_students(db, user, application.id) if application.status == "submitted" else []
            return self._view(db, [application])[0], docs, found

        result = self._run(read)
        if not result.ok:
            return
        view, docs, found = result.value
        self.selected = view
        self.docs = [{"id": str(d.id), "kind": d.kind, "filename": d.filename, "size": _size(d.size)} for d in docs]
        self.candidates = [{"id": str(c.student.id), "score": str(c.score),
                            "label": f"{c.student.full_name}, {fmt_date(c.student.birth_date)}, {c.class_name}"}
                           for c in found]
        if self.candidates:
            self.chosen_student = self.candidates[0]["id"]

    @rx.event
    def close(self):
        self._close()

    @rx.event
    @accepts(student_id=OptionalId)
    def choose_student(self, student_id: int | None):
        self.chosen_student = "" if student_id is None else str(student_id)

    @rx.event
    @accepts(value=Choice)
    def choose_reason(self, value: str):
        self.reject_reason = value

    @rx.event
    @accepts(class_id=OptionalId)
    def pick_class(self, class_id: int | None):
        def read(db):
            user = self._user(db, "staff")
            return [{"id": str(s.id), "label": f"{s.full_name}, {fmt_date(s.birth_date)}"}
                    for s in roster.class_students(db, user, class_id) if s.status == "studying"]

        self.class_students = self._run(read).value_or([]) if class_id is not None else []  # "—": no class
        known = {s["id"] for s in self.candidates + self.class_students}
        if self.chosen_student not in known:
            self.chosen_student = self.class_students[0]["id"] if self.class_students else ""

    @rx.event
    @accepts(document_id=Id)
    def download(self, document_id: int):
        def read(db):
            return applications.document_for_staff(db, self._user(db, "staff"), document_id)

        result = self._run(read)
        if not result.ok:
            return None
        doc, data = result.value
        return rx.download(data=data, filename=doc.filename, mime_type=doc.content_type)

    @rx.event
    @accepts(form=ApproveForm)
    async def approve(self, form: ApproveForm):
        application_id = self.selected.get("id", "")
        student_id = form.student or self.chosen_student
        envelope = await self.get_state(EnvelopeState)
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "staff")
            _app, code, plain = applications.approve(db, user, application_id, student_id)
            envelope._show(db, code, plain, routes.APPLICATIONS)

        if self._run(run).ok:
            return rx.redirect(routes.ENVELOPE)

    @rx.event
    @accepts(form=RejectForm)
    def reject(self, form: RejectForm):
        application_id = self.selected.get("id", "")
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "staff")
            applications.reject(db, user, application_id, form.reason, form.reject_text)
            self._reload(db, user)

        if self._run(run).ok:
            self._close()
            self.notice = self._t("access.rejected_done")

    @rx.event
    @accepts(application_id=Id)
    async def reissue(self, application_id: int):
        envelope = await self.get_state(EnvelopeState)
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "staff")
            code, plain = applications.reissue(db, user, application_id)
            envelope._show(db, code, plain, routes.APPLICATIONS)

        if self._run(run).ok:
            return rx.redirect(routes.ENVELOPE)

