"""The journal's editors: the focused cell's summary line, the cell editor (several marks, kind of work,
comment, reason, attendance, the history of changes) and the lesson editor (topic and homework).

A substate of JournalState, so that focusing a cell or typing into an editor re-renders the editors
only, not the grid of ~2000 cells."""

from __future__ import annotations

import reflex as rx

from mrko_app.services import clock
from mrko_app.services.errors import Conflict
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import read as journal
from mrko_app.state.base import Outcome
from mrko_app.state.forms import Choice, Flag, accepts
from mrko_app.state.journal import ROLES, JournalState
from mrko_app.state.journal_view import cell_record, day_label, lesson_view, local_time, split_key
from mrko_app.state.schemas import AttendanceForm, LessonForm, MarkForm


class JournalPanelState(JournalState):
    focus_text: str = ""
    focus_key: str = ""
    panel_errors: dict[str, str] = {}
    panel_message: str = ""
    panel_conflict: bool = False
    # the cell editor
    cell_open: bool = False
    cell_key_open: str = ""
    cell_title: str = ""
    cell_marks: list[dict[str, str]] = []
    cell_att: str = ""
    history: list[dict[str, str]] = []
    form_mark: str = ""  # the mark being edited ("" = a new one)
    form_value: str = ""
    form_kind: str = ""
    form_comment: str = ""
    form_nonce: int = 0  # re-mounts the form's uncontrolled fields with new defaults
    # the lesson editor
    lesson_open: bool = False
    lesson_id_open: str = ""
    lesson_title: str = ""
    lesson_topic: str = ""
    lesson_homework: str = ""
    lesson_due: str = ""

    _last_form: dict = {}
    _conflict_current: dict = {}
    _lesson_seen: dict = {}  # what the lesson editor showed (services.journal_entry.lesson_content)

    def _kind_name(self, kind_id) -> str:
        kind = self._kinds.get(kind_id)
        if not kind:
            return ""
        return f"{kind.get(self.lang) or kind['en']} ×{kind['weight']}"

    @rx.event
    @accepts(key=Choice)
    def focus_cell(self, key: str):
        """The one-line summary of the focused cell above the grid."""
        if not self._in_grid(key):
            self.focus_text, self.focus_key = "", ""
            return
        self.focus_key = key
        record = self._records.get(key) or cell_record([], None)
        parts = [self._name(key)]
        for m in record["marks"]:
            text = "•" if m["debt"] or m["value"] is None else str(m["value"])
            parts.append(f"{text} ({self._kind_name(m['kind'])})" + (f" — {m['comment']}" if m["comment"] else ""))
        if record["att"]:
            parts.append(self._t(f"journal.att.{record['att']['status']}"))
        self.focus_text = " · ".join(parts)

    # ---------------------------------------------------------------- helpers
    def _panel_run(self, action) -> Outcome:
        """`action(db, user)` through the shared runner; errors go to the editors' own message and fields."""
        self.panel_errors, self.panel_message, self.panel_conflict = {}, "", False
        return self._run(lambda db: action(db, self._user(db, *ROLES)), errors="panel_errors",
                         message="panel_message", joined=True, on_error=self._panel_conflict)

    def _panel_conflict(self, exc) -> None:
        """Someone saved the cell or lesson meanwhile: say whose value is there now, and remember it."""
        if not isinstance(exc, Conflict):
            return
        self.panel_conflict, self._conflict_current = True, dict(exc.current)
        if "status" in exc.current or "mark_id" in exc.current:
            mine = self._last_form.get("value", "") if "mark_id" in exc.current else ""
            self.panel_message = self._conflict_text(self.cell_key_open, exc, mine)

    def _cell_ref(self, key: str) -> dict | None:
        ids = split_key(key)
        if ids is None or not self._in_grid(key) or self._ref.get("period_id") is None:
            return None
        return {**self._ref, "student_id": ids[0], "lesson_id": ids[1]}

    def _fill_cell(self, db, user, key: str) -> None:
        cell = self._cell_ref(key)
        marks, attendance = journal.read_cell(db, user, **cell)
        record = cell_record(marks, attendance)
        self._show_record(key, record)
        self.cell_marks = [{"id": str(m.id), "value": "•" if m.is_debt or m.value is None else str(m.value),
                            "kind": self._kind_name(m.work_kind_id), "comment": m.comment} for m in marks]
        self.cell_att = attendance.status if attendance else ""
        rows = journal_entry.mark_history(db, user, class_id=cell["class_id"], subject_id=cell["subject_id"],
                                          student_id=cell["student_id"], lesson_id=cell["lesson_id"])
        self.history = [{"at": local_time(r["at"], self.lang, self._zone), "by": r["by"],
                         "old": "—" if r["old"] is None else str(r["old"]),
                         "new": "—" if r["new"] is None else str(r["new"]),
                         "kind": self._kind_name(r["new_kind"] or r["old_kind"]), "reason": r["reason"]}
                        for r in rows]

    def _reset_form(self, mark: dict | None = None) -> None:
        self.form_mark = mark["id"] if mark else ""
        self.form_value = mark["value"] if mark and mark["value"] != "•" else ""
        record = self._records.get(self.cell_key_open) or cell_record([], None)
        seen = next((m for m in record["marks"] if mark and str(m["id"]) == mark["id"]), None)
        self.form_kind = str(seen["kind"]) if seen else (self.kinds[0]["value"] if self.kinds else "")
        self.form_comment = seen["comment"] if seen else ""
        self.form_nonce += 1

    # ---------------------------------------------------------------- the cell editor
    @rx.event
    @accepts(key=Choice)
    def open_cell(self, key: str):
        if self._cell_ref(key) is None:
            return None
        self.cell_key_open, self.cell_title = key, self._name(key)
        if not self._panel_run(lambda db, user: self._fill_cell(db, user, key)).ok:
            return None
        self._reset_form(self.cell_marks[-1] if self.cell_marks else None)
        self.cell_open = True
        return None

    @rx.event
    @accepts(open_=Flag)
    def close_cell(self, open_: bool = False):
        self.cell_open = open_

    @rx.event
    @accepts(mark_id=Choice)
    def edit_mark(self, mark_id: str):
        mark = next((m for m in self.cell_marks if m["id"] == mark_id), None)
        self.panel_errors, self.panel_message, self.panel_conflict = {}, "", False
        self._reset_form(mark)

    @rx.event
    def new_mark(self):
        self.panel_errors, self.panel_message, self.panel_conflict = {}, "", False
        self._reset_form(None)

    def _seen(self, mark_id) -> dict | None:
        record = self._records.get(self.cell_key_open) or cell_record([], None)
        return next((m for m in record["marks"] if str(m["id"]) == str(mark_id)), None)

    @rx.event
    @accepts(form=MarkForm, errors="panel_errors", message="panel_message")
    def save_mark(self, form: MarkForm):
        self._save_mark(form)

    def _save_mark(self, form: MarkForm) -> None:
        key = self.cell_key_open
        cell = self._cell_ref(key)
        if cell is None:
            return
        self._last_form = form.model_dump()
        seen = self._seen(self.form_mark) if self.form_mark else None

        def action(db, user):
            journal_entry.set_mark(db, user, **cell, value=form.value, work_kind_id=form.kind,
                                   comment=form.comment, reason=form.reason,
                                   mark_id=seen["id"] if seen else None, version=seen["version"] if seen else None)
            self._fill_cell(db, user, key)

        saved = self._panel_run(action)
        self._settle(key, saved)
        if saved.ok:
            self.panel_message = self._t("journal.saved")
            self._reset_form(None)

    def _settle(self, key: str, saved: Outcome) -> None:
        """After an editor's save: the cell shows what is stored now (also after a conflict)."""
        if saved.ok:
            self.status[key] = "saved"
            self._after_change(key)
        elif self.panel_conflict:
            self._panel_refresh(key)

    def _panel_refresh(self, key: str) -> None:
        message, conflict = self.panel_message, self.panel_conflict
        self._panel_run(lambda db, user: self._fill_cell(db, user, key))
        self.panel_message, self.panel_conflict = message, conflict

    @rx.event
    def keep_theirs_panel(self):
        self.panel_message, self.panel_conflict = "", False
        self._reset_form(None)

    @rx.event
    def overwrite_panel(self):
        """Save the last form again on top of what is stored now (the editor has re-read the versions)."""
        form = MarkForm(**self._last_form)
        if self.form_mark and self._seen(self.form_mark) is None:
            self.form_mark = ""
        if not self.form_mark and self.cell_marks:
            self.form_mark = self.cell_marks[-1]["id"]
        self._save_mark(form)

    @rx.event
    @accepts(mark_id=Choice)
    def remove_mark(self, mark_id: str):
        key = self.cell_key_open
        cell = self._cell_ref(key)
        seen = self._seen(mark_id)
        if cell is None or seen is None:
            return

        def action(db, user):
            journal_entry.clear_mark(db, user, **cell, mark_id=seen["id"], version=seen["version"])
            self._fill_cell(db, user, key)

        self._settle(key, self._panel_run(action))

    @rx.event
    @accepts(form=AttendanceForm, errors="panel_errors", message="panel_message")
    def save_attendance(self, form: AttendanceForm):
        key = self.cell_key_open
        cell = self._cell_ref(key)
        if cell is None:
            return
        record = self._records.get(key) or cell_record([], None)

        def action(db, user):
            journal_entry.set_attendance(db, user, **cell, status=form.attendance,
                                         version=record["att"]["version"] if record["att"] else None)
            self._fill_cell(db, user, key)

        saved = self._panel_run(action)
        self._settle(key, saved)
        if saved.ok:
            self.panel_message = self._t("journal.saved")

    # ---------------------------------------------------------------- the lesson editor
    @rx.event
    @accepts(lesson_id=Choice)
    def open_lesson(self, lesson_id: str):
        self._open_lesson(lesson_id)

    def _open_lesson(self, lesson_id: str) -> None:
        if self.is_year or lesson_id not in {lesson["id"] for lesson in self.lessons}:
            return
        ref = self._ref

        def action(db, user):
            return journal.read_lesson(db, user, ref["class_id"], ref["subject_id"], lesson_id)

        found = self._panel_run(action)
        if not found.ok:
            return
        lesson, homework = found.value
        self._lesson_seen = journal_entry.lesson_content(lesson, homework)
        self._show_lesson(lesson, homework)
        self.lesson_id_open = lesson_id
        self.lesson_title = day_label(lesson.date, self.lang)
        self.lesson_topic = lesson.topic
        self.lesson_homework = homework.text if homework else ""
        self.lesson_due = homework.due_date.strftime("%d.%m.%Y") if homework else ""
        self.form_nonce += 1
        self.lesson_open = True

    def _show_lesson(self, lesson, homework) -> None:
        """The lesson's column header shows what is stored now."""
        view = lesson_view(lesson, homework, clock.today(self._zone))
        self.lessons = [view if item["id"] == view["id"] else item for item in self.lessons]

    @rx.event
    @accepts(lesson_id=Choice, pressed=Choice)
    def lesson_key(self, lesson_id: str, pressed: str):
        """Enter, F2 or space on a lesson's column header opens its topic and homework."""
        if pressed in ("Enter", "F2", " "):
            self._open_lesson(lesson_id)

    @rx.event
    @accepts(open_=Flag)
    def close_lesson(self, open_: bool = False):
        self.lesson_open = open_

    @rx.event
    @accepts(form=LessonForm, errors="panel_errors", message="panel_message")
    def save_lesson(self, form: LessonForm):
        """Save the topic and homework; if someone changed the lesson since the editor opened, say so and
        keep the typed text (a second save overwrites theirs, `keep_theirs_lesson` takes theirs)."""
        lesson_id, ref, seen = self.lesson_id_open, self._ref, dict(self._lesson_seen)
        if not lesson_id:
            return

        def action(db, user):
            journal_entry.save_lesson(db, user, class_id=ref["class_id"], subject_id=ref["subject_id"],
                                      lesson_id=lesson_id, topic=form.topic,
                                      homework=form.homework, due_date=form.due_date,
                                      seen=seen)
            return journal.read_lesson(db, user, ref["class_id"], ref["subject_id"], lesson_id)

        found = self._panel_run(action)
        if not found.ok:
            if self.panel_conflict:
                self._lesson_seen = dict(self._conflict_current)
            return
        self._show_lesson(*found.value)
        self.lesson_open = False

    @rx.event
    def keep_theirs_lesson(self):
        """After a conflict: the editor shows what is stored now."""
        if self.lesson_id_open:
            self._open_lesson(self.lesson_id_open)
