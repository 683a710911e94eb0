"""The week of the chosen child (routes.DIARY?week=YYYY-MM-DD), kept live while the page is open.

Live updates by push (state/push.py): the page's load follows the child's and their class's topics;
when a teacher's save is committed (the journal announces it), `_pushed` re-reads the week in the worker
holding the tab, re-checking the session and the parent's access as any load does (a revoked session
shows the error and stops following). Nothing is polled; a reconnect runs `load` again.
"""

import reflex as rx

from mrko_app import db as database
from mrko_app import routes
from mrko_app.services import changes, diary
from mrko_app.services.accounts import core as accounts
from mrko_app.services.errors import ServiceError
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, accepts
from mrko_app.views.diary_week import week_words
from mrko_app.views.present import present_shared


def _read_week(auth_token: str, child_id: str, day: str) -> tuple[dict, list]:
    """(week view, topics to follow) in one transaction; diary.week checks the access (a wrong child
    id shows nothing)."""
    with database.session_scope() as db:
        user = accounts.resolve_session(db, auth_token, attach=False) if auth_token else None  # only read
        # no day: the week of today at the child's school (diary.week knows the school)
        monday = diary.monday_of(diary.parse_day(day, "week")) if day else None
        view = diary.week(db, user, child_id, monday)
        return view, changes.child_topics(view["student_id"], view["class_id"])


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

    def _show(self, view: dict) -> None:
        view = present_shared(view, self.lang, week_words)  # the week may be the worker's remembered one
        days = view["days"]
        fresh = {"monday": view["monday"], "range_text": view["range_text"], "prev_week": view["prev"],
                 "next_week": view["next"], "this_week": view["this_week"], "left_days": days[:3],
                 "right_days": days[3:], "loaded": True}
        for name, value in fresh.items():
            if getattr(self, name) != value:  # only what changed goes into the delta
                setattr(self, name, value)

    def _load_week(self, day: str) -> bool:
        self.message, self.errors = "", {}
        if not self.child_id:
            self.loaded, self.left_days, self.right_days = False, [], []
            self.message = self._t("diary.no_child") if "parent" in self.roles else ""
            return False
        try:
            view, topics = _read_week(self._token(), self.child_id, day)
        except ServiceError as exc:
            self.loaded, self.left_days, self.right_days = False, [], []
            self.message = self._error_text(exc)
            return False
        self._show(view)
        push.follow(self, topics)
        return True

    def _pushed(self, batch: list) -> None:
        """A change of the child's or class's week was committed (empty: maybe anything): re-read. So does
        a change of the parent's access (a link ended, the child left): the re-read's check refuses it."""
        if batch and not any(c.kind in diary.WEEK_KINDS or c.kind == "access" for c in batch):
            return
        self.live = self._load_week(self.monday)
        if not self.live:
            push.forget(self.router.session.client_token)

    @rx.event
    def load(self):
        """on_load: the week of ?week= (default: this week), followed while the page is open."""
        day = str(self.router.url.query_parameters.get("week", "") or "")
        self.live = self._load_week(day)

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
