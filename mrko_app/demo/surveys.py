"""The demo school's surveys: a parents' satisfaction survey (anonymous, answered by most parents), a
class meeting poll in 5А, a short road-safety test for parents. Answers go through the services, as a
parent's would. Idempotent: a survey whose title is already there is left alone."""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import Session, col, select

from mrko_app.models import ParentChildLink, SchoolClass, Student, User
from mrko_app.models.base import utcnow
from mrko_app.models.surveys import Survey
from mrko_app.services import surveys

SATISFACTION = "Удовлетворённость родителей школой"
MEETING = "Родительское собрание 5А"
ROAD_TEST = "Тест для родителей: безопасная дорога в школу"
DEMO_PARENTS = ("parent1", "parent2", "parent3")  # left to answer themselves


def _satisfaction(now: dt.datetime) -> dict:
    return {
        "kind": "survey", "title": SATISFACTION, "audience": "parents", "anonymous": True,
        "intro": "Анонимный опрос: помогите нам сделать школу лучше.",
        "opens_at": now - dt.timedelta(days=10), "closes_at": now + dt.timedelta(days=30),
        "sections": [{"title": "Общее впечатление"}, {"title": "Подробнее"}],
        "questions": [
            {"key": "overall", "kind": "single", "text": "Насколько вы довольны школой в целом?", "required": True,
             "options": [{"key": "very", "text": "Очень доволен"}, {"key": "rather", "text": "Скорее доволен"},
                         {"key": "not", "text": "Скорее недоволен"}]},
            {"key": "why_not", "kind": "long", "text": "Что вас не устраивает?",
             "condition": {"question": "overall", "value": "not"}},
            {"key": "teaching", "kind": "scale", "text": "Качество преподавания", "min": 1, "max": 5,
             "min_label": "плохо", "max_label": "отлично", "required": True},
            {"key": "aspects", "kind": "matrix", "text": "Оцените стороны школьной жизни", "min": 1, "max": 5,
             "section": 1, "statements": [{"key": "safety", "text": "Безопасность"}, {"key": "food", "text": "Питание"},
                                          {"key": "contact", "text": "Общение с учителями"}]},
            {"key": "improve", "kind": "multiple", "text": "Что улучшить в первую очередь?", "section": 1,
             "max_picks": 2, "other": True,
             "options": [{"key": "food", "text": "Столовую"}, {"key": "clubs", "text": "Кружки"},
                         {"key": "homework", "text": "Объём домашних заданий"}]},
        ],
    }


def _meeting(now: dt.datetime, class_id: int) -> dict:
    return {
        "kind": "survey", "title": MEETING, "audience": "parents", "class_ids": [class_id],
        "intro": "Выберите удобное время собрания.", "opens_at": now - dt.timedelta(days=3),
        "closes_at": now + dt.timedelta(days=10),
        "questions": [
            {"key": "when", "kind": "single", "text": "Когда вам удобно?", "required": True,
             "options": [{"key": "tue", "text": "Вторник, 18:00"}, {"key": "thu", "text": "Четверг, 19:00"},
                         {"key": "sat", "text": "Суббота, 11:00"}]},
            {"key": "topics", "kind": "multiple", "text": "Что обсудить?",
             "options": [{"key": "trip", "text": "Экскурсия"}, {"key": "marks", "text": "Успеваемость"},
                         {"key": "uniform", "text": "Форма"}]},
        ],
    }


def _road_test(now: dt.datetime) -> dict:
    return {
        "kind": "test", "title": ROAD_TEST, "audience": "parents", "time_limit_minutes": 10, "show_answers": True,
        "intro": "Три вопроса, десять минут.", "opens_at": now - dt.timedelta(days=5),
        "closes_at": now + dt.timedelta(days=20),
        "questions": [
            {"key": "light", "kind": "single", "text": "На какой сигнал можно переходить?", "points": 1,
             "required": True, "correct": "green",
             "options": [{"key": "green", "text": "Зелёный"}, {"key": "yellow", "text": "Жёлтый"}]},
            {"key": "visible", "kind": "multiple", "text": "Что делает ребёнка заметным в темноте?", "points": 2,
             "partial": True, "correct": ["reflector", "light"],
             "options": [{"key": "reflector", "text": "Световозвращатель"}, {"key": "light", "text": "Фонарик"},
                         {"key": "dark", "text": "Тёмная куртка"}]},
            {"key": "age", "kind": "number", "text": "С какого возраста можно ездить на велосипеде по дороге?",
             "points": 1, "correct": 14, "min": 0, "max": 100},
        ],
    }


