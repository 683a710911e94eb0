"""Results for the owners only: tallies per question, no breakdown of fewer than 5 answers, exports,
reminders at most once a day; a constant number of statements."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from mrko_app.models import OutboxMessage
from mrko_app.services import surveys
from mrko_app.services.errors import Conflict, PermissionDenied
from tests.services import surveys_world
from tests.services.access_world import make_user
from tests.services.query_count import counting
from tests.services.surveys_world import NOW, every_kind, link, short_test

HEADINGS = {"respondent": "Участник", "child": "Ребёнок", "submitted": "Отправлено", "class": "Класс", "score": "Баллы"}


@pytest.fixture
def s(db):
    return surveys_world.build(db)


def _answered(db, s, raw, answers_by_parent):
    survey = surveys.create(db, s.w.staff, raw)
    surveys.publish(db, s.w.staff, survey.id)
    for parent, answers in answers_by_parent:
        surveys.open_form(db, parent, survey.id, now=NOW)
        surveys.submit(db, parent, survey.id, answers, now=NOW)
    return survey


def test_results_tally_every_question(s, db):
    survey = _answered(db, s, every_kind([s.w.class_5a.id]), [
        (s.w.parent, {"q_like": {"picks": ["no"]}, "q_why": "Невкусно", "q_rate": 2, "q_grid": {"taste": 1, "price": 5},
                      "q_money": 100, "q_meals": {"picks": ["o1"]}}),
        (s.w.parent2, {"q_like": {"picks": [], "other": "Иногда"}, "q_rate": 4, "q_meals": {"picks": ["o1", "o3"]},
                       "q_grid": {"taste": 5, "price": 5}, "q_money": 300, "q_dish": "Суп"}),
    ])
    with counting(db) as n:
        r = surveys.results(db, s.w.staff, survey.id)
    assert n[0] <= 7
    assert (r.responses, r.audience) == (2, 2)
    like, why, meals, rate, grid, money, day, dish = r.questions
    assert (like.labels, like.counts, like.texts) == (["Да", "Нет", "other"], [0, 1, 1], ["Иногда"])
    assert why.texts == ["Невкусно"]
    assert meals.counts == [2, 0, 1]
    assert (rate.counts, rate.mean) == ([0, 1, 0, 1, 0], 3.0)
    assert grid.matrix == [[1, 0, 0, 0, 1], [0, 0, 0, 0, 2]]
    assert (money.values, money.mean) == ([100.0, 300.0], 200.0)
    assert dish.texts == ["Суп"] and day.answers == 0
    assert r.classes == []  # 2 answers in 5А: too few for a breakdown
    with pytest.raises(PermissionDenied):
        surveys.results(db, s.w.staff, survey.id, s.w.class_5a.id)


def test_nobody_but_the_owners_sees_results(s, db):
    survey = _answered(db, s, every_kind([s.w.class_5a.id]), [])
    for user in (s.w.parent, s.w.teacher, s.w.other_staff, None):
        with pytest.raises(PermissionDenied):
            surveys.results(db, user, survey.id)
        with pytest.raises(PermissionDenied):
            surveys.export_table(db, user, survey.id, HEADINGS)
    own = surveys.create(db, s.w.teacher, every_kind([s.w.class_5a.id]))
    assert surveys.results(db, s.w.teacher, own.id).responses == 0  # the teacher who made it


def test_a_class_breakdown_needs_five_answers(s, db):
    parents = []
    for i in range(5):
        p = make_user(db, f"extra{i}", ("parent", None))
        link(db, p, s.w.masha if i % 2 else s.w.petya)
        parents.append((p, {"q_like": {"picks": ["yes"]}, "q_rate": 3}))
    parents.append((s.parent_5b, {"q_like": {"picks": ["no"]}, "q_rate": 1}))
    survey = _answered(db, s, every_kind([], anonymous=True), parents)
    r = surveys.results(db, s.w.staff, survey.id)
    assert r.classes == [(s.w.class_5a.id, "5А", 5)]  # 5Б has one answer: not offered
    only = surveys.results(db, s.w.staff, survey.id, s.w.class_5a.id)
    assert (only.responses, only.questions[0].counts) == (5, [5, 0, 0])
    with pytest.raises(PermissionDenied):
        surveys.results(db, s.w.staff, survey.id, s.class_5b.id)


def test_test_scores_and_exports(s, db):
    survey = _answered(db, s, short_test([s.w.class_5a.id]), [
        (s.w.parent, {"t1": {"picks": ["stop"]}, "t2": {"picks": ["r", "y", "g"]}, "t3": 3, "t4": "зебра"}),
        (s.w.parent2, {"t1": {"picks": ["go"]}, "t4": "переход"}),
    ])
    r = surveys.results(db, s.w.staff, survey.id)
    assert (r.scores, r.max_score) == ([0.0, 8.0], 8.0)
    title, rows = surveys.export_table(db, s.w.staff, survey.id, HEADINGS)
    data = surveys.to_csv(rows)
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0] == ["Участник", "Ребёнок", "Отправлено", "Класс", "Баллы", "Красный свет — это…",
                         "Что есть у светофора?", "Сколько сигналов у светофора?", "Как называется переход?"]
    by_name = {row[0]: row for row in parsed[1:]}
    assert by_name[s.w.parent.full_name][4:] == ["8", "стоп", "красный; жёлтый; зелёный", "3", "зебра"]
    assert by_name[s.w.parent2.full_name][4:] == ["0", "иди", "", "", "переход"]
    sheet = load_workbook(io.BytesIO(surveys.to_xlsx(rows, title))).active
    assert [c.value for c in sheet[1]][:2] == ["Участник", "Ребёнок"] and sheet.max_row == 3


def test_an_anonymous_export_has_no_names(s, db):
    survey = _answered(db, s, every_kind([s.w.class_5a.id], anonymous=True),
                       [(s.w.parent, {"q_like": {"picks": ["yes"]}, "q_rate": 5})])
    _title, rows = surveys.export_table(db, s.w.staff, survey.id, HEADINGS)
    assert rows[0][:2] == ["Класс", "Нравится ли ребёнку столовая?"]
    assert s.w.parent.full_name not in repr(rows)


def test_reminders_go_to_those_who_have_not_answered_once_a_day(s, db):
    survey = _answered(db, s, every_kind([]), [(s.w.parent, {"q_like": {"picks": ["yes"]}, "q_rate": 5})])
    assert surveys.remind(db, s.w.staff, survey.id, now=NOW) == 2
    sent = {m.recipient for m in db.exec(select(OutboxMessage)).all()}
    assert sent == {s.w.parent2.email, s.parent_5b.email}
    with pytest.raises(Conflict):
        surveys.remind(db, s.w.staff, survey.id, now=NOW + dt.timedelta(hours=23))
    assert surveys.remind(db, s.w.staff, survey.id, now=NOW + dt.timedelta(hours=25)) == 2
    with pytest.raises(PermissionDenied):
        surveys.remind(db, s.w.parent, survey.id, now=NOW + dt.timedelta(days=3))
