"""Calendar feeds (routes.FEEDS): create (which shows the new URL once), list and revoke."""

import reflex as rx

from mrko_app import config
from mrko_app.services import calendar_feed
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_life import FeedForm


class FeedsState(AuthState):
    feeds: list[dict[str, str]] = []
    new_url: str = ""  # the only time the secret is shown: it is not stored in plain anywhere
    chosen: list[str] = []  # a parent's ticked children (student ids) for the next feed; none: all
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}

    def _refresh(self) -> None:
        lang, zone = self.lang, self._reader_zone
        rows = self._run(lambda db: [views.feed_row(f, lang, zone) for f in calendar_feed.feeds(db, self._user(db))])
        self.feeds = rows.value_or([])

    @rx.event
    def load(self):
        self.message, self.sent, self.errors, self.new_url, self.chosen = "", "", {}, "", []
        self._refresh()

    @rx.event
    @accepts(student_id=Id)
    def toggle_child(self, student_id: int):
        """Tick or untick a child for the next feed (the service checks the child is the parent's)."""
        value = str(student_id)
        if value in self.chosen:
            self.chosen = [c for c in self.chosen if c != value]
        elif value in {c["id"] for c in self.children}:
            self.chosen = [*self.chosen, value]

    @rx.event
    @accepts(form=FeedForm)
    def create(self, form: FeedForm):
        self.message, self.sent, self.errors, self.new_url = "", "", {}, ""
        kind, chosen = form.kind or None, list(self.chosen)
        token = self._run(lambda db: calendar_feed.create(db, self._user(db), kind, chosen))
        if token.ok:
            self.new_url = f"{config.app_origin().rstrip('/')}/calendar/{token.value}.ics"
            self._refresh()

    @rx.event
    @accepts(feed_id=Id)
    def revoke(self, feed_id: int):
        self.message, self.sent, self.new_url = "", "", ""
        if self._run(lambda db: calendar_feed.revoke(db, self._user(db), feed_id)).ok:
            self.sent = self._t("feeds.revoked")
            self._refresh()
