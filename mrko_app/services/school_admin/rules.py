"""The school's rules: mark scale, period-mark thresholds, year-mark rule, period system, time zone,
bell schedule, kinds of work with their weights.

A change mid-year is previewed first: `preview` recomputes, with the gradebook's own arithmetic
(gradebook.average_fraction / propose_mark / year_mark), every proposed period and year mark of the
current year under the old and the new rules and says which classes would see a proposal change.
Confirmed final marks never change by themselves; the teacher confirms again.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from mrko_app.models import FinalMark, Mark, SchoolClass, Student, StudyPeriod, User
from mrko_app.services.errors import ValidationError
from mrko_app.services.gradebook import rules as gradebook
from mrko_app.services.school_admin import audit, periods_plan
from mrko_app.services.school_admin.scope import current_year, school_for_staff

PERIOD_SYSTEMS = {"quarters": 4, "trimesters": 3, "halves": 2}
BELLS_MAX = 10
_PAIR = re.compile(r"(\d{1,3})\s*[:=]\s*(\d+(?:[.,]\d+)?)")
_BELL = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass
class Impact:
    classes: list[str] = field(default_factory=list)  # classes where a proposed mark changes
    proposals: int = 0  # proposed period marks that change
    year_proposals: int = 0  # proposed year marks that change
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    # a new period system: [(year name, [(start, end), ...])] the periods would become
    periods: list = field(default_factory=list)
    plan: periods_plan.PeriodPlan | None = None


def rules_of(school) -> dict:
    return {"mark_min": school.mark_min, "mark_max": school.mark_max,
            "thresholds": {str(k): float(v) for k, v in (school.thresholds or {}).items()},
            "period_system": school.period_system, "year_rule": school.year_rule, "timezone": school.timezone,
            "bells": dict(school.bells or {})}


def thresholds_text(thresholds: dict) -> str:
    return "; ".join(f"{m}: {float(t):.2f}" for m, t in sorted(thresholds.items(), key=lambda x: -int(x[0])))


def bells_text(bells: dict) -> str:
    return "\n".join(f"{n}. {a}-{b}" for n, (a, b) in sorted(bells.items(), key=lambda x: int(x[0])))


def _int(text, field_name: str, errors: dict) -> int | None:
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        errors[field_name] = "school_admin.whole_number"
        return None
    return int(text)


def _bells(text: str, errors: dict) -> dict:
    bells, previous = {}, None
    lines = [line for line in str(text or "").splitlines() if line.strip()]
    if len(lines) > BELLS_MAX:
        errors["bells"] = "school_admin.bells_too_many"
        return {}
    for number, line in enumerate(lines, 1):
        m = _BELL.match(line)
        if not m or int(m[1]) > 23 or int(m[3]) > 23 or int(m[2]) > 59 or int(m[4]) > 59:
            errors["bells"] = "school_admin.bells_format"
            return {}
        start, end = f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
        if start >= end or (previous is not None and start < previous):
            errors["bells"] = "school_admin.bells_order"
            return {}
        bells[str(number)], previous = [start, end], end
    return bells


def parse_rules(form: dict) -> dict:
    """The rules a form proposes (all problems at once in one ValidationError)."""
    errors: dict[str, str] = {}
    lo, hi = _int(form.get("mark_min"), "mark_min", errors), _int(form.get("mark_max"), "mark_max", errors)
    thresholds = {m: float(t.replace(",", ".")) for m, t in _PAIR.findall(str(form.get("thresholds") or ""))}
    if lo is not None and hi is not None:
        try:
            gradebook.validate_rules(gradebook.GradingRules(lo, hi, thresholds))
        except ValidationError as exc:
            for name, key in exc.fields.items():
                errors.setdefault(name.split(".")[0], key)
    period_system = str(form.get("period_system") or "")
    if period_system not in PERIOD_SYSTEMS:
        errors["period_system"] = "error.invalid"
    year_rule = str(form.get("year_rule") or "")
    if year_rule not in gradebook.YEAR_RULES:
        errors["year_rule"] = "error.invalid"
    timezone = str(form.get("timezone") or "").strip()
    try:
        if timezone:  # empty: the instance's default zone (MRKO_TIMEZONE)
            ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = "school_admin.timezone_unknown"
    bells = _bells(form.get("bells"), errors)
    if errors:
        raise ValidationError(errors)
    return {"mark_min": lo, "mark_max": hi, "thresholds": thresholds, "period_system": period_system,
            "year_rule": year_rule, "timezone": timezone, "bells": bells}


def year_marks(db: Session, year) -> tuple[dict, list, list]:
    """(class id -> class, the year's periods, its marks as plain rows) for a preview."""
    classes = {c.id: c for c in db.exec(select(SchoolClass).where(SchoolClass.year_id == year.id)).all()}
    periods = list(db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id)).all())
    # plain columns, not ORM rows: a year of a school is tens of thousands of marks
    rows = db.exec(select(Mark.student_id, Mark.subject_id, Mark.date, Mark.value, Mark.weight, Mark.is_debt,
                          Mark.work_kind_id, Student.class_id).join(Student, Student.id == Mark.student_id)
                   .where(col(Student.class_id).in_(list(classes)), Mark.deleted == False,  # noqa: E712
                          Mark.date >= year.start_date, Mark.date <= year.end_date)).all()
    return classes, periods, list(rows)


