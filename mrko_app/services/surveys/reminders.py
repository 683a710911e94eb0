"""Reminders: an owner reminds those in the audience who have not answered, at most once a day."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from mrko_app.i18n import tr
from mrko_app.models import User
from mrko_app.models.base import utcnow
from mrko_app.models.surveys import SurveyParticipant
from mrko_app.services.errors import Conflict
from mrko_app.services.notify import messages as notifications
from mrko_app.services.surveys import audience

EVERY = dt.timedelta(days=1)


def remind(db: Session, user: User | None, survey_id, *, now: dt.datetime | None = None) -> int:
    """E-mail everyone who may still answer (the parents of a child not answered for); how many."""
    now = now or utcnow()
    survey = audience.owned_survey(db, user, survey_id)
    if survey.status != "published" or not survey.opens_at <= now < survey.closes_at:
        raise Conflict("surveys.error.not_open")
    if survey.reminded_at is not None and now - survey.reminded_at < EVERY:
        raise Conflict("surveys.error.reminded")
    keys = audience.audience_keys(db, survey)
    done = set(db.exec(select(SurveyParticipant.subject).where(SurveyParticipant.survey_id == survey.id)).all())
    wanted = sorted({uid for key, users in keys.items() if key not in done for uid in users})
    people = db.exec(select(User).where(col(User.id).in_(wanted), User.is_active == True)).all()  # noqa: E712
    for person in people:
        lang = person.language
        notifications.send(db, channel="email", recipient=person.email, user_id=person.id, now=now,
                           subject=tr("surveys.reminder.subject", lang, title=survey.title),
                           body=tr("surveys.reminder.body", lang, title=survey.title))
    survey.reminded_at = now
    db.add(survey)
    db.flush()
    return len(people)
