"""The forum's states: the list with search, asking (with similar questions while typing), a thread.
Every handler's arguments pass the gate (state/forms.py `accepts`, the forms in state/schemas_public.py);
the services check who may do what."""

import reflex as rx

from mrko_app import routes
from mrko_app.services import faq, forum
from mrko_app.services.search import QUERY_MAX
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, Id, accepts
from mrko_app.state.schemas_public import (
    AskForm,
    CommentForm,
    FlagForm,
    ForumAnswerForm,
    MergeForm,
    ModerateForm,
    Query,
    SearchForm,
    StaffEditForm,
    ToFaqForm,
)
from mrko_app.views.present import present


def url_query(value) -> str:
    """The ?q= of the address (read by `load`, not a handler's argument): trimmed and capped."""
    return value.strip()[:QUERY_MAX] if isinstance(value, str) else ""


class ForumState(AuthState):
    questions: list[dict] = []
    results: list[dict] = []
    query: str = ""
    searched: bool = False
    sort: str = "newest"
    tag: str = ""

    def _list(self) -> None:
        sort, tag = self.sort, self.tag
        self.questions = present(self._run(lambda db: forum.list_questions(db, sort, tag)).value_or([]), self.lang)

    def _search(self) -> None:
        query = self.query
        self.searched = bool(query)
        self.results = self._run(lambda db: forum.find(db, query)).value_or([]) if query else []

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        self.query = url_query(params.get("q", ""))
        sort = params.get("sort", "newest")
        self.sort = sort if sort in forum.SORTS else "newest"
        tag = params.get("tag", "")
        self.tag = tag if tag in forum.TAGS else ""
        self._list()
        self._search()

    @rx.event
    @accepts(sort=Choice)
    def set_sort(self, sort: str):
        self.sort = sort if sort in forum.SORTS else "newest"
        self._list()

    @rx.event
    @accepts(tag=Choice)
    def set_tag(self, tag: str):
        self.tag = tag if tag in forum.TAGS else ""
        self._list()

    @rx.event
    @accepts(form=SearchForm)
    def search(self, form: SearchForm):
        self.query = form.q.strip()
        self._search()


class AskState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    similar: list[dict] = []

    @rx.event
    def load(self):
        self.errors, self.message, self.similar = {}, "", []

    @rx.event
    @accepts(value=Query)
    def type_title(self, value: str):
        """The title as typed (debounced in the browser): questions like it, before asking again."""
        title = value.strip()
        self.similar = self._run(lambda db: forum.similar(db, title)).value_or([])

    @rx.event
    @accepts(form=AskForm)
    def submit(self, form: AskForm):
        self.errors, self.message = {}, ""
        data = {"title": form.title, "body": form.body, "tags": form.tags()}
        ip = self.router.session.client_ip
        asked = self._run(lambda db: forum.ask(db, self._user(db), data, client_ip=ip).id)
        if asked.ok:
            return rx.redirect(f"{routes.FORUM_QUESTION}?id={asked.value}")


class QuestionState(AuthState):
    question: dict = {}
    answers: list[dict] = []
    can_answer: bool = False
    can_accept: bool = False
    moderator: bool = False
    found: bool = True
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    form_key: int = 0
    _qid: str = ""

    def _refresh(self) -> None:
        qid = self._qid

        def read(db):
            return forum.thread(db, self._optional_user(db), qid)

        message = self.message
        result = self._run(read)
        self.found = result.ok
        if not result.ok:
            self.question, self.answers, self.can_answer, self.can_accept, self.moderator = {}, [], False, False, False
            return
        view = result.value
        self.message = message
        self.question, self.answers = present(view["question"], self.lang), present(view["answers"], self.lang)
        self.can_answer, self.can_accept, self.moderator = view["can_answer"], view["can_accept"], view["moderator"]

    def _act(self, action, notice: str = "") -> None:
        """Run a write as the signed-in user, then show the thread again."""
        self.errors, self.message, self.notice = {}, "", ""
        if self._run(lambda db: action(db, self._user(db))).ok:
            self.notice = self._t(notice) if notice else ""
            self.form_key += 1
        self._refresh()

    @rx.event
    def load(self):
        self.errors, self.message, self.notice = {}, "", ""
        self._qid = str(self.router.url.query_parameters.get("id", ""))[:20]
        self._refresh()

    @rx.event
    @accepts(form=ForumAnswerForm)
    def post_answer(self, form: ForumAnswerForm):
        ip = self.router.session.client_ip
        self._act(lambda db, user: forum.answer(db, user, self._qid, form.body, client_ip=ip), "forum.answer_posted")

    @rx.event
    @accepts(form=CommentForm)
    def post_comment(self, form: CommentForm):
        ip = self.router.session.client_ip
        self._act(lambda db, user: forum.comment(db, user, form.post_id, form.comment, client_ip=ip))

    @rx.event
    @accepts(post_id=Id, value=Choice)  # value: 1 / -1 (the service reads it)
    def vote(self, post_id: int, value: str):
        self._act(lambda db, user: forum.vote(db, user, post_id, value))

    @rx.event
    @accepts(answer_id=Id)
    def accept(self, answer_id: int):
        self._act(lambda db, user: forum.accept(db, user, answer_id))

    @rx.event
    @accepts(form=FlagForm)
    def flag(self, form: FlagForm):
        self._act(lambda db, user: forum.flag(db, user, form.post_id, form.reason, form.note), "forum.flagged")

    @rx.event
    @accepts(answer_id=Id)
    def mark_official(self, answer_id: int):
        self._act(lambda db, user: forum.mark_official(db, user, answer_id))

    @rx.event
    @accepts(form=ModerateForm)
    def moderate(self, form: ModerateForm):
        """Staff: hide / restore / lock / unlock / pin / unpin a post, with a reason for the log."""
        action, post_id, reason = form.action, form.post_id, form.reason

        def act(db, user):
            if action == "hide":
                return forum.hide(db, user, post_id, reason)
            if action == "restore":
                return forum.restore(db, user, post_id, reason)
            return forum.set_switch(db, user, post_id, action, reason)

        self._act(act, "forum.done")

    @rx.event
    @accepts(form=StaffEditForm)
    def staff_edit(self, form: StaffEditForm):
        """Staff correct a post's text (it shows as edited; the reason goes to the log)."""
        data = {"title": form.title, "body": form.body, "reason": form.reason}
        self._act(lambda db, user: forum.edit(db, user, form.post_id, data), "forum.done")

    @rx.event
    @accepts(form=MergeForm)
    def merge_into(self, form: MergeForm):
        """Staff merge this question (a duplicate) into the question numbered in the form."""
        self._act(lambda db, user: forum.merge(db, user, self._qid, form.target_id, form.reason), "forum.done")

    @rx.event
    @accepts(form=ToFaqForm)
    def to_faq(self, form: ToFaqForm):
        self._act(lambda db, user: faq.promote(db, user, form.post_id, form.section, form.slug), "forum.done")