def class_names(classes: dict, ids) -> list[str]:
    return sorted((classes[c].name for c in ids if c in classes), key=lambda n: (len(n), n))


def _grouped(rows, ranges: list[tuple[date, date]]) -> dict[tuple, list]:
    """(class, student, subject, period number) -> the marks, with periods numbered 1.. from `ranges`."""
    groups: dict[tuple, list] = defaultdict(list)
    number_of: dict[date, int | None] = {}
    for r in rows:
        if r.date not in number_of:
            number_of[r.date] = next((n for n, (a, b) in enumerate(ranges, 1) if a <= r.date <= b), None)
        if number_of[r.date] is not None:
            groups[(r.class_id, r.student_id, r.subject_id, number_of[r.date])].append(
                gradebook.MarkEntry(r.value, r.weight, r.date, bool(r.is_debt)))
    return groups


def _period_plan(db: Session, school, old: dict, new: dict, today, result: Impact) -> None:
    """A new period system regenerates the periods (periods_plan); refused, saying where and how many,
    when a period that would vanish already holds marks."""
    if old["period_system"] == new["period_system"] or new["period_system"] not in PERIOD_SYSTEMS:
        return
    result.plan = periods_plan.plan(db, school, PERIOD_SYSTEMS[new["period_system"]], today)
    if result.plan.blocked:
        first = result.plan.blocked[0]
        raise ValidationError({"period_system": "school_admin.periods_vanish"}, period=first.number,
                              year=first.year, marks=sum(b.marks for b in result.plan.blocked))
    result.periods = [(y.name, ranges) for y, ranges in result.plan.years]


def _grading(rules: dict) -> gradebook.GradingRules:
    return gradebook.GradingRules(rules["mark_min"], rules["mark_max"], rules["thresholds"])


def impact(db: Session, school, old: dict, new: dict, today: date | None = None) -> Impact:
    """What the change from `old` to `new` rules does to this year's proposed marks."""
    result = Impact(*([], 0, 0), *audit.changed(old, new))
    _period_plan(db, school, old, new, today, result)
    year = current_year(db, school, today)
    if year is None:
        return result
    classes, periods, rows = year_marks(db, year)
    lo, hi = new["mark_min"], new["mark_max"]
    outside = sum(1 for r in rows if r.value is not None and not lo <= r.value <= hi)
    if outside:
        raise ValidationError({"mark_min": "school_admin.marks_outside_scale"}, count=outside)
    old_ranges = [(p.start_date, p.end_date) for p in sorted(periods, key=lambda p: p.number)]
    new_ranges = (result.plan.periods_of(year.id) if result.plan else None) or old_ranges
    old_groups, new_groups = _grouped(rows, old_ranges), _grouped(rows, new_ranges)
    old_rules, new_rules, touched = _grading(old), _grading(new), set()
    proposals: dict = {}  # (average, which rules) -> proposal: many pupils share an average

    def proposal(marks, rules, which):
        avg = gradebook.average_fraction(marks) if marks else None
        if (avg, which) not in proposals:
            proposals[(avg, which)] = gradebook.propose_mark(avg, rules) if avg is not None else None
        return proposals[(avg, which)]

    for key in old_groups.keys() | new_groups.keys():
        if proposal(old_groups.get(key), old_rules, 0) != proposal(new_groups.get(key), new_rules, 1):
            result.proposals += 1
            touched.add(key[0])
    finals: dict[tuple, list] = defaultdict(list)
    for f, class_id in db.exec(select(FinalMark, Student.class_id).join(Student, Student.id == FinalMark.student_id)
                               .where(FinalMark.year_id == year.id, FinalMark.period_id != None)).all():  # noqa: E711
        finals[(class_id, f.student_id, f.subject_id)].append(f.value)
    years: dict[tuple, bool] = {}  # the period marks (sorted) -> whether the year proposal changes
    for (class_id, *_), values in finals.items():
        key = tuple(sorted(x for x in values if x is not None and lo <= x <= hi))
        if key not in years:
            years[key] = gradebook.year_mark(key, old_rules, old["year_rule"]) != \
                gradebook.year_mark(key, new_rules, new["year_rule"])
        if years[key]:
            result.year_proposals += 1
            touched.add(class_id)
    result.classes = class_names(classes, touched)
    return result


def read_rules(db: Session, staff: User | None, school_id) -> dict:
    return rules_of(school_for_staff(db, staff, school_id))


def preview(db: Session, staff: User | None, school_id, form: dict) -> Impact:
    school = school_for_staff(db, staff, school_id)
    return impact(db, school, rules_of(school), parse_rules(form))


def save_rules(db: Session, staff: User | None, school_id, form: dict) -> Impact:
    school = school_for_staff(db, staff, school_id)
    old, new = rules_of(school), parse_rules(form)
    result = impact(db, school, old, new)
    if not result.before and not result.after:
        return result
    for name, value in new.items():
        setattr(school, name, value)
    db.add(school)
    audit.record(db, staff, school.id, "rules.save", school.name, result.before, result.after)
    if result.plan is not None:
        for year_name, (before, after) in periods_plan.apply(db, result.plan).items():
            audit.record(db, staff, school.id, "year.periods", year_name, before, after)
    return result
