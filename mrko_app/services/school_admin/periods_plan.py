"""Changing the period system (quarters / trimesters / half-years) regenerates the periods of this year
and the years after it: the year's span is cut into as many equal parts as the new system has (staff then
move the dates on the year page). Past years keep their periods.

The change is refused when a period that would vanish (its number is above the new count) already holds
marks or confirmed period marks: those marks would fall into another period without anyone deciding it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from mrko_app.models import FinalMark, Mark, School, Student, StudyPeriod, StudyYear
from mrko_app.services import clock


@dataclass
class Blocked:
    year: str
    number: int
    marks: int  # marks dated in the period, confirmed period marks attached to it


@dataclass
class PeriodPlan:
    years: list[tuple[StudyYear, list[tuple[date, date]]]] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)

    def periods_of(self, year_id: int) -> list[tuple[date, date]] | None:
        return next((ranges for year, ranges in self.years if year.id == year_id), None)


def split(start: date, end: date, count: int) -> list[tuple[date, date]]:
    """`count` consecutive ranges covering start..end, as equal in days as whole days allow."""
    days = (end - start).days + 1
    cuts = [start + timedelta(days=round(i * days / count)) for i in range(count + 1)]
    return [(cuts[i], cuts[i + 1] - timedelta(days=1)) for i in range(count)]


def plan(db: Session, school: School, count: int, today: date | None = None) -> PeriodPlan:
    """The periods `count` would make for this year and the later ones, and what blocks them."""
    today = today or clock.today(school)
    years = db.exec(select(StudyYear).where(StudyYear.school_id == school.id, StudyYear.end_date >= today)
                    .order_by(StudyYear.start_date)).all()
    result = PeriodPlan()
    for year in years:
        result.years.append((year, split(year.start_date, year.end_date, count)))
        vanishing = db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id, StudyPeriod.number > count)
                            .order_by(StudyPeriod.number)).all()
        for period in vanishing:
            marks = db.exec(select(func.count(Mark.id)).join(Student, Student.id == Mark.student_id)
                            .where(Student.school_id == school.id, Mark.deleted == False,  # noqa: E712
                                   Mark.date >= period.start_date, Mark.date <= period.end_date)).one()
            finals = db.exec(select(func.count(FinalMark.id)).where(FinalMark.period_id == period.id)).one()
            if marks or finals:
                result.blocked.append(Blocked(year.name, period.number, int(marks) + int(finals)))
    return result


def apply(db: Session, result: PeriodPlan) -> dict[str, tuple[dict, dict]]:
    """Writes the planned periods (kept by number, so confirmed marks stay with their period); returns
    year name -> (before, after) for the audit log. Only call a plan with nothing blocked."""
    assert not result.blocked
    changes = {}
    for year, ranges in result.years:
        existing = {p.number: p for p in db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id))}
        before = {str(n): [p.start_date, p.end_date] for n, p in sorted(existing.items())}
        for number in [n for n in existing if n > len(ranges)]:
            db.delete(existing.pop(number))
        for number, (start, end) in enumerate(ranges, 1):
            period = existing.get(number) or StudyPeriod(year_id=year.id, number=number, start_date=start,
                                                         end_date=end)
            period.start_date, period.end_date = start, end
            db.add(period)
            existing[number] = period
        db.flush()
        changes[year.name] = (before, {str(n): [p.start_date, p.end_date] for n, p in sorted(existing.items())})
    return changes
