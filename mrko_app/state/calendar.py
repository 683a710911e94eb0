"""The school calendar as a list per month (routes.CALENDAR), and the add-event form for staff and
class teachers."""

import reflex as rx

from mrko_app.services import clock, events, news
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.schemas_school_life import EventForm


class CalendarState(AuthState):
    month_key: str = ""  # "YYYY-MM" shown
    entries: list[dict] = []
    targets: list[dict[str, str]] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0

    def _refresh(self) -> None:
        year, month = (int(p) for p in self.month_key.split("-"))
        lang = self.lang

        def read(db):
            user = self._user(db)
            return ([views.entry_row(e, lang) for e in events.month(db, user, year, month)],
                    [views.target_row(t, lang) for t in news.publish_targets(db, user)])

        result = self._run(read)
        self.entries, self.targets = result if result is not None else ([], [])

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self.month_key = clock.today().strftime("%Y-%m")
        self._refresh()

    @rx.event
    @accepts(step=Choice)
    def shift(self, step: str):
        """A month earlier (-1) or later (+1); anything else is ignored."""
        if step not in ("-1", "1") or not self.month_key:
            return
        step = int(step)
        year, month = (int(p) for p in self.month_key.split("-"))
        month += step
        year, month = (year - 1, 12) if month == 0 else ((year + 1, 1) if month == 13 else (year, month))
        if 2000 <= year <= 2100:
            self.month_key = f"{year:04d}-{month:02d}"
            self._refresh()

    @rx.event
    @accepts(form=EventForm)
    def add(self, form: EventForm):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: events.create_event(db, self._user(db), form.model_dump())) is not None:
            self.sent = self._t("events.added")
            self.form_key += 1
            self._refresh()

    @rx.event
    @accepts(event_id=Id, answer=Choice)
    def rsvp(self, event_id: int, answer: str):
        self.message = ""
        if self._run(lambda db: events.rsvp(db, self._user(db, "parent"), event_id, answer)) is not None:
            self._refresh()