def _answers_satisfaction(rng: random.Random) -> dict:
    overall = rng.choices(["very", "rather", "not"], [45, 40, 15])[0]
    base = {"very": 5, "rather": 4, "not": 2}[overall]
    clip = lambda v: max(1, min(5, v))  # noqa: E731
    out = {"overall": {"picks": [overall]}, "teaching": clip(base + rng.choice([-1, 0, 0, 1])),
           "aspects": {"safety": clip(base + rng.choice([0, 0, 1])), "food": clip(base - rng.choice([1, 1, 2])),
                       "contact": clip(base + rng.choice([-1, 0]))},
           "improve": {"picks": rng.sample(["food", "clubs", "homework"], rng.choice([1, 2]))}}
    if overall == "not":
        out["why_not"] = rng.choice(["Много домашних заданий.", "Мало кружков.", "Невкусная еда в столовой."])
    return out


def load_demo_surveys(session: Session, school_id: int, *, seed: int = 2026) -> int:
    """Create the demo surveys that are not there yet, with their answers; how many were created."""
    have = set(session.exec(select(Survey.title).where(Survey.school_id == school_id)).all())
    staff = session.exec(select(User).where(User.login == "staff1")).first()
    teacher = session.exec(select(User).where(User.login == "teacher1")).first()
    class_5a = session.exec(select(SchoolClass).where(SchoolClass.school_id == school_id,
                                                      SchoolClass.name == "5А")).first()
    if staff is None or teacher is None or class_5a is None:
        return 0
    rng, now, created = random.Random(seed), utcnow().replace(second=0, microsecond=0), 0
    rows = session.exec(select(User, Student.class_id).join(ParentChildLink, ParentChildLink.parent_id == User.id)
                        .join(Student, Student.id == ParentChildLink.student_id)
                        .where(Student.school_id == school_id, Student.status == "studying",
                               col(User.login).not_in(DEMO_PARENTS)).order_by(User.id)).all()
    parents, seen = [], set()
    for user, class_id in rows:
        if user.id not in seen:
            seen.add(user.id)
            parents.append((user, class_id))

    def answer(survey, who, make):
        surveys.publish(session, staff, survey.id)
        for user, _class in who:
            at = now - dt.timedelta(minutes=rng.randrange(30, 60 * 24 * 3))
            surveys.open_form(session, user, survey.id, now=at)
            surveys.submit(session, user, survey.id, make(), now=at + dt.timedelta(minutes=rng.randrange(1, 8)))

    if SATISFACTION not in have:
        survey = surveys.create(session, staff, _satisfaction(now))
        answer(survey, [p for p in parents if rng.random() < 0.7], lambda: _answers_satisfaction(rng))
        created += 1
    if MEETING not in have:
        survey = surveys.create(session, teacher, _meeting(now, class_5a.id))
        answer(survey, [p for p in parents if p[1] == class_5a.id and rng.random() < 0.6], lambda: {
            "when": {"picks": [rng.choices(["tue", "thu", "sat"], [2, 5, 3])[0]]},
            "topics": {"picks": rng.sample(["trip", "marks", "uniform"], rng.choice([1, 2]))}})
        created += 1
    if ROAD_TEST not in have:
        survey = surveys.create(session, staff, _road_test(now))
        answer(survey, [p for p in parents if rng.random() < 0.3], lambda: {
            "light": {"picks": [rng.choices(["green", "yellow"], [9, 1])[0]]},
            "visible": {"picks": rng.choice([["reflector", "light"], ["reflector"], ["reflector", "dark"], ["light"]])},
            "age": rng.choice([14, 14, 14, 12, 16])})
        created += 1
    session.flush()
    return created
