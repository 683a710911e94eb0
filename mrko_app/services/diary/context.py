"""What every diary view needs about a child: their class, study year, school, periods and holidays,
read in a fixed number of queries (no lazy loads, no `db.get`, so the count never depends on what the
session happens to hold). Plus small helpers to turn ids into names in batches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam
from sqlmodel import Session, select

from mrko_app.models import Holiday, School, SchoolClass, Student, StudyPeriod, StudyYear, Subject, User, WorkKind
from mrko_app.services import school_calendar
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import parse_id

ATTENDANCE_CODES = {"absent": ("A", "Н"), "valid": ("AV", "УП"), "ill": ("S", "Б"), "late": ("L", "ОП")}


@dataclass
class ChildContext:
    student: Student
    school_class: SchoolClass
    year: StudyYear
    school: School
    periods: list[StudyPeriod]
    holidays: list[Holiday] = field(default_factory=list)

    # the school calendar's answers for this child's year (services/school_calendar.py)
    def period_of(self, day: date) -> StudyPeriod | None:
        return school_calendar.period_of(self.periods, day)

    def holiday_of(self, day: date) -> Holiday | None:
        return school_calendar.holiday_of(self.holidays, day)

    def day_kind(self, day: date) -> str:
        """study | holiday (a Holiday row) | vacation (between periods, or outside the year) | weekend (Sunday)."""
        return school_calendar.day_kind(self.periods, self.holidays, day)

    def find_period(self, period_id) -> StudyPeriod:
        """A period of this child's year, from anything a browser sent; else ValidationError."""
        pid = parse_id(period_id)
        for p in self.periods:
            if p.id == pid:
                return p
        raise ValidationError({"period": "diary.error.period"})


_CLASS_YEAR_SCHOOL = (  # made once: access.require_child_row builds its statement once for it
    (SchoolClass, SchoolClass.id == Student.class_id),
    (StudyYear, StudyYear.id == SchoolClass.year_id),
    (School, School.id == SchoolClass.school_id),
)


def checked_child(db: Session, user: User | None, student_id, today: date | None = None) -> tuple:
    """(student, class, year, school) once `user` is checked to be a parent of the student: 1 statement,
    on every read (a view may be remembered, services/changes/memo.py; the decision to show it never is)."""
    _link, student, school_class, year, school = access.require_child_row(db, user, student_id, today,
                                                                           outer=_CLASS_YEAR_SCHOOL)
    if school_class is None or year is None or school is None:
        raise NotFound("diary.error.no_class")
    return student, school_class, year, school


@dataclass(frozen=True)
class ChildKeys:
    """What a remembered view of a child is found by, as the access check read it (plain values)."""
    student_id: int
    class_id: int
    school_id: int
    timezone: str  # the school's ("" for the instance's): the child's today


_KEY_COLUMNS = (Student.id, SchoolClass.id, StudyYear.id, School.id, School.timezone)


def checked_keys(db: Session, user: User | None, student_id, today: date | None = None) -> ChildKeys:
    """checked_child's check (the same rule, on every read; its row remembered by a worker until the link,
    the student or the roles change, access/kept.py) returning the keys alone, no ORM rows: what a view
    remembered by the worker needs (checked_child then runs only when it is not)."""
    sid, class_id, year_id, school_id, timezone = access.require_child_values(
        db, user, student_id, today, outer=_CLASS_YEAR_SCHOOL, columns=_KEY_COLUMNS)
    if class_id is None or year_id is None or school_id is None:
        raise NotFound("diary.error.no_class")
    return ChildKeys(sid, class_id, school_id, timezone or "")


def context_of(db: Session, checked: tuple, *, holidays: bool = False) -> ChildContext:
    """The context of a child `checked_child` returned: 1 query for the periods (and 1 for the holidays)."""
    student, school_class, year, school = checked
    periods = list(db.exec(_PERIODS, params={"year_id": year.id}))
    ctx = ChildContext(student, school_class, year, school, periods)
    if holidays:
        ctx.holidays = list(db.exec(_HOLIDAYS, params={"year_id": year.id}))
    return ctx


# built once (every diary view reads them)
_PERIODS = select(StudyPeriod).where(StudyPeriod.year_id == bindparam("year_id")).order_by(StudyPeriod.number)
_HOLIDAYS = select(Holiday).where(Holiday.year_id == bindparam("year_id")).order_by(Holiday.start_date)


def child_context(db: Session, user: User | None, student_id, *, holidays: bool = False,
                  today: date | None = None) -> ChildContext:
    """Checks that `user` is a parent of the student, then reads the student's class, year, school and
    periods (and holidays when asked): 1 query for the check with the class, year and school, 1 (or 2)
    for the periods (and holidays)."""
    return context_of(db, checked_child(db, user, student_id, today), holidays=holidays)


def parse_day(value, field_name: str = "date") -> date:
    """A date from a browser value ("2026-11-23" or a date); else ValidationError."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except (TypeError, ValueError):
        raise ValidationError({field_name: "diary.error.date"}) from None


monday_of = school_calendar.week_of  # the old name (the diary's tests and pages use it)


def short_name(user: User | None) -> str:
    """"Иванова А. П." — how a diary names a teacher."""
    if user is None:
        return ""
    initials = " ".join(f"{p[0]}." for p in (user.first_name, user.patronymic) if p)
    return f"{user.surname} {initials}".strip()


def users_by_id(db: Session, ids: Iterable[int | None]) -> dict[int, User]:
    wanted = sorted({i for i in ids if i is not None})
    return {u.id: u for u in db.exec(select(User).where(User.id.in_(wanted)))}


def subjects_by_id(db: Session, ids: Iterable[int | None]) -> dict[int, Subject]:
    wanted = sorted({i for i in ids if i is not None})
    return {s.id: s for s in db.exec(select(Subject).where(Subject.id.in_(wanted)))}


def kinds_by_id(db: Session, ids: Iterable[int | None]) -> dict[int, WorkKind]:
    wanted = sorted({i for i in ids if i is not None})
    return {k.id: k for k in db.exec(select(WorkKind).where(WorkKind.id.in_(wanted)))}


def names(obj, prefix: str = "name") -> dict[str, str]:
    """{"<prefix>_en", "<prefix>_ru"} from a row with name_en / name_ru (both empty when None)."""
    if obj is None:
        return {f"{prefix}_en": "", f"{prefix}_ru": ""}
    return {f"{prefix}_en": obj.name_en, f"{prefix}_ru": obj.name_ru}


def period_view(p: StudyPeriod) -> dict:
    return {"id": p.id, "number": p.number, "start": p.start_date.isoformat(), "end": p.end_date.isoformat()}
