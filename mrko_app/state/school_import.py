"""Import (roster, teachers) with a preview and an all-or-nothing commit; export as CSV or XLSX."""

import reflex as rx

from mrko_app.services import school_admin
from mrko_app.services.errors import ServiceError
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, Uploads, accepts
from mrko_app.state.school_admin import SchoolChoice

KINDS = ("roster", "teachers", "timetable")
CHECK = {"roster": school_admin.check_roster, "teachers": school_admin.check_teachers,
         "timetable": school_admin.check_timetable}
IMPORT = {"roster": school_admin.import_roster, "teachers": school_admin.import_teachers,
          "timetable": school_admin.import_timetable}
EXPORT = {"roster": school_admin.roster_rows, "teachers": school_admin.teacher_rows,
          "timetable": school_admin.timetable_rows}


class ImportState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    kind: str = "roster"
    file_name: str = ""
    rows: list[dict[str, str]] = []  # the preview: row number, its values, its problems
    summary: str = ""
    can_commit: bool = False
    _table: list = []

    def _clear(self) -> None:
        self.message, self.notice, self.errors, self.rows, self.summary, self.can_commit = "", "", {}, [], "", False
        self._table, self.file_name = [], ""

    @rx.event
    def load(self):
        self._clear()
        self._run(self._staff_school)

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        self._pick_school(school_id)
        self._clear()

    @rx.event
    @accepts(value=Choice)
    def pick_kind(self, value: str):
        self._clear()
        self.kind = value if value in KINDS else "roster"

    def _check(self, db, user, table) -> list[dict]:
        return CHECK[self.kind](db, user, self.school_id, table)

    @rx.event
    @accepts(files=Uploads)
    async def upload(self, files: list[rx.UploadFile]):
        self._clear()
        upload = files[0] if len(files) == 1 else None
        if upload is None or getattr(upload, "file", None) is None:
            self.errors = {"file": self._t("school_admin.file_empty")}
            return
        content, name = upload.file.read(school_admin.files.MAX_BYTES + 1), str(upload.filename or "")[:200]
        try:
            table = school_admin.read_table(name, content)
        except ServiceError as exc:
            self.errors = self._field_errors(exc)
            return

        def run(db):
            return self._check(db, self._user(db, "staff"), table)

        out = self._run(run)
        if not out.ok:
            return
        checked = out.value
        self.file_name, self._table = name, table
        self.rows = [{"row": str(r["row"]), "values": " · ".join(v for v in r["values"].values() if v),
                      "errors": "; ".join(f"{k}: {self._t(key, **r.get('params', {}))}"
                                        for k, key in r["errors"].items())}
                     for r in checked]
        bad = sum(1 for r in checked if r["errors"])
        self.summary = self._t("school_admin.import_rows", ok=len(checked) - bad, bad=bad)
        self.can_commit = bad == 0 and len(checked) > 0

    @rx.event
    def commit(self):
        table = self._table
        if not table:
            return
        self.message, self.notice = "", ""

        def run(db):
            return IMPORT[self.kind](db, self._user(db, "staff"), self.school_id, table)

        count = self._run(run)
        if count.ok:
            self._clear()
            self.notice = self._t("school_admin.imported", count=count.value)

    @rx.event
    @accepts(what=Choice, fmt=Choice)
    def export(self, what: str, fmt: str):
        self.message = ""
        if what not in KINDS or fmt not in ("csv", "xlsx"):
            return

        def run(db):
            user = self._user(db, "staff")
            rows = EXPORT[what](db, user, self.school_id)
            return school_admin.export(rows, fmt, what)

        data = self._run(run)
        if data.ok:
            mime = "text/csv" if fmt == "csv" else \
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            return rx.download(data=data.value, filename=f"{what}.{fmt}", mime_type=mime)
