"""Answering: the surveys open to someone, the form with their draft, saving a draft, submitting once.

Anonymous but once: on submit, a `SurveyParticipant` row says that the subject took part and a
`SurveyResponse` row holds the answers, with a random id, no user, no student, no timestamps; the
draft (the only row that held both) is deleted."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mrko_app.models import User
from mrko_app.models.base import utcnow
from mrko_app.models.surveys import Survey, SurveyDraft, SurveyParticipant, SurveyQuestion, SurveyResponse
from mrko_app.services import ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.surveys import answers as checks
from mrko_app.services.surveys import audience
from mrko_app.services.surveys.records import Outcome, Question, SurveyCard, SurveyForm

GRACE = dt.timedelta(seconds=30)  # a test's time limit allows for the round trip of the last click
HIDDEN = ("correct", "points", "partial")


def questions_of(db: Session, survey_id: int, *, for_owner: bool = False) -> list[Question]:
    rows = db.exec(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey_id)
                   .order_by(SurveyQuestion.position)).all()
    return [Question(q.key, q.kind, q.text, q.required, q.section,
                     dict(q.config) if for_owner else {k: v for k, v in q.config.items() if k not in HIDDEN},
                     q.condition) for q in rows]


def _is_open(survey: Survey, now: dt.datetime) -> bool:
    return survey.status == "published" and survey.opens_at <= now < survey.closes_at


def _open_survey(db: Session, survey_id, now: dt.datetime) -> Survey:
    survey = db.get(Survey, ids.require_id(survey_id))
    if survey is None or survey.status == "draft":
        raise PermissionDenied()
    if not _is_open(survey, now):
        raise Conflict("surveys.error.not_open")
    return survey


def open_surveys(db: Session, user: User | None, *, now: dt.datetime | None = None) -> list[SurveyCard]:
    """The published surveys open now whose audience includes the user (one card per child for the
    children audience), with whether each was answered or has a draft. At most eight statements,
    whatever the number of surveys (it runs on every page load, for the badge)."""
    access.require_user(user)
    now = now or utcnow()
    who = audience.participant(db, user)
    schools = {s.school_id for s in who.kids} | set(who.schools)
    if not schools:
        return []
    surveys = db.exec(select(Survey).where(Survey.status == "published", col(Survey.school_id).in_(sorted(schools)),
                                           Survey.opens_at <= now, Survey.closes_at > now)
                      .order_by(Survey.closes_at, Survey.id)).all()
    wanted = [(survey, audience.subjects_in(who, user, survey)) for survey in surveys]
    wanted = [(survey, subjects) for survey, subjects in wanted if subjects]
    if not wanted:
        return []
    ids = [survey.id for survey, _s in wanted]
    keys = sorted({s.key for _survey, subjects in wanted for s in subjects})
    done = set(db.exec(select(SurveyParticipant.survey_id, SurveyParticipant.subject).where(
        col(SurveyParticipant.survey_id).in_(ids), col(SurveyParticipant.subject).in_(keys))).all())
    drafts = set(db.exec(select(SurveyDraft.survey_id, SurveyDraft.subject).where(
        col(SurveyDraft.survey_id).in_(ids), col(SurveyDraft.subject).in_(keys))).all())
    names = {s.id: s.first_name for s in who.kids}
    return [SurveyCard(survey.id, survey.title, survey.kind, survey.status, survey.audience, survey.anonymous,
                       survey.opens_at, survey.closes_at, s.student_id, names.get(s.student_id, ""),
                       (survey.id, s.key) in done, (survey.id, s.key) in drafts)
            for survey, subjects in wanted for s in subjects]


def pending_count(db: Session, user: User | None, *, now: dt.datetime | None = None) -> int:
    """How many open surveys wait for the user's answer (the badge in the navigation)."""
    return sum(1 for c in open_surveys(db, user, now=now) if not c.answered)


def _draft(db: Session, survey: Survey, subject: str) -> SurveyDraft | None:
    return db.exec(select(SurveyDraft).where(SurveyDraft.survey_id == survey.id,
                                             SurveyDraft.subject == subject)).first()


