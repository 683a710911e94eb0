"""Results of one survey for its owners (routes.SURVEY_RESULTS): charts per question, free texts, the
class filter (groups of at least 5), a test's scores, exports and reminders. Re-read on every visit."""

import reflex as rx

from mrko_app.services import surveys
from mrko_app.services.ids import parse_id
from mrko_app.state.base import AuthState
from mrko_app.state.forms import OptionalId, accepts
from mrko_app.views import surveys as view

HEADINGS = ("respondent", "child", "submitted", "class", "score")


class SurveyResultsState(AuthState):
    title: str = ""
    loaded: bool = False
    responses: int = 0
    audience: int = 0
    is_test: bool = False
    status: str = ""
    items: list[view.ResultView] = []
    # SVG drawn on the server (views/svg_charts.py). Not go.Figure: a Figure default is deep-copied into
    # every tab's state when it is created (27 ms of each hydration, whatever the page)
    figures: list[str] = []
    scores_figure: str = ""
    classes: list[dict[str, str]] = []
    class_choice: str = ""
    message: str = ""
    notice: str = ""
    _survey_id: int = 0

    def _read(self) -> None:
        choice = self.class_choice or None
        out = self._run(lambda db: surveys.results(db, self._user(db), self._survey_id, choice))
        self.loaded = out.ok
        if not out.ok:
            self.items, self.figures = [], []
            return
        result = out.value
        self.title, self.responses, self.audience = result.title, result.responses, result.audience
        self.is_test, self.status = result.kind == "test", result.status
        self.items = view.result_views(result)
        self.figures = [view.chart(q, self.lang) for q in result.questions]
        self.scores_figure = view.scores_chart(result) if self.is_test else ""
        self.classes = [{"id": str(cid), "name": name, "count": str(n)} for cid, name, n in result.classes]

    @rx.event
    def load(self):
        self.message, self.notice, self.class_choice = "", "", ""
        raw = self.router.url.query_parameters.get("id", "")
        self._survey_id = parse_id(raw) or 0
        self._read()

    @rx.event
    @accepts(class_id=OptionalId)  # "" (the select's "all classes") or a class listed in `classes`
    def choose_class(self, class_id: int | None):
        self.class_choice = str(class_id) if class_id else ""
        self.message = ""
        self._read()

    def _export(self, db):
        headings = {h: self._t(f"surveys.col.{h}") for h in HEADINGS}
        return surveys.export_table(db, self._user(db), self._survey_id, headings)

    @rx.event
    def download_csv(self):
        out = self._run(self._export)
        if not out.ok:
            return None
        return rx.download(data=surveys.to_csv(out.value[1]), filename=f"survey-{self._survey_id}.csv",
                           mime_type="text/csv")

    @rx.event
    def download_xlsx(self):
        out = self._run(self._export)
        if not out.ok:
            return None
        return rx.download(data=surveys.to_xlsx(out.value[1], out.value[0]), filename=f"survey-{self._survey_id}.xlsx",
                           mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @rx.event
    def remind(self):
        self.notice = ""
        count = self._run(lambda db: surveys.remind(db, self._user(db), self._survey_id, now=None))
        if count.ok:
            self.notice = self._t("surveys.reminded", count=count.value)
