"""Kinds of work and their weights. A new weight counts for this year's marks of the kind too (they are
re-weighted when it is saved; earlier years keep theirs), so a weight change is previewed like any rule:
`kind_preview` recomputes, with the gradebook, which averages and proposed period marks of this year change.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlmodel import Session, col, select, update

from mrko_app.models import Mark, Student, User, WorkKind
from mrko_app.services import changes
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.gradebook import rules as gradebook
from mrko_app.services.ids import require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.rules import _grouped, _int, class_names, year_marks
from mrko_app.services.school_admin.scope import current_year, school_for_staff

WEIGHT_MAX = 20


@dataclass
class WeightImpact:
    marks: int = 0  # this year's marks of the kind, re-weighted
    averages: int = 0  # (pupil, subject, period) averages that change
    proposals: int = 0  # proposed period marks that change
    classes: list[str] = field(default_factory=list)  # classes where a proposal changes
    students: list[int] = field(default_factory=list)  # whose averages change (their diaries are told)


def work_kinds(db: Session, staff: User | None, school_id) -> list[WorkKind]:
    school = school_for_staff(db, staff, school_id)
    return list(db.exec(select(WorkKind).where(WorkKind.school_id == school.id).order_by(WorkKind.id)).all())


def _clean_kind(form: dict) -> dict:
    errors, data = {}, {}
    for name in ("name_en", "name_ru"):
        data[name] = " ".join(str(form.get(name) or "").split())
        if not data[name]:
            errors[name] = "error.required"
        elif len(data[name]) > 80:
            errors[name] = "school_admin.too_long"
    weight = _int(form.get("weight"), "weight", errors)
    if weight is not None and not 1 <= weight <= WEIGHT_MAX:
        errors["weight"] = "school_admin.weight_range"
    if errors:
        raise ValidationError(errors, limit=WEIGHT_MAX)
    data.update(weight=weight, active=bool(form.get("active", True)))
    return data


def _kind(db: Session, school, kind_id) -> WorkKind:
    kind = db.get(WorkKind, require_id(kind_id))
    if kind is None or kind.school_id != school.id:
        raise NotFound()
    return kind


def weight_impact(db: Session, school, kind: WorkKind, weight: int, today=None) -> WeightImpact:
    """What giving this year's marks of `kind` the weight `weight` does to averages and proposals."""
    result = WeightImpact()
    year = current_year(db, school, today)
    if year is None or weight == kind.weight:
        return result
    classes, periods, rows = year_marks(db, year)
    ranges = [(p.start_date, p.end_date) for p in sorted(periods, key=lambda p: p.number)]
    result.marks = sum(1 for r in rows if r.work_kind_id == kind.id)
    mine = {(r.class_id, r.student_id, r.subject_id) for r in rows if r.work_kind_id == kind.id}
    rows = [r for r in rows if (r.class_id, r.student_id, r.subject_id) in mine]  # only these can change
    reweighted = [SimpleNamespace(**{**r._asdict(), "weight": weight}) if r.work_kind_id == kind.id else r
                  for r in rows]
    old, new = _grouped(rows, ranges), _grouped(reweighted, ranges)
    rules = gradebook.GradingRules.from_school(school)
    touched, students = set(), set()
    for key in old.keys() | new.keys():
        before, after = gradebook.average_fraction(old.get(key, [])), gradebook.average_fraction(new.get(key, []))
        if before == after:
            continue
        result.averages += 1
        students.add(key[1])
        if (gradebook.propose_mark(before, rules) if before is not None else None) != \
                (gradebook.propose_mark(after, rules) if after is not None else None):
            result.proposals += 1
            touched.add(key[0])
    result.classes, result.students = class_names(classes, touched), sorted(students)
    return result


def kind_preview(db: Session, staff: User | None, school_id, kind_id, form: dict) -> WeightImpact:
    """What saving this kind's form would change (nothing for a new kind: it has no marks yet)."""
    school = school_for_staff(db, staff, school_id)
    data = _clean_kind(form)
    if kind_id is None:
        return WeightImpact()
    return weight_impact(db, school, _kind(db, school, kind_id), data["weight"])


def save_kind(db: Session, staff: User | None, school_id, kind_id, form: dict) -> WorkKind:
    """Change (kind_id given) or add a kind of work. A new weight re-weights this year's marks of the kind
    (what kind_preview showed); marks of earlier years keep the weight they were given with."""
    school = school_for_staff(db, staff, school_id)
    data = _clean_kind(form)
    impact = WeightImpact()
    if kind_id is None:
        codes = set(db.exec(select(WorkKind.code).where(WorkKind.school_id == school.id)).all())
        kind = WorkKind(school_id=school.id, code=f"kind{len(codes) + 1}", name_en="", name_ru="")
        while kind.code in codes:
            kind.code += "x"
        before = {}
    else:
        kind = _kind(db, school, kind_id)
        before = {k: getattr(kind, k) for k in data}
        impact = weight_impact(db, school, kind, data["weight"])
    if impact.marks:
        year = current_year(db, school)
        students = select(Student.id).where(Student.school_id == school.id)
        db.exec(update(Mark).where(Mark.work_kind_id == kind.id, col(Mark.student_id).in_(students),
                                   Mark.date >= year.start_date, Mark.date <= year.end_date)
                .values(weight=data["weight"]).execution_options(synchronize_session="fetch"))
        changes.announce(db, *(changes.of_child(s, "marks") for s in impact.students))
    for name, value in data.items():
        setattr(kind, name, value)
    db.add(kind)
    db.flush()
    old, new = audit.changed(before, data)
    if impact.marks:
        old["marks"], new["marks"] = impact.marks, {"averages": impact.averages, "proposals": impact.proposals,
                                                    "classes": impact.classes}
    if old or new:
        audit.record(db, staff, school.id, "kind.save", kind.name_en, old, new)
    return kind
