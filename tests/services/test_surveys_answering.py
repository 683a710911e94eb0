"""Answering: the audience, drafts, one submission, server-side checks, hidden questions dropped,
anonymity with no link between participant and answers, tests scored with a time limit."""

import datetime as dt

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from mrko_app.models.surveys import SurveyDraft, SurveyParticipant, SurveyResponse
from mrko_app.services import surveys
from mrko_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.services import surveys_world
from tests.services.surveys_world import NOW, every_kind, short_test

GOOD = {"q_like": {"picks": ["yes"]}, "q_why": "скрытый", "q_meals": {"picks": ["o1", "o2"]}, "q_rate": 5,
        "q_grid": {"taste": 4, "price": 2}, "q_money": "150", "q_day": "2026-11-20", "q_dish": "  Котлета "}


@pytest.fixture
def s(db):
    return surveys_world.build(db)


def _published(db, s, raw):
    survey = surveys.create(db, s.w.staff, raw)
    surveys.publish(db, s.w.staff, survey.id)
    return survey


def test_the_audience_sees_the_survey_and_others_do_not(s, db):
    survey = _published(db, s, every_kind([s.w.class_5a.id]))
    [card] = surveys.open_surveys(db, s.w.parent, now=NOW)
    assert (card.id, card.answered, card.has_draft) == (survey.id, False, False)
    assert surveys.pending_count(db, s.w.parent, now=NOW) == 1
    assert surveys.open_surveys(db, s.parent_5b, now=NOW) == []  # a parent of another class
    with pytest.raises(PermissionDenied):
        surveys.open_form(db, s.parent_5b, survey.id, now=NOW)
    with pytest.raises(PermissionDenied):
        surveys.submit(db, s.parent_5b, survey.id, GOOD, now=NOW)
    assert surveys.open_surveys(db, s.w.parent, now=NOW + dt.timedelta(days=8)) == []  # closed by date
    draft = surveys.create(db, s.w.staff, every_kind([s.w.class_5a.id]))
    with pytest.raises(PermissionDenied):  # a draft is nobody's to answer
        surveys.open_form(db, s.w.parent, draft.id, now=NOW)


def test_a_draft_is_saved_resumed_then_submitted_once(s, db):
    survey = _published(db, s, every_kind([s.w.class_5a.id]))
    surveys.save_draft(db, s.w.parent, survey.id, {"q_like": {"picks": ["no"]}, "q_why": "Невкусно"}, now=NOW)
    form = surveys.open_form(db, s.w.parent, survey.id, now=NOW)
    assert form.answers == {"q_like": {"picks": ["no"]}, "q_why": "Невкусно"}
    assert all("correct" not in q.config for q in form.questions)
    assert surveys.open_surveys(db, s.w.parent, now=NOW)[0].has_draft
    outcome = surveys.submit(db, s.w.parent, survey.id, GOOD, now=NOW)
    assert outcome.score is None
    [stored] = db.exec(select(SurveyResponse)).all()
    # q_like is "yes": q_why was hidden and is not stored; values are cleaned
    assert stored.answers == {"q_like": {"picks": ["yes"]}, "q_meals": {"picks": ["o1", "o2"]}, "q_rate": 5,
                              "q_grid": {"taste": 4, "price": 2}, "q_money": 150, "q_day": "2026-11-20",
                              "q_dish": "Котлета"}
    assert (stored.user_id, stored.class_id, stored.submitted_at) == (s.w.parent.id, s.w.class_5a.id, NOW)
    assert db.exec(select(SurveyDraft)).all() == []
    with pytest.raises(Conflict) as err:
        surveys.submit(db, s.w.parent, survey.id, GOOD, now=NOW)
    assert err.value.key == "surveys.error.already"
    with pytest.raises(Conflict):
        surveys.save_draft(db, s.w.parent, survey.id, GOOD, now=NOW)
    assert surveys.open_surveys(db, s.w.parent, now=NOW)[0].answered


@pytest.mark.parametrize("change,errors", [
    ({"q_like": None}, {"q_like": "error.required"}),
    ({"q_like": {"picks": ["yes", "no"]}}, {"q_like": "surveys.error.one_pick"}),
    ({"q_like": {"picks": ["maybe"]}}, {"q_like": "surveys.error.answer"}),
    ({"q_meals": {"picks": ["o1", "o2", "o3"]}}, {"q_meals": "surveys.error.picks_given"}),
    ({"q_rate": 9}, {"q_rate": "surveys.error.scale_value"}),
    ({"q_grid": {"taste": 4}}, {"q_grid": "surveys.error.matrix_rows"}),
    ({"q_money": "много"}, {"q_money": "surveys.error.number"}),
    ({"q_money": 2**63}, {"q_money": "surveys.error.number"}),
    ({"q_money": -1}, {"q_money": "surveys.error.number_range"}),
    ({"q_day": "вчера"}, {"q_day": "surveys.error.date_value"}),
    ({"q_dish": "x" * 201}, {"q_dish": "surveys.error.too_long"}),
    ({"q_dish": ["x"]}, {"q_dish": "surveys.error.too_long"}),
])
def test_answers_are_checked_on_the_server(s, db, change, errors):
    survey = _published(db, s, every_kind([s.w.class_5a.id]))
    with pytest.raises(ValidationError) as err:
        surveys.submit(db, s.w.parent, survey.id, {**GOOD, **change}, now=NOW)
    assert err.value.fields == errors
    assert db.exec(select(SurveyParticipant)).all() == []


