"""The class journal's state: choosing a journal, the grid, typing into cells, saving, conflicts.

Keyboard (the page's cells send every key here; assets/journal.js moves the focus with the arrows):
    a digit            a mark (the school's default kind of work)
    н/n  у/u/v  б/b/i  о/o/l   absent, absent for a valid reason, ill, late
    Delete, Backspace  clear the cell (its last mark, else its attendance mark)
    Enter, Tab, arrows save what was typed; Escape drops it
    F2, space          open the cell's editor (kind of work, comment, several marks, history)
A typed edit stays in `pending` until it is saved; a failed save or a conflict stays listed in
`problems` with Retry / Discard or Keep theirs / Overwrite. The versions every save carries are the
ones this tab saw when the edit was typed (`_edits[key]["base"]`).
"""

from __future__ import annotations

import logging
from datetime import date

import reflex as rx

from mrko_app import db as database
from mrko_app.services import clock
from mrko_app.services.errors import Conflict, ServiceError, ValidationError
from mrko_app.services.journal import finals as final_marks
from mrko_app.services.journal import read as journal
from mrko_app.services.journal import save as journal_save
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, accepts
from mrko_app.state.journal_view import (
    average_text,
    cell_record,
    grid_views,
    kind_views,
    period_labels,
    record_text,
    split_key,
    year_label,
    year_views,
)

log = logging.getLogger(__name__)

ATTENDANCE_KEYS = {"н": "absent", "n": "absent", "у": "valid", "u": "valid", "v": "valid", "б": "ill", "b": "ill",
                   "i": "ill", "о": "late", "o": "late", "l": "late"}
