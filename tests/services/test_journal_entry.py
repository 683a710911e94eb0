"""Writing marks into the class journal: values, kinds, versions (conflicts), history, validation, access."""

import pytest
from sqlmodel import func, select

from mrko_app.models import Mark, MarkHistory
from mrko_app.services.errors import Conflict, PermissionDenied, ServiceError, ValidationError
from mrko_app.services.journal import entry as journal_entry
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(db):
    return build(db)


def _set(db, js, who=None, lesson="sep7", student=0, **kw):
    args = js.ref(student_id=js.students[student].id, lesson_id=js.lessons[lesson].id, today=TODAY)
    args.update(kw)
    return journal_entry.set_mark(db, who or js.teacher, **args)


def _count(db, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def _history(db, mark):
    return list(db.exec(select(MarkHistory).where(MarkHistory.mark_id == mark.id).order_by(MarkHistory.id)))


def test_a_new_mark_takes_the_default_kind_its_weight_and_the_lesson_date_and_is_recorded(db, js):
    mark = _set(db, js, value="5", comment="Fractions")
    stored = db.get(Mark, mark.id)
    assert (stored.value, stored.version, stored.deleted) == (5, 1, False)
    assert stored.work_kind_id == js.kinds["answer"].id and stored.weight == 1
    assert stored.date == js.lessons["sep7"].date and stored.subject_id == js.maths.id
    assert stored.teacher_id == js.teacher.id and stored.comment == "Fractions"
    assert _history(db, mark) == []  # a new mark is not a change: its giver and time are on the mark


def test_a_chosen_kind_sets_the_weight(db, js):
    mark = _set(db, js, value=4, work_kind_id=str(js.kinds["control"].id))
    assert (mark.work_kind_id, mark.weight) == (js.kinds["control"].id, 3)


def test_changing_a_mark_bumps_its_version_and_updated_at_and_keeps_the_history(db, js):
    mark = _set(db, js, value="3")
    before = mark.updated_at
    changed = _set(db, js, value="4", mark_id=str(mark.id), version="1", reason="Retook the test")
    assert (changed.id, changed.value, changed.version) == (mark.id, 4, 2)
    assert changed.updated_at >= before
    [new] = _history(db, mark)
    assert (new.old_value, new.new_value, new.reason, new.changed_by) == (3, 4, "Retook the test", js.teacher.id)


def test_changing_only_the_kind_is_history_too_and_the_comment_alone_is_not(db, js):
    mark = _set(db, js, value="4")
    _set(db, js, value="4", mark_id=mark.id, version=1, work_kind_id=js.kinds["test"].id)
    assert (mark.version, mark.weight) == (2, 2)
    _set(db, js, value="4", mark_id=mark.id, version=2, comment="at the board")
    assert (mark.version, mark.comment) == (3, "at the board")
    rows = _history(db, mark)
    assert [(r.old_work_kind_id, r.new_work_kind_id) for r in rows] == [(js.kinds["answer"].id, js.kinds["test"].id)]


def test_saving_the_same_mark_again_changes_nothing(db, js):
    mark = _set(db, js, value="4")
    _set(db, js, value="4", mark_id=mark.id, version=1)
    assert mark.version == 1 and _history(db, mark) == []


def test_a_stale_version_is_a_conflict_naming_who_changed_it_to_what_and_writes_nothing(db, js):
    mark = _set(db, js, value="3")
    _set(db, js, who=js.staff, value="4", mark_id=mark.id, version=1)  # the other tab / teacher
    with pytest.raises(Conflict) as caught:
        _set(db, js, value="5", mark_id=mark.id, version=1)
    assert caught.value.key == "journal.conflict_mark"
    assert caught.value.current == {"value": "4", "version": 2, "mark_id": str(mark.id), "by": "Directorova I.P."}
    assert caught.value.params["by"] == "Directorova I.P."
    db.refresh(mark)
    assert (mark.value, mark.version) == (4, 2)
    assert [(h.old_value, h.new_value) for h in _history(db, mark)] == [(3, 4)]
    overwritten = _set(db, js, value="5", mark_id=mark.id, version=caught.value.current["version"])
    assert (overwritten.value, overwritten.version) == (5, 3)


def test_typing_into_a_cell_someone_has_filled_since_is_a_conflict_not_a_second_mark(db, js):
    first = _set(db, js, who=js.staff, value="4", expect_empty=True)
    with pytest.raises(Conflict) as caught:
        _set(db, js, value="5", expect_empty=True)
    assert caught.value.current["value"] == "4" and caught.value.current["mark_id"] == str(first.id)
    assert _count(db, Mark) == 1
    second = _set(db, js, value="5")  # "add another mark" on purpose
    assert second.id != first.id and _count(db, Mark) == 2


def test_a_missing_version_on_a_change_is_a_conflict(db, js):
    mark = _set(db, js, value="3")
    with pytest.raises(Conflict):
        _set(db, js, value="5", mark_id=mark.id, version=None)
    assert db.get(Mark, mark.id).value == 3


def test_clearing_a_mark_keeps_it_as_deleted_with_a_history_row(db, js):
    mark = _set(db, js, value="2")
    cleared = journal_entry.clear_mark(db, js.teacher, **js.ref(student_id=js.students[0].id,
                                       lesson_id=js.lessons["sep7"].id, mark_id=mark.id, version=1,
                                       reason="typo", today=TODAY))
    assert (cleared.deleted, cleared.version) == (True, 2)
    last = _history(db, mark)[-1]
    assert (last.old_value, last.new_value, last.reason) == (2, None, "typo")
    with pytest.raises(Conflict):
        _set(db, js, value="5", mark_id=mark.id, version=2)


@pytest.mark.parametrize("value, key", [
    ("7", "journal.mark_out_of_scale"), (7, "journal.mark_out_of_scale"), ("1", "journal.mark_out_of_scale"),
    ("a", "journal.mark_not_number"), ("н", "journal.mark_not_number"), ("4.5", "journal.mark_not_number"),
    (True, "journal.mark_required"), ("", "journal.mark_required"), (None, "journal.mark_required"),
])
def test_a_value_off_the_scale_or_not_a_number_is_refused_with_a_message(db, js, value, key):
    with pytest.raises(ValidationError) as caught:
        _set(db, js, value=value)
    assert caught.value.fields == {"value": key}
    assert _count(db, Mark) == 0 and _count(db, MarkHistory) == 0


def test_the_scale_is_the_schools(db, js):
    js.school.mark_min, js.school.mark_max = 1, 5
    js.school.thresholds = {"5": 4.6, "4": 3.6, "3": 2.6, "2": 1.6}
    db.add(js.school)
    assert _set(db, js, value="1").value == 1


@pytest.mark.parametrize("lesson, key", [
    ("oct8", "journal.lesson_in_future"),
    ("nov9", "journal.lesson_outside_period"),
    ("cancelled", "journal.lesson_cancelled"),
])
def test_lessons_ahead_outside_the_period_or_cancelled_take_no_marks(db, js, lesson, key):
    with pytest.raises(ValidationError) as caught:
        _set(db, js, lesson=lesson, value="5")
    assert caught.value.fields == {"lesson": key}
    assert _count(db, Mark) == 0


def test_today_is_not_ahead(db, js):
    assert _set(db, js, lesson="oct1", value="5").date == TODAY


def test_a_student_not_in_the_class_is_refused(db, js):
    with pytest.raises(ValidationError) as caught:
        journal_entry.set_mark(db, js.teacher, **js.ref(student_id=js.outsider.id, lesson_id=js.lessons["sep7"].id,
                                                        value="5", today=TODAY))
    assert caught.value.fields == {"student": "journal.student_not_in_class"}
    js.students[2].status = "left"
    db.add(js.students[2])
    with pytest.raises(ValidationError):
        _set(db, js, student=2, value="5")
    assert _count(db, Mark) == 0


def test_a_lesson_of_another_class_or_subject_is_refused(db, js):
    for lesson in ("b_maths", "russian"):
        with pytest.raises(PermissionDenied):
            _set(db, js, lesson=lesson, value="5")
    assert _count(db, Mark) == 0


def test_an_unknown_inactive_or_foreign_kind_is_refused(db, js):
    for kind in (js.kinds["old"].id, js.foreign_kind.id, 99999, "x"):
        with pytest.raises(ValidationError) as caught:
            _set(db, js, value="5", work_kind_id=kind)
        assert caught.value.fields == {"kind": "journal.kind_unknown"}
    assert _count(db, Mark) == 0


def test_a_mark_id_from_another_cell_is_refused(db, js):
    mark = _set(db, js, value="3", student=1)
    with pytest.raises(PermissionDenied):
        _set(db, js, student=0, value="5", mark_id=mark.id, version=1)
    with pytest.raises(PermissionDenied):
        _set(db, js, student=1, lesson="sep14", value="5", mark_id=mark.id, version=1)
    assert db.get(Mark, mark.id).value == 3


def test_a_comment_that_is_too_long_is_refused(db, js):
    with pytest.raises(ValidationError) as caught:
        _set(db, js, value="5", comment="x" * 501)
    assert caught.value.fields == {"comment": "journal.text_too_long"}


@pytest.mark.parametrize("who", ["other_teacher", "teacher2", "parent", "other_staff"])
def test_only_the_subjects_teacher_and_the_schools_staff_may_write(db, js, who):
    with pytest.raises(PermissionDenied):
        _set(db, js, who=getattr(js, who), value="5")
    mark = _set(db, js, value="4")
    with pytest.raises(PermissionDenied):
        _set(db, js, who=getattr(js, who), value="5", mark_id=mark.id, version=1)
    with pytest.raises(PermissionDenied):
        journal_entry.clear_mark(db, getattr(js, who), **js.ref(student_id=js.students[0].id,
                                 lesson_id=js.lessons["sep7"].id, mark_id=mark.id, version=1, today=TODAY))
    assert db.get(Mark, mark.id).value == 4 and not db.get(Mark, mark.id).deleted


def test_staff_of_the_school_may_write(db, js):
    mark = _set(db, js, who=js.staff, value="5")
    assert mark.teacher_id == js.staff.id


def test_garbage_ids_are_refused(db, js):
    for bad in ({"class_id": "x"}, {"subject_id": None}, {"period_id": "-1"}, {"lesson_id": "1; drop"}):
        with pytest.raises(ServiceError):
            _set(db, js, value="5", **bad)
    with pytest.raises(ValidationError):  # the year has no lessons to mark
        _set(db, js, value="5", period_id="year")
    assert _count(db, Mark) == 0


def test_the_history_of_a_cell_names_who_changed_what(db, js):
    mark = _set(db, js, value="3")
    _set(db, js, who=js.staff, value="4", mark_id=mark.id, version=1, reason="appeal")
    rows = journal_entry.mark_history(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id)
    assert [(r["old"], r["new"], r["by"], r["reason"]) for r in rows] == [
        (None, 3, "Ivanova I.P.", ""), (3, 4, "Directorova I.P.", "appeal")]
    assert rows[0]["at"] <= rows[1]["at"]
    journal_entry.clear_mark(db, js.teacher, **js.ref(student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id,
                             mark_id=mark.id, version=2, today=TODAY))
    debt = Mark(student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id, subject_id=js.maths.id,
                date=js.lessons["sep7"].date, value=None, is_debt=True, work_kind_id=js.kinds["test"].id, weight=2,
                teacher_id=js.teacher.id)
    db.add(debt)
    db.flush()
    _set(db, js, value="5", mark_id=debt.id, version=1)  # a debt replaced by a mark
    rows = journal_entry.mark_history(db, js.teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                      student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id)
    assert [(r["mark_id"], r["old"], r["new"]) for r in rows] == [
        (mark.id, None, 3), (mark.id, 3, 4), (mark.id, 4, None), (debt.id, None, None), (debt.id, None, 5)]
    assert db.get(Mark, debt.id).is_debt is False
    with pytest.raises(PermissionDenied):
        journal_entry.mark_history(db, js.other_teacher, class_id=js.class_a.id, subject_id=js.maths.id,
                                   student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id)
