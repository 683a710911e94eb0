"""Statistics of a child's marks: per subject for a period or the year (weighted average, count,
distribution, trend, absences, forecast), the overall GPA and its week-by-week history.

The arithmetic is `services/gradebook/rules.py` and `services/gradebook/forecast.py`; this module loads the rows with a
fixed number of queries (never one per subject or week) and arranges the results. The comparison with
the class is in `services/stats/classmates.py`, the "what do I need" calculator in `services/stats/plan.py`.

Everything a browser may ask for goes through `child_statistics(db, user, student_id, ...)`, which starts
with `access.require_child`; the `*_for_student` functions are the same without the access check, for
the bench script and other services that have already checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from sqlalchemy import Date, bindparam
from sqlmodel import Session, col, select

from mrko_app.models import (
    Attendance,
    FinalMark,
    Lesson,
    Mark,
    School,
    SchoolClass,
    Student,
    StudyPeriod,
    StudyYear,
    Subject,
    TeachingAssignment,
    User,
    WorkKind,
)
from mrko_app.services import changes, clock, school_calendar
from mrko_app.services.access import rules as access
from mrko_app.services.columns import run
from mrko_app.services.gradebook.forecast import forecast
from mrko_app.services.gradebook.rules import (
    GradingRules,
    MarkEntry,
    average_fraction,
    counted_marks,
    display_average,
    distribution,
    mean,
    propose_mark,
    year_mark,
)
from mrko_app.services.gradebook.trend import trend, trend_label

if TYPE_CHECKING:
    from mrko_app.services.stats.history import History

YEAR = "year"
MISSED_STATUSES = ("absent", "valid", "ill")  # a lesson missed; "late" is counted apart


@dataclass
class Period:
    id: int | None  # None: the whole year
    number: int  # 0: the whole year
    start: dt.date
    end: dt.date

    # the calendar's names for a span (services/school_calendar.py)
    @property
    def start_date(self) -> dt.date:
        return self.start

    @property
    def end_date(self) -> dt.date:
        return self.end

    def holds(self, day: dt.date) -> bool:
        return school_calendar.holds(self, day)


@dataclass
class ChildData:
    """Everything about one child's year that the statistics need, loaded once."""

    student: Student
    school: School
    rules: GradingRules
    year: StudyYear
    periods: list[Period]
    subjects: dict[int, Subject]  # ordered by name
    kinds: dict[int, WorkKind]
    marks: list[tuple]  # (subject_id, date, value, weight, is_debt, work_kind_id), by date
    attendance: list[tuple]  # (subject_id, date, status)
    period_marks: dict[tuple[int, int], int] = field(default_factory=dict)  # (subject_id, period_id) -> value

    def __post_init__(self):
        self._histories: dict[dt.date, History] = {}
        self._by_subject: dict[int, list[tuple]] = {}
        for row in self.marks:
            self._by_subject.setdefault(row[0], []).append(row)

    def history(self, today: dt.date) -> History:
        """The year's history as of `today`, worked out once for every period's figures (the data may be
        the worker's remembered one, shared by them)."""
        from mrko_app.services.stats.history import History  # history.py reads ChildData: imported late

        return self._histories.setdefault(today, History(self, today))

    def entries(self, subject_id: int, scope: Period) -> list[MarkEntry]:
        """The subject's marks within the scope (debts included: the arithmetic skips them)."""
        kinds = self.kinds
        return [
            MarkEntry(v, w, d, debt, kinds[k].code if k in kinds else "")
            for _s, d, v, w, debt, k in self._by_subject.get(subject_id, ())
            if scope.holds(d)
        ]


# ---------------------------------------------------------------- loading (a fixed number of queries)


def _year_of(db: Session, student: Student) -> StudyYear | None:
    if student.class_id is not None:
        year = db.exec(
            select(StudyYear).join(SchoolClass, col(SchoolClass.year_id) == StudyYear.id)
            .where(SchoolClass.id == student.class_id)
        ).first()
        if year is not None:
            return year
    return db.exec(
        select(StudyYear).where(StudyYear.school_id == student.school_id).order_by(col(StudyYear.start_date).desc())
    ).first()


