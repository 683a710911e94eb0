"""The development outbox (services/dev_outbox.py decides what it shows and to whom)."""

import reflex as rx

from mrko_app.services import dev_outbox
from mrko_app.state.base import AuthState


class OutboxState(AuthState):
    message: str = ""
    messages: list[dict[str, str]] = []
    _recipient: str = ""

    def _fill(self):
        self.message, self.messages = "", []
        recipient = self._recipient or None

        def read(db):
            user = self._optional_user(db)
            return [
                {"channel": m.channel, "recipient": m.recipient, "subject": m.subject, "body": m.body,
                 "created_at": m.created_at.strftime("%Y-%m-%d %H:%M:%S")}
                for m in dev_outbox.visible_messages(db, user, recipient=recipient, limit=30)
            ]

        self.messages = self._run(read) or []

    @rx.event
    def load(self):
        self._fill()

    @rx.event
    def filter(self, form: dict):
        self._recipient = str(form.get("recipient", "")).strip()[:254]
        self._fill()
