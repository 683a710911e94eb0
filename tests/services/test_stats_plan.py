"""The "what do I need" calculator for a child: with the school's kinds and weights, checked by entering
the plan as marks and recomputing the statistics."""

from datetime import date, timedelta

import pytest

from mrko_app.services.errors import PermissionDenied, ValidationError
from mrko_app.services.stats import child as stats
from mrko_app.services.stats import plan as stats_plan
from mrko_app.views.stats_plan import plan_words
from tests.services.stats_school import build, user

TODAY = date(2026, 10, 1)


def _apply(w, result, start=date(2026, 10, 2)):
    """Enter the plan as marks (as a teacher would in the journal) and read the statistics again."""
    codes = {k.code: name for name, k in w.kinds.items()}
    for i, item in enumerate(result["plan"]):
        w.mark(w.child, "Maths", start + timedelta(days=i), item["value"], codes[item["kind"]])
    maths = next(r for r in stats.child_statistics(db_of(w), w.parent, w.child.id, None, TODAY)["rows"]
                 if r["name_en"] == "Maths")
    return maths


def db_of(w):
    return w.db


def test_domain_example_to_a_five(db):
    w = build(db)
    for value, kind in ((5, "control"), (3, "answer"), (4, "answer")):  # 22/5 = 4.40
        w.mark(w.child, "Maths", date(2026, 9, 5), value, kind)
    result = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, None, TODAY)
    # deficit 4.6*5 - 22 = 1; one control work 5 adds 3*(5-4.6) = 1.2: (22+15)/8 = 4.625
    assert result["plan"] == [{"value": 5, "kind": "control", "weight": 3}]
    assert (result["resulting_average"], result["resulting_mark"]) == (4.63, 5)
    assert plan_words(result, "en") == (
        "Maths, a 5 for the period: 1 × Control work with a 5. The average would then be 4.63, a 5.")
    assert plan_words(result, "ru") == (
        "Maths-ru, «5» за период: 1 × Контрольная работа на «5». Средний балл станет 4,63, это «5».")
    maths = _apply(w, result)
    assert maths["average"] == 4.63 and maths["proposed"] == 5


def test_several_marks_in_words_and_entered(db):
    w = build(db)
    for value in (3, 3, 4, 3):  # 13/4 = 3.25
        w.mark(w.child, "Maths", date(2026, 9, 7), value)
    w.mark(w.child, "Maths", date(2026, 9, 8), 2, "control")  # (13 + 6) / 7 = 19/7 = 2.71
    # a 4 (3.60): deficit 3.6*7 - 19 = 6.2; a 5 of weight w adds 1.4w, so two marks of total weight >= 5:
    # a control work (3) and a test (2), both 5: (19 + 25) / 12 = 3.67
    result = stats_plan.plan(db, w.parent, w.child.id, str(w.subjects["Maths"].id), "4", None, TODAY)
    assert result["plan"] == [{"value": 5, "kind": "control", "weight": 3}, {"value": 5, "kind": "test", "weight": 2}]
    assert plan_words(result, "en") == (
        "Maths, a 4 for the period: 1 × Control work with a 5 and 1 × Test with a 5. "
        "The average would then be 3.67, a 4.")
    # a 5 is out of reach: 11 control works of 5 would be needed (1.2 each against 13.2; at most 10)
    assert not stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, None, TODAY)["reachable"]
    maths = _apply(w, result)
    assert maths["proposed"] == 4 and maths["average"] == result["resulting_average"] == 3.67
    again = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 4, None, TODAY)
    assert again["already"] and again["plan"] == []


def test_grouped_words():
    result = {
        "already": False, "reachable": True, "target": 5, "subject": {"name_en": "Maths", "name_ru": "Математика"},
        "plan": [{"value": 5, "kind": "control", "weight": 3}, {"value": 5, "kind": "control", "weight": 3},
                 {"value": 4, "kind": "answer", "weight": 1}],
        "kind_names": {"control": {"name_en": "Control work", "name_ru": "Контрольная работа"},
                       "answer": {"name_en": "Answer", "name_ru": "Ответ"}},
        "resulting_average": 4.6, "resulting_mark": 5,
    }
    assert plan_words(result, "en") == (
        "Maths, a 5 for the period: 2 × Control work with a 5 and 1 × Answer with a 4. "
        "The average would then be 4.60, a 5.")


