"""Plain views of the journal for the page: small dicts of strings built from the services' rows.

Cells are keyed "<student id>-<lesson id>". What the browser needs to draw the grid is flat: the marks'
text per cell, the attendance code per cell; the versions a save must carry stay on the server
(`cell_record`), in the state's backend vars.
"""

from __future__ import annotations

from datetime import date, datetime

from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, formats, in_every_language, tr
from mrko_app.models import Attendance, Lesson, Mark, Student, StudyPeriod
from mrko_app.services import clock
from mrko_app.services.gradebook.rules import display_average
from mrko_app.services.journal.finals import YearView
from mrko_app.services.journal.read import JournalGrid

PERIOD_SYSTEMS = ("quarters", "trimesters", "halves")  # catalogue keys journal.period.<system>
DEBT = "•"


def cell_key(student_id: int, lesson_id: int) -> str:
    return f"{student_id}-{lesson_id}"


def split_key(key) -> tuple[int, int] | None:
    try:
        sid, lid = str(key).split("-", 1)
        return int(sid), int(lid)
    except (TypeError, ValueError):
        return None


def student_name(student: Student) -> str:
    return f"{student.surname} {student.first_name}"


def day_label(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    return formats.day_month(day, lang)


def local_time(stamp: datetime, lang: str = DEFAULT_LANGUAGE, zone: str = "") -> str:
    """A stored (naive UTC) time as the clock of the journal's school (`zone`) shows it."""
    return formats.datetime(clock.to_local(stamp, zone), lang)


def period_labels(period: StudyPeriod, system: str) -> dict[str, str]:
    """{"value", <lang>: "Quarter 1 (01.09–27.10)" for every language}."""
    key = f"journal.period.{system if system in PERIOD_SYSTEMS else 'quarters'}"
    return {"value": str(period.id), **{
        lang: f"{tr(key, lang, n=period.number)} ({day_label(period.start_date, lang)}–{day_label(period.end_date, lang)})"
        for lang in LANGUAGES}}


def year_label() -> dict[str, str]:
    return {"value": "year", **in_every_language("journal.period.year")}


def average_text(average: float | None) -> str:
    shown = display_average(average)
    return "" if shown is None else f"{shown:.2f}"


def mark_text(marks: list[Mark]) -> str:
    return " ".join(DEBT if m.is_debt or m.value is None else str(m.value) for m in marks)


def cell_record(marks: list[Mark], attendance: Attendance | None) -> dict:
    """What the server remembers of a cell as this tab saw it: the versions a save carries."""
    return {
        "marks": [{"id": m.id, "version": m.version, "value": m.value, "kind": m.work_kind_id,
                   "comment": m.comment, "debt": m.is_debt} for m in marks],
        "att": None if attendance is None else {"version": attendance.version, "status": attendance.status},
    }


def record_text(record: dict) -> str:
    return " ".join(DEBT if m["debt"] or m["value"] is None else str(m["value"]) for m in record["marks"])


def lesson_view(lesson: Lesson, homework, today: date) -> dict[str, str]:
    return {
        "id": str(lesson.id),
        "day": day_label(lesson.date),
        **{f"wd_{lang}": formats.weekday_short(lesson.date, lang) for lang in LANGUAGES},
        "topic": lesson.topic,
        "homework": homework.text if homework is not None else "",
        "due": day_label(homework.due_date) if homework is not None else "",
        "ahead": "1" if lesson.date > today else "",
    }


def summary(student: Student, average: float | None, proposed: int | None, final) -> dict[str, str]:
    """A row's end: the average, the proposed mark, the confirmed one (and whether it overrides)."""
    return {
        "id": str(student.id),
        "name": student_name(student),
        "avg": average_text(average),
        "proposed": "" if proposed is None else str(proposed),
        "final": str(final.value) if final is not None else "",
        "override": "1" if final is not None and final.value != final.proposed_value else "",
    }


def kind_views(kinds) -> tuple[dict[int, dict], list[dict[str, str]]]:
    """(every kind by id, for naming marks; the active ones for the editor's choice, lightest first)."""
    kinds = sorted(kinds, key=lambda k: (k.weight, k.id))
    names = {k.id: {"en": k.name_en, "ru": k.name_ru, "weight": k.weight} for k in kinds}
    choices = [{"value": str(k.id), "en": f"{k.name_en} ×{k.weight}", "ru": f"{k.name_ru} ×{k.weight}"}
               for k in kinds if k.active]
    return names, choices


def year_views(view: YearView):
    """(period columns, "<student>-<period>" -> confirmed period mark, rows) of the year page."""
    periods = [period_labels(p, view.context.school.period_system) for p in view.periods]
    cells = {f"{sid}-{pid}": str(row.value) for (sid, pid), row in view.period_marks.items()}
    rows = [summary(s, view.means.get(s.id), view.proposals.get(s.id), view.year_marks.get(s.id))
            for s in view.students]
    return periods, cells, rows


def grid_views(grid: JournalGrid, today: date):
    """(students, lessons, marks text, attendance codes, records) for the page and the state."""
    students = [summary(s, grid.averages.get(s.id), grid.proposals.get(s.id), grid.finals.get(s.id))
                for s in grid.students]
    lessons = [lesson_view(lesson, grid.homework.get(lesson.id), today) for lesson in grid.lessons]
    marks_text: dict[str, str] = {}
    attendance: dict[str, str] = {}
    records: dict[str, dict] = {}
    for sid, lid in set(grid.marks) | set(grid.attendance):  # only the filled cells, not every cell
        marks = grid.marks.get((sid, lid), [])
        att = grid.attendance.get((sid, lid))
        key = cell_key(sid, lid)
        records[key] = cell_record(marks, att)
        if marks:
            marks_text[key] = mark_text(marks)
        if att is not None:
            attendance[key] = att.status
    return students, lessons, marks_text, attendance, records
