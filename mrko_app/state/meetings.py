"""Meetings: the parent books and cancels (routes.MEETINGS); the host offers slots and sees who comes
(routes.HOST_MEETINGS). Which child a booking is for comes from the header's child switcher."""

import reflex as rx

from mrko_app.services import meetings
from mrko_app.services.errors import ServiceError
from mrko_app.state import school_life_views as views
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_life import BookingCancelForm, SlotOfferForm, SlotWithdrawForm


class MeetingsState(AuthState):
    hosts: list[dict] = []
    next_free: list[dict[str, str]] = []  # after losing a race: the host's next free slots
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}

    def _refresh(self) -> None:
        lang = self.lang
        self.hosts = self._run(lambda db: [views.host_row(h, lang) for h in meetings.hosts_for_parent(
            db, self._user(db, "parent"))]).value_or([])

    @rx.event
    def load(self):
        self.message, self.sent, self.errors, self.next_free = "", "", {}, []
        self._refresh()

    @rx.event
    @accepts(slot_id=Id)
    def book(self, slot_id: int):
        child = self.child_id
        self._book(lambda db: meetings.book(db, self._user(db, "parent"), [[slot_id, child]]))

    @rx.event
    @accepts(slot_id=Id)
    def book_siblings(self, slot_id: int):
        """This slot and the next free ones, one per child the teacher teaches (siblings in one step)."""
        self._book(lambda db: meetings.book_adjacent(db, self._user(db, "parent"), slot_id))

    def _book(self, action) -> None:
        self.message, self.sent, self.errors, self.next_free = "", "", {}, []
        lang = self.lang

        def lost(exc: ServiceError) -> None:
            if isinstance(exc, meetings.SlotTaken):
                self.next_free = [views.slot_row(s, lang) for s in exc.free]

        if self._run(action, on_error=lost).ok:
            self.sent = self._t("meetings.booked_ok")
        elif self.errors.get("slot"):
            self.message = self.errors["slot"]
        self._refresh()

    @rx.event
    @accepts(form=BookingCancelForm)
    def cancel(self, form: BookingCancelForm):
        self.message, self.sent, self.errors, self.next_free = "", "", {}, []
        if self._run(lambda db: meetings.cancel(db, self._user(db, "parent"), form.booking_id,
                                                form.reason)).ok:
            self.sent = self._t("meetings.cancelled")
        self._refresh()


class HostMeetingsState(AuthState):
    slots: list[dict[str, str]] = []
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}

    def _refresh(self) -> None:
        lang = self.lang
        self.slots = self._run(lambda db: [views.slot_row(s, lang) for s in meetings.host_schedule(
            db, self._user(db, *meetings.HOST_ROLES))]).value_or([])

    @rx.event
    def load(self):
        self.message, self.sent, self.errors = "", "", {}
        self._refresh()

    @rx.event
    @accepts(form=SlotOfferForm)
    def offer(self, form: SlotOfferForm):
        self.message, self.sent, self.errors = "", "", {}
        made = self._run(lambda db: len(meetings.offer_slots(db, self._user(db, *meetings.HOST_ROLES),
                                                             form.model_dump())))
        if made.ok:
            self.sent = self._t("meetings.offered", count=made.value)
            self._refresh()

    @rx.event
    @accepts(form=BookingCancelForm)
    def cancel(self, form: BookingCancelForm):
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: meetings.cancel(db, self._user(db, *meetings.HOST_ROLES), form.booking_id,
                                                form.reason)).ok:
            self.sent = self._t("meetings.cancelled")
        self._refresh()

    @rx.event
    @accepts(form=SlotWithdrawForm)
    def withdraw(self, form: SlotWithdrawForm):
        """Take back an offered time; a booked one with a reason, which the child's parents are sent."""
        self.message, self.sent, self.errors = "", "", {}
        if self._run(lambda db: meetings.withdraw_slot(db, self._user(db, *meetings.HOST_ROLES), form.slot_id,
                                                       form.reason)).ok:
            self.sent = self._t("meetings.withdrawn")
        self._refresh()
