"""News: the feed of whoever is signed in, and the publish form for staff and class teachers (routes.NEWS):
new posts and edits of one's own (staff: their school's), pictures uploaded before the form is sent.

Pictures are read in the upload handler (Reflex hands them over as temporary files), prepared by
services/uploads (checked by content, resized, re-encoded) and written to the private folder; the state
keeps only their metadata, server-side (`_pictures`), until the post is saved, as the access application does."""

import reflex as rx

from mrko_app.services import clock, news, uploads
from mrko_app.services.errors import ServiceError
from mrko_app.state import push
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, Uploads, accepts
from mrko_app.state.schemas_school_life import NewsForm

EMPTY_FORM = dict.fromkeys(("target", "title", "body", "publish_at", "expires_at", "pinned"), "")


class NewsState(AuthState):
    items: list[dict] = []
    scheduled: list[dict[str, str]] = []
    targets: list[dict[str, str]] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0
    prefill: dict[str, str] = dict(EMPTY_FORM)
    editing_title: str = ""  # the post being edited ("" : a new one)
    attached: int = 0  # pictures uploaded for the form, not saved yet
    attached_text: str = ""
    _editing_id: int = 0
    _pictures: list[dict] = []

    def _refresh(self) -> None:
        lang, zone = self.lang, self._reader_zone

        def read(db):
            front = news.front_page(db, self._user(db))
            zones = clock.zones_of(db, {p.school_id for p in front.scheduled})
            return ([views.news_row(i, lang, zone) for i in front.items],
                    [views.scheduled_row(p, lang, zones.get(p.school_id, "")) for p in front.scheduled],
                    [views.target_row(t, lang) for t in front.targets], front.topics)

        self.items, self.scheduled, self.targets, topics = self._run(read).value_or(([], [], [], []))
        push.follow(self, topics)  # a post published, edited or withdrawn for these reaches the open feed

    def _pushed(self, batch: list) -> None:
        """News of a followed school or class changed (state/push.py): the feed again, the form untouched."""
        if not batch or any(c.kind == "news" for c in batch):
            self._refresh()

    def _drop_pending(self) -> None:
        for picture in self._pictures:
            uploads.delete(news.PICTURE_FOLDER, picture["storage_name"])
        self._pictures, self.attached, self.attached_text = [], 0, ""

    def _reset_form(self, prefill: dict | None = None) -> None:
        self._drop_pending()
        self.prefill = {**EMPTY_FORM, **(prefill or {})}
        self._editing_id = int((prefill or {}).get("id") or 0)
        title = (prefill or {}).get("title", "")
        self.editing_title = self._t("news.editing", title=title) if title else ""
        self.form_key += 1

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self._reset_form()
        self._refresh()

    @rx.event
    def load_preview(self):
        """The home page: the feed of a signed-in person; nothing (and no error) for a visitor."""
        self.message, self.sent, self.errors, self.items, self.targets = "", "", {}, [], []
        if self._token():
            self._refresh()
            self.message = ""

    @rx.event
    @accepts(files=Uploads)
    async def upload_pictures(self, files: list[rx.UploadFile]):
        self.errors = {k: v for k, v in self.errors.items() if k != "pictures"}
        self.message = ""
        if not self._run(lambda db: bool(news.publish_targets(db, self._user(db)))).value_or(False):
            return
        if not files or len(files) + len(self._pictures) > news.MAX_PICTURES:
            self.errors = {**self.errors, "pictures": self._t("news.error.pictures", pictures_max=news.MAX_PICTURES)}
            return
        added = []
        for upload in files:
            data = upload.file.read(uploads.PICTURE_MAX_BYTES + 1) if getattr(upload, "file", None) else b""
            try:
                stored, picture = uploads.store_picture(data, news.PICTURE_FOLDER, upload.filename)
            except ServiceError as exc:
                for done in added:
                    uploads.delete(news.PICTURE_FOLDER, done["storage_name"])
                self.errors = {**self.errors, **self._field_errors(exc)}
                return
            added.append({**stored.as_dict(), "width": picture.width, "height": picture.height})
        self._pictures = [*self._pictures, *added]
        self.attached = len(self._pictures)
        self.attached_text = self._t("news.pictures_attached", count=self.attached)

    @rx.event
    def clear_pictures(self):
        self._drop_pending()

    @rx.event
    @accepts(post_id=Id)
    def edit(self, post_id: int):
        self.message, self.sent, self.errors = "", "", {}
        values = self._run(lambda db: news.for_editing(db, self._user(db), post_id))
        if values.ok:
            self._reset_form(values.value)

    @rx.event
    def stop_editing(self):
        self.errors = {}
        self._reset_form()

    @rx.event
    @accepts(form=NewsForm)
    def publish(self, form: NewsForm):
        self.message, self.sent, self.errors = "", "", {}
        data, pictures, editing = form.model_dump(), list(self._pictures), self._editing_id

        def save(db):
            user = self._user(db)
            if editing:
                return news.update(db, user, editing, data, pictures=pictures, drop_pictures=form.drop_pictures)
            return news.publish(db, user, data, pictures=pictures)

        if self._run(save).ok:
            self._pictures = []  # they belong to the post now
            self.sent = self._t("news.saved" if editing else "news.published")
            self._reset_form()
            self._refresh()

    @rx.event
    @accepts(post_id=Id)
    def withdraw(self, post_id: int):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: news.withdraw(db, self._user(db), post_id)).ok:
            self.sent = self._t("news.withdrawn")
            if self._editing_id == post_id:
                self._reset_form()
            self._refresh()

    @rx.event
    @accepts(post_id=Id)
    def mark_read(self, post_id: int):
        self.message = ""
        if self._run(lambda db: news.mark_read(db, self._user(db), post_id)).ok:
            self._refresh()