def _refuse_second(db: Session, survey: Survey, subject: str) -> None:
    if db.exec(select(SurveyParticipant.id).where(SurveyParticipant.survey_id == survey.id,
                                                  SurveyParticipant.subject == subject)).first() is not None:
        raise Conflict("surveys.error.already")


def _deadline(survey: Survey, draft: SurveyDraft | None) -> dt.datetime | None:
    if survey.kind != "test" or not survey.time_limit_minutes or draft is None:
        return None
    return draft.started_at + dt.timedelta(minutes=survey.time_limit_minutes)


def open_form(db: Session, user: User | None, survey_id, student_id=None, *,
              now: dt.datetime | None = None) -> SurveyForm:
    """The form to answer, with the draft. Opening a test starts its attempt (started_at is kept)."""
    access.require_user(user)
    now = now or utcnow()
    survey = _open_survey(db, survey_id, now)
    subject = audience.subject_for(db, user, survey, student_id)
    _refuse_second(db, survey, subject.key)
    draft = _draft(db, survey, subject.key)
    if draft is None and survey.kind == "test":
        draft = SurveyDraft(survey_id=survey.id, subject=subject.key, user_id=user.id, answers={},
                            started_at=now, updated_at=now)
        db.add(draft)
        db.flush()
    return SurveyForm(survey.id, survey.title, survey.intro, survey.kind, survey.anonymous, survey.closes_at,
                      list(survey.sections), questions_of(db, survey.id), dict(draft.answers) if draft else {},
                      subject.student_id, _deadline(survey, draft))


def save_draft(db: Session, user: User | None, survey_id, raw, student_id=None, *,
               now: dt.datetime | None = None) -> dict:
    """Keep the well-formed answers for later (a bad one is reported, the rest kept); returns them."""
    access.require_user(user)
    now = now or utcnow()
    survey = _open_survey(db, survey_id, now)
    subject = audience.subject_for(db, user, survey, student_id)
    _refuse_second(db, survey, subject.key)
    kept, errors = checks.clean(questions_of(db, survey.id), list(survey.sections), raw, final=False)
    draft = _draft(db, survey, subject.key) or SurveyDraft(survey_id=survey.id, subject=subject.key,
                                                           user_id=user.id, started_at=now)
    draft.answers, draft.updated_at = kept, now
    db.add(draft)
    db.flush()
    if errors:
        raise ValidationError(errors)
    return kept


def submit(db: Session, user: User | None, survey_id, raw, student_id=None, *,
           now: dt.datetime | None = None) -> Outcome:
    """Check every answer, refuse a second submission and a test past its time limit, store."""
    access.require_user(user)
    now = now or utcnow()
    survey = _open_survey(db, survey_id, now)
    subject = audience.subject_for(db, user, survey, student_id)
    _refuse_second(db, survey, subject.key)
    questions = questions_of(db, survey.id, for_owner=True)
    kept, errors = checks.clean(questions, list(survey.sections), raw, final=True)
    if errors:
        raise ValidationError(errors)
    draft = _draft(db, survey, subject.key)
    deadline = _deadline(survey, draft)
    if survey.kind == "test" and survey.time_limit_minutes and (draft is None or now > deadline + GRACE):
        raise Conflict("surveys.error.time_up")
    outcome = Outcome()
    response = SurveyResponse(id=secrets.randbits(62) + 1, survey_id=survey.id, class_id=subject.class_id,
                              answers=kept)
    if survey.kind == "test":
        score, maximum, points = checks.score(questions, kept)
        response.score, response.max_score = score, maximum
        correct = {q.key: q.config["correct"] for q in questions if "correct" in q.config} if survey.show_answers else {}
        outcome = Outcome(score, maximum, points, correct)
    if not survey.anonymous:
        response.user_id, response.student_id, response.submitted_at = user.id, subject.student_id, now
        response.started_at = draft.started_at if draft else None
    if draft is not None:
        db.delete(draft)
    db.add(SurveyParticipant(survey_id=survey.id, subject=subject.key, user_id=user.id))
    try:
        db.flush()
    except IntegrityError:
        raise Conflict("surveys.error.already") from None  # two tabs at once: the unique key decides
    db.add(response)
    db.flush()
    return outcome
