"""The week of the chosen child (routes.DIARY?week=YYYY-MM-DD), kept live while the page is open.

Live updates. `load` (on_load, and again when the child is switched) starts one background task,
`watch`, per open page: every LIVE_INTERVAL seconds it runs ONE cheap query (diary.week_signature:
the latest updated_at and the row count of the week's marks, attendance, lessons, homework, notices)
and reloads the week only when that changed; the reload re-checks the session and the parent's access
(diary.week does), so a revoked session stops the loop at the next change. The loop stops when
  - another `watch` started for this tab (a generation counter: at most one live loop per client),
  - the tab is no longer on the diary page, or the sign-in token changed (logged out / another user),
  - the client disconnected (Reflex's token manager no longer knows the tab), or after MAX_LIVE.
Polling the database rather than pushing from the journal keeps the two areas independent and works
with several backend workers: each client's loop runs in the worker that holds its websocket, and
every worker sees the same database; nothing is shared in memory. Database work runs in a thread, never
while the state lock is held.
"""

import asyncio
import time

import reflex as rx

from mrko_app import db as database
from mrko_app import routes
from mrko_app.services import accounts, clock, diary
from mrko_app.services.errors import ServiceError
from mrko_app.services.ids import parse_id
from mrko_app.state.base import AuthState, _norm
from mrko_app.views.present import present
from mrko_app.state.forms import Choice, accepts

LIVE_INTERVAL = 3.0  # seconds between two "did anything change" queries
MAX_LIVE = 4 * 3600  # a forgotten open tab stops polling after this many seconds


async def _client_connected(client_token: str) -> bool:
    """Whether the tab's websocket is still connected (True when it cannot be told)."""
    try:
        from reflex.utils.prerequisites import get_app

        namespace = get_app().app.event_namespace
        manager = getattr(namespace, "_token_manager", None)
        if manager is not None and hasattr(manager, "is_token_connected"):
            return await manager.is_token_connected(client_token)
        return client_token in namespace.token_to_sid
    except Exception:  # no app (tests) or an older Reflex: rely on the other stop conditions
        return True


def _read_week(auth_token: str, child_id: str, day: str) -> tuple[dict, str, tuple[int, str]]:
    """(week view, signature, (student id, monday)) in one transaction: 2 statements for the session,
    1 for the signature, 15 for the week. The signature is read first, so a change landing meanwhile is
    seen at the next check; diary.week checks the access (a wrong child id shows nothing)."""
    with database.session_scope() as db:
        user = accounts.resolve_session(db, auth_token) if auth_token else None
        monday = diary.monday_of(diary.parse_day(day, "week") if day else clock.today())
        student_id = parse_id(child_id) or 0
        signature = diary.week_signature(db, student_id, monday)
        view = diary.week(db, user, child_id, monday)
        return view, signature, (view["student_id"], monday.isoformat())


def _read_signature(key: tuple[int, str]) -> str:
    with database.session_scope() as db:
        return diary.week_signature(db, key[0], diary.parse_day(key[1]))


class DiaryState(AuthState):
    monday: str = ""
    range_text: str = ""
    prev_week: str = ""
    next_week: str = ""
    this_week: bool = True
    left_days: list[dict] = []
    right_days: list[dict] = []
    loaded: bool = False
    live: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    _signature: str = ""
    _live_key: tuple = ()
    _live_gen: int = 0

    def _show(self, view: dict) -> None:
        view = present(view, self.lang)
        self.monday, self.range_text = view["monday"], view["range_text"]
        self.prev_week, self.next_week, self.this_week = view["prev"], view["next"], view["this_week"]
        days = view["days"]
        self.left_days, self.right_days = days[:3], days[3:]
        self.loaded = True

    def _load_week(self, day: str) -> bool:
        self.message, self.errors = "", {}
        if not self.child_id:
            self.loaded, self.left_days, self.right_days = False, [], []
            self.message = self._t("diary.no_child") if "parent" in self.roles else ""
            return False
        try:
            view, signature, key = _read_week(self._token(), self.child_id, day)
        except ServiceError as exc:
            self.loaded, self.left_days, self.right_days = False, [], []
            self.message = self._error_text(exc)
            return False
        self._show(view)
        self._signature, self._live_key = signature, key
        return True

    @rx.event
    def load(self):
        """on_load: the week of ?week= (default: this week), then the live loop."""
        day = str(self.router.url.query_parameters.get("week", "") or "")
        if self._load_week(day):
            return DiaryState.watch
        self._live_gen += 1  # nothing to watch: stop a running loop
        self.live = False
        return None

    @rx.event
    @accepts(value=Choice)
    def jump(self, value: str):
        """The date input: go to the week holding that date (the URL keeps it)."""
        try:
            day = diary.parse_day(value, "week")
        except ServiceError:
            self.errors = {"week": self._t("diary.error.date")}
            return None
        return rx.redirect(f"{routes.DIARY}?week={day.isoformat()}")

    @rx.event(background=True)
    async def watch(self):
        async with self:
            self._live_gen += 1
            gen = self._live_gen
            self.live = True
            auth_token = self._token()
            client_token = self.router.session.client_token
        started = time.monotonic()
        try:
            while time.monotonic() - started < MAX_LIVE:
                await asyncio.sleep(LIVE_INTERVAL)
                async with self:
                    if gen != self._live_gen or _norm(self.router.url.path) != routes.DIARY \
                            or self._token() != auth_token or not self._live_key:
                        return
                    key, old, child_id, monday = self._live_key, self._signature, self.child_id, self.monday
                if not await _client_connected(client_token):
                    return
                signature = await asyncio.to_thread(_read_signature, key)
                if signature == old:
                    continue
                try:
                    view, signature, key = await asyncio.to_thread(_read_week, auth_token, child_id, monday)
                except ServiceError:
                    return
                async with self:
                    if gen != self._live_gen or self.child_id != child_id or self.monday != monday:
                        continue  # the page moved on meanwhile; its own load has the fresh week
                    self._show(view)
                    self._signature, self._live_key = signature, key
        finally:
            async with self:
                if gen == self._live_gen:
                    self.live = False
