"""Staff's review queue and moderation log (routes.MODERATION), and a person's public forum profile."""

import reflex as rx

from mrko_app.i18n import formats
from mrko_app.services import clock, forum, markdown
from mrko_app.state.base import AuthState
from mrko_app.state.forms import accepts
from mrko_app.state.schemas_public import ModerateForm
from mrko_app.views.present import present


class ModerationState(AuthState):
    queue: list[dict] = []
    log: list[dict] = []
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}

    def _refresh(self) -> None:
        def read(db):
            user = self._user(db, "staff")
            posts = forum.review_queue(db, user)
            flags = forum.open_flags(db, [p.id for p in posts])
            queue = [{"id": p.id, "kind": p.kind, "title": p.title, "html": markdown.render(p.body),
                      "hidden": p.hidden, "flags": len(flags.get(p.id, [])),
                      "reasons": ", ".join(sorted({f.reason for f in flags.get(p.id, [])})),
                      "href": f"/forum/question?id={p.question_id or p.id}"} for p in posts]
            log = [{"id": e.id, "when": formats.datetime(clock.to_local(e.created_at), self.lang),
                    "who": forum.display_name(u), "action": e.action, "post_id": e.post_id or 0,
                    "reason": e.reason, "detail": e.detail} for e, u in forum.moderation_log(db, user)]
            return queue, log

        self.queue, self.log = self._run(read).value_or(([], []))

    @rx.event
    def load(self):
        self.message, self.notice, self.errors = "", "", {}
        self._refresh()

    @rx.event
    @accepts(form=ModerateForm)
    def act(self, form: ModerateForm):
        """hide / restore / dismiss a flagged post, with the reason the log keeps."""
        self.message, self.notice, self.errors = "", "", {}
        action, post_id, reason = form.action, form.post_id, form.reason
        calls = {"hide": forum.hide, "restore": forum.restore, "dismiss": forum.dismiss}
        if action not in calls:
            return
        if self._run(lambda db: calls[action](db, self._user(db, "staff"), post_id, reason)).ok:
            self.notice = self._t("forum.done")
        self._refresh()


class ForumUserState(AuthState):
    name: str = ""
    badge: str = ""
    posts: list[dict] = []
    message: str = ""

    @rx.event
    def load(self):
        self.message = ""
        uid = str(self.router.url.query_parameters.get("id", ""))[:20]
        out = self._run(lambda db: forum.profile(db, self._optional_user(db), uid))
        page = out.value
        self.name, self.badge, self.posts = (page["name"], page["badge"], present(page["posts"], self.lang)) \
            if out.ok else ("", "", [])
