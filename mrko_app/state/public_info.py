"""States of the FAQ, the feedback form and the directory, and of the staff pages that edit them."""

import reflex as rx

from mrko_app.services import directory, faq, feedback, forum
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.forum import url_query
from mrko_app.state.schemas_public import (
    DirectoryContactForm,
    FaqForm,
    FeedbackForm,
    SearchForm,
    TicketAnswerForm,
    UnitForm,
)
from mrko_app.views.present import present


class FaqState(AuthState):
    sections: list[dict] = []
    results: list[dict] = []
    query: str = ""
    searched: bool = False
    entry: str = ""  # the slug asked for by the link

    @rx.event
    def load(self):
        self.entry = str(self.router.url.query_parameters.get("entry", ""))[:80]
        self.sections = self._run(faq.sections).value or []
        self.query, self.results, self.searched = "", [], False

    @rx.event
    @accepts(form=SearchForm)
    def search(self, form: SearchForm):
        self.query = form.q.strip()
        query = self.query
        self.searched = bool(query)
        self.results = (self._run(lambda db: forum.find(db, query, kinds=("faq",))).value or []) if query else []


class FaqEditState(AuthState):
    sections: list[dict] = []
    draft: dict[str, str] = {}
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    form_key: int = 0
    _draft_id: str = ""  # the entry being edited: kept on the server, whatever the browser sets

    def _refresh(self) -> None:
        self.sections = self._run(lambda db: self._user(db, "staff") and faq.sections(db)).value or []

    @rx.event
    def load(self):
        self.errors, self.message, self.notice, self.draft = {}, "", "", {}
        self._refresh()

    @rx.event
    @accepts(entry_id=Id)
    def edit(self, entry_id: int):
        self.errors, self.message, self.notice = {}, "", ""
        self.draft = self._run(lambda db: faq.entry_source(db, self._user(db, "staff"), entry_id)).value or {}
        self._draft_id = self.draft.get("id", "")
        self.form_key += 1

    @rx.event
    def new(self):
        self.errors, self.draft, self._draft_id = {}, {}, ""
        self.form_key += 1

    @rx.event
    @accepts(form=FaqForm)
    def save(self, form: FaqForm):
        self.errors, self.message, self.notice = {}, "", ""
        data = {**form.model_dump(), "id": self._draft_id}
        if self._run(lambda db: faq.save(db, self._user(db, "staff"), data)).ok:
            self.notice, self.draft, self._draft_id = self._t("common.saved"), {}, ""
            self.form_key += 1
        self._refresh()

    @rx.event
    @accepts(entry_id=Id)
    def delete(self, entry_id: int):
        self.errors, self.message, self.notice = {}, "", ""
        self._run(lambda db: faq.delete(db, self._user(db, "staff"), entry_id))
        self._refresh()


class FeedbackState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    number: str = ""
    form_key: int = 0

    @rx.event
    def load(self):
        self.errors, self.message, self.number = {}, "", ""

    @rx.event
    @accepts(form=FeedbackForm)
    def submit(self, form: FeedbackForm):
        self.errors, self.message, self.number = {}, "", ""
        data, ip = form.model_dump(), self.router.session.client_ip
        sent = self._run(lambda db: feedback.submit(db, data, ip, user=self._optional_user(db)).number)
        if sent.ok:
            self.number = sent.value
            self.form_key += 1


class FeedbackQueueState(AuthState):
    tickets: list[dict] = []
    status: str = ""
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    form_key: int = 0

    def _refresh(self) -> None:
        status = self.status
        self.tickets = present(self._run(lambda db: feedback.queue(db, self._user(db, "staff"), status)).value or [], self.lang)

    @rx.event
    def load(self):
        self.errors, self.message, self.notice = {}, "", ""
        self._refresh()

    @rx.event
    @accepts(status=Choice)
    def set_filter(self, status: str):
        self.status = status if status in feedback.STATUSES else ""
        self._refresh()

    @rx.event
    @accepts(ticket_id=Id)
    def assign(self, ticket_id: int):
        self.message, self.notice = "", ""
        self._run(lambda db: feedback.assign_to_me(db, self._user(db, "staff"), ticket_id))
        self._refresh()

    @rx.event
    @accepts(ticket_id=Id)
    def close(self, ticket_id: int):
        self.message, self.notice = "", ""
        self._run(lambda db: feedback.set_status(db, self._user(db, "staff"), ticket_id, "closed"))
        self._refresh()

    @rx.event
    @accepts(form=TicketAnswerForm)
    def answer(self, form: TicketAnswerForm):
        self.errors, self.message, self.notice = {}, "", ""
        if self._run(lambda db: feedback.answer(db, self._user(db, "staff"), form.ticket_id, form.answer)).ok:
            self.notice = self._t("feedback.answered")
            self.form_key += 1
        self._refresh()


class DirectoryState(AuthState):
    units: list[dict] = []
    query: str = ""

    @rx.event
    def load(self):
        self.query = url_query(self.router.url.query_parameters.get("q", ""))
        query = self.query
        self.units = self._run(lambda db: directory.units(db, self._optional_user(db), query)).value or []

    @rx.event
    @accepts(form=SearchForm)
    def search(self, form: SearchForm):
        self.query = form.q.strip()
        query = self.query
        self.units = self._run(lambda db: directory.units(db, self._optional_user(db), query)).value or []


class DirectoryEditState(AuthState):
    units: list[dict] = []
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    form_key: int = 0

    def _refresh(self) -> None:
        self.units = self._run(lambda db: directory.units(db, self._user(db, "staff"))).value or []

    @rx.event
    def load(self):
        self.errors, self.message, self.notice = {}, "", ""
        self._refresh()

    def _save(self, action) -> None:
        self.errors, self.message, self.notice = {}, "", ""
        if self._run(lambda db: action(db, self._user(db, "staff"))).ok:
            self.notice = self._t("common.saved")
            self.form_key += 1
        self._refresh()

    @rx.event
    @accepts(form=UnitForm)
    def save_unit(self, form: UnitForm):
        data = form.model_dump()
        self._save(lambda db, user: directory.save_unit(db, user, data))

    @rx.event
    @accepts(form=DirectoryContactForm)
    def save_contact(self, form: DirectoryContactForm):
        data = form.model_dump()
        self._save(lambda db, user: directory.save_contact(db, user, form.unit_id, data))

    @rx.event
    @accepts(contact_id=Id)
    def delete_contact(self, contact_id: int):
        self._save(lambda db, user: directory.delete_contact(db, user, contact_id))
