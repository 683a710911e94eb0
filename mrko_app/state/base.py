"""AuthState: the root of every page state.

The session token lives in the browser (localStorage when "remember me", else sessionStorage) and is
checked against the hashed copy in the database on every event (`_user`). The public vars below are the
signed-in user's own view only: name, roles, their children's page names. Nothing secret.
"""

import asyncio
import contextvars
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import reflex as rx

from mrko_app import db as database
from mrko_app import routes
from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, formats, tr
from mrko_app.models import User
from mrko_app.services import changes, clock, messages, page_header, surveys
from mrko_app.services.access import rules as access
from mrko_app.services.accounts import core as accounts
from mrko_app.services.errors import Locked, PermissionDenied, ServiceError, ValidationError
from mrko_app.services.inbox import centre as inbox
from mrko_app.state import push
from mrko_app.state.forms import Id, accepts

# the pages' first reads (final marks, statistics not yet remembered), one at a time off the event loop:
# with the loop's default pool (six threads) 200 at once fought the loop for the GIL and cost a third more
# CPU each (bench/load_bench.py); one thread leaves the loop its turns. (A first diary week, a few
# statements, is read in the loop: in this thread it halved the loader's rate.)
_PAGE_READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page_reader")

# route -> the page's own on_load events, so that switching the child reloads the page's data
PAGE_LOADERS: dict[str, list] = {}
# route -> roles allowed there (None: anyone, signed in or not)
PAGE_ROLES: dict[str, tuple[str, ...] | None] = {}
HEADER_TTL = 60.0  # seconds a cached header is trusted at most (the survey badge follows the clock)


@dataclass(frozen=True)
class Outcome:
    """What `AuthState._run` gives back: the action's value when it worked (`ok`; the value may be None,
    a service that returns nothing has still worked), else the ServiceError it raised (already shown in
    the state's error vars). Never "None means failure"."""

    value: Any = None
    error: ServiceError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def value_or(self, default):
        """The value when it worked, else `default` (what a page shows after a failed read)."""
        return self.value if self.error is None else default


def _norm(path: str) -> str:
    return "/" + path.strip("/") if path.strip("/") else "/"


def route_of(path: str) -> str:
    """The registered route a path is on: itself, or a route with a dynamic segment ("/messages/[id]")."""
    path = _norm(path)
    if path in PAGE_ROLES:
        return path
    parts = path.split("/")
    for route in PAGE_ROLES:
        pattern = route.split("/")
        if "[" in route and len(pattern) == len(parts) and all(
                p == q or (p.startswith("[") and p.endswith("]") and q) for p, q in zip(pattern, parts, strict=True)):
            return route
    return path


