"""Final marks of the chosen child, how each average was computed, and the report card PDF."""

import asyncio

import reflex as rx

from mrko_app.services import changes
from mrko_app.services.diary import finals, report_card
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, accepts
from mrko_app.views.present import present_shared


class FinalsState(AuthState):
    periods: list[dict] = []
    rows: list[dict] = []
    thresholds: list[dict] = []
    detail: dict = {}
    selected: str = ""
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    _details: dict = {}

    @rx.event
    async def load(self):
        """A table the worker remembers at once, else read (with the averages' explanations) in a thread."""
        await self._show_remembered_or_in_thread(self._load)

    def _load(self, only_remembered: bool = False) -> bool:
        """False when `only_remembered` and the worker keeps no such table (nothing shown then)."""
        self.message, self.errors, self.selected, self.detail = "", {}, "", {}
        if not self.child_id:
            self.loaded = False
            self.message = self._t("diary.no_child") if "parent" in self.roles else ""
            return True
        lang = self.lang
        # finals() checks that the user is a parent of the child
        out = self._run(lambda db: finals.finals(db, self._reader(db), self.child_id, lang=lang,
                                                 only_remembered=only_remembered))
        if out.ok and out.value is changes.NOT_REMEMBERED:
            return False
        self.loaded = out.ok
        if not out.ok:
            self.rows, self._details = [], {}
            return True
        view = present_shared(out.value, lang)  # the table may be the worker's remembered one
        self.periods, self.rows, self.thresholds = view["periods"], view["rows"], view["thresholds"]
        self._details = view["details"]
        push.follow(self, [changes.topic("child", self.child_id)])
        return True

    def _pushed(self, batch: list) -> None:
        """A mark or a final mark of the child was committed: the table again, the open panel kept."""
        if batch and not any(c.kind in ("marks", "finals") for c in batch):
            return
        selected = self.selected
        self._load()
        if selected:
            self._select(selected)

    @rx.event
    @accepts(key=Choice)
    def select(self, key: str):
        """Show how the cell "<subject id>:<p<period id>|year>" was computed (only cells of the view loaded
        for this child exist; anything else clears the panel)."""
        self._select(key)

    def _select(self, key: str) -> None:
        detail = self._details.get(key)
        self.selected, self.detail = (key, detail) if detail is not None else ("", {})
        subject_id = key.split(":", 1)[0]
        row = next((r for r in self.rows if str(r["subject_id"]) == subject_id), None)
        if row is not None and self.detail:
            self.detail = {**self.detail, "subject_en": row["subject_en"], "subject_ru": row["subject_ru"]}

    @rx.event
    async def download(self):
        """The report card PDF; the service checks the parent's access again. Building it takes a few
        hundred milliseconds (fonts), so it runs in a thread and the worker keeps serving others."""
        lang = self.lang
        result = await asyncio.to_thread(
            self._run, lambda db: report_card.report_card(db, self._user(db, "parent"), self.child_id, lang=lang))
        if not result.ok:
            return None
        data, filename = result.value
        return rx.download(data=data, filename=filename, mime_type="application/pdf")