def test_already_and_no_marks(db):
    w = build(db)
    w.mark(w.child, "Maths", date(2026, 9, 5), 5)
    already = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 4, None, TODAY)
    assert already["already"] and already["plan"] == []
    assert "already gives a 5" in plan_words(already, "en")
    empty = stats_plan.plan(db, w.parent, w.child.id, w.subjects["History"].id, 5, None, TODAY)
    # no marks yet: one answer for a 5 (the lightest kind listed first) is enough
    assert empty["plan"] == [{"value": 5, "kind": "answer", "weight": 1}]


def test_can_no_longer_be_reached(db):
    w = build(db)
    for day in range(1, 25):
        w.mark(w.child, "Maths", date(2026, 9, day), 2, "control")  # 24 control works of 2: weight 72
    result = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, None, TODAY)
    assert not result["reachable"] and result["plan"] == []
    # ten control works of 5: (144 + 150) / 102 = 2.88 -> 3
    assert (result["best_average"], result["best_mark"]) == (2.88, 3)
    assert plan_words(result, "en") == (
        "Maths: a 5 can no longer be reached this period. Even 10 more Control work marks of 5 would bring "
        "the average only to 2.88, a 3.")


def test_uses_the_schools_weights_and_thresholds(db):
    w = build(db, thresholds={"5": 4.5, "4": 3.5, "3": 2.5})
    w.kinds["control"].weight = 5  # the school weighs control works 5
    w.kinds["test"].active = False
    db.flush()
    w.mark(w.child, "Maths", date(2026, 9, 5), 4)
    w.mark(w.child, "Maths", date(2026, 9, 6), 4)
    result = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, None, TODAY)
    # (8 + 5v*w) / (2 + w) >= 4.5: one answer 5 gives 13/3 = 4.33; a control work of weight 5 gives 33/7 = 4.71
    assert result["plan"] == [{"value": 5, "kind": "control", "weight": 5}]
    assert result["threshold"] == 4.5
    assert "test" not in result["kind_names"]


def test_period_choice_and_year(db):
    w = build(db)
    w.mark(w.child, "Maths", date(2026, 11, 12), 2)  # second quarter only
    q1 = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, "year", TODAY)
    assert q1["period_number"] == 1 and q1["current_average"] is None  # the year means the current period
    q2 = stats_plan.plan(db, w.parent, w.child.id, w.subjects["Maths"].id, 5, w.periods[1].id, TODAY)
    assert q2["period_number"] == 2 and q2["current_average"] == 2.0


@pytest.mark.parametrize(("subject", "target", "fields"), [
    ("abc", 5, {"subject"}), (None, 5, {"subject"}), ("MATHS", 6, {"target"}), ("MATHS", "x", {"target"}),
    ("MATHS", 1, {"target"}), ("OTHER", None, {"subject", "target"}),
    # digits of other scripts and sizes int() would take: refused as a target, never parsed
    ("MATHS", "٥", {"target"}), ("MATHS", "0" * 10_000 + "5", {"target"}), ("MATHS", True, {"target"}),
    ("MATHS", [5], {"target"}),
])
def test_validation(db, subject, target, fields):
    w = build(db)
    other = build(db)
    ids = {"MATHS": w.subjects["Maths"].id, "OTHER": other.subjects["Maths"].id}
    with pytest.raises(ValidationError) as err:
        stats_plan.plan(db, w.parent, w.child.id, ids.get(subject, subject), target, None, TODAY)
    assert set(err.value.fields) == fields


def test_access(db):
    w = build(db)
    with pytest.raises(PermissionDenied):
        stats_plan.plan(db, user(db, "parent", "Other"), w.child.id, w.subjects["Maths"].id, 5, None, TODAY)