def next_language(lang: str) -> str:
    """The language the switch goes to: the next one of the catalogue's, round."""
    if lang not in LANGUAGES:
        return DEFAULT_LANGUAGE
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="mrko_token", sync=True)
    tab_token: str = rx.SessionStorage("", name="mrko_tab_token")
    lang: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="mrko_lang")
    child_choice: str = rx.LocalStorage("", name="mrko_child")

    signed_in: bool = False
    user_name: str = ""
    roles: list[str] = []
    children: list[dict[str, str]] = []
    child_id: str = ""
    unread_notifications: int = 0  # the notification centre's unread (the bell in the header, live)
    open_surveys: int = 0  # surveys open to the user and not answered yet (the badge in the navigation)
    unread_messages: int = 0  # messages to the user not read yet (the header's counter, pushed live)
    page_allowed: bool = True
    page_checked: bool = False

    _header_key: tuple = ()  # (user, page_header.version) the header vars above were computed for
    _header_until: float = 0.0  # time.monotonic() after which the header is recomputed anyway
    _reader_zone: str = ""  # the signed-in person's school's zone (clock.person_zones): their pages' times

    # ---- helpers for page states (not callable from the browser) ----
    def _token(self) -> str:
        return self.token or self.tab_token

    def _user(self, db, *roles: str) -> User:
        """The signed-in user (holding one of `roles` when given), re-checked now; else PermissionDenied."""
        user = accounts.resolve_session(db, self._token()) if self._token() else None
        if user is None:
            raise PermissionDenied("error.login_required")
        if roles:
            access.require_role(db, user, *roles)
        return user

    def _reader(self, db) -> User:
        """The signed-in user for a read that changes nothing of them (a diary view, whose service checks
        the access): the worker's remembered copy, not merged into `db`; else PermissionDenied."""
        user = accounts.resolve_session(db, self._token(), attach=False) if self._token() else None
        if user is None:
            raise PermissionDenied("error.login_required")
        return user

    def _optional_user(self, db) -> User | None:
        return accounts.resolve_session(db, self._token()) if self._token() else None

    def _child(self, db, user: User):
        """The child the parent has chosen, if they may see that child now."""
        return access.require_child(db, user, self.child_id)

    def _t(self, key: str, **params) -> str:
        return tr(key, self.lang if self.lang in LANGUAGES else DEFAULT_LANGUAGE, **params)

    def _error_text(self, exc: ServiceError) -> str:
        if isinstance(exc, Locked):
            return self._t(exc.key, until=formats.time(clock.to_local(exc.until), self.lang))
        params = {k: v for k, v in exc.params.items()}
        return self._t(exc.key, **params)

    def _field_errors(self, exc: ValidationError) -> dict[str, str]:
        return {field: self._t(key, **exc.params) for field, key in exc.fields.items()}

    async def _show_remembered_or_in_thread(self, show: Callable[..., bool], *args) -> None:
        """`show(*args, only_remembered=True)` in the event loop (what the worker remembers: the access
        check and a look-up); when it showed nothing, `show(*args)` in the pages' reader thread, so that
        working the page out leaves the worker's other clients going."""
        if not show(*args, only_remembered=True):
            context = contextvars.copy_context()  # as asyncio.to_thread does: the handler's context goes along
            await asyncio.get_running_loop().run_in_executor(_PAGE_READER, lambda: context.run(show, *args))

    def _run(self, action: Callable, *, errors: str = "errors", message: str = "message", joined: bool = False,
             on_error: Callable[[ServiceError], None] | None = None) -> Outcome:
        """Run `action(db)` in one transaction: the one runner of every state, giving an Outcome (the value,
        or the error). A ServiceError rolls it back and is shown in the calling state's `errors` /
        `message` vars (or the ones named, e.g. an editor's own; `joined`: the message lists the fields'
        messages); `on_error` may add to that."""
        try:
            with database.session_scope() as db:
                return Outcome(action(db))
        except ServiceError as exc:
            fields = self._field_errors(exc) if isinstance(exc, ValidationError) else {}
            if hasattr(self, errors):
                setattr(self, errors, fields)
            if hasattr(self, message):
                setattr(self, message, "; ".join(fields.values()) if joined and fields else self._error_text(exc))
            if on_error:
                on_error(exc)
            return Outcome(error=exc)

    def _start_session(self, token: str, remember: bool) -> None:
        if remember:
            self.token, self.tab_token = token, ""
        else:
            self.token, self.tab_token = "", token

    def _refresh_view(self, db, user: User | None) -> None:
        self.signed_in = user is not None
        self._header_key = ()  # whoever is signed in now, the next page recomputes the header
        if user is None:
            self.user_name, self.roles, self.children, self.child_id, self.unread_notifications = "", [], [], "", 0
            self.open_surveys, self.unread_messages, self._reader_zone = 0, 0, ""
            return
        self.user_name = f"{user.first_name} {user.surname}".strip()
        self._reader_zone = clock.person_zones(db, [user.id]).get(user.id, "")
        self.roles = sorted(access.user_roles(db, user))
        if user.language in LANGUAGES:
            self.lang = user.language
        if "parent" in self.roles:
            kids = access.linked_children(db, user)
            self.children = [{"id": str(s.id), "name": link.page_name} for link, s in kids]
            ids = [c["id"] for c in self.children]
            self.child_id = self.child_choice if self.child_choice in ids else (ids[0] if ids else "")
            self.child_choice = self.child_id
        else:
            self.children, self.child_id = [], ""
        self.unread_notifications = inbox.unread_count(db, user)
        self.open_surveys = surveys.pending_count(db, user) if {"parent", "teacher"} & set(self.roles) else 0
        self.unread_messages = messages.unread_total(db, user) if {"parent", "teacher"} & set(self.roles) else 0

    def _header_pushed(self, batch: list) -> None:
        """A message or a notification to the user, or a read of theirs, was committed (state/push.py, the
        "header" slot): the header's counters again, in every open tab of theirs, whatever the page."""
        kinds = {c.kind for c in batch} if batch else {"messages", "notifications"}
        if not kinds & {"messages", "notifications"}:
            return
        with database.session_scope() as db:
            user = self._optional_user(db)
            if user is None:
                self.unread_notifications = self.unread_messages = 0
                return
            if "notifications" in kinds:
                self.unread_notifications = inbox.unread_count(db, user)
            if "messages" in kinds and {"parent", "teacher"} & set(self.roles):
                self.unread_messages = messages.unread_total(db, user)
            self._header_key = ()  # the cached header's version moved with it

    def _load_header(self) -> User | None:
        """The session check (every page), then the header: recomputed only when its version moved
        (services/page_header.py), another user signed in, or HEADER_TTL passed; else the child is
        chosen again from the children already known. Two statements for a page whose header is cached."""
        with database.session_scope() as db:
            user = self._optional_user(db)
            if user is None:
                self._refresh_view(db, None)
                return None
            key = (user.id, user.first_name, user.surname, user.patronymic, user.language,
                   page_header.version(db, user))
            if key == self._header_key and time.monotonic() < self._header_until:
                ids = [c["id"] for c in self.children]
                if self.child_id not in ids or (self.child_choice in ids and self.child_choice != self.child_id):
                    self.child_id = self.child_choice if self.child_choice in ids else (ids[0] if ids else "")
                return user
            self._refresh_view(db, user)
            self._header_key, self._header_until = key, time.monotonic() + HEADER_TTL
            return user

    # ---- events ----
    @rx.event
    async def load_page(self):
        """First on_load of every page: who is this, and may they be here (the page's own data
        loaders check again in the services). The database work runs in a thread, so the worker's
        other clients are served meanwhile."""
        path = route_of(self.router.url.path)
        allowed_roles = PAGE_ROLES.get(path)
        push.forget(self.router.session.client_token)  # a page follows changes only while it is open
        user = await asyncio.to_thread(self._load_header)
        if not self._token() or user is None:
            self.token, self.tab_token = "", ""
        else:  # the header's counters (messages, the bell) follow the user's own changes on every page
            push.follow(self, [changes.topic("user", user.id)], slot="header", method="_header_pushed")
        if allowed_roles is None:
            self.page_allowed = True
        else:
            self.page_allowed = user is not None and bool(set(self.roles) & set(allowed_roles))
        self.page_checked = True

    @rx.event
    def toggle_language(self):
        self.lang = next_language(self.lang)
        lang = self.lang

        def save(db):
            user = self._optional_user(db)
            if user is not None:
                accounts.set_language(db, user, lang)

        self._run(save)

    @rx.event
    @accepts(student_id=Id)
    def select_child(self, student_id: int):
        def check(db):
            user = self._user(db, "parent")
            student = access.require_child(db, user, student_id)
            return str(student.id)

        chosen = self._run(check)
        if not chosen.ok:
            return None
        self.child_id = self.child_choice = chosen.value
        return PAGE_LOADERS.get(route_of(self.router.url.path), [])

    @rx.event
    def logout(self):
        token = self._token()
        push.forget(self.router.session.client_token)
        if token:
            self._run(lambda db: accounts.end_session(db, token))
        self.token, self.tab_token, self.child_choice = "", "", ""
        with database.session_scope() as db:
            self._refresh_view(db, None)
        return rx.redirect(routes.HOME)


def landing_route(roles: list[str] | set[str]) -> str:
    for role, route in routes.LANDING:
        if role in roles:
            return route
    return routes.HOME
