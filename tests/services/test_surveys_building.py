"""Building surveys: who may, what is checked, what a published survey may still change, duplicates."""

import copy

import pytest

from mrko_app.models.surveys import SurveyQuestion
from mrko_app.services import surveys
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from tests.services import surveys_world
from tests.services.surveys_world import NOW, every_kind


@pytest.fixture
def s(db):
    return surveys_world.build(db)


def test_staff_build_every_question_type(s, db):
    survey = surveys.create(db, s.w.staff, every_kind([s.w.class_5a.id]))
    assert survey.status == "draft" and survey.owner_id == s.w.staff.id
    rows = db.query(SurveyQuestion).filter_by(survey_id=survey.id).order_by(SurveyQuestion.position).all()
    assert [q.kind for q in rows] == ["single", "long", "multiple", "scale", "matrix", "number", "date", "short"]
    assert rows[1].condition == {"question": "q_like", "value": "no"}
    assert [o["key"] for o in rows[2].config["options"]] == ["o1", "o2", "o3"]  # keys made for bare texts
    assert (rows[4].section, rows[4].config["statements"][1]["text"]) == (1, "Цена")


def test_a_description_is_checked_field_by_field(s, db):
    bad = every_kind([s.w.class_5a.id])
    bad.update(title="", closes_at=bad["opens_at"], class_ids=[s.w.class_other.id])
    bad["questions"][0]["options"] = []
    bad["questions"][1]["condition"] = {"question": "q_dish", "value": "x"}  # a later question
    bad["questions"][3]["min"] = 7
    bad["questions"].append({"kind": "spam", "text": "?"})
    with pytest.raises(ValidationError) as err:
        surveys.create(db, s.w.staff, bad)
    assert err.value.fields == {"title": "error.required", "closes_at": "surveys.error.closes",
                                "class_ids": "surveys.error.classes", "q1.options": "surveys.error.options_count",
                                "q2.condition": "surveys.error.condition", "q4.scale": "surveys.error.scale",
                                "q9.kind": "surveys.error.kind"}


@pytest.mark.parametrize("raw", [None, "x", 5, [], {"questions": "x"}, {"questions": [None] * 60},
                                 {"title": ["x"], "questions": [{"kind": "single", "options": [{"text": {}}]}]}])
def test_any_shape_from_a_browser_is_refused_cleanly(s, db, raw):
    with pytest.raises(ValidationError):
        surveys.create(db, s.w.staff, raw)


def test_limits_on_counts_and_lengths(s, db):
    raw = every_kind([])
    raw["questions"] = [{"kind": "short", "text": "x" * 501}] + [{"kind": "single", "text": "?",
                                                                  "options": [str(i) for i in range(21)]}]
    with pytest.raises(ValidationError) as err:
        surveys.create(db, s.w.staff, raw)
    assert set(err.value.fields) == {"q1.text", "q2.options"}


def test_a_teacher_builds_for_their_own_classes_only(s, db):
    with pytest.raises(ValidationError) as err:
        surveys.create(db, s.w.teacher, every_kind([]))
    assert err.value.fields == {"class_ids": "surveys.error.own_classes"}
    with pytest.raises(ValidationError):
        surveys.create(db, s.w.teacher, every_kind([s.class_5b.id]))
    survey = surveys.create(db, s.w.teacher, every_kind([s.w.class_5a.id]))
    assert survey.class_ids == [s.w.class_5a.id]
    with pytest.raises(PermissionDenied):
        surveys.create(db, s.w.parent, every_kind([]))
    with pytest.raises(PermissionDenied):  # staff of another school neither see nor change it
        surveys.publish(db, s.w.other_staff, survey.id)
    assert surveys.publish(db, s.w.staff, survey.id).status == "published"  # staff of its school may


def test_a_published_survey_keeps_its_answers_meaningful(s, db):
    raw = every_kind([s.w.class_5a.id])
    survey = surveys.create(db, s.w.staff, raw)
    surveys.publish(db, s.w.staff, survey.id)
    surveys.submit(db, s.w.parent, survey.id, {"q_like": {"picks": ["yes"]}, "q_rate": 4,
                                               "q_meals": {"picks": ["o2"]}}, now=NOW)
    edited = copy.deepcopy(raw)
    edited["questions"][0]["text"] = "Нравится ли столовая?"  # texts may change
    edited["questions"][0]["options"].append({"key": "maybe", "text": "Не знаю"})  # options may be added
    assert surveys.update(db, s.w.staff, survey.id, edited).title == raw["title"]
    removed = copy.deepcopy(edited)
    removed["questions"][0]["options"] = [o for o in removed["questions"][0]["options"] if o["key"] != "yes"]
    removed["questions"][2]["options"] = [{"key": "o1", "text": "Завтрак"}, {"key": "o3", "text": "Полдник"}]
    with pytest.raises(ValidationError) as err:
        surveys.update(db, s.w.staff, survey.id, removed)
    assert err.value.fields == {"q1.options": "surveys.error.answered_option", "q3.options": "surveys.error.answered_option"}
    gone = copy.deepcopy(edited)
    del gone["questions"][3]
    with pytest.raises(ValidationError) as err:
        surveys.update(db, s.w.staff, survey.id, gone)
    assert err.value.fields == {"q4": "surveys.error.answered_question"}
    unanswered = copy.deepcopy(edited)
    del unanswered["questions"][7]  # nobody answered q_dish: it may go
    surveys.update(db, s.w.staff, survey.id, unanswered)
    surveys.close(db, s.w.staff, survey.id)
    with pytest.raises(Conflict):
        surveys.update(db, s.w.staff, survey.id, edited)


def test_duplicate_is_a_new_draft_with_the_same_questions(s, db):
    survey = surveys.create(db, s.w.staff, every_kind([s.w.class_5a.id]))
    surveys.publish(db, s.w.staff, survey.id)
    copy_ = surveys.duplicate(db, s.w.staff, survey.id)
    assert copy_.id != survey.id and copy_.status == "draft"
    original = surveys.description(db, s.w.staff, survey.id)
    duplicated = surveys.description(db, s.w.staff, copy_.id)
    assert duplicated["questions"] == original["questions"]
    assert [c.id for c in surveys.owned(db, s.w.staff)] == [copy_.id, survey.id]
    assert surveys.owned(db, s.w.teacher) == []


def test_the_forms_times_are_the_schools(s, db, monkeypatch):
    """A survey of a school in Vladivostok (UTC+10) opening "2026-12-10T09:00" opens at 09:00 there,
    which is 23:00 UTC the day before, not at 09:00 Moscow time."""
    import datetime as dt

    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    s.w.school.timezone = "Asia/Vladivostok"
    db.add(s.w.school)
    db.flush()
    raw = every_kind([s.w.class_5a.id])
    raw.update(opens_at="2026-12-10T09:00", closes_at="2026-12-17T18:00")
    survey = surveys.create(db, s.w.staff, raw)
    assert (survey.opens_at, survey.closes_at) == (dt.datetime(2026, 12, 9, 23, 0), dt.datetime(2026, 12, 17, 8, 0))
