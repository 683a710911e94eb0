"""The notification centre's page (routes.NOTIFICATIONS): everything the person was told, unread first,
filtered by kind, marked read one by one or all at once; and how each kind reaches them (in the app,
e-mail now, a daily digest), their e-mail quiet hours and digest hour. The list follows the person's
("user", id) topic, so a notification arriving while it is open appears without reloading."""

import asyncio

import reflex as rx

from mrko_app.i18n import formats
from mrko_app.services import changes, clock
from mrko_app.services import inbox as centre
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.schemas import NotificationSettingsForm
from mrko_app.views.language import per_language

KINDS = list(centre.KINDS)


class NotificationsState(AuthState):
    loaded: bool = False
    items: list[dict[str, str]] = []
    kind: str = "all"  # the filter
    unread: int = 0
    message: str = ""
    errors: dict[str, str] = {}
    modes: dict[str, str] = {}
    settings: dict[str, str] = {}
    settings_key: int = 0  # changes when the settings are (re)loaded, so the form shows them afresh
    saved: bool = False

    def _read(self) -> None:
        kind = self.kind

        def read(db):
            user = self._user(db)
            rows = centre.items(db, user, None if kind == "all" else kind)
            return user.id, rows, centre.unread_count(db, user), centre.view(db, user)

        out = self._run(read)
        if not out.ok:
            self.items = []
            return
        user_id, rows, unread, view = out.value
        zone = self._reader_zone
        self.items = [
            {"id": str(n.id), "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
             "new": "" if n.read_at else "1",
             **per_language("when", lambda lang, n=n: formats.datetime(clock.to_local(n.shown_at, zone), lang))}
            for n in rows
        ]
        self.unread = self.unread_notifications = unread
        self.modes = dict(view["modes"])
        self.settings = {k: view[k] for k in ("quiet_start", "quiet_end", "digest_hour")}
        push.follow(self, [changes.topic("user", user_id)])

    def _pushed(self, batch: list) -> None:
        if not batch or any(c.kind == "notifications" for c in batch):
            self._read()

    @rx.event
    async def load(self):
        self.message, self.errors, self.saved = "", {}, False
        if self.kind not in ("all", *KINDS):
            self.kind = "all"
        await asyncio.to_thread(self._read)
        self.settings_key += 1
        self.loaded = True

    @rx.event
    @accepts(kind=Choice)
    def set_filter(self, kind: str):
        self.kind = kind if kind in ("all", *KINDS) else "all"
        self._read()

    @rx.event
    @accepts(notification_id=Id)
    def mark_read(self, notification_id: int):
        self.message = ""
        self._run(lambda db: centre.mark_read(db, self._user(db), notification_id))
        self._read()

    @rx.event
    def mark_all_read(self):
        self.message = ""
        kind = None if self.kind == "all" else self.kind
        self._run(lambda db: centre.mark_all_read(db, self._user(db), kind))
        self._read()

    @rx.event
    @accepts(kind=Choice, mode=Choice)
    def set_mode(self, kind: str, mode: str):
        """One kind's choice, sent as the control changes."""
        self.errors, self.saved = {}, False
        chosen = self._run(lambda db: centre.set_mode(db, self._user(db), kind, mode))
        if chosen.ok:
            self.modes = {**self.modes, kind: chosen.value}
            self.saved = True

    @rx.event
    @accepts(form=NotificationSettingsForm)
    def save_settings(self, form: NotificationSettingsForm):
        self.errors, self.message, self.saved = {}, "", False
        data = form.model_dump()
        if self._run(lambda db: centre.save_settings(db, self._user(db), data)).ok:
            self.saved = True
            self._read()