def _child_statements() -> tuple:
    """load_child's reads, built once with their values bound per call (building them cost as much as
    running them); a mark or an attendance mark counts when its date is inside the year."""
    year_id, student_id = bindparam("year_id"), bindparam("student_id")
    year = SimpleNamespace(start_date=bindparam("start", type_=Date), end_date=bindparam("end", type_=Date))
    periods = select(StudyPeriod).where(StudyPeriod.year_id == year_id).order_by(StudyPeriod.number)
    kinds = select(WorkKind).where(WorkKind.school_id == bindparam("school_id"))
    marks = (select(Mark.subject_id, Mark.date, Mark.value, Mark.weight, Mark.is_debt, Mark.work_kind_id)
             .where(Mark.student_id == student_id, col(Mark.deleted).is_(False),
                    school_calendar.within(col(Mark.date), year))
             .order_by(Mark.date, Mark.id))
    attendance = (select(Lesson.subject_id, Attendance.date, Attendance.status)
                  .join(Lesson, col(Lesson.id) == Attendance.lesson_id)
                  .where(Attendance.student_id == student_id, school_calendar.within(col(Attendance.date), year)))
    taught = select(TeachingAssignment.subject_id).where(TeachingAssignment.class_id == bindparam("class_id"))
    finals = (select(FinalMark.subject_id, FinalMark.period_id, FinalMark.value)
              .where(FinalMark.student_id == student_id, FinalMark.year_id == year_id,
                     col(FinalMark.period_id).is_not(None)))
    return periods, kinds, marks, attendance, taught, finals


_PERIODS, _KINDS, _MARKS, _ATTENDANCE, _TAUGHT, _FINALS = _child_statements()


def load_child(db: Session, student: Student) -> ChildData | None:
    """The child's year (the year of their class): None when the school has no study year yet.
    Eight queries whatever the number of subjects, marks or weeks."""
    school = db.get(School, student.school_id)
    year = _year_of(db, student)
    if school is None or year is None:
        return None
    bound = {"year_id": year.id, "school_id": school.id, "student_id": student.id, "class_id": student.class_id,
             "start": year.start_date, "end": year.end_date}
    periods = [Period(p.id, p.number, p.start_date, p.end_date) for p in db.exec(_PERIODS, params=bound)]
    kinds = {k.id: k for k in db.exec(_KINDS, params=bound)}
    marks = run(db, _MARKS, bound).all()  # plain columns: as Core (columns.run)
    attendance = run(db, _ATTENDANCE, bound).all()
    subject_ids = {m[0] for m in marks} | {a[0] for a in attendance}
    if student.class_id is not None:
        subject_ids |= set(run(db, _TAUGHT, bound).scalars().all())
    subjects = {}
    if subject_ids:
        rows = db.exec(select(Subject).where(col(Subject.id).in_(subject_ids))).all()
        subjects = {s.id: s for s in sorted(rows, key=lambda s: (s.name_ru, s.id))}
    finals = run(db, _FINALS, bound).all()
    return ChildData(
        student=student,
        school=school,
        rules=GradingRules.from_school(school),
        year=year,
        periods=periods,
        subjects=subjects,
        kinds=kinds,
        marks=[tuple(m) for m in marks],
        attendance=[tuple(a) for a in attendance],
        period_marks={(s, p): v for s, p, v in finals},
    )


# ---------------------------------------------------------------- periods


def year_scope(data: ChildData) -> Period:
    return Period(None, 0, data.year.start_date, data.year.end_date)


def choose_scope(data: ChildData, choice, today: dt.date) -> Period:
    """`choice` from a browser: "year", a period id, or anything else (-> the current period)."""
    if str(choice) == YEAR:
        return year_scope(data)
    for p in data.periods:
        if str(p.id) == str(choice):
            return p
    return school_calendar.current_period(data.periods, today) or year_scope(data)


# ---------------------------------------------------------------- per subject


