import reflex as rx

from mrko_app import config
from mrko_app.services import notifications
from mrko_app.state.base import AuthState
from mrko_app.state.forms import accepts
from mrko_app.state.schemas import RecipientForm


class OutboxState(AuthState):
    enabled: bool = False
    errors: dict[str, str] = {}
    message: str = ""
    messages: list[dict[str, str]] = []
    _recipient: str = ""

    def _fill(self):
        if not config.dev_mode():
            self.enabled, self.messages = False, []
            return
        self.enabled = True
        recipient = self._recipient or None

        def read(db):
            return [
                {"channel": m.channel, "recipient": m.recipient, "subject": m.subject, "body": m.body,
                 "created_at": m.created_at.strftime("%Y-%m-%d %H:%M:%S")}
                for m in notifications.outbox(db, recipient=recipient, limit=30)
            ]

        self.messages = self._run(read) or []

    @rx.event
    def load(self):
        self._fill()

    @rx.event
    @accepts(form=RecipientForm)
    def filter(self, form: RecipientForm):
        self.errors, self.message = {}, ""
        self._recipient = form.recipient.strip()
        self._fill()
