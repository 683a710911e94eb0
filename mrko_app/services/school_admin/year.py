"""The study year, its periods (as many as the school's period system says) and its holidays; the
school calendar (services/events, the diary) reads these rows."""

import re
from datetime import date

from sqlmodel import Session, select

from mrko_app.models import FinalMark, Holiday, StudyPeriod, StudyYear, User
from mrko_app.services import changes
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.dates import fmt, require_date
from mrko_app.services.school_admin.rules import PERIOD_SYSTEMS
from mrko_app.services.school_admin.scope import school_for_staff

_YEAR_NAME = re.compile(r"^\d{4}/\d{4}$")
_RANGE = re.compile(r"^\s*(\S+)\s*[-–—]\s*(\S+)\s*$")


def school_years(db: Session, staff: User | None, school_id) -> list[StudyYear]:
    school = school_for_staff(db, staff, school_id)
    return list(db.exec(select(StudyYear).where(StudyYear.school_id == school.id).order_by(StudyYear.start_date)))


def _year(db: Session, school, year_id) -> StudyYear:
    year = db.get(StudyYear, require_id(year_id))
    if year is None or year.school_id != school.id:
        raise NotFound()
    return year


def year_view(db: Session, staff: User | None, school_id, year_id) -> dict:
    school = school_for_staff(db, staff, school_id)
    year = _year(db, school, year_id)
    periods = db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id).order_by(StudyPeriod.number)).all()
    holidays = db.exec(select(Holiday).where(Holiday.year_id == year.id).order_by(Holiday.start_date)).all()
    return {"year": year, "periods": list(periods), "holidays": list(holidays),
            "periods_text": "\n".join(f"{fmt(p.start_date)}-{fmt(p.end_date)}" for p in periods),
            "count": PERIOD_SYSTEMS.get(school.period_system, 4)}


def create_year(db: Session, staff: User | None, school_id, form: dict) -> StudyYear:
    """Fields: name ("2027/2028"), start_date, end_date."""
    school = school_for_staff(db, staff, school_id)
    errors: dict[str, str] = {}
    name = str(form.get("name") or "").strip()
    if not _YEAR_NAME.match(name):
        errors["name"] = "school_admin.year_name"
    elif db.exec(select(StudyYear.id).where(StudyYear.school_id == school.id, StudyYear.name == name)).first():
        errors["name"] = "school_admin.year_taken"
    start = require_date(form.get("start_date"), "start_date", errors)
    end = require_date(form.get("end_date"), "end_date", errors)
    if start and end and start >= end:
        errors["end_date"] = "school_admin.dates_order"
    if errors:
        raise ValidationError(errors)
    year = StudyYear(school_id=school.id, name=name, start_date=start, end_date=end)
    db.add(year)
    db.flush()
    audit.record(db, staff, school.id, "year.create", name, {}, {"start": start, "end": end})
    return year


def parse_ranges(text: str, errors: dict, field_name: str) -> list[tuple[date, date]]:
    ranges = []
    for line in (x for x in str(text or "").splitlines() if x.strip()):
        m = _RANGE.match(line)
        inner: dict = {}
        start = require_date(m[1], field_name, inner) if m else None
        end = require_date(m[2], field_name, inner) if m else None
        if not m or inner:
            errors[field_name] = "school_admin.range_format"
            return []
        ranges.append((start, end))
    return ranges


def save_periods(db: Session, staff: User | None, school_id, year_id, text: str) -> list[StudyPeriod]:
    """One line a period, "01.09.2026-24.10.2026": as many as the period system, in order, inside the
    year, not overlapping. Periods are kept by number (their final marks stay attached)."""
    school = school_for_staff(db, staff, school_id)
    year = _year(db, school, year_id)
    errors: dict[str, str] = {}
    ranges = parse_ranges(text, errors, "periods")
    count = PERIOD_SYSTEMS.get(school.period_system, 4)
    if not errors and len(ranges) != count:
        errors["periods"] = "school_admin.periods_count"
    previous = None
    for start, end in ranges if not errors else []:
        if start > end or start < year.start_date or end > year.end_date or (previous and start <= previous):
            errors["periods"] = "school_admin.periods_order"
            break
        previous = end
    if errors:
        raise ValidationError(errors, count=count)
    existing = {p.number: p for p in db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id))}
    before = {str(n): [p.start_date, p.end_date] for n, p in existing.items()}
    for number in [n for n in existing if n > count]:
        used = db.exec(select(FinalMark.id).where(FinalMark.period_id == existing[number].id)).first()
        if used is not None:
            raise ValidationError({"periods": "school_admin.period_has_marks"}, count=count)
        db.delete(existing.pop(number))
    for number, (start, end) in enumerate(ranges, 1):
        period = existing.get(number) or StudyPeriod(year_id=year.id, number=number, start_date=start, end_date=end)
        period.start_date, period.end_date = start, end
        db.add(period)
        existing[number] = period
    db.flush()
    after = {str(n): [p.start_date, p.end_date] for n, p in existing.items()}
    old, new = audit.changed(before, after)
    if old or new:
        changes.announce(db, changes.of_school(school.id, "lesson"))  # every diary's days and periods
        audit.record(db, staff, school.id, "year.periods", year.name, old, new)
    return sorted(existing.values(), key=lambda p: p.number)


def add_holiday(db: Session, staff: User | None, school_id, year_id, form: dict) -> Holiday:
    """Fields: start_date, end_date, name_en, name_ru (inside the year)."""
    school = school_for_staff(db, staff, school_id)
    year = _year(db, school, year_id)
    errors: dict[str, str] = {}
    start = require_date(form.get("start_date"), "start_date", errors)
    end = require_date(form.get("end_date"), "end_date", errors)
    if start and end and (start > end or start < year.start_date or end > year.end_date):
        errors["end_date"] = "school_admin.holiday_inside"
    names = {k: " ".join(str(form.get(k) or "").split())[:80] for k in ("name_en", "name_ru")}
    if not names["name_ru"] and not names["name_en"]:
        errors["name_ru"] = "error.required"
    if errors:
        raise ValidationError(errors)
    holiday = Holiday(year_id=year.id, start_date=start, end_date=end, name_en=names["name_en"] or names["name_ru"],
                      name_ru=names["name_ru"] or names["name_en"])
    db.add(holiday)
    db.flush()
    changes.announce(db, changes.of_school(school.id, "lesson"))
    audit.record(db, staff, school.id, "year.holiday_add", holiday.name_ru, {}, {"start": start, "end": end})
    return holiday


def remove_holiday(db: Session, staff: User | None, school_id, holiday_id) -> None:
    school = school_for_staff(db, staff, school_id)
    holiday = db.get(Holiday, require_id(holiday_id))
    year = db.get(StudyYear, holiday.year_id) if holiday else None
    if year is None or year.school_id != school.id:
        raise NotFound()
    changes.announce(db, changes.of_school(school.id, "lesson"))
    audit.record(db, staff, school.id, "year.holiday_remove", holiday.name_ru,
                 {"start": holiday.start_date, "end": holiday.end_date}, {})
    db.delete(holiday)
    db.flush()
