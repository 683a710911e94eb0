"""Period and year marks: proposed from the gradebook's arithmetic, confirmed or overridden with a reason."""

import pytest
from sqlmodel import func, select

from mrko_app.models import FinalMark
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.gradebook.rules import GradingRules, year_mark
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import finals as final_marks
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    school = build(db)
    # Antonov: a control work 5 (weight 3) and two answers 3 and 4: (15 + 3 + 4) / 5 = 4.40 -> 4
    for lesson, value, kind in (("sep7", "5", "control"), ("sep14", "3", "answer"), ("sep21", "4", "answer")):
        journal_entry.set_mark(db, school.teacher, **school.ref(student_id=school.students[0].id,
                               lesson_id=school.lessons[lesson].id, value=value,
                               work_kind_id=school.kinds[kind].id, today=TODAY))
    return school


def _confirm(db, js, who=None, student=0, period="q1", **kw):
    period_id = "year" if period == "year" else getattr(js, period).id
    return final_marks.confirm_final(db, who or js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                     period_id=period_id, student_id=js.students[student].id, **kw)


def _finals(db):
    return db.exec(select(func.count()).select_from(FinalMark)).one()


def test_the_proposal_comes_from_the_weighted_average_and_the_thresholds(db, js):
    prop = final_marks.final_proposal(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      period_id=js.q1.id, student_id=js.students[0].id)
    assert prop.average == pytest.approx(4.4) and prop.proposed == 4 and prop.current is None
    js.school.thresholds = {"5": 4.4, "4": 3.5, "3": 2.5}
    db.add(js.school)
    prop = final_marks.final_proposal(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      period_id=js.q1.id, student_id=js.students[0].id)
    assert prop.proposed == 5


def test_confirming_the_proposal_needs_no_reason(db, js):
    row = _confirm(db, js)
    stored = db.get(FinalMark, row.id)
    assert (stored.value, stored.proposed_value, stored.period_id, stored.year_id) == (4, 4, js.q1.id, js.year.id)
    assert stored.average == pytest.approx(4.4) and stored.confirmed_by == js.teacher.id and stored.version == 1


def test_an_override_needs_a_reason(db, js):
    with pytest.raises(ValidationError) as caught:
        _confirm(db, js, value="5")
    assert caught.value.fields == {"reason": "final.reason_required"}
    with pytest.raises(ValidationError):
        _confirm(db, js, value="5", reason="   ")
    assert _finals(db) == 0
    row = _confirm(db, js, value="5", reason="Olympiad winner")
    assert (row.value, row.proposed_value, row.reason) == (5, 4, "Olympiad winner")


def test_changing_a_confirmed_mark_carries_the_version_seen(db, js):
    row = _confirm(db, js)
    stamp = row.confirmed_at
    with pytest.raises(Conflict) as caught:
        _confirm(db, js, value="5", reason="x")  # the client saw no final mark
    assert caught.value.current["value"] == "4" and caught.value.current["version"] == 1
    changed = _confirm(db, js, value="3", reason="Missed the control work", version=1, who=js.staff)
    assert (changed.id, changed.value, changed.version, changed.confirmed_by) == (row.id, 3, 2, js.staff.id)
    assert changed.confirmed_at >= stamp
    with pytest.raises(Conflict) as caught:
        _confirm(db, js, version=1)
    assert caught.value.current == {"value": "3", "version": 2, "by": "Directorova I.P."}
    assert _finals(db) == 1


@pytest.mark.parametrize("value, key", [("7", "journal.mark_out_of_scale"), ("b", "journal.mark_not_number")])
def test_a_final_mark_off_the_scale_is_refused(db, js, value, key):
    with pytest.raises(ValidationError) as caught:
        _confirm(db, js, value=value, reason="because")
    assert caught.value.fields == {"value": key}
    assert _finals(db) == 0


def test_without_marks_there_is_no_proposal_and_a_mark_needs_a_value_and_a_reason(db, js):
    with pytest.raises(ValidationError) as caught:
        _confirm(db, js, student=1)
    assert caught.value.fields == {"value": "final.value_required"}
    with pytest.raises(ValidationError) as caught:
        _confirm(db, js, student=1, value="3")
    assert caught.value.fields == {"reason": "final.reason_required"}
    assert _confirm(db, js, student=1, value="3", reason="Transferred in with a 3").value == 3


def test_the_year_mark_is_proposed_from_the_period_marks(db, js):
    db.add(FinalMark(student_id=js.students[0].id, subject_id=js.maths.id, year_id=js.year.id, period_id=js.q2.id,
                     value=5, proposed_value=5, confirmed_by=js.teacher.id))
    db.flush()
    _confirm(db, js, value="5", reason="Project")  # q1: 5 instead of 4
    prop = final_marks.final_proposal(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      period_id="year", student_id=js.students[0].id)
    assert prop.period_values == [5, 5]
    assert prop.proposed == year_mark([5, 5], GradingRules.from_school(js.school)) == 5
    row = _confirm(db, js, period="year")
    assert (row.period_id, row.value, row.proposed_value, row.average) == (None, 5, 5, 5.0)
    with pytest.raises(ValidationError):
        _confirm(db, js, period="year", value="4", version=1)
    changed = _confirm(db, js, period="year", value="4", reason="Exam", version=1)
    assert (changed.value, changed.version) == (4, 2)
    year = final_marks.load_year(db, js.teacher, js.class_a.id, js.maths.id)
    sid = js.students[0].id
    assert [year.period_marks[(sid, p.id)].value for p in year.periods] == [5, 5]
    assert year.year_marks[sid].value == 4 and year.proposals[sid] == 5 and year.means[sid] == 5
    assert year.proposals[js.students[1].id] is None


@pytest.mark.parametrize("who", ["other_teacher", "teacher2", "parent", "other_staff"])
def test_no_one_else_may_propose_or_confirm(db, js, who):
    for period in ("q1", "year"):
        with pytest.raises(PermissionDenied):
            _confirm(db, js, who=getattr(js, who), period=period, value="5", reason="x")
    with pytest.raises(PermissionDenied):
        final_marks.load_year(db, getattr(js, who), js.class_a.id, js.maths.id)
    assert _finals(db) == 0


def test_staff_may_confirm_and_a_student_of_another_class_is_refused(db, js):
    assert _confirm(db, js, who=js.staff).confirmed_by == js.staff.id
    with pytest.raises(ValidationError) as caught:
        final_marks.confirm_final(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id, period_id=js.q1.id,
                                  student_id=js.outsider.id, value="5", reason="x")
    assert caught.value.fields == {"student": "journal.student_not_in_class"}
