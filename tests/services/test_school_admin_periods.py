"""Changing the period system regenerates this year's (and later years') periods, previewed and refused
when a period that would vanish holds marks; a weight change is previewed with the averages and proposed
marks it changes (computed by the gradebook) and re-weights this year's marks of the kind."""

import datetime as dt

import pytest
from sqlmodel import select

from mrko_app.models import AuditEntry, Mark, StudyPeriod
from mrko_app.services import clock
from mrko_app.services import school_admin as sa
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.school_builder import SchoolBuilder

NOW = dt.datetime(2026, 10, 5, 9, 0)  # early in the 2026/2027 year, in its first quarter
QUARTERS = [(dt.date(2026, 9, 1), dt.date(2026, 10, 24)), (dt.date(2026, 11, 2), dt.date(2026, 12, 28)),
            (dt.date(2027, 1, 9), dt.date(2027, 3, 20)), (dt.date(2027, 3, 30), dt.date(2027, 5, 31))]


@pytest.fixture
def school(db, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    b = SchoolBuilder(db)
    s = b.school(timezone="Europe/Moscow")
    kinds = b.kinds(s)
    year, periods = b.year(s, QUARTERS)
    old_year, _ = b.year(s, [(dt.date(2025, 9, 1), dt.date(2025, 12, 28)), (dt.date(2026, 1, 9), dt.date(2026, 5, 31))])
    cls = b.school_class(s, year, "5А")
    maths = b.subject(s, "Maths", "Математика")
    teacher = b.user("t_periods", ("teacher", s.id))
    staff = b.user("s_periods", ("staff", s.id))
    other = b.school()
    other_staff = b.user("o_periods", ("staff", other.id))
    kid, kid2 = b.student(cls, "Иванов", "Петя"), b.student(cls, "Петров", "Ваня")
    db.commit()
    return dict(b=b, school=s, kinds=kinds, year=year, old_year=old_year, periods=periods, cls=cls, maths=maths,
                teacher=teacher, staff=staff, other=other, other_staff=other_staff, kid=kid, kid2=kid2)


def _form(w, **changes):
    r = sa.read_rules(w["b"].db, w["staff"], w["school"].id)
    form = {"mark_min": str(r["mark_min"]), "mark_max": str(r["mark_max"]),
            "thresholds": sa.thresholds_text(r["thresholds"]), "period_system": r["period_system"],
            "year_rule": r["year_rule"], "timezone": r["timezone"], "bells": ""}
    return {**form, **changes}


def _periods(db, year):
    return [(p.number, p.start_date, p.end_date) for p in
            db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id).order_by(StudyPeriod.number))]


def test_trimesters_regenerate_this_years_periods_after_a_preview_with_an_audit_entry(db, school):
    w = school
    w["b"].mark(w["kid"], w["maths"], dt.date(2026, 10, 1), 5, w["kinds"]["answer"], w["teacher"])
    impact = sa.preview(db, w["staff"], w["school"].id, _form(w, period_system="trimesters"))
    [(name, ranges)] = impact.periods  # this year only: the past year keeps its halves
    assert name == w["year"].name and len(ranges) == 3
    assert ranges[0][0] == dt.date(2026, 9, 1) and ranges[-1][1] == dt.date(2027, 5, 31)
    assert all(a[1] + dt.timedelta(days=1) == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert len(_periods(db, w["year"])) == 4  # a preview writes nothing
    sa.save_rules(db, w["staff"], w["school"].id, _form(w, period_system="trimesters"))
    db.commit()
    assert [(n, a, b) for n, a, b in _periods(db, w["year"])] == [(i + 1, a, b) for i, (a, b) in enumerate(ranges)]
    assert len(_periods(db, w["old_year"])) == 2
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "year.periods")).one()
    assert entry.before["4"] == ["2027-03-30", "2027-05-31"] and "4" not in entry.after
    assert sa.read_rules(db, w["staff"], w["school"].id)["period_system"] == "trimesters"


def test_a_period_that_would_vanish_with_marks_refuses_the_change_and_says_where(db, school):
    w = school
    w["b"].mark(w["kid"], w["maths"], dt.date(2027, 4, 10), 4, w["kinds"]["answer"], w["teacher"])
    w["b"].mark(w["kid2"], w["maths"], dt.date(2027, 4, 11), 3, w["kinds"]["answer"], w["teacher"])
    db.commit()
    for call in (sa.preview, sa.save_rules):
        with pytest.raises(ValidationError) as refused:
            call(db, w["staff"], w["school"].id, _form(w, period_system="trimesters"))
        assert refused.value.fields == {"period_system": "school_admin.periods_vanish"}
        assert refused.value.params == {"period": 4, "year": w["year"].name, "marks": 2}
    db.rollback()
    assert len(_periods(db, w["year"])) == 4
    assert sa.read_rules(db, w["staff"], w["school"].id)["period_system"] == "quarters"
    # halves -> quarters loses no period: allowed, and the marks then lie in quarter 4
    with pytest.raises(PermissionDenied):
        sa.preview(db, w["other_staff"], w["school"].id, _form(w, period_system="halves"))


def test_a_weight_change_is_previewed_with_the_averages_and_proposals_it_changes(db, school):
    w = school
    b, answer, control = w["b"], w["kinds"]["answer"], w["kinds"]["control"]
    for value, kind in ((5, answer), (5, answer), (3, control)):  # (5+5+9)/5 = 3.80: proposes 4
        b.mark(w["kid"], w["maths"], dt.date(2026, 9, 20), value, kind, w["teacher"], weight=kind.weight)
    b.mark(w["kid2"], w["maths"], dt.date(2026, 9, 20), 4, answer, w["teacher"], weight=1)  # only answers: no change
    db.commit()
    form = {"name_en": control.name_en, "name_ru": control.name_ru, "weight": "1"}  # (5+5+3)/3 = 4.33: still 4
    same_mark = sa.kind_preview(db, w["staff"], w["school"].id, control.id, form)
    assert (same_mark.marks, same_mark.averages, same_mark.proposals, same_mark.classes) == (1, 1, 0, [])
    heavy = sa.kind_preview(db, w["staff"], w["school"].id, control.id, {**form, "weight": "10"})  # 40/12 = 3.33
    assert (heavy.marks, heavy.averages, heavy.proposals, heavy.classes) == (1, 1, 1, ["5А"])
    assert sa.kind_preview(db, w["staff"], w["school"].id, None, form).marks == 0  # a new kind has no marks
    with pytest.raises(NotFound):
        sa.kind_preview(db, w["other_staff"], w["other"].id, control.id, form)  # a kind of another school
    sa.save_kind(db, w["staff"], w["school"].id, control.id, {**form, "weight": "10"})
    db.commit()
    weights = sorted(db.exec(select(Mark.weight).where(Mark.student_id == w["kid"].id)).all())
    assert weights == [1, 1, 10]
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "kind.save")).one()
    assert entry.before == {"weight": 3, "marks": 1} and entry.after["weight"] == 10
    assert entry.after["marks"] == {"averages": 1, "proposals": 1, "classes": ["5А"]}
