"""Surveys and tests: the public API. Plain Python; every function takes a Session and the acting user,
checks access itself and returns records (records.py) or model rows, never display strings.

Building (staff; a teacher for their own classes): create, update, publish, close, duplicate,
description, owned. Answering: open_surveys, pending_count, open_form, save_draft, submit.
Results (owners only): results, export_table, to_csv, to_xlsx, remind."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from mrko_app.models import User
from mrko_app.models.surveys import Survey, SurveyResponse
from mrko_app.services.access import rules as access
from mrko_app.services.surveys import spec
from mrko_app.services.surveys.answering import open_form, open_surveys, pending_count, save_draft, submit
from mrko_app.services.surveys.audience import builder_school, is_owner
from mrko_app.services.surveys.building import close, create, description, duplicate, publish, update
from mrko_app.services.surveys.export import table as export_table
from mrko_app.services.surveys.export import to_csv, to_xlsx
from mrko_app.services.surveys.records import Outcome, Question, QuestionResult, Results, SurveyCard, SurveyForm
from mrko_app.services.surveys.reminders import remind
from mrko_app.services.surveys.results import MIN_GROUP, results


def can_build(db: Session, user: User | None) -> bool:
    try:
        builder_school(db, user)
        return True
    except Exception:  # PermissionDenied or not signed in
        return False


def owned(db: Session, user: User | None) -> list[SurveyCard]:
    """The surveys the user owns (staff: every survey of their school), newest first, with response counts."""
    access.require_user(user)
    schools = access.staff_school_ids(db, user)
    query = select(Survey).where((Survey.owner_id == user.id) | col(Survey.school_id).in_(sorted(schools)))
    surveys = db.exec(query.order_by(col(Survey.id).desc())).all()
    counts = dict(db.exec(select(SurveyResponse.survey_id, func.count()).where(
        col(SurveyResponse.survey_id).in_([s.id for s in surveys])).group_by(SurveyResponse.survey_id)).all())
    return [SurveyCard(s.id, s.title, s.kind, s.status, s.audience, s.anonymous, s.opens_at, s.closes_at,
                       responses=counts.get(s.id, 0)) for s in surveys]


__all__ = [
    "MIN_GROUP", "Outcome", "Question", "QuestionResult", "Results", "SurveyCard", "SurveyForm",
    "can_build", "close", "create", "description", "duplicate", "export_table", "is_owner", "open_form",
    "open_surveys", "owned", "pending_count", "publish", "remind", "results", "save_draft", "spec",
    "submit", "to_csv", "to_xlsx", "update",
]
