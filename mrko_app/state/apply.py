"""A parent applies for access: the form, and one upload per document.

Uploads are read in the handler (Reflex hands them over as temporary files, nothing is written to
its public upload folder), checked by content and written straight to the private folder; the state
keeps only their metadata, server-side (`_files`), until the application is submitted.
"""

import reflex as rx

from mrko_app.services.access import applications, documents
from mrko_app.services.errors import NotFound, ServiceError
from mrko_app.state.access import fmt_date
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Uploads, accepts
from mrko_app.state.schemas import ApplicationForm


class ApplyState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    schools: list[dict[str, str]] = []
    attached: dict[str, str] = {}  # kind -> "file.pdf (120 KB)"
    relation: str = "parent"
    done: bool = False
    due: str = ""
    # the fields of an earlier application (?again=<id>, "apply again" after a rejection); the form is
    # re-mounted (form_key) when they change, so that its inputs take them as their initial values
    prefill: dict[str, str] = dict.fromkeys(applications.APPLICATION_FIELDS, "")
    form_key: int = 0
    _files: dict[str, dict] = {}

    def _drop_pending(self, kind: str | None = None):
        for k in [kind] if kind else list(self._files):
            stored = self._files.pop(k, None)
            if stored:
                documents.delete(stored["storage_name"])
        self.attached = {k: v for k, v in self.attached.items() if k in self._files}

    @rx.event
    def load(self):
        self._drop_pending()
        self.errors, self.message, self.done, self.due, self.relation = {}, "", False, "", "parent"
        again = str(self.router.url.query_parameters.get("again", "") or "")[:20]

        def read(db):
            user = self._user(db, "parent")
            schools = [{"id": str(s.id), "name": s.name} for s in applications.schools(db)]
            try:
                earlier = applications.details_to_apply_again(db, user, again) if again else {}
            except NotFound:
                earlier = {}
            return schools, earlier

        self.schools, earlier = self._run(read).value_or(([], {}))
        prefill = {name: earlier.get(name, "") for name in applications.APPLICATION_FIELDS}
        if prefill != self.prefill:  # re-mount only then: what a quick parent has typed already stays
            self.prefill, self.form_key = prefill, self.form_key + 1
        self.relation = prefill["relation"] or "parent"

    @rx.event
    @accepts(value=Choice)
    def choose_relation(self, value: str):
        self.relation = value if value in applications.RELATIONS else "parent"

    async def _attach(self, kind: str, files) -> None:
        field = f"doc_{kind}"
        self.errors = {k: v for k, v in self.errors.items() if k != field}
        self.message = ""
        if not self._run(lambda db: self._user(db, "parent")).ok:
            return
        upload = files[0] if isinstance(files, list) and len(files) == 1 else None
        if upload is None or getattr(upload, "file", None) is None:
            self.errors = {**self.errors, field: self._t("access.doc_missing")}
            return
        data = upload.file.read(documents.MAX_SIZE + 1)
        try:
            stored = documents.store(data, upload.filename, field=field)
        except ServiceError as exc:
            self.errors = {**self.errors, **self._field_errors(exc)}
            return
        self._drop_pending(kind)
        self._files = {**self._files, kind: stored.as_dict()}
        self.attached = {**self.attached, kind: f"{stored.filename} ({max(1, stored.size // 1024)} KB)"}

    @rx.event
    @accepts(files=Uploads)
    async def upload_application(self, files: list[rx.UploadFile]):
        await self._attach("application", files)

    @rx.event
    @accepts(files=Uploads)
    async def upload_birth_certificate(self, files: list[rx.UploadFile]):
        await self._attach("birth_certificate", files)

    @rx.event
    @accepts(files=Uploads)
    async def upload_identity(self, files: list[rx.UploadFile]):
        await self._attach("identity", files)

    @rx.event
    @accepts(form=ApplicationForm)
    def submit(self, form: ApplicationForm):
        files, data = dict(self._files), form.model_dump()
        self.errors, self.message = {}, ""

        def run(db):
            user = self._user(db, "parent")
            return applications.submit(db, user, data, files)

        out = self._run(run)
        if not out.ok:
            if isinstance(self.errors, dict) and "form" in self.errors:
                self.message = self.errors["form"]
            return
        self._files, self.attached = {}, {}
        self.done, self.due = True, fmt_date(out.value.due_date)

