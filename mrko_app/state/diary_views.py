"""All marks, the year grid, homework and the timetable of the chosen child: thin states over
services/diary/__init__.py and services/diary/timetable.py. Each public var holds only the chosen child's view."""

from datetime import timedelta

import reflex as rx

from mrko_app import routes
from mrko_app.services import changes, diary
from mrko_app.services.diary import timetable
from mrko_app.services.errors import NotFound, ServiceError
from mrko_app.state import push
from mrko_app.state.base import AuthState, Outcome
from mrko_app.state.forms import Choice, accepts
from mrko_app.state.schemas import MarksFilterForm
from mrko_app.views.present import present


class _ChildView:
    """Shared by the page states below (a plain mixin: Reflex sees only the concrete states)."""

    def _child_view(self, build) -> Outcome:
        """build(db, user, child_id) in one transaction, or a failed Outcome with `message` set."""
        self.message, self.errors = "", {}
        if not self.child_id:
            self.message = self._t("diary.no_child") if "parent" in self.roles else ""
            return Outcome(error=NotFound("diary.no_child"))  # nothing ran: no child to show

        def action(db):
            return build(db, self._user(db, "parent"), self.child_id)

        view = self._run(action)
        return Outcome(present(view.value, self.lang)) if view.ok else view  # dates and times for the reader


class MarksState(_ChildView, AuthState):
    marks: list[dict] = []
    periods: list[dict] = []
    subjects: list[dict] = []
    period_id: str = ""
    start: str = ""
    end: str = ""
    subject_id: str = ""
    sort: str = "date"
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    _filters: dict = {}

    def _fetch(self, **filters) -> None:
        lang = self.lang
        out = self._child_view(lambda db, user, child: diary.marks_list(db, user, child, lang=lang, **filters))
        if not out.ok:
            return  # a refused filter keeps the form (its errors show beside the fields)
        view = out.value
        self._filters = filters
        push.follow(self, [changes.topic("child", self.child_id)])  # the child the service just let us see
        self.marks, self.periods, self.subjects = view["marks"], view["periods"], view["subjects"]
        self.start, self.end = view["start"], view["end"]
        self.period_id = "" if view["period_id"] is None else str(view["period_id"])
        self.subject_id = str(filters.get("subject_id") or "")
        self.sort = filters.get("sort", "date")
        self.loaded = True

    def _pushed(self, batch: list) -> None:
        """The child's marks changed (state/push.py): the same list again, with the same filters."""
        if not batch or any(c.kind == "marks" for c in batch):
            self._fetch(**self._filters)

    @rx.event
    def load(self):
        """on_load and child switch: the current period (or ?date=YYYY-MM-DD for one day)."""
        day = str(self.router.url.query_parameters.get("date", "") or "")
        self.loaded, self.marks = False, []
        if day:
            self._fetch(start=day, end=day)
        else:
            self._fetch()

    @rx.event
    @accepts(form=MarksFilterForm)
    def apply(self, form: MarksFilterForm):
        """The filter form: a period wins over dates; "" means any."""
        filters = {"subject_id": form.subject_id, "sort": form.sort or "date"}
        if form.period_id:
            filters["period_id"] = form.period_id
        else:
            filters["start"], filters["end"] = form.start, form.end
        self._fetch(**filters)


class YearState(_ChildView, AuthState):
    months: list[dict] = []
    rows: list[dict] = []
    totals: list[dict] = []
    year_name: str = ""
    shown_child: str = ""  # whose grid is shown (the grid's data-child: a switch of child is seen to be done)
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    @rx.event
    def load(self):
        lang = self.lang
        out = self._child_view(lambda db, user, child: diary.year_grid(db, user, child, lang=lang))
        view, self.loaded = out.value, out.ok
        if out.ok:
            self.months, self.rows, self.totals, self.year_name = view["months"], view["rows"], view["totals"], view["year"]
            self.shown_child = self.child_id


class HomeworkState(_ChildView, AuthState):
    due: list[dict] = []
    past: list[dict] = []
    past_more: bool = False
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    @rx.event
    def load(self):
        out = self._child_view(diary.homework_lists)
        view, self.loaded = out.value, out.ok
        if out.ok:
            self.due, self.past, self.past_more = view["due"], view["past"], view["past_more"]


class TimetableState(_ChildView, AuthState):
    days: list[dict] = []
    chosen: str = ""
    range_text: str = ""
    prev_date: str = ""
    next_date: str = ""
    prev_day: str = ""
    next_day: str = ""
    class_name: str = ""
    mode: str = "week"
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    def _fetch(self, day: str) -> None:
        out = self._child_view(lambda db, user, child: timetable.timetable_week(db, user, child, day))
        view, self.loaded = out.value, out.ok
        if out.ok:
            self.days, self.chosen, self.range_text = view["days"], view["date"], view["range_text"]
            self.prev_date, self.next_date, self.class_name = view["prev"], view["next"], view["class_name"]
            chosen = diary.parse_day(view["date"])
            self.prev_day = (chosen - timedelta(days=1)).isoformat()
            self.next_day = (chosen + timedelta(days=1)).isoformat()

    @rx.event
    def load(self):
        """on_load: ?date=YYYY-MM-DD (default today), ?mode=day|week."""
        params = self.router.url.query_parameters
        self.mode = "day" if params.get("mode") == "day" else "week"
        self._fetch(str(params.get("date", "") or ""))

    @rx.event
    @accepts(value=Choice)
    def jump(self, value: str):
        try:
            day = diary.parse_day(value, "date")
        except ServiceError:
            self.errors = {"date": self._t("diary.error.date")}
            return None
        return rx.redirect(f"{routes.TIMETABLE}?date={day.isoformat()}&mode={self.mode}")

    @rx.event
    @accepts(mode=Choice)
    def set_mode(self, mode: str):
        mode = "day" if mode == "day" else "week"
        return rx.redirect(f"{routes.TIMETABLE}?date={self.chosen}&mode={mode}")

    @rx.var
    def shown_days(self) -> list[dict]:
        """The whole week, or only the chosen day."""
        if self.mode == "day":
            return [d for d in self.days if d.get("is_chosen")]
        return self.days