CLEAR_KEYS = ("Delete", "Backspace")
SAVE_KEYS = ("Enter", "Tab", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown")
EDITOR_KEYS = ("F2", " ")
ROLES = ("teacher", "staff")


class JournalState(AuthState):
    journals: list[dict[str, str]] = []  # {"value": "<class>:<subject>", "en", "ru"}
    periods: list[dict[str, str]] = []  # {"value": "<period id>" | "year", "en", "ru"}
    journal: str = ""
    period: str = ""
    loaded: bool = False
    message: str = ""
    errors: dict[str, str] = {}
    scale: list[str] = []
    students: list[dict[str, str]] = []
    lessons: list[dict[str, str]] = []
    marks: dict[str, str] = {}  # cell -> "5 4"
    att: dict[str, str] = {}  # cell -> attendance status
    pending: dict[str, str] = {}  # cell -> what was typed, not saved yet
    status: dict[str, str] = {}  # cell -> saving | saved | failed | conflict
    problems: list[dict[str, str]] = []  # failed saves and conflicts, each with its cell key
    year_periods: list[dict[str, str]] = []
    year_cells: dict[str, str] = {}  # "<student>-<period>" -> the confirmed period mark
    kinds: list[dict[str, str]] = []  # the school's active kinds of work: {"value", "en", "ru"}
    # bumped on each opening: journal.js scrolls to the latest lesson when it changes (a script sent
    # from the server would need eval, which the Content-Security-Policy forbids)
    scroll_tick: int = 0

    _ref: dict = {}
    _records: dict[str, dict] = {}
    _edits: dict[str, dict] = {}
    _names: dict[str, str] = {}  # student id -> name, of the grid's rows
    _days: dict[str, str] = {}  # lesson id -> its date, of the grid's columns
    _kinds: dict[int, dict] = {}
    _zone: str = ""  # the open journal's school's time zone ("": the instance's)

    # ---------------------------------------------------------------- loading
    @rx.var
    def is_year(self) -> bool:
        return self.period == journal.YEAR

    def _clear_view(self) -> None:
        self.students, self.lessons, self.marks, self.att, self.status = [], [], {}, {}, {}
        self.year_periods, self.year_cells, self._records, self.loaded = [], {}, {}, False
        self._names, self._days, self._ref = {}, {}, {}

    def _open(self, db, user, wanted_journal: str, wanted_period: str) -> None:
        pairs = journal.journal_choices(db, user)
        self.journals = [{"value": f"{c.id}:{s.id}", "en": f"{c.name} · {s.name_en}", "ru": f"{c.name} · {s.name_ru}"}
                         for c, s in pairs]
        values = [j["value"] for j in self.journals]
        if wanted_journal and wanted_journal not in values:
            # a journal that is not offered: let the service say why (no access, not found)
            class_id, _, subject_id = wanted_journal.partition(":")
            journal.journal_context(db, user, class_id, subject_id, None)
            values.append(wanted_journal)
        self.journal = wanted_journal or (values[0] if values else "")
        if not self.journal:
            self._clear_view()
            self.message = self._t("journal.no_journals")
            return
        class_id, _, subject_id = self.journal.partition(":")
        ctx = journal.journal_context(db, user, class_id, subject_id, None)
        self._zone = ctx.school.timezone  # "today" is the date where the class's school is
        today = clock.today(self._zone)
        periods = journal.periods_of(db, ctx.school_class)
        self.periods = [period_labels(p, ctx.school.period_system) for p in periods]
        self.periods.append({**year_label(), "value": journal.YEAR})
        if wanted_period not in [p["value"] for p in self.periods]:
            current = journal.current_period(periods, today)
            wanted_period = str(current.id) if current else journal.YEAR
        self.period = wanted_period
        self.scale = [str(v) for v in ctx.rules.scale]
        self._ref = {"class_id": ctx.class_id, "subject_id": ctx.subject_id,
                     "period_id": None if self.period == journal.YEAR else int(self.period)}
        if self.period == journal.YEAR:
            self._load_year(db, user)
        else:
            self._load_grid(db, user, today)
        self.loaded = True

    def _load_grid(self, db, user, today: date) -> None:
        grid = journal.load_grid(db, user, self._ref["class_id"], self._ref["subject_id"], self._ref["period_id"])
        students, lessons, marks, att, records = grid_views(grid, today)
        self.students, self.lessons, self.marks, self.att, self._records = students, lessons, marks, att, records
        self.year_periods, self.year_cells = [], {}
        self._kinds, self.kinds = kind_views(grid.kinds.values())
        self._names = {s["id"]: s["name"] for s in students}
        self._days = {lesson["id"]: lesson["day"] for lesson in lessons}
        self.status = {k: v for k, v in self.status.items() if v in ("failed", "conflict")}

    def _load_year(self, db, user) -> None:
        view = final_marks.load_year(db, user, self._ref["class_id"], self._ref["subject_id"])
        self.lessons, self.marks, self.att, self._records = [], {}, {}, {}
        self._names, self._days = {}, {}
        self.year_periods, self.year_cells, self.students = year_views(view)

    def _reload(self, wanted_journal: str, wanted_period: str):
        self.message, self.errors = "", {}

        def action(db):
            user = self._user(db, *ROLES)
            self._open(db, user, wanted_journal, wanted_period)

        if not self._run(action).ok:
            self._clear_view()
            return None
        self.scroll_tick += 1
        return None

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        return self._reload(str(params.get("journal", self.journal or "")),
                            str(params.get("period", self.period or "")))

    @rx.event
    @accepts(value=Choice)
    def choose_journal(self, value: str):
        return self._reload(value, "")

    @rx.event
    @accepts(value=Choice)
    def choose_period(self, value: str):
        return self._reload(self.journal, value)

    # ---------------------------------------------------------------- typing into cells
    def _in_grid(self, key: str) -> bool:
        """Is `key` a cell of the grid this tab has loaded (student row and lesson column)?"""
        sid, _, lid = str(key).partition("-")
        return sid in self._names and lid in self._days

    def _name(self, key: str) -> str:
        """"Surname Name, 07.09" for a cell."""
        sid, _, lid = str(key).partition("-")
        return f"{self._names[sid]}, {self._days[lid]}" if self._in_grid(key) else str(key)

    def _pending_text(self, op: str, value: str) -> str:
        if op == "mark":
            return value
        if op == "att":
            return self._t(f"journal.att_short.{value}")
        return "×"

    @rx.event
    @accepts(key=Choice, pressed=Choice)
    def cell_key(self, key: str, pressed: str):
        """A key pressed in a cell of the grid (see the module's docstring)."""
        if self.is_year or not self._in_grid(key):
            return None
        edit = self._edits.get(key)
        lower = pressed.lower()
        if pressed.isdigit() and len(pressed) == 1:
            typed = edit["value"] + pressed if edit and edit["op"] == "mark" and self.status.get(key) != "failed" \
                else pressed
            if not self.scale or int(typed) > int(self.scale[-1]):
                typed = pressed
            self._stage(key, "mark", typed)
        elif lower in ATTENDANCE_KEYS:
            self._stage(key, "att", ATTENDANCE_KEYS[lower])
        elif pressed in CLEAR_KEYS:
            self._stage(key, "clear", "")
        elif pressed == "Escape":
            self._drop(key)
        elif pressed in SAVE_KEYS:
            if edit is not None and self.status.get(key) not in ("failed", "conflict"):
                return self._save(key)
        elif pressed in EDITOR_KEYS:
            from mrko_app.state.journal_panel import JournalPanelState

            return JournalPanelState.open_cell(key)
        return None

    def _stage(self, key: str, op: str, value: str) -> None:
        base = self._edits[key]["base"] if key in self._edits else self._records.get(key) or cell_record([], None)
        self._edits[key] = {"op": op, "value": value, "base": base, "ref": dict(self._ref)}
        self.pending[key] = self._pending_text(op, value)
        self.status.pop(key, None)
        self._forget_problem(key)

    def _drop(self, key: str) -> None:
        self._edits.pop(key, None)
        self.pending.pop(key, None)
        self.status.pop(key, None)
        self._forget_problem(key)

    def _forget_problem(self, key: str) -> None:
        if any(p["key"] == key for p in self.problems):
            self.problems = [p for p in self.problems if p["key"] != key]

    def _problem(self, key: str, kind: str, text: str) -> None:
        self._forget_problem(key)
        self.problems.append({"key": key, "kind": kind, "cell": self._name(key), "text": text,
                              "mine": self.pending.get(key, "")})
        self.status[key] = kind

    # ---------------------------------------------------------------- saving
    def _write(self, db, user, key: str, edit: dict):
        """The edit as one service call: the write, the cell read back and the proposal together."""
        sid, lid = split_key(key)
        base = edit["base"]
        last = base["marks"][-1] if base["marks"] else None
        att = base["att"]
        op = edit["op"] if edit["op"] in ("mark", "att") else "clear"
        return journal_save.save_cell(
            db, user, **edit["ref"], student_id=sid, lesson_id=lid, op=op, value=edit["value"],
            mark_id=last["id"] if last and op != "att" else None, version=last["version"] if last else None,
            att_version=att["version"] if att else None)

    def _fresh(self, db, user, key: str, ref: dict) -> dict:
        sid, lid = split_key(key)
        marks, attendance = journal.read_cell(db, user, ref["class_id"], ref["subject_id"], ref["period_id"], sid, lid)
        return cell_record(marks, attendance)

    def _show_record(self, key: str, record: dict) -> None:
        """Put a cell's record (as now stored) into the grid."""
        if not self._in_grid(key):
            return
        self._records[key] = record
        text = record_text(record)
        if text:
            self.marks[key] = text
        else:
            self.marks.pop(key, None)
        if record["att"]:
            self.att[key] = record["att"]["status"]
        else:
            self.att.pop(key, None)

    def _conflict_text(self, key: str, exc: Conflict, mine: str | None = None) -> str:
        current = exc.current
        if "status" in current:
            theirs = self._t(f"journal.att.{current['status'] or 'present'}")
        else:
            theirs = current.get("value") or self._t("journal.no_mark")
        by = current.get("by") or self._t("journal.someone")
        mine = self.pending.get(key, "") if mine is None else mine
        return self._t("journal.problem_conflict", by=by, theirs=theirs, mine=mine)

    def _save(self, key: str):
        edit = self._edits.get(key)
        if edit is None:
            return
        self.status[key] = "saving"
        try:
            with database.session_scope() as db:
                saved = self._write(db, self._user(db, *ROLES), key, edit)
                record = cell_record(saved.marks, saved.attendance)
        except Conflict as exc:
            self._problem(key, "conflict", self._conflict_text(key, exc))
            return
        except ValidationError as exc:
            self._problem(key, "failed", "; ".join(self._field_errors(exc).values()) or self._error_text(exc))
            return
        except ServiceError as exc:
            self._problem(key, "failed", self._error_text(exc))
            return
        except Exception:  # the database went away, a lock timed out...: keep the edit for a retry
            log.exception("saving journal cell %s failed", key)
            self._problem(key, "failed", self._t("journal.save_failed"))
            return
        self._edits.pop(key, None)
        self.pending.pop(key, None)
        self._forget_problem(key)
        self._show_record(key, record)
        self.status[key] = "saved"
        if edit["ref"] == self._ref:
            self._show_proposal(key, saved.proposal)

    def _after_change(self, key: str) -> None:
        """After the side panel's save: re-read that row's average and proposal."""
        sid, _ = split_key(key)
        ref = self._ref
        if ref.get("period_id") is None:
            return

        def action(db):
            user = self._user(db, *ROLES)
            return final_marks.final_proposal(db, user, class_id=ref["class_id"], subject_id=ref["subject_id"],
                                              period_id=ref["period_id"], student_id=sid)

        prop = self._run(action)
        if prop.ok:
            self._show_proposal(key, prop.value)

    def _show_proposal(self, key: str, prop) -> None:
        """A saved mark changes the student's average and proposal: that row's summary."""
        sid, _ = split_key(key)
        self.students = [
            {**s, "avg": average_text(prop.average), "proposed": "" if prop.proposed is None else str(prop.proposed)}
            if s["id"] == str(sid) else s
            for s in self.students
        ]

    @rx.event
    @accepts(key=Choice)
    def retry(self, key: str):
        if key in self._edits:
            self.status.pop(key, None)
            self._save(key)

    @rx.event
    @accepts(key=Choice)
    def discard(self, key: str):
        self._drop(key)

    def _refresh_cell(self, key: str, ref: dict) -> bool:
        def action(db):
            return self._fresh(db, self._user(db, *ROLES), key, ref)

        record = self._run(action)
        if not record.ok:
            return False
        self._show_record(key, record.value)
        return True

    @rx.event
    @accepts(key=Choice)
    def keep_theirs(self, key: str):
        edit = self._edits.get(key)
        if edit is not None and self._refresh_cell(key, edit["ref"]):
            self._drop(key)

    @rx.event
    @accepts(key=Choice)
    def overwrite(self, key: str):
        """Apply my edit on top of what is there now (the versions read now)."""
        edit = self._edits.get(key)
        if edit is None:
            return

        def action(db):
            return self._fresh(db, self._user(db, *ROLES), key, edit["ref"])

        record = self._run(action)
        if not record.ok:
            return
        edit["base"] = record.value
        self._edits[key] = edit
        self.status.pop(key, None)
        self._save(key)

