"""The alerts page: the chosen child's alert settings and the parent's delivered alerts."""

import reflex as rx

from mrko_app.i18n import formats
from mrko_app.services import inbox
from mrko_app.services.alerts import settings as alerts_settings
from mrko_app.state.base import AuthState
from mrko_app.state.forms import accepts
from mrko_app.state.schemas import AlertsForm
from mrko_app.views.language import per_language


class AlertsState(AuthState):
    loaded: bool = False
    errors: dict[str, str] = {}
    message: str = ""
    saved: bool = False
    form_key: str = "0"  # changes when the settings are (re)loaded, so the form shows them afresh
    child_name: str = ""
    settings: dict[str, str] = {}
    flags: dict[str, bool] = {}
    items: list[dict[str, str]] = []
    unread: int = 0

    def _refresh(self, db, user) -> None:
        events = alerts_settings.delivered_alerts(db, user)
        self.items = [
            {"id": str(e["id"]), **per_language("text", lambda lang, e=e: e[f"text_{lang}"]),
             **per_language("when", lambda lang, e=e: formats.datetime(e["delivered_at"], lang)),
             "kind": e["kind"], "new": "1" if not e["seen"] else ""}
            for e in events
        ]
        self.unread = alerts_settings.unread_count(db, user)
        self.unread_notifications = inbox.unread_count(db, user)  # the bell (marking seen reads them there too)

    @rx.event
    def load(self):
        self.errors, self.message, self.saved = {}, "", False

        def action(db):
            user = self._user(db, "parent")
            self._refresh(db, user)
            if not self.child_id:  # no child linked yet: nothing to set up
                return None
            student = self._child(db, user)
            return alerts_settings.rule_view(alerts_settings.get_rule(db, user, student.id)), student.id

        out = self._run(action)
        self.loaded = True
        if not out.ok or out.value is None:
            self.settings, self.flags = {}, {}
            return
        view, student_id = out.value
        self.settings = {k: v for k, v in view.items() if isinstance(v, str)}
        self.flags = {k: v for k, v in view.items() if isinstance(v, bool)}
        self.child_name = next((c.get("name", "") for c in self.children
                                if isinstance(c, dict) and c.get("id") == str(student_id)), "")
        self.form_key = str(int(self.form_key) + 1) if str(self.form_key).isdigit() else "1"

    @rx.event
    @accepts(form=AlertsForm)
    def save(self, form: AlertsForm):
        self.errors, self.message, self.saved = {}, "", False
        data = form.model_dump()

        def action(db):
            user = self._user(db, "parent")
            student = self._child(db, user)
            rule = alerts_settings.save_rule(db, user, student.id, data)
            return alerts_settings.rule_view(rule)

        out = self._run(action)
        if not out.ok:
            return
        view = out.value
        self.settings = {k: v for k, v in view.items() if isinstance(v, str)}
        self.flags = {k: v for k, v in view.items() if isinstance(v, bool)}
        self.saved = True

    @rx.event
    def mark_seen(self):
        def action(db):
            user = self._user(db, "parent")
            alerts_settings.mark_seen(db, user)
            self._refresh(db, user)

        self._run(action)
