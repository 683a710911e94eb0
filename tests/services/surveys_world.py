"""A school for the surveys tests: 5А (two parents of Маша and Петя, a teacher of 5А) and 5Б (another
parent), staff; and a description with every question type and a condition (shared with the e2e tests)."""

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from mrko_app.models import ParentChildLink, SchoolClass, Student, TeachingAssignment, User
from mrko_app.models.school import Subject
from tests.services.access_world import World, make_user, make_world

NOW = dt.datetime(2026, 11, 25, 9, 0)


@dataclass
class SurveyWorld:
    w: World
    class_5b: SchoolClass
    vova: Student
    parent_5b: User


def link(db: Session, parent: User, student: Student) -> None:
    db.add(ParentChildLink(parent_id=parent.id, student_id=student.id, page_name=student.first_name,
                           start_date=dt.date(2025, 9, 1)))
    db.flush()


def build(db: Session) -> SurveyWorld:
    w = make_world(db)
    class_5b = SchoolClass(school_id=w.school.id, year_id=w.class_5a.year_id, grade=5, letter="Б", name="5Б")
    db.add(class_5b)
    db.flush()
    vova = Student(school_id=w.school.id, class_id=class_5b.id, surname="Волков", first_name="Владимир",
                   birth_date=dt.date(2014, 5, 5))
    db.add(vova)
    db.flush()
    parent_5b = make_user(db, "parent_c", ("parent", None))
    link(db, w.parent, w.masha)
    link(db, w.parent2, w.petya)
    link(db, parent_5b, vova)
    subject = Subject(school_id=w.school.id, name_en="Maths", name_ru="Математика")
    db.add(subject)
    db.flush()
    db.add(TeachingAssignment(class_id=w.class_5a.id, subject_id=subject.id, teacher_id=w.teacher.id))
    db.flush()
    return SurveyWorld(w, class_5b, vova, parent_5b)


def every_kind(class_ids: list[int], *, anonymous: bool = False, opens: dt.datetime = NOW - dt.timedelta(days=1),
               closes: dt.datetime = NOW + dt.timedelta(days=7)) -> dict:
    """A two-page survey with every question type; q_why shows only when q_like is "no"."""
    return {
        "kind": "survey", "title": "Школьная столовая", "intro": "Расскажите о столовой.", "audience": "parents",
        "class_ids": class_ids, "opens_at": opens, "closes_at": closes, "anonymous": anonymous,
        "sections": [{"title": "Общее"}, {"title": "Подробности"}],
        "questions": [
            {"key": "q_like", "kind": "single", "text": "Нравится ли ребёнку столовая?", "required": True,
             "options": [{"key": "yes", "text": "Да"}, {"key": "no", "text": "Нет"}], "other": True},
            {"key": "q_why", "kind": "long", "text": "Почему нет?", "condition": {"question": "q_like", "value": "no"}},
            {"key": "q_meals", "kind": "multiple", "text": "Что он ест?", "min_picks": 1, "max_picks": 2,
             "options": ["Завтрак", "Обед", "Полдник"]},
            {"key": "q_rate", "kind": "scale", "text": "Оценка", "min": 1, "max": 5, "min_label": "плохо",
             "max_label": "отлично", "required": True},
            {"key": "q_grid", "kind": "matrix", "text": "Оцените", "min": 1, "max": 5, "section": 1,
             "statements": [{"key": "taste", "text": "Вкус"}, {"key": "price", "text": "Цена"}]},
            {"key": "q_money", "kind": "number", "text": "Сколько рублей в день?", "min": 0, "max": 1000, "section": 1},
            {"key": "q_day", "kind": "date", "text": "Когда ели последний раз?", "section": 1},
            {"key": "q_dish", "kind": "short", "text": "Любимое блюдо", "section": 1},
        ],
    }


def short_test(class_ids: list[int], *, minutes: int | None = 10) -> dict:
    return {
        "kind": "test", "title": "Правила дорожного движения", "audience": "parents", "class_ids": class_ids,
        "opens_at": NOW - dt.timedelta(days=1), "closes_at": NOW + dt.timedelta(days=7),
        "time_limit_minutes": minutes, "show_answers": True,
        "questions": [
            {"key": "t1", "kind": "single", "text": "Красный свет — это…", "required": True, "points": 2,
             "options": [{"key": "stop", "text": "стоп"}, {"key": "go", "text": "иди"}], "correct": "stop"},
            {"key": "t2", "kind": "multiple", "text": "Что есть у светофора?", "points": 4, "partial": True,
             "options": [{"key": "r", "text": "красный"}, {"key": "y", "text": "жёлтый"},
                         {"key": "g", "text": "зелёный"}, {"key": "b", "text": "синий"}], "correct": ["r", "y", "g"]},
            {"key": "t3", "kind": "number", "text": "Сколько сигналов у светофора?", "points": 1, "correct": 3},
            {"key": "t4", "kind": "short", "text": "Как называется переход?", "points": 1, "correct": ["зебра"]},
        ],
    }