def subject_rows(data: ChildData, scope: Period, today: dt.date) -> tuple[list[dict], list]:
    """Per subject over `scope`: (the statistics the page shows, JSON-serialisable, no class figures;
    each subject's exact average, for the GPA)."""
    rules = data.rules
    averages = []
    missed: dict[int, int] = {}
    late: dict[int, int] = {}
    for subject_id, day, status in data.attendance:
        if scope.holds(day):
            if status in MISSED_STATUSES:
                missed[subject_id] = missed.get(subject_id, 0) + 1
            elif status == "late":
                late[subject_id] = late.get(subject_id, 0) + 1
    rows = []
    for subject_id, subject in data.subjects.items():
        entries = data.entries(subject_id, scope)
        counted = counted_marks(entries, rules)  # checked once for the average, trend, forecast, distribution
        avg = average_fraction(counted, rules)
        averages.append(avg)
        slope = trend(counted)
        ahead = forecast(counted, scope.start, scope.end, today, rules)  # (average, mark)
        period_values = [data.period_marks.get((subject_id, p.id)) for p in data.periods]
        if scope.id is None:
            confirmed = year_mark(period_values, rules)
        else:
            confirmed = data.period_marks.get((subject_id, scope.id))
        rows.append({
            "subject_id": subject_id,
            "name_en": subject.name_en,
            "name_ru": subject.name_ru,
            "count": sum(1 for e in entries if e.counted),
            "debts": sum(1 for e in entries if e.is_debt),
            "average": display_average(avg),
            "proposed": propose_mark(avg, rules),
            "confirmed": confirmed,
            "distribution": distribution(counted, rules),
            "trend": round(slope, 2),
            "trend_label": trend_label(slope),
            "missed": missed.get(subject_id, 0),
            "late": late.get(subject_id, 0),
            "forecast_average": display_average(ahead[0]),
            "forecast_mark": ahead[1],
        })
    return rows, averages


def gpa(averages: list) -> float | None:
    """The overall GPA: the plain mean of the subject averages that exist (gradebook.mean)."""
    return display_average(mean(averages))


# ---------------------------------------------------------------- one call for the page


def statistics_for_student(data: ChildData, scope: Period, today: dt.date) -> dict:
    """Subject rows, GPA and history (worked out when first read) for one child (no access check: see
    child_statistics)."""
    rows, averages = subject_rows(data, scope, today)
    return {
        "scope": scope,
        "rows": rows,
        "gpa": gpa(averages),
        "history": data.history(today),
    }


STATISTICS_KINDS = frozenset({"marks", "attendance", "finals", "lesson"})  # what the page's figures count
_STATISTICS = changes.Memo("statistics", STATISTICS_KINDS)
_YEARS = changes.Memo("statistics' years", STATISTICS_KINDS)  # (ChildData | None,) per child and day


def child_statistics(db: Session, user: User, student_id, choice=None, today: dt.date | None = None, *,
                     only_remembered: bool = False) -> dict | None:
    """The statistics page of a parent's child: None when the school has no study year yet.
    Also returns the class comparison (aggregates only, see stats_class) and the data's periods.
    The access check runs every time; the figures are remembered by the worker until a change of the
    child, their class or school (services/changes/memo.py), and shared: read them, never change them.
    `only_remembered`: the remembered figures or changes.NOT_REMEMBERED, never worked out here."""
    today = today or clock.today()
    sid, class_id, school_id = access.require_child_values(db, user, student_id, today, outer=(), columns=_KEYS)

    def shown(kept: tuple) -> list:
        # the page asks next by the period it was shown ("" was this period): the same figures
        scope = kept[0]["scope"] if kept[0] is not None else None
        return [] if scope is None else [(sid, class_id, YEAR if scope.id is None else str(scope.id), today)]

    def read() -> tuple:  # a tuple: "no study year" (None) is remembered too
        return (_statistics(db, (sid, class_id, school_id), choice, today),)  # the check above let us see them

    key = (sid, class_id, str(choice)[:20], today)
    if only_remembered:  # the page's cheap first try, in the event loop; the figures are worked out in a thread
        kept = _STATISTICS.kept(key)
        return kept if kept is changes.NOT_REMEMBERED else kept[0]
    kept = _STATISTICS.remembered(key, changes.child_view_topics(sid, class_id, school_id), read, also=shown)
    return kept[0]


_KEYS = (Student.id, Student.class_id, Student.school_id)  # made once: the check's statement is built once


def _statistics(db: Session, keys: tuple, choice, today: dt.date) -> dict | None:
    from mrko_app.services.stats import classmates as stats_class

    # the child's year of marks is the same for every period: remembered apart, so that another period
    # costs the arithmetic alone (and the child's row is read only with it)
    sid, class_id, school_id = keys
    data = _YEARS.remembered((sid, class_id, today), changes.child_view_topics(sid, class_id, school_id),
                             lambda: (load_child(db, db.get(Student, sid)),))[0]
    if data is None:
        return None
    scope = choose_scope(data, choice, today)
    result = statistics_for_student(data, scope, today)
    result["class"] = stats_class.class_comparison_for_student(db, data, scope)
    result["data"] = data
    result["today"] = today
    result["class_id"] = class_id  # what the page follows (changes.child_topics)
    return result
