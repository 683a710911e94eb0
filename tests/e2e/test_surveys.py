"""Surveys in the browser: staff build one with every question type and a condition and publish it;
two parents answer (one saves a draft and resumes), a second submission is refused, the hidden
question is not stored; the results show both answers; the CSV holds them. An anonymous survey keeps
no link between participant and answers; a test is scored (partial credit) and its time limit holds."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import SurveyDraft, SurveyParticipant, SurveyResponse
from mrko_app.models.base import utcnow
from mrko_app.services import surveys
from tests.e2e.access_steps import sign_in, user
from tests.e2e.helpers import logout
from tests.e2e.survey_steps import SETTLE_MS, build_every_kind, class_id, click_checked, pick

pytestmark = pytest.mark.e2e


def _answer_first_page(page: Page, like: str, why: str = "") -> None:
    pick(page, "q1", like)
    if why:
        expect(page.locator("#answer-q2")).to_be_visible(timeout=15000)
        page.locator("#answer-q2").fill(why)
    pick(page, "q3", "o1")
    pick(page, "q3", "o2")
    pick(page, "q4", "4")


def _answer_second_page(page: Page) -> None:
    page.locator("#survey-next").click()
    expect(page.locator("#answer-q5-s1-5")).to_be_visible(timeout=15000)
    click_checked(page, "#answer-q5-s1-5")
    click_checked(page, "#answer-q5-s2-3")
    page.locator("#answer-q6").fill("120")
    page.locator("#answer-q7").fill("2026-11-30")
    page.locator("#answer-q8").fill("Котлета")
    page.wait_for_timeout(SETTLE_MS)
    page.locator("#survey-submit").click()
    expect(page.locator("#survey-done")).to_be_visible(timeout=15000)


def test_build_answer_and_read_the_results(page: Page, app_url, app_db, tmp_path):
    survey_id, title = build_every_kind(page, app_url, app_db)
    logout(page)

    # parent1 answers "Нет", writes why, saves a draft, comes back, changes to "Да": q2 is hidden
    sign_in(page, app_url, "parent1", "parent1pass", "/surveys")
    expect(page.locator(".nav-surveys-badge").first).to_be_attached(timeout=15000)
    card = page.locator(f".survey-card[data-survey-id='{survey_id}']")
    card.locator(".survey-open").click()
    expect(page.locator("#survey-title")).to_have_text(title, timeout=15000)
    _answer_first_page(page, "o2", why="Невкусно")
    page.wait_for_timeout(SETTLE_MS)
    page.locator("#survey-save").click()
    expect(page.locator("#draft-saved")).to_be_visible(timeout=15000)
    page.reload()
    expect(page.locator("#answer-q1-o2")).to_be_checked(timeout=15000)
    expect(page.locator("#answer-q2")).to_have_value("Невкусно")
    pick(page, "q1", "o1")
    expect(page.locator("#answer-q2")).to_have_count(0, timeout=15000)
    _answer_second_page(page)
    logout(page)

    # parent2 answers "Нет" with a reason; then a second submission is refused
    sign_in(page, app_url, "parent2", "parent2pass", f"/surveys/answer?id={survey_id}")
    _answer_first_page(page, "o2", why="Дорого")
    _answer_second_page(page)
    page.goto(f"{app_url}/surveys/answer?id={survey_id}")
    expect(page.locator("#form-message")).to_be_visible(timeout=15000)
    expect(page.locator("#survey-form")).to_have_count(0)
    logout(page)

    app_db.expire_all()
    stored = {r.user_id: r.answers for r in app_db.exec(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey_id)).all()}
    p1, p2 = user(app_db, "parent1").id, user(app_db, "parent2").id
    assert set(stored) == {p1, p2}
    assert "q2" not in stored[p1] and stored[p1]["q1"] == {"picks": ["o1"]}  # the hidden answer was dropped
    assert stored[p2]["q2"] == "Дорого"
    assert stored[p1]["q5"] == {"s1": 5, "s2": 3} and stored[p1]["q6"] == 120 and stored[p1]["q8"] == "Котлета"

    # the results: both answers counted and charted; the CSV holds them
    sign_in(page, app_url, "staff1", "staff1pass", f"/surveys/results?id={survey_id}")
    expect(page.locator("#results-count")).to_have_text("2", timeout=15000)
    expect(page.locator("#chart-q1 svg").first).to_be_attached(timeout=20000)
    # the SVG drawn on the server: per series, the count on each bar (its tooltip), bottom up
    bars = "id => [...document.querySelectorAll(`#${id} svg g[class='plot'] > .series`)]" \
           ".map(s => [...s.querySelectorAll('.bar title')].map(t => Number(t.textContent)))"
    assert page.evaluate(bars, "chart-q1") == [[1, 1]]
    # the matrix: a stacked bar per statement (price, then taste, bottom up), a part per scale value 1..5
    assert page.evaluate(bars, "chart-q5") == [[0, 0], [0, 0], [2, 0], [0, 0], [0, 2]]  # 5 for taste, 3 for price
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3 and "Нравится ли столовая?" in rows[0]
    column = rows[0].index("Почему нет?")
    assert sorted(r[column] for r in rows[1:]) == ["", "Дорого"]
    assert {r[0] for r in rows[1:]} == {user(app_db, "parent1").full_name, user(app_db, "parent2").full_name}
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert sheet.max_row == 3 and "Нравится ли столовая?" in [c.value for c in sheet[1]]


def _service_survey(app_db, raw: dict) -> int:
    staff = user(app_db, "staff1")
    survey = surveys.create(app_db, staff, raw)
    surveys.publish(app_db, staff, survey.id)
    app_db.commit()
    return survey.id


def _times() -> dict:
    now = utcnow()
    return {"opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=3)}


def test_an_anonymous_survey_keeps_no_link(page: Page, app_url, app_db):
    survey_id = _service_survey(app_db, {
        "title": "Анонимно", "audience": "parents", "anonymous": True, "class_ids": [class_id(app_db, "5А")],
        **_times(), "questions": [{"key": "mood", "kind": "scale", "text": "Настроение", "required": True}]})
    sign_in(page, app_url, "parent1", "parent1pass", f"/surveys/answer?id={survey_id}")
    pick(page, "mood", "2")
    page.locator("#survey-save").click()
    expect(page.locator("#draft-saved")).to_be_visible(timeout=15000)
    pick(page, "mood", "5")
    page.locator("#survey-submit").click()
    expect(page.locator("#survey-done")).to_be_visible(timeout=15000)
    app_db.expire_all()
    [participant] = app_db.exec(select(SurveyParticipant).where(SurveyParticipant.survey_id == survey_id)).all()
    [response] = app_db.exec(select(SurveyResponse).where(SurveyResponse.survey_id == survey_id)).all()
    assert participant.user_id == user(app_db, "parent1").id
    assert (response.user_id, response.student_id, response.started_at, response.submitted_at) == (None,) * 4
    assert response.answers == {"mood": 5} and response.id != participant.id and response.id > 2**32
    assert app_db.exec(select(SurveyDraft).where(SurveyDraft.survey_id == survey_id)).all() == []


def _road_test(app_db, minutes: int) -> int:
    return _service_survey(app_db, {
        "kind": "test", "title": "Тест", "audience": "parents", "class_ids": [class_id(app_db, "5А")], **_times(),
        "time_limit_minutes": minutes, "show_answers": True, "questions": [
            {"key": "light", "kind": "single", "text": "Сигнал?", "points": 2, "correct": "g", "required": True,
             "options": [{"key": "g", "text": "Зелёный"}, {"key": "r", "text": "Красный"}]},
            {"key": "seen", "kind": "multiple", "text": "Заметность?", "points": 3, "partial": True,
             "correct": ["a", "b", "c"], "options": [{"key": "a", "text": "Фликер"}, {"key": "b", "text": "Фонарик"},
                                                     {"key": "c", "text": "Жилет"}, {"key": "d", "text": "Чёрное"}]}]})


def test_a_test_is_scored_and_timed(page: Page, app_url, app_db):
    survey_id = _road_test(app_db, 10)
    sign_in(page, app_url, "parent1", "parent1pass", f"/surveys/answer?id={survey_id}")
    expect(page.locator("#survey-deadline")).to_be_visible(timeout=15000)
    pick(page, "light", "g")
    pick(page, "seen", "a")
    pick(page, "seen", "b")
    pick(page, "seen", "d")
    page.locator("#survey-submit").click()
    # 2 + 3 * (2 right - 1 wrong) / 3 = 3 of 5
    expect(page.locator("#survey-score")).to_have_text("3 / 5", timeout=15000)
    expect(page.locator(".survey-correct")).to_have_count(2)
    logout(page)

    late = _road_test(app_db, 5)
    sign_in(page, app_url, "parent2", "parent2pass", f"/surveys/answer?id={late}")
    pick(page, "light", "g")
    app_db.expire_all()
    draft = app_db.exec(select(SurveyDraft).where(SurveyDraft.survey_id == late)).one()
    draft.started_at -= dt.timedelta(minutes=6)  # the attempt began six minutes ago: past the limit
    app_db.add(draft)
    app_db.commit()
    page.locator("#survey-submit").click()
    expect(page.locator("#form-message")).to_be_visible(timeout=15000)
    app_db.expire_all()
    assert app_db.exec(select(SurveyResponse).where(SurveyResponse.survey_id == late)).all() == []
