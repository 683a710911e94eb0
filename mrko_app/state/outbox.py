"""The development outbox (services/notify/dev_outbox.py decides what it shows and to whom)."""

import reflex as rx

from mrko_app.services.notify import dev_outbox
from mrko_app.state.base import AuthState
from mrko_app.state.forms import accepts
from mrko_app.state.register import RegisterState
from mrko_app.state.schemas import RecipientForm


class OutboxState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    messages: list[dict[str, str]] = []
    _recipient: str = ""

    async def _fill(self):
        self.message, self.messages = "", []
        recipient = self._recipient or None
        # the account this tab registered and has not confirmed yet (server-side, see dev_outbox)
        pending = (await self.get_state(RegisterState))._pending_user_id

        def read(db):
            user = self._optional_user(db)
            return [
                {"channel": m.channel, "recipient": m.recipient, "subject": m.subject, "body": m.body,
                 "created_at": m.created_at.strftime("%Y-%m-%d %H:%M:%S")}
                for m in dev_outbox.visible_messages(db, user, recipient=recipient, limit=30,
                                                     pending_user_id=pending)
            ]

        self.messages = self._run(read).value_or([])

    @rx.event
    async def load(self):
        await self._fill()

    @rx.event
    @accepts(form=RecipientForm)
    async def filter(self, form: RecipientForm):
        self.errors, self.message = {}, ""
        self._recipient = form.recipient.strip()
        await self._fill()
