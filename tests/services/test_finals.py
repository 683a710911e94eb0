"""Final marks: confirmed period and year marks beside the weighted average and how it was computed;
the report card PDF."""

from datetime import date, timedelta

import pytest

from mrko_app.services.diary import finals, report_card
from mrko_app.services.errors import PermissionDenied
from mrko_app.views.present import present
from tests.services import diary_school
from tests.services.query_count import counting

TODAY = date(2026, 11, 25)


@pytest.fixture
def s(db):
    s = diary_school.build(db)
    # 1st quarter, maths: an answer 5 (weight 1), a test 4 (weight 3): (5 + 12) / 4 = 4.25 -> 4; the teacher gave 5
    s.mark(s.lesson(date(2026, 9, 7), 1), 5, "answer", comment="устный счёт")
    s.mark(s.lesson(date(2026, 10, 5), 1), 4, "test")
    s.final(s.math, 5, s.periods[0]).reason = "работа на уроках"
    # 2nd quarter (current), maths: an answer 3 and a test 5: (3 + 15) / 4 = 4.50 -> 4; a debt is listed, not counted
    s.mark(s.lesson(date(2026, 11, 9), 1), 3, "answer")
    s.mark(s.lesson(date(2026, 11, 11), 2), 5, "test")
    s.mark(s.lesson(date(2026, 11, 13), 1), None, "homework", is_debt=True)
    # 1st quarter, Russian: a test 3 -> 3, confirmed 3
    s.mark(s.lesson(date(2026, 10, 6), 1, s.russian), 3, "test")
    s.final(s.russian, 3, s.periods[0])
    db.flush()
    return s


def _row(view, name):
    return next(r for r in view["rows"] if r["subject_ru"] == name)


def test_finals_table(s, db):
    view = finals.finals(db, s.parent, s.student.id, today=TODAY)
    assert [p["state"] for p in view["periods"]] == ["closed", "current", "future", "future"]
    assert [r["subject_ru"] for r in view["rows"]] == ["Математика", "Русский язык"]
    maths = _row(view, "Математика")
    q1, q2, q3, _q4 = maths["cells"]
    assert (q1["confirmed"], q1["average"], q1["proposed"], q1["count"]) == ("5", "4.25", "4", 2)
    assert (q2["confirmed"], q2["average"], q2["proposed"], q2["state"]) == ("", "4.50", "4", "current")
    assert (q3["confirmed"], q3["average"], q3["proposed"]) == ("", "", "")
    # the year: proposed from the confirmed period marks (only the 1st: 5), average of all counted marks
    assert (maths["year"]["confirmed"], maths["year"]["proposed"]) == ("", "5")
    assert maths["year"]["average"] == "4.38"  # (5 + 12 + 3 + 15) / 8 = 4.375
    russian = _row(view, "Русский язык")
    assert russian["cells"][0]["confirmed"] == "3" and russian["cells"][1]["average"] == ""


def test_explanation_of_a_cell(s, db):
    view = present(finals.finals(db, s.parent, s.student.id, lang="en", today=TODAY), "ru")  # dates: Russian
    exp = view["details"][f"{s.math.id}:p{s.periods[1].id}"]
    assert [(r["date_text"], r["kind_en"], r["value"], r["weight"], r["product"], r["counted"]) for r in exp["rows"]] == [
        ("09.11.2026", "Answer in class", "3", 1, "3", True),
        ("11.11.2026", "Test", "5", 3, "15", True),
        ("13.11.2026", "Homework", "", 1, "", False),
    ]
    assert exp["rows"][2]["debt"] and exp["debts"] == 1
    assert (exp["sum_products"], exp["sum_weights"], exp["average"], exp["proposed"]) == (18, 4, "4.50", "4")
    assert exp["formula"] == "(3×1 + 5×3) / (1 + 3) = 18 / 4 = 4.50"
    assert [(t["mark"], t["from"]) for t in exp["thresholds"]] == [(5, "4.60"), (4, "3.60"), (3, "2.60"), (2, "")]
    q1 = view["details"][f"{s.math.id}:p{s.periods[0].id}"]
    assert (q1["confirmed"], q1["reason"], q1["state"]) == ("5", "работа на уроках", "closed")
    year = view["details"][f"{s.math.id}:year"]
    assert [p["value"] for p in year["period_marks"]] == ["5", "", "", ""] and year["year_proposed"] == "5"


def test_the_schools_thresholds_are_used(s, db):
    s.school.thresholds = {"5": 4.5, "4": 3.5, "3": 2.5}
    db.add(s.school)
    db.flush()
    view = finals.finals(db, s.parent, s.student.id, today=TODAY)
    assert _row(view, "Математика")["cells"][1]["proposed"] == "5"  # 4.50 now reaches the 5


def test_finals_access_and_query_count(s, db):
    with pytest.raises(PermissionDenied):
        finals.finals(db, s.other_parent, s.student.id, today=TODAY)
    with counting(db) as few:
        finals.finals(db, s.parent, s.student.id, today=TODAY)
    for i in range(40):
        s.mark(s.lesson(date(2027, 1, 12) + timedelta(days=i), 3, s.russian if i % 2 else s.math), 2 + i % 4,
               "test" if i % 5 == 0 else "answer")
    s.final(s.russian, 4, s.periods[1])
    s.final(s.math, 5)
    with counting(db) as many:
        finals.finals(db, s.parent, s.student.id, today=TODAY)
    assert few[0] == many[0] == 8  # the check by keys (what remembered marks cost), then the 7 of a read


def test_report_card(s, db):
    view = finals.finals(db, s.parent, s.student.id, today=TODAY)
    rows = report_card.card_rows(view, "ru")
    assert rows[0] == ["Предмет", "I", "II", "III", "IV", "Год", "Средний"]
    assert rows[1] == ["Математика", "5", "— (4.50)", "—", "—", "—", "4.38"]
    assert rows[2] == ["Русский язык", "3", "—", "—", "—", "—", "3.00"]
    pdf, filename = report_card.report_card(db, s.parent, s.student.id, lang="ru", today=TODAY)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 1000
    assert filename == "report_card_Иванов_Петя_2026-2027.pdf"
    with pytest.raises(PermissionDenied):
        report_card.report_card(db, s.other_parent, s.student.id, today=TODAY)