@pytest.mark.parametrize("survey_id", [None, "x", 2**63, -1, [], {}, True, 999999])
def test_any_survey_id_is_refused(s, db, survey_id):
    with pytest.raises((NotFound, PermissionDenied)):
        surveys.submit(db, s.w.parent, survey_id, GOOD, now=NOW)


def test_an_anonymous_survey_stores_no_link(s, db):
    survey = _published(db, s, every_kind([s.w.class_5a.id], anonymous=True))
    surveys.save_draft(db, s.w.parent, survey.id, {"q_rate": 3}, now=NOW)
    surveys.submit(db, s.w.parent, survey.id, GOOD, now=NOW)
    surveys.submit(db, s.w.parent2, survey.id, {**GOOD, "q_rate": 2}, now=NOW + dt.timedelta(minutes=1))
    responses = db.exec(select(SurveyResponse)).all()
    participants = db.exec(select(SurveyParticipant)).all()
    assert {p.user_id for p in participants} == {s.w.parent.id, s.w.parent2.id}
    columns = {c.key for c in inspect(SurveyParticipant).columns}
    assert columns == {"id", "survey_id", "subject", "user_id"}  # no timestamp on the participant
    for r in responses:  # no person, no time, an id that is not a counter
        assert (r.user_id, r.student_id, r.started_at, r.submitted_at) == (None, None, None, None)
        assert r.id > 2**32
    assert db.exec(select(SurveyDraft)).all() == []  # the draft, which held both, is gone
    with pytest.raises(Conflict):  # and still only once
        surveys.submit(db, s.w.parent, survey.id, GOOD, now=NOW)


def test_a_test_is_scored_with_partial_credit(s, db):
    survey = _published(db, s, short_test([s.w.class_5a.id]))
    surveys.open_form(db, s.w.parent, survey.id, now=NOW)  # starts the attempt
    outcome = surveys.submit(db, s.w.parent, survey.id, {"t1": {"picks": ["stop"]}, "t2": {"picks": ["r", "g", "b"]},
                                                          "t3": 3, "t4": " Зебра "}, now=NOW + dt.timedelta(minutes=5))
    # t2: two right picks of three, one wrong: (2 - 1) / 3 of 4 points
    assert outcome.points == {"t1": 2.0, "t2": 1.33, "t3": 1.0, "t4": 1.0}
    assert (outcome.score, outcome.max_score) == (5.33, 8.0)
    assert outcome.correct["t2"] == ["r", "y", "g"]  # shown after submitting, as the test allows
    stored = db.exec(select(SurveyResponse)).one()
    assert (stored.score, stored.max_score, stored.started_at) == (5.33, 8.0, NOW)
    form = surveys.open_form(db, s.w.parent2, survey.id, now=NOW)
    assert form.deadline == NOW + dt.timedelta(minutes=10)
    assert all("correct" not in q.config and "points" not in q.config for q in form.questions)


def test_a_test_past_its_time_limit_is_refused(s, db):
    survey = _published(db, s, short_test([s.w.class_5a.id], minutes=10))
    surveys.open_form(db, s.w.parent, survey.id, now=NOW)
    answers = {"t1": {"picks": ["stop"]}}
    with pytest.raises(Conflict) as err:
        surveys.submit(db, s.w.parent, survey.id, answers, now=NOW + dt.timedelta(minutes=11))
    assert err.value.key == "surveys.error.time_up"
    with pytest.raises(Conflict):  # never opened: no attempt started, nothing to time
        surveys.submit(db, s.w.parent2, survey.id, answers, now=NOW)
    surveys.open_form(db, s.w.parent, survey.id, now=NOW + dt.timedelta(minutes=12))  # reopening does not restart
    with pytest.raises(Conflict):
        surveys.submit(db, s.w.parent, survey.id, answers, now=NOW + dt.timedelta(minutes=12))


def test_answers_to_a_closed_survey_are_refused(s, db):
    survey = _published(db, s, every_kind([s.w.class_5a.id]))
    surveys.close(db, s.w.staff, survey.id)
    with pytest.raises(Conflict) as err:
        surveys.submit(db, s.w.parent, survey.id, GOOD)
    assert err.value.key == "surveys.error.not_open"


def test_the_children_audience_answers_once_per_child(s, db):
    raw = {**every_kind([s.w.class_5a.id]), "audience": "children"}
    survey = _published(db, s, raw)
    [card] = surveys.open_surveys(db, s.w.parent, now=NOW)
    assert (card.student_id, card.student_name) == (s.w.masha.id, "Мария")
    with pytest.raises(PermissionDenied):  # not their child
        surveys.submit(db, s.w.parent, survey.id, GOOD, s.w.petya.id, now=NOW)
    surveys.submit(db, s.w.parent, survey.id, GOOD, s.w.masha.id, now=NOW)
    stored = db.exec(select(SurveyResponse)).one()
    assert stored.student_id == s.w.masha.id


def test_the_badge_costs_the_same_for_one_survey_or_many(s, db):
    from tests.services.query_count import counting

    _published(db, s, every_kind([s.w.class_5a.id]))
    with counting(db) as one:
        assert surveys.pending_count(db, s.w.parent, now=NOW) == 1
    for _ in range(4):
        _published(db, s, {**every_kind([]), "audience": "children"})
    with counting(db) as five:
        assert surveys.pending_count(db, s.w.parent, now=NOW) == 5
    assert one[0] == five[0] <= 8
