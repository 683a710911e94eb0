"""The forum's states: the list with search, asking (with similar questions while typing), a thread.
Every handler takes what the browser sent as untrusted; the services check who may do what."""

import reflex as rx

from mrko_app import routes
from mrko_app.services import faq, forum
from mrko_app.state.base import AuthState

QUERY_MAX = 200


def _query(value) -> str:
    return value.strip()[:QUERY_MAX] if isinstance(value, str) else ""


def _form(value) -> dict:
    return value if isinstance(value, dict) else {}


class ForumState(AuthState):
    questions: list[dict] = []
    results: list[dict] = []
    query: str = ""
    searched: bool = False
    sort: str = "newest"
    tag: str = ""

    def _list(self) -> None:
        sort, tag = self.sort, self.tag
        self.questions = self._run(lambda db: forum.list_questions(db, sort, tag)) or []

    def _search(self) -> None:
        query = self.query
        self.searched = bool(query)
        self.results = (self._run(lambda db: forum.find(db, query)) or []) if query else []

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        self.query = _query(params.get("q", ""))
        sort = params.get("sort", "newest")
        self.sort = sort if sort in forum.SORTS else "newest"
        tag = params.get("tag", "")
        self.tag = tag if tag in forum.TAGS else ""
        self._list()
        self._search()

    @rx.event
    def set_sort(self, sort):
        self.sort = sort if sort in forum.SORTS else "newest"
        self._list()

    @rx.event
    def set_tag(self, tag):
        self.tag = tag if tag in forum.TAGS else ""
        self._list()

    @rx.event
    def search(self, form):
        self.query = _query(_form(form).get("q", ""))
        self._search()


class AskState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    similar: list[dict] = []

    @rx.event
    def load(self):
        self.errors, self.message, self.similar = {}, "", []

    @rx.event
    def type_title(self, value):
        """The title as typed (debounced in the browser): questions like it, before asking again."""
        title = _query(value)
        self.similar = self._run(lambda db: forum.similar(db, title)) or []

    @rx.event
    def submit(self, form):
        self.errors, self.message = {}, ""
        form = _form(form)
        tags = [t for t in forum.TAGS if form.get(f"tag_{t}") in ("on", True, "true")]
        data = {"title": form.get("title"), "body": form.get("body"), "tags": tags}
        question_id = self._run(lambda db: forum.ask(db, self._user(db), data).id)
        if question_id:
            return rx.redirect(f"{routes.FORUM_QUESTION}?id={question_id}")


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
        view = self._run(read)
        self.found = view is not None
        if view is None:
            self.question, self.answers, self.can_answer, self.can_accept, self.moderator = {}, [], False, False, False
            return
        self.message = message
        self.question, self.answers = view["question"], view["answers"]
        self.can_answer, self.can_accept, self.moderator = view["can_answer"], view["can_accept"], view["moderator"]

    def _act(self, action, notice: str = "") -> None:
        """Run a write as the signed-in user, then show the thread again."""
        self.errors, self.message, self.notice = {}, "", ""
        if self._run(lambda db: action(db, self._user(db)) or True):
            self.notice = self._t(notice) if notice else ""
            self.form_key += 1
        self._refresh()

    @rx.event
    def load(self):
        self.errors, self.message, self.notice = {}, "", ""
        self._qid = str(self.router.url.query_parameters.get("id", ""))[:20]
        self._refresh()

    @rx.event
    def post_answer(self, form):
        body = _form(form).get("body")
        self._act(lambda db, user: forum.answer(db, user, self._qid, body), "forum.answer_posted")

    @rx.event
    def post_comment(self, form):
        form = _form(form)
        self._act(lambda db, user: forum.comment(db, user, form.get("post_id"), form.get("comment")))

    @rx.event
    def vote(self, post_id, value):
        self._act(lambda db, user: forum.vote(db, user, post_id, value))

    @rx.event
    def accept(self, answer_id):
        self._act(lambda db, user: forum.accept(db, user, answer_id))

    @rx.event
    def flag(self, form):
        form = _form(form)
        self._act(lambda db, user: forum.flag(db, user, form.get("post_id"), form.get("reason"), form.get("note", "")),
                  "forum.flagged")

    @rx.event
    def mark_official(self, answer_id):
        self._act(lambda db, user: forum.mark_official(db, user, answer_id))

    @rx.event
    def moderate(self, form):
        """Staff: hide / restore / lock / unlock / pin / unpin a post, with a reason for the log."""
        form = _form(form)
        action, post_id, reason = form.get("action"), form.get("post_id"), form.get("reason", "")

        def act(db, user):
            if action == "hide":
                return forum.hide(db, user, post_id, reason)
            if action == "restore":
                return forum.restore(db, user, post_id, reason)
            return forum.set_switch(db, user, post_id, action, reason)

        self._act(act, "forum.done")

    @rx.event
    def staff_edit(self, form):
        """Staff correct a post's text (it shows as edited; the reason goes to the log)."""
        form = _form(form)
        data = {k: form.get(k) for k in ("title", "body", "reason")}
        self._act(lambda db, user: forum.edit(db, user, form.get("post_id"), data), "forum.done")

    @rx.event
    def merge_into(self, form):
        """Staff merge this question (a duplicate) into the question numbered in the form."""
        form = _form(form)
        self._act(lambda db, user: forum.merge(db, user, self._qid, form.get("target_id"), form.get("reason", "")),
                  "forum.done")

    @rx.event
    def to_faq(self, form):
        form = _form(form)
        self._act(lambda db, user: faq.promote(db, user, form.get("post_id"), form.get("section"), form.get("slug")),
                  "forum.done")
