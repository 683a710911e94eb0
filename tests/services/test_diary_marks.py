"""All marks: by dates or by period, per subject, sorted; the year grid; constant query counts."""

from datetime import date, timedelta

import pytest

from mrko_app.services import diary
from mrko_app.services.errors import PermissionDenied, ValidationError
from mrko_app.views.present import present
from tests.services import diary_school
from tests.services.query_count import counting

TODAY = date(2026, 11, 25)


@pytest.fixture
def s(db):
    s = diary_school.build(db)
    s.m_sep = s.mark(s.lesson(date(2026, 9, 7), 1), 5, comment="сентябрь")
    s.m_oct = s.mark(s.lesson(date(2026, 10, 20), 2, s.russian), 3, "test")
    s.m_nov = s.mark(s.lesson(date(2026, 11, 23), 1), 4, "homework", comment="ноябрь")
    s.change(s.m_nov, 5, "исправлено")
    s.m_nov2 = s.mark(s.lesson(date(2026, 11, 24), 1, s.russian), 2)
    s.mark(s.lesson(date(2026, 11, 24), 2), 5, student=s.other_student)
    s.mark(s.lesson(date(2026, 11, 26), 1), 3, deleted=True)
    return s


def _ids(view):
    return [m["id"] for m in view["marks"]]


def test_default_is_the_current_period_newest_first(s, db):
    view = present(diary.marks_list(db, s.parent, s.student.id, today=TODAY), "ru")
    assert (view["start"], view["end"], view["period_id"]) == ("2026-11-03", "2026-12-28", s.periods[1].id)
    assert _ids(view) == [s.m_nov2.id, s.m_nov.id]
    nov = view["marks"][1]
    assert (nov["value"], nov["was"], nov["kind_en"], nov["comment"], nov["date_text"]) == (
        "5", "4", "Homework", "ноябрь", "23.11.2026")


def test_a_period_a_date_range_a_single_day(s, db):
    first = diary.marks_list(db, s.parent, s.student.id, period_id=str(s.periods[0].id), today=TODAY)
    assert _ids(first) == [s.m_oct.id, s.m_sep.id]
    ranged = diary.marks_list(db, s.parent, s.student.id, start="2026-09-01", end="2026-11-23", today=TODAY)
    assert _ids(ranged) == [s.m_nov.id, s.m_oct.id, s.m_sep.id]
    one_day = diary.marks_list(db, s.parent, s.student.id, start="2026-11-24", today=TODAY)
    assert (one_day["start"], one_day["end"]) == ("2026-11-24", "2026-11-24")
    assert _ids(one_day) == [s.m_nov2.id]


def test_subject_filter_and_sorting(s, db):
    year = dict(start="2026-09-01", end="2027-05-29", today=TODAY)
    maths = diary.marks_list(db, s.parent, s.student.id, subject_id=s.math.id, **year)
    assert _ids(maths) == [s.m_nov.id, s.m_sep.id]
    by_subject = diary.marks_list(db, s.parent, s.student.id, sort="subject", **year)
    assert [(m["subject_ru"], m["date"]) for m in by_subject["marks"]] == [
        ("Математика", "2026-11-23"), ("Математика", "2026-09-07"),
        ("Русский язык", "2026-11-24"), ("Русский язык", "2026-10-20")]
    by_subject_en = diary.marks_list(db, s.parent, s.student.id, sort="subject", lang="en", **year)
    assert [m["subject_en"] for m in by_subject_en["marks"]][0] == "Mathematics"
    assert {x["name_ru"] for x in by_subject["subjects"]} == {"Математика", "Русский язык"}


@pytest.mark.parametrize("kwargs,field", [
    (dict(start="2026-11-25", end="2026-11-01"), "end"),
    (dict(start="yesterday"), "start"),
    (dict(period_id="999999"), "period"),
    (dict(period_id="x"), "period"),
    (dict(sort="value"), "sort"),
    (dict(subject_id="maths"), "subject"),
])
def test_bad_filters(s, db, kwargs, field):
    with pytest.raises(ValidationError) as err:
        diary.marks_list(db, s.parent, s.student.id, today=TODAY, **kwargs)
    assert field in err.value.fields


def test_another_schools_period_is_refused(s, db):
    other = diary_school.build(db)
    with pytest.raises(ValidationError):
        diary.marks_list(db, s.parent, s.student.id, period_id=other.periods[0].id, today=TODAY)
    with pytest.raises(PermissionDenied):
        diary.marks_list(db, s.other_parent, s.student.id, today=TODAY)


def test_marks_list_query_count_is_constant(s, db):
    with counting(db) as few:
        diary.marks_list(db, s.parent, s.student.id, start="2026-09-01", end="2027-05-29", today=TODAY)
    for i in range(30):
        lesson = s.lesson(date(2026, 12, 1) + timedelta(days=i % 20), 3, s.russian if i % 2 else s.math)
        mark = s.mark(lesson, 2 + i % 4, "test" if i % 3 else "answer")
        s.change(mark, 5)
    with counting(db) as many:
        view = diary.marks_list(db, s.parent, s.student.id, start="2026-09-01", end="2027-05-29", today=TODAY)
    assert len(view["marks"]) == 34
    assert few[0] == many[0] == 8


def test_year_grid(s, db):
    s.attend(s.lesson(date(2026, 11, 25), 2), "absent")
    s.attend(s.lesson(date(2026, 11, 26), 2), "late")
    s.homework(s.lesson(date(2026, 11, 27), 1), "упр. 5", date(2026, 11, 30))
    s.homework(s.lesson(date(2026, 11, 27), 2, s.russian), "упр. 6", date(2026, 12, 2))
    grid = diary.year_grid(db, s.parent, s.student.id, today=TODAY)
    assert [m["key"] for m in grid["months"]] == ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02",
                                                 "2027-03", "2027-04", "2027-05"]
    rows = {r["subject_ru"]: r for r in grid["rows"]}
    assert list(rows) == ["Математика", "Русский язык"]
    maths, russian = rows["Математика"], rows["Русский язык"]
    assert [x["value"] for x in maths["cells"][0]["marks"]] == ["5"]
    assert [x["value"] for x in maths["cells"][2]["marks"]] == ["5"]  # the changed mark, as it is now
    assert (maths["cells"][2]["missed"], maths["cells"][2]["late"], maths["cells"][2]["homework"]) == (1, 1, 1)
    assert russian["cells"][3]["homework"] == 1 and russian["homework"] == 1
    assert (maths["marks_count"], maths["average"]) == (2, "5.00")
    # Russian: a test 3 (weight 3) and an answer 2 (weight 1): (9 + 2) / 4 = 2.75
    assert russian["average"] == "2.75"
    assert grid["totals"][2] == {"missed": 1, "late": 1, "homework": 1, "marks": 2}


def test_year_grid_query_count_is_constant(s, db):
    with counting(db) as few:
        diary.year_grid(db, s.parent, s.student.id, today=TODAY)
    for i in range(40):
        lesson = s.lesson(date(2027, 1, 12) + timedelta(days=i), 2, s.russian)
        s.mark(lesson, 4)
        s.attend(lesson, "ill")
        s.homework(lesson, "читать", lesson.date + timedelta(days=1))
    with counting(db) as many:
        diary.year_grid(db, s.parent, s.student.id, today=TODAY)
    assert few[0] == many[0] == 7
