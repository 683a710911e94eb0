"""Plain views of the journal for the page: small dicts of strings built from the services' rows.

Cells are keyed "<student id>-<lesson id>". What the browser needs to draw the grid is flat: the marks'
text per cell, the attendance code per cell; the versions a save must carry stay on the server
(`cell_record`), in the state's backend vars.
"""

from __future__ import annotations

from datetime import date

from mrko_app.models import Attendance, Lesson, Mark, Student, StudyPeriod
from mrko_app.services.gradebook import display_average
from mrko_app.services.journal import JournalGrid

WEEKDAYS = {"en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), "ru": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")}
PERIOD_NAMES = {
    "quarters": ("Quarter {n}", "{n} четверть"),
    "trimesters": ("Trimester {n}", "{n} триместр"),
    "halves": ("Half-year {n}", "{n} полугодие"),
}
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


def day_label(day: date) -> str:
    return day.strftime("%d.%m")


def period_labels(period: StudyPeriod, system: str) -> dict[str, str]:
    en, ru = PERIOD_NAMES.get(system, PERIOD_NAMES["quarters"])
    span = f"{day_label(period.start_date)}–{day_label(period.end_date)}"
    return {"value": str(period.id), "en": f"{en.format(n=period.number)} ({span})",
            "ru": f"{ru.format(n=period.number)} ({span})"}


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


def lesson_view(lesson: Lesson, homework, lang: str, today: date) -> dict[str, str]:
    return {
        "id": str(lesson.id),
        "day": day_label(lesson.date),
        "weekday": WEEKDAYS["en" if lang == "en" else "ru"][lesson.date.weekday()],
        "topic": lesson.topic,
        "homework": homework.text if homework is not None else "",
        "due": day_label(homework.due_date) if homework is not None else "",
        "ahead": "1" if lesson.date > today else "",
    }


def grid_views(grid: JournalGrid, lang: str, today: date):
    """(students, lessons, marks text, attendance codes, records) for the page and the state."""
    finals = grid.finals
    students = [
        {
            "id": str(s.id),
            "name": student_name(s),
            "avg": average_text(grid.averages.get(s.id)),
            "proposed": "" if grid.proposals.get(s.id) is None else str(grid.proposals[s.id]),
            "final": str(finals[s.id].value) if s.id in finals else "",
            "override": "1" if s.id in finals and finals[s.id].value != finals[s.id].proposed_value else "",
        }
        for s in grid.students
    ]
    lessons = [lesson_view(lesson, grid.homework.get(lesson.id), lang, today) for lesson in grid.lessons]
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
