"""The printable envelope with a freshly issued access code.

The plain code exists only here, in the issuing staff member's own state, from the moment it is
issued until they press "Done" or open another staff page: it is shown once and never stored.
"""

import reflex as rx

from mrko_app import routes
from mrko_app.models import AccessCode
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import rules as access
from mrko_app.state.access import fmt_date
from mrko_app.state.base import AuthState


class EnvelopeState(AuthState):
    envelope: dict[str, str] = {}
    back_route: str = routes.APPLICATIONS

    def _show(self, db, code: AccessCode, plain: str, back_route: str) -> None:
        """Called by the staff states right after issuing (not callable from the browser)."""
        self.envelope = {**access_codes.describe_code_student(db, code), "code": plain,
                         "expires": fmt_date(code.expires_at), "issued": fmt_date(code.created_at)}
        self.back_route = back_route

    @rx.event
    def load(self):
        def check(db):
            access.require_staff(db, self._user(db, "staff"))

        if not self._run(check).ok:
            self.envelope = {}

    @rx.event
    def done(self):
        self.envelope = {}
        return rx.redirect(self.back_route if self.back_route in (routes.APPLICATIONS, routes.CODES)
                           else routes.APPLICATIONS)


async def show_envelope(state: AuthState, db, code: AccessCode, plain: str, back_route: str):
    envelope = await state.get_state(EnvelopeState)
    envelope._show(db, code, plain, back_route)


async def hide_envelope(state: AuthState):
    envelope = await state.get_state(EnvelopeState)
    envelope.envelope = {}
