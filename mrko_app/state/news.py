"""News: the feed of whoever is signed in, and the publish form for staff and class teachers (routes.NEWS)."""

import reflex as rx

from mrko_app.services import news
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_life import NewsForm


class NewsState(AuthState):
    items: list[dict] = []
    targets: list[dict[str, str]] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0

    def _refresh(self) -> None:
        lang = self.lang

        def read(db):
            user = self._user(db)
            return ([views.news_row(i, lang) for i in news.feed(db, user)],
                    [views.target_row(t, lang) for t in news.publish_targets(db, user)])

        result = self._run(read)
        self.items, self.targets = result if result is not None else ([], [])

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self._refresh()

    @rx.event
    def load_preview(self):
        """The home page: the feed of a signed-in person; nothing (and no error) for a visitor."""
        self.message, self.sent, self.errors, self.items, self.targets = "", "", {}, [], []
        if self._token():
            self._refresh()
            self.message = ""

    @rx.event
    @accepts(form=NewsForm)
    def publish(self, form: NewsForm):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: news.publish(db, self._user(db), form.model_dump())) is not None:
            self.sent = self._t("news.published")
            self.form_key += 1
            self._refresh()

    @rx.event
    @accepts(post_id=Id)
    def mark_read(self, post_id: int):
        self.message = ""
        if self._run(lambda db: news.mark_read(db, self._user(db), post_id) or True):
            self._refresh()
