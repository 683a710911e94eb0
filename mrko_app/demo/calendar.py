"""The school with its grading settings and kinds of work, and the 2026/2027 study year."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from mrko_app.demo.bulk import insert_ids
from mrko_app.demo.subjects import SUBJECTS, WORK_KINDS
from mrko_app.models import Holiday, StudyPeriod, StudyYear, Subject, WorkKind
from mrko_app.models.base import utcnow
from mrko_app.models.school import DEFAULT_THRESHOLDS
from mrko_app.services import clock, school_admin
from mrko_app.services.gradebook import rules as gradebook

YEAR_NAME = "2026/2027"
YEAR_START = date(2026, 9, 1)
YEAR_END = date(2027, 5, 31)
# Russian school quarters; the gaps between them are the autumn, winter and spring holidays
QUARTERS = [
    (date(2026, 9, 1), date(2026, 10, 24)),
    (date(2026, 11, 5), date(2026, 12, 27)),
    (date(2027, 1, 12), date(2027, 3, 20)),
    (date(2027, 3, 30), date(2027, 5, 26)),
]
# Public days off inside the quarters (1 and 9 May 2027 fall on a weekend: 3 and 10 May are off instead)
HOLIDAYS = [
    (date(2027, 2, 23), date(2027, 2, 23), "Defender of the Fatherland Day", "День защитника Отечества"),
    (date(2027, 3, 8), date(2027, 3, 8), "International Women's Day", "Международный женский день"),
    (date(2027, 5, 1), date(2027, 5, 3), "Spring and Labour Day", "Праздник Весны и Труда"),
    (date(2027, 5, 9), date(2027, 5, 10), "Victory Day", "День Победы"),
]
DEFAULT_TODAY = date(2026, 11, 28)
MOSCOW = timedelta(hours=3)


def stamp(day: date, at: time) -> datetime:
    """A Moscow wall-clock moment as naive UTC, like every timestamp column; never later than now (a
    record of today's later lesson would otherwise be stamped in the future, and a change made now would
    not move the week's latest stamp that the live diary watches)."""
    return min(datetime.combine(day, at) - MOSCOW, utcnow())


def data_today(today: date | None) -> date:
    """The day the generated journal runs up to: today when the first quarter is over, else 28 Nov 2026."""
    if today is not None:
        return today
    real = clock.today()
    return real if QUARTERS[0][1] < real <= YEAR_END else DEFAULT_TODAY


@dataclass
class Period:
    id: int
    number: int
    start: date
    end: date


@dataclass
class Calendar:
    school_id: int
    year_id: int
    periods: list[Period]
    school_days: list[date]  # Monday..Friday inside a period and not a holiday
    period_of: dict[date, int] = field(default_factory=dict)  # school day -> period number
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # code -> (id, weight)
    subjects: dict[str, int] = field(default_factory=dict)  # code -> id
    mark_min: int = 2
    mark_max: int = 5
    thresholds: dict = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))

    def period(self, number: int) -> Period:
        return next(p for p in self.periods if p.number == number)


def proposed_mark(average, thresholds: dict, mark_min: int, mark_max: int = 5) -> int:
    """The period mark the thresholds propose (the gradebook's rule, services/gradebook.propose_mark)."""
    return gradebook.propose_mark(average, gradebook.GradingRules(mark_min, mark_max, thresholds))


def holiday_days() -> set[date]:
    days = set()
    for start, end, _en, _ru in HOLIDAYS:
        d = start
        while d <= end:
            days.add(d)
            d += timedelta(days=1)
    return days


def school_days() -> list[tuple[date, int]]:
    off = holiday_days()
    days = []
    for number, (start, end) in enumerate(QUARTERS, 1):
        d = start
        while d <= end:
            if d.weekday() < 5 and d not in off:
                days.append((d, number))
            d += timedelta(days=1)
    return days


def create_school(session: Session, name: str, short_name: str) -> Calendar:
    """The school, its kinds of work, subjects, the study year with quarters and holidays."""
    # the school and its kinds of work as the department's administrator creates them (services/school_admin)
    school = school_admin.new_school(session, name, short_name, WORK_KINDS)
    school_id = school.id
    kinds = session.exec(select(WorkKind).where(WorkKind.school_id == school_id).order_by(WorkKind.id)).all()
    subject_ids = insert_ids(session, Subject, [
        {"school_id": school_id, "name_en": s.name_en, "name_ru": s.name_ru} for s in SUBJECTS])
    [year_id] = insert_ids(session, StudyYear, [
        {"school_id": school_id, "name": YEAR_NAME, "start_date": YEAR_START, "end_date": YEAR_END}])
    period_ids = insert_ids(session, StudyPeriod, [
        {"year_id": year_id, "number": n, "start_date": s, "end_date": e} for n, (s, e) in enumerate(QUARTERS, 1)])
    insert_ids(session, Holiday, [
        {"year_id": year_id, "start_date": s, "end_date": e, "name_en": en, "name_ru": ru}
        for s, e, en, ru in HOLIDAYS])
    days = school_days()
    return Calendar(
        school_id=school_id,
        year_id=year_id,
        periods=[Period(pid, n, s, e) for pid, (n, (s, e)) in zip(period_ids, enumerate(QUARTERS, 1))],
        school_days=[d for d, _ in days],
        period_of=dict(days),
        kinds={k.code: (k.id, k.weight) for k in kinds},
        subjects={s.code: sid for s, sid in zip(SUBJECTS, subject_ids)},
    )
