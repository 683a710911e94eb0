"""A substitution puts the lesson in the substitute's journal: they open the class's journal, mark and
take attendance in the lesson they substitute (and only that one), give no final marks; the regular
teacher still sees the lesson and the substitute's marks. Restoring the lesson takes the journal away."""

import datetime as dt

import pytest

from mrko_app.services import clock, journal
from mrko_app.services import school_admin as sa
from mrko_app.services.errors import PermissionDenied
from mrko_app.services.journal import save_cell
from mrko_app.services.journal.finals import confirm_final
from tests.school_builder import SchoolBuilder


@pytest.fixture
def w(db):
    b = SchoolBuilder(db)
    today = clock.today()
    school = b.school()
    b.kinds(school)
    _year, [period] = b.year(school, [(today - dt.timedelta(days=40), today + dt.timedelta(days=40))])
    cls = b.school_class(school, _year, "7В")
    maths = b.subject(school, "Maths", "Математика")
    regular = b.user("sub_regular", ("teacher", school.id))
    substitute = b.user("sub_substitute", ("teacher", school.id))
    staff = b.user("sub_staff", ("staff", school.id))
    b.teaches(cls, maths, regular)
    kid = b.student(cls, "Соколова", "Аня")
    covered = b.lesson(cls, maths, regular, today - dt.timedelta(days=2), 3)
    own = b.lesson(cls, maths, regular, today - dt.timedelta(days=1), 3)
    db.commit()
    return dict(school=school, period=period, cls=cls, maths=maths, regular=regular, substitute=substitute,
                staff=staff, kid=kid, covered=covered, own=own)


def _cell(db, user, w, lesson, value="5", op="mark"):
    return save_cell(db, user, class_id=w["cls"].id, subject_id=w["maths"].id, period_id=w["period"].id,
                     student_id=w["kid"].id, lesson_id=lesson.id, op=op, value=value)


def _substitute(db, w, action="substitute"):
    sa.change_lesson(db, w["staff"], w["school"].id, w["cls"].id, {
        "date": w["covered"].date.isoformat(), "lesson_number": "3", "action": action,
        "substitute_teacher_id": str(w["substitute"].id)})
    db.commit()


def test_the_substitute_marks_the_lesson_they_cover_and_the_regular_teacher_sees_it(db, w):
    assert journal.journal_choices(db, w["substitute"]) == []
    with pytest.raises(PermissionDenied):
        journal.journal_context(db, w["substitute"], w["cls"].id, w["maths"].id, w["period"].id)
    _substitute(db, w)
    assert [(c.id, s.id) for c, s in journal.journal_choices(db, w["substitute"])] == [(w["cls"].id, w["maths"].id)]
    assert _cell(db, w["substitute"], w, w["covered"]) is not None
    assert _cell(db, w["substitute"], w, w["covered"], "absent", "att") is not None
    db.commit()
    with pytest.raises(PermissionDenied) as refused:
        _cell(db, w["substitute"], w, w["own"])
    assert refused.value.key == "journal.lesson_not_substituted"
    with pytest.raises(PermissionDenied):
        confirm_final(db, w["substitute"], class_id=w["cls"].id, subject_id=w["maths"].id,
                      period_id=w["period"].id, student_id=w["kid"].id)
    db.rollback()
    grid = journal.load_grid(db, w["regular"], w["cls"].id, w["maths"].id, w["period"].id)
    assert w["covered"].id in [lesson.id for lesson in grid.lessons]
    [mark] = grid.marks[(w["kid"].id, w["covered"].id)]
    assert (mark.value, mark.teacher_id) == (5, w["substitute"].id)
    assert _cell(db, w["regular"], w, w["own"], "4") is not None  # the regular teacher writes as before
    db.commit()


def test_restoring_the_lesson_takes_the_journal_away_from_the_substitute(db, w):
    _substitute(db, w)
    _substitute(db, w, "restore")
    assert journal.journal_choices(db, w["substitute"]) == []
    with pytest.raises(PermissionDenied):
        _cell(db, w["substitute"], w, w["covered"])
