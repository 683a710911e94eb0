"""Attacks on surveys over the websocket, against the running app: a parent of another class can
neither see nor answer a class survey, nobody but its owners gets results or exports, answers to a
survey closed after the form was opened are refused, and malformed arguments to every survey handler
change nothing and leak nothing."""

import datetime as dt
import json

import pytest
from sqlmodel import Session, select

from mrko_app.models import Survey, SurveyDraft, SurveyParticipant, SurveyResponse
from mrko_app.models.base import utcnow
from mrko_app.services import surveys
from mrko_app.services.accounts import core as accounts
from mrko_app.state.survey_builder import SurveyBuilderState, SurveyEditState
from mrko_app.state.survey_results import SurveyResultsState
from mrko_app.state.surveys import SurveyAnswerState, SurveysState
from tests.e2e import attack_table as table
from tests.e2e.access_steps import user
from tests.e2e.socket_client import EventClient
from tests.e2e.survey_steps import class_id
from tests.e2e.test_access_attacks import run_async

pytestmark = pytest.mark.e2e
SECRET_QUESTION = "Секретный вопрос о девятом классе"
SECRET_ANSWER = "ответ-который-никто-не-должен-увидеть"
STATES = [(SurveysState, "/surveys"), (SurveyAnswerState, "/surveys/answer"), (SurveyBuilderState, "/surveys/build"),
          (SurveyEditState, "/surveys/build/edit"), (SurveyResultsState, "/surveys/results")]


@pytest.fixture(scope="module")
def world(app_url, app_engine):
    """A published survey for 9А with one answer (none of the demo parents has a child there), a survey
    for 5А, and sessions for parent2 (5А), teacher2 (not an owner) and nobody."""
    with Session(app_engine, expire_on_commit=False) as db:
        staff = user(db, "staff1")
        now = utcnow()
        times = {"opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=2)}
        question = [{"key": "secret", "kind": "short", "text": SECRET_QUESTION}]
        ninth = surveys.create(db, staff, {"title": "Опрос 9А", "class_ids": [class_id(db, "9А")], **times,
                                           "questions": question})
        fifth = surveys.create(db, staff, {"title": "Опрос 5А", "class_ids": [class_id(db, "5А")], **times,
                                           "questions": [{"key": "x", "kind": "short", "text": "Вопрос"}]})
        for s in (ninth, fifth):
            surveys.publish(db, staff, s.id)
        response = SurveyResponse(id=123456789012, survey_id=ninth.id, answers={"secret": SECRET_ANSWER})
        db.add(response)
        tokens = {"parent": accounts.create_session(db, user(db, "parent2")),
                  "teacher": accounts.create_session(db, user(db, "teacher2")), "anonymous": ""}
        db.commit()
        return {"ninth": ninth.id, "fifth": fifth.id, "tokens": tokens}


def _stored(engine) -> dict:
    with Session(engine) as db:
        return {"surveys": sorted((s.id, s.status, s.title) for s in db.exec(select(Survey)).all()),
                "participants": len(db.exec(select(SurveyParticipant.id)).all()),
                "responses": len(db.exec(select(SurveyResponse.id)).all()),
                "drafts": sorted((d.survey_id, d.subject) for d in db.exec(select(SurveyDraft)).all())}


def _text(updates) -> str:
    return json.dumps(updates, ensure_ascii=False)


async def _calls(app_url, token, calls):
    async with EventClient(app_url, token, "/surveys") as client:
        for state, handler, payload, path in calls:
            await client.call(state, handler, payload, pathname=path)
        return client.updates


def test_a_parent_of_another_class_can_neither_see_nor_answer(app_url, app_engine, world):
    ninth = world["ninth"]
    path = f"/surveys/answer?id={ninth}"
    calls = [(SurveysState, "load", {}, "/surveys"), (SurveyAnswerState, "load", {}, path),
             (SurveyAnswerState, "set_value", {"key": "secret", "value": "взлом"}, path),
             (SurveyAnswerState, "save", {}, path), (SurveyAnswerState, "submit", {}, path)]
    before = _stored(app_engine)
    updates = run_async(_calls(app_url, world["tokens"]["parent"], calls))
    assert _stored(app_engine) == before
    assert SECRET_QUESTION not in _text(updates) and "Опрос 9А" not in _text(updates)
    # the calls did arrive signed in: the 5А survey is listed for this parent
    assert "Опрос 5А" in _text(updates)


@pytest.mark.parametrize("actor", ["parent", "teacher", "anonymous"])
def test_nobody_but_the_owners_gets_results(actor, app_url, app_engine, world):
    ninth = world["ninth"]
    path = f"/surveys/results?id={ninth}"
    calls = [(SurveyResultsState, "load", {}, path), (SurveyResultsState, "download_csv", {}, path),
             (SurveyResultsState, "download_xlsx", {}, path), (SurveyResultsState, "remind", {}, path),
             (SurveyResultsState, "choose_class", {"class_id": "1"}, path),
             (SurveyEditState, "load", {}, f"/surveys/build/edit?id={ninth}"),
             (SurveyEditState, "save", {}, f"/surveys/build/edit?id={ninth}"),
             *[(SurveyBuilderState, name, {"survey_id": str(ninth)}, "/surveys/build")
               for name in ("publish", "close", "duplicate")]]
    before = _stored(app_engine)
    updates = run_async(_calls(app_url, world["tokens"][actor], calls))
    assert _stored(app_engine) == before
    text = _text(updates)
    assert SECRET_ANSWER not in text and SECRET_QUESTION not in text and "Опрос 9А" not in text
    assert "download" not in text.lower() or "data:" not in text  # no file was sent


def test_answers_to_a_survey_closed_meanwhile_are_refused(app_url, app_engine, world):
    fifth = world["fifth"]
    path = f"/surveys/answer?id={fifth}"

    async def run():
        async with EventClient(app_url, world["tokens"]["parent"], path) as client:
            await client.call(SurveyAnswerState, "load", {}, pathname=path)
            assert client.state_value(SurveyAnswerState, "loaded") is True
            await client.call(SurveyAnswerState, "set_value", {"key": "x", "value": "поздно"}, pathname=path)
            with Session(app_engine) as db:
                surveys.close(db, user(db, "staff1"), fifth)
                db.commit()
            await client.call(SurveyAnswerState, "submit", {}, pathname=path)
            return client

    client = run_async(run())
    assert client.state_value(SurveyAnswerState, "done") in (None, False)
    with Session(app_engine) as db:
        assert db.exec(select(SurveyResponse).where(SurveyResponse.survey_id == fifth)).all() == []


@pytest.mark.parametrize("actor", ["parent", "teacher"])
def test_malformed_arguments_change_nothing(actor, app_url, app_engine, world):
    calls = []
    for state, route in STATES:
        for name, params in table.own_handlers(state):
            for payload in table.payloads(params, [world["ninth"], 2**63]):
                calls.append((state, name, payload, f"{route}?id={world['ninth']}"))
    before = _stored(app_engine)
    updates = run_async(_calls(app_url, world["tokens"][actor], calls))
    assert len(calls) > 300
    assert _stored(app_engine) == before
    assert SECRET_ANSWER not in _text(updates) and SECRET_QUESTION not in _text(updates)
