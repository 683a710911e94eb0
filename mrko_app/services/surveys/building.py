"""Building surveys: create and edit (a whole description at once, see spec.py), publish, close, duplicate.

A published survey keeps its answers meaningful: texts may change and questions and options may be
added, but a question that has answers cannot be removed or change kind, an answered option cannot be
removed, and a test's correct answers and points stay as they were once someone has answered."""

from __future__ import annotations

from sqlmodel import Session, col, delete, select

from mrko_app import routes
from mrko_app.i18n import tr
from mrko_app.models import User
from mrko_app.models.base import utcnow
from mrko_app.models.surveys import Survey, SurveyQuestion, SurveyResponse
from mrko_app.services import clock
from mrko_app.services.errors import Conflict, ValidationError
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.surveys import audience, spec

SCORING = ("correct", "points", "partial", "min", "max")


def _checked(db: Session, user: User | None, raw) -> tuple[int, dict, list[dict]]:
    school_id, allowed = audience.builder_school(db, user)
    classes = set(audience.school_classes(db, school_id))
    fields, questions, errors = spec.survey(raw, school_classes=classes if allowed is None else classes & allowed,
                                            zone=clock.zone_of(db, school_id))  # the form's times are the school's
    if allowed is not None and not fields["class_ids"] and "class_ids" not in errors:
        errors["class_ids"] = "surveys.error.own_classes"  # a teacher addresses their own classes only
    if errors:
        raise ValidationError(errors, max_questions=spec.MAX_QUESTIONS, max_options=spec.MAX_OPTIONS)
    return school_id, fields, questions


def _question_rows(survey_id: int, questions: list[dict]) -> list[SurveyQuestion]:
    rows = []
    for position, q in enumerate(questions):
        config = {k: v for k, v in q.items() if k not in ("key", "kind", "text", "required", "section", "condition")}
        rows.append(SurveyQuestion(survey_id=survey_id, key=q["key"], position=position, section=q["section"],
                                   kind=q["kind"], text=q["text"], required=q["required"], config=config,
                                   condition=q["condition"]))
    return rows


def create(db: Session, user: User | None, raw) -> Survey:
    """A new draft from a description; ValidationError names each bad field."""
    school_id, fields, questions = _checked(db, user, raw)
    survey = Survey(school_id=school_id, owner_id=user.id, status="draft", **fields)
    db.add(survey)
    db.flush()
    db.add_all(_question_rows(survey.id, questions))
    db.flush()
    return survey


def _answered(db: Session, survey_id: int) -> tuple[set[str], dict[str, set]]:
    """Question keys with answers, and the option/statement keys answered per question."""
    keys: set[str] = set()
    used: dict[str, set] = {}
    for answers in db.exec(select(SurveyResponse.answers).where(SurveyResponse.survey_id == survey_id)).all():
        for key, value in answers.items():
            keys.add(key)
            if isinstance(value, dict):
                used.setdefault(key, set()).update(value.get("picks", []) if "picks" in value else value.keys())
    return keys, used


def _check_compatible(db: Session, survey: Survey, old: list[SurveyQuestion], new: list[dict]) -> None:
    answered, used = _answered(db, survey.id)
    by_key = {q["key"]: q for q in new}
    errors: dict[str, str] = {}
    for i, q in enumerate(old):
        if q.key not in answered:
            continue
        field = f"q{i + 1}"
        fresh = by_key.get(q.key)
        if fresh is None:
            errors[field] = "surveys.error.answered_question"
            continue
        if fresh["kind"] != q.kind:
            errors[f"{field}.kind"] = "surveys.error.answered_kind"
        items = fresh.get("options", []) + fresh.get("statements", [])
        if used.get(q.key, set()) - {o["key"] for o in items}:
            errors[f"{field}.options"] = "surveys.error.answered_option"
        if any(fresh.get(k) != q.config.get(k) for k in SCORING if k in q.config or k in fresh):
            errors[f"{field}.correct"] = "surveys.error.answered_scoring"
    if errors:
        raise ValidationError(errors)


def update(db: Session, user: User | None, survey_id, raw) -> Survey:
    survey = audience.owned_survey(db, user, survey_id)
    if survey.status == "closed":
        raise Conflict("surveys.error.closed")
    _school, fields, questions = _checked(db, user, raw)
    old = list(db.exec(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id)
                       .order_by(SurveyQuestion.position)).all())
    if survey.status == "published":
        _check_compatible(db, survey, old, questions)
        if fields["anonymous"] != survey.anonymous or fields["kind"] != survey.kind:
            raise ValidationError({"anonymous": "surveys.error.published_mode"})
    for name, value in fields.items():
        setattr(survey, name, value)
    db.add(survey)
    db.exec(delete(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id))
    db.flush()
    db.add_all(_question_rows(survey.id, questions))
    db.flush()
    return survey


def publish(db: Session, user: User | None, survey_id) -> Survey:
    survey = audience.owned_survey(db, user, survey_id)
    if survey.status != "draft":
        raise Conflict("surveys.error.not_draft")
    survey.status = "published"
    db.add(survey)
    db.flush()
    invited = {uid for users in audience.audience_keys(db, survey).values() for uid in users} - {user.id}
    # an invitation, shown from when it opens
    inbox.notify(db, invited, "surveys", title=lambda lang: tr("inbox.surveys.invited", lang, title=survey.title),
                 body=" ".join(survey.intro.split())[:300],
                 link=f"{routes.SURVEY_ANSWER}?id={survey.id}", key=f"survey:{survey.id}", shown_at=survey.opens_at)
    return survey


def close(db: Session, user: User | None, survey_id) -> Survey:
    survey = audience.owned_survey(db, user, survey_id)
    if survey.status != "closed":
        survey.status = "closed"
        survey.closes_at = min(survey.closes_at, utcnow())
        db.add(survey)
        db.flush()
    return survey


def duplicate(db: Session, user: User | None, survey_id) -> Survey:
    """A new draft with the same description, owned by the one who copies it."""
    source = audience.owned_survey(db, user, survey_id)
    copy = Survey(**source.model_dump(exclude={"id", "status", "reminded_at", "created_at", "owner_id"}),
                  owner_id=user.id, status="draft")
    db.add(copy)
    db.flush()
    rows = db.exec(select(SurveyQuestion).where(SurveyQuestion.survey_id == source.id)
                   .order_by(SurveyQuestion.position)).all()
    db.add_all([SurveyQuestion(**q.model_dump(exclude={"id", "survey_id"}), survey_id=copy.id) for q in rows])
    db.flush()
    return copy


def description(db: Session, user: User | None, survey_id) -> dict:
    """The survey as the description `create` and `update` take (for the editor), with UTC times."""
    survey = audience.owned_survey(db, user, survey_id)
    rows = db.exec(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id)
                   .order_by(col(SurveyQuestion.position))).all()
    fields = survey.model_dump(include={"kind", "title", "intro", "audience", "class_ids", "opens_at", "closes_at",
                                        "anonymous", "time_limit_minutes", "show_answers", "sections", "status"})
    fields["questions"] = [{"key": q.key, "kind": q.kind, "text": q.text, "required": q.required,
                            "section": q.section, "condition": q.condition, **q.config} for q in rows]
    return fields
