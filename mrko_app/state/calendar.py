"""The school calendar (routes.CALENDAR): a month grid, a week or a list, switchable (on a phone the
month grid gives way to the list, by CSS); the add/edit form and the cancel button for staff, class
teachers and an event's author; a parent's RSVP to a class meeting."""

from datetime import date, timedelta

import reflex as rx

from mrko_app.services import clock, events, news
from mrko_app.state import calendar_views as cv
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.schemas_school_life import EventForm

VIEWS = ("month", "week", "list")
EMPTY_FORM = dict.fromkeys(("target", "title", "place", "description", "starts", "ends", "meeting"), "")


class CalendarState(AuthState):
    view: str = "month"
    anchor: str = ""  # ISO date the view is around (its month, its week)
    month_key: str = ""  # "YYYY-MM" shown
    heading: str = ""
    weekdays: list[str] = []
    entries: list[dict] = []
    weeks: list[list[dict]] = []  # the month grid
    days: list[dict] = []  # the week view
    targets: list[dict[str, str]] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0
    prefill: dict[str, str] = dict(EMPTY_FORM)
    editing_title: str = ""
    _editing_id: int = 0

    def _refresh(self) -> None:
        lang, view = self.lang, self.view
        focus = date.fromisoformat(self.anchor)
        first = focus.replace(day=1)
        if view == "week":
            start = cv.monday(focus)
            span = (start, start + timedelta(days=6))
        else:
            span = (first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))

        def read(db):
            user = self._user(db)
            return ([views.entry_row(e, lang) for e in events.between(db, user, *span)],
                    [views.target_row(t, lang) for t in news.publish_targets(db, user)])

        self.entries, self.targets = self._run(read).value_or(([], []))
        today = clock.today()
        self.month_key = first.strftime("%Y-%m")
        self.weekdays = cv.weekday_names(lang)
        if view == "week":
            self.heading, self.weeks = cv.week_heading(span[0], lang), []
            self.days = cv.week_days(self.entries, span[0], today, lang)
        else:
            self.heading, self.days = cv.month_heading(first, lang), []
            self.weeks = cv.month_grid(self.entries, first, today, lang) if view == "month" else []

    def _reset_form(self, prefill: dict | None = None) -> None:
        self.prefill = {**EMPTY_FORM, **(prefill or {})}
        self._editing_id = int((prefill or {}).get("id") or 0)
        title = (prefill or {}).get("title", "")
        self.editing_title = self._t("events.editing", title=title) if title else ""
        self.form_key += 1

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self.view = self.view if self.view in VIEWS else "month"
        self.anchor = clock.today().isoformat()
        self._reset_form()
        self._refresh()

    @rx.event
    @accepts(view=Choice)
    def set_view(self, view: str):
        if view in VIEWS and self.anchor:
            self.view = view
            self._refresh()

    @rx.event
    @accepts(step=Choice)
    def shift(self, step: str):
        """A month (a week in the week view) earlier (-1) or later (+1); anything else is ignored."""
        if step not in ("-1", "1") or not self.anchor:
            return
        focus, step = date.fromisoformat(self.anchor), int(step)
        if self.view == "week":
            focus += timedelta(days=7 * step)
        else:
            month = focus.year * 12 + focus.month - 1 + step
            focus = date(month // 12, month % 12 + 1, 1)
        if 2000 <= focus.year <= 2100:
            self.anchor = focus.isoformat()
            self._refresh()

    @rx.event
    def to_today(self):
        if self.anchor:
            self.anchor = clock.today().isoformat()
            self._refresh()

    @rx.event
    @accepts(form=EventForm)
    def add(self, form: EventForm):
        self.message, self.sent, self.errors = "", "", {}
        editing, data = self._editing_id, form.model_dump()

        def save(db):
            user = self._user(db)
            return events.update_event(db, user, editing, data) if editing else events.create_event(db, user, data)

        if self._run(save).ok:
            self.sent = self._t("events.saved" if editing else "events.added")
            self._reset_form()
            self._refresh()

    @rx.event
    @accepts(event_id=Id)
    def edit(self, event_id: int):
        self.message, self.sent, self.errors = "", "", {}
        values = self._run(lambda db: events.for_editing(db, self._user(db), event_id))
        if values.ok:
            self._reset_form(values.value)

    @rx.event
    def stop_editing(self):
        self.errors = {}
        self._reset_form()

    @rx.event
    @accepts(event_id=Id)
    def cancel_event(self, event_id: int):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: events.cancel_event(db, self._user(db), event_id)).ok:
            self.sent = self._t("events.event_cancelled")
            if self._editing_id == event_id:
                self._reset_form()
            self._refresh()

    @rx.event
    @accepts(event_id=Id, answer=Choice)
    def rsvp(self, event_id: int, answer: str):
        self.message = ""
        if self._run(lambda db: events.rsvp(db, self._user(db, "parent"), event_id, answer)).ok:
            self._refresh()
