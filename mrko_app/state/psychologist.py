"""The psychologist's pages. PsychologistState (routes.PSYCHOLOGIST): a parent reads the notice and the
promised answer time, sends a request for the child chosen in the header, follows the answers, books an
offered slot; anyone sees what the psychologist shared with them. PsyDeskState (routes.PSY_DESK): the
psychologist's requests by status and one request (thread, triage, answer, slots, sharing, access log).
Both follow ("user", own id) so a request, an answer or a share reaches the open page live."""

import reflex as rx

from mrko_app.services import changes, ids
from mrko_app.services import psychologist as psy
from mrko_app.state import psychologist_views as views
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.schemas_psychologist import PsyParentReplyForm, PsyReplyForm, PsyRequestForm, PsySettingsForm


def _touches_requests(batch: list) -> bool:
    """A pushed batch that may change a psychologist page (an empty one: the tab reconnected)."""
    return not batch or any(c.kind == "psychologist" for c in batch)


class PsychologistState(AuthState):
    has_psychologist: bool = False
    answer_time: str = ""
    notice: list[str] = []
    requests: list[dict] = []
    shared: list[dict] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0

    def _refresh(self) -> None:
        lang, child = self.lang, self.child_id

        def read(db):
            user = self._user(db)
            desk, mine = None, []
            if "parent" in self.roles:
                mine = [views.request_row(r, lang) for r in psy.mine(db, user)]
                if child:
                    desk = psy.for_child(db, user, child)
            shared = [views.request_row(r, lang) for r in psy.shared_with_me(db, user)]
            return desk, mine, shared, user.id

        result = self._run(read)
        if not result.ok:
            self.requests, self.shared, self.has_psychologist = [], [], False
            return
        desk, self.requests, self.shared, user_id = result.value
        self.has_psychologist = bool(desk and desk.has_psychologist)
        if desk is not None:
            self.answer_time = self._t("psy.answer_time", count=desk.promise.answer_days)
            self.notice = views.notice_paragraphs(desk.promise, lang)
        push.follow(self, [changes.topic("user", user_id)])

    def _pushed(self, batch: list) -> None:
        if _touches_requests(batch):
            self._refresh()

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self._refresh()

    @rx.event
    @accepts(form=PsyRequestForm)
    def send(self, form: PsyRequestForm):
        self.message, self.sent, self.errors = "", "", {}
        child = self.child_id
        if self._run(lambda db: psy.create(db, self._user(db, "parent"), child, form.model_dump())).ok:
            self.sent = self._t("psy.sent")
            self.form_key += 1
        self._refresh()

    @rx.event
    @accepts(form=PsyParentReplyForm)
    def reply(self, form: PsyParentReplyForm):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: psy.reply_as_parent(db, self._user(db, "parent"), form.request_id,
                                                    form.body)).ok:
            self.sent = self._t("psy.reply_sent")
        self._refresh()

    @rx.event
    @accepts(request_id=Id, slot_id=Id)
    def book(self, request_id: int, slot_id: int):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: psy.book(db, self._user(db, "parent"), request_id, slot_id)).ok:
            self.sent = self._t("meetings.booked_ok")
        elif self.errors.get("slot"):
            self.message = self.errors["slot"]
        self._refresh()


class PsyDeskState(AuthState):
    status_filter: str = ""
    tabs: list[dict[str, str]] = []
    items: list[dict] = []
    current: dict = {}
    shares: list[dict[str, str]] = []
    log: list[dict[str, str]] = []
    candidates: list[dict[str, str]] = []
    free: list[dict] = []
    answer_days: str = ""
    notice_text: str = ""
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0
    _current_id: int = 0  # the open request: handlers act on it, never on an id sent again

    def _refresh(self) -> None:
        lang, status, current = self.lang, self.status_filter, self._current_id

        def read(db):
            user = self._user(db, "psychologist")
            counts = psy.counts(db, user)
            items = [views.request_row(r, lang) for r in psy.requests(db, user, status or None)]
            one = None
            if current:
                r = psy.open_request(db, user, current)
                one = (views.request_row(r, lang), [views.share_row(x, lang) for x in r.shares],
                       [views.log_row(x, lang) for x in psy.access_log(db, user, current)],
                       [views.candidate_row(c, lang) for c in psy.candidates(db, user, current)],
                       [views.offer_row(o, lang) for o in psy.free_slots(db, user)])
            promise = psy.settings(db, user)
            return counts, items, one, promise, user.id

        result = self._run(read)
        if not result.ok:
            self.items, self.current, self._current_id = [], {}, 0
            return
        counts, self.items, one, promise, user_id = result.value
        self.tabs = [{"value": "", "text": self._t("psy.status.all", total=sum(counts.values()))}] + [
            {"value": s, "text": f"{views.status_label(s, lang)} ({counts[s]})"} for s in psy.STATUSES]
        self.current, self.shares, self.log, self.candidates, self.free = one or ({}, [], [], [], [])
        if one is None:
            self._current_id = 0
        self.answer_days, self.notice_text = str(promise.answer_days), promise.notice
        push.follow(self, [changes.topic("user", user_id)])

    def _pushed(self, batch: list) -> None:
        if _touches_requests(batch):
            self._refresh()

    @rx.event
    def load(self):
        """on_load: the list, or the request of ?id= (a link to one request; the service checks it)."""
        self.message, self.sent, self.errors, self.current = "", "", {}, {}
        self._current_id = ids.parse_id(str(self.router.url.query_parameters.get("id", "") or "")) or 0
        self._refresh()

    @rx.event
    @accepts(status=Choice)
    def show(self, status: str):
        self.status_filter = status if status in psy.STATUSES else ""
        self._refresh()

    @rx.event
    @accepts(request_id=Id)
    def open(self, request_id: int):
        self.message, self.sent, self.errors = "", "", {}
        self._current_id = request_id
        self._refresh()
        if not self.current:
            self.message = self._t("error.not_found")

    @rx.event
    def close_view(self):
        self._current_id, self.current = 0, {}
        self._refresh()

    def _act(self, action, done_key: str) -> None:
        self.message, self.sent, self.errors = "", "", {}
        current = self._current_id
        if not current:
            self.message = self._t("error.not_found")
            return
        if self._run(lambda db: action(db, self._user(db, "psychologist"), current)).ok:
            self.sent = self._t(done_key)
            self.form_key += 1
        self._refresh()

    @rx.event
    @accepts(status=Choice)
    def set_status(self, status: str):
        self._act(lambda db, user, rid: psy.set_status(db, user, rid, status), "psy.status_saved")

    @rx.event
    @accepts(form=PsyReplyForm)
    def reply(self, form: PsyReplyForm):
        self._act(lambda db, user, rid: psy.reply(db, user, rid, form.body), "psy.reply_sent")

    @rx.event
    @accepts(slot_id=Id)
    def offer(self, slot_id: int):
        self._act(lambda db, user, rid: psy.offer(db, user, rid, slot_id), "psy.offered")

    @rx.event
    @accepts(person_id=Id)
    def share(self, person_id: int):
        self._act(lambda db, user, rid: psy.share(db, user, rid, person_id), "psy.shared")

    @rx.event
    @accepts(form=PsySettingsForm)
    def save_settings(self, form: PsySettingsForm):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: psy.set_settings(db, self._user(db, "psychologist"), form.answer_days,
                                                 form.notice)).ok:
            self.sent = self._t("psy.settings_saved")
        self._refresh()
