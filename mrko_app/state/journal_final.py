"""The final-mark editor of the journal: the proposal (from the average and the school's thresholds, or
from the period marks for the year), confirm it or override it with a reason."""

from __future__ import annotations

import reflex as rx

from mrko_app.services.journal import finals as final_marks
from mrko_app.state.base import Outcome
from mrko_app.state.forms import Choice, Flag, accepts
from mrko_app.state.journal import ROLES, JournalState
from mrko_app.state.journal_view import average_text
from mrko_app.state.schemas import FinalForm


class JournalFinalState(JournalState):
    final_open: bool = False
    final_student: str = ""
    final_name: str = ""
    final_average: str = ""
    final_proposed: str = ""
    final_current: str = ""
    final_current_reason: str = ""
    final_value: str = ""
    final_nonce: int = 0
    final_errors: dict[str, str] = {}
    final_message: str = ""

    _final_version: int = 0

    def _final_run(self, action) -> Outcome:
        """`action(db, user)` through the shared runner; errors go to the final-mark editor's own vars."""
        self.final_errors, self.final_message = {}, ""
        return self._run(lambda db: action(db, self._user(db, *ROLES)), errors="final_errors",
                         message="final_message", joined=True)

    def _show_proposal(self, prop) -> None:
        self.final_average = average_text(prop.average)
        self.final_proposed = "" if prop.proposed is None else str(prop.proposed)
        current = prop.current
        self.final_current = str(current.value) if current else ""
        self.final_current_reason = current.reason if current else ""
        self._final_version = current.version if current else 0
        self.final_value = self.final_current or self.final_proposed
        self.final_nonce += 1
        row = {"avg": self.final_average, "proposed": self.final_proposed, "final": self.final_current,
               "override": "1" if current and current.value != current.proposed_value else ""}
        self.students = [{**s, **row} if s["id"] == self.final_student else s for s in self.students]

    def _proposal(self, db, user):
        ref = self._ref
        return final_marks.final_proposal(db, user, class_id=ref["class_id"], subject_id=ref["subject_id"],
                                          period_id=ref["period_id"] or "year", student_id=self.final_student)

    @rx.event
    @accepts(student_id=Choice)
    def open_final(self, student_id: str):
        row = next((s for s in self.students if s["id"] == student_id), None)
        if row is None or not self._ref:
            return
        self.final_student, self.final_name = student_id, row["name"]
        prop = self._final_run(self._proposal)
        if not prop.ok:
            return
        self._show_proposal(prop.value)
        self.final_open = True

    @rx.event
    @accepts(open_=Flag)
    def close_final(self, open_: bool = False):
        self.final_open = open_

    @rx.event
    @accepts(form=FinalForm, errors="final_errors", message="final_message")
    def save_final(self, form: FinalForm):
        if not self.final_student or not self._ref:
            return
        ref, version = self._ref, self._final_version

        def action(db, user):
            final_marks.confirm_final(db, user, class_id=ref["class_id"], subject_id=ref["subject_id"],
                                      period_id=ref["period_id"] or "year", student_id=self.final_student,
                                      value=form.value, reason=form.reason, version=version)
            return self._proposal(db, user)

        prop = self._final_run(action)
        if not prop.ok:
            if self.final_message and not self.final_errors:  # a conflict: show what is there now
                message = self.final_message
                again = self._final_run(self._proposal)
                if again.ok:
                    self._show_proposal(again.value)
                self.final_message = message
            return
        self._show_proposal(prop.value)
        self.final_open = False
