"""A cheap version of what the layout shows about the signed-in user on every page (roles, children,
unread notifications of the centre: the bell, the open-surveys badge), so that a navigation does not recompute it.

`version(db, user)` is ONE statement of scalar subqueries, each over an index of the user's own rows:
the roles, the parent's links (and whether the children still study), the unread notifications (the count
itself), the survey answers given by the user or for their children to surveys open now, and the
newest published survey. `AuthState.load_page` recomputes the header (about ten statements) only when
the version or the user changed, or after HEADER_TTL seconds (surveys open and close with the clock,
which no row records). The push signal of item 1 (services/changes) may later drop the cached header
instead of this check.
"""

from __future__ import annotations

from sqlalchemy import String, bindparam, cast, func, literal, or_
from sqlmodel import Session, col, select

from mrko_app.models import Conversation, ConversationMember, Notification, ParentChildLink, Student, User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.models.surveys import Survey, SurveyParticipant
from mrko_app.services import clock
from mrko_app.services.columns import run


def version(db: Session, user: User) -> tuple:
    """A tuple that changes whenever the header of `user` may show something else."""
    row = run(db, _VERSION, {"user_id": user.id, "now": utcnow(), "shown_by": clock.now(),
                             "subject": f"u:{user.id}"}).one()
    return tuple(row)


def _version_statement():
    """Built once, its values bound per call: building eleven subqueries cost more than running them."""
    user_id, now = bindparam("user_id"), bindparam("now")
    links = select(ParentChildLink.student_id).where(ParentChildLink.parent_id == user_id)
    kid_subjects = select(literal("s:") + cast(ParentChildLink.student_id, String)) \
        .where(ParentChildLink.parent_id == user_id)
    open_surveys = select(Survey.id).where(Survey.status == "published", Survey.opens_at <= now,
                                           Survey.closes_at > now)
    columns = [
        select(func.count(UserRole.id) + func.coalesce(func.max(UserRole.id), 0) * 1000)
        .where(UserRole.user_id == user_id),
        select(func.count(ParentChildLink.id)).where(ParentChildLink.parent_id == user_id),
        select(func.max(ParentChildLink.id)).where(ParentChildLink.parent_id == user_id),
        select(func.max(ParentChildLink.end_date)).where(ParentChildLink.parent_id == user_id),
        select(func.sum(func.length(ParentChildLink.page_name))).where(ParentChildLink.parent_id == user_id),
        select(func.count(Student.id)).where(col(Student.id).in_(links), Student.status == "studying"),
        select(func.count(Notification.id)).where(  # the bell: the centre's unread, shown by now
            Notification.user_id == user_id, col(Notification.read_at).is_(None),
            Notification.shown_at <= bindparam("shown_by")),
        select(func.count(SurveyParticipant.id)).where(
            col(SurveyParticipant.survey_id).in_(open_surveys),
            or_(SurveyParticipant.subject == bindparam("subject"), col(SurveyParticipant.subject).in_(kid_subjects))),
        select(func.max(Survey.id)).where(Survey.status == "published"),
        # messages: the newest message of the user's conversations and how far they have read (a new
        # message moves the counter live through the push; this catches a tab that missed it)
        select(func.max(Conversation.last_message_id)).where(col(Conversation.id).in_(
            select(ConversationMember.conversation_id).where(ConversationMember.user_id == user_id))),
        select(func.sum(ConversationMember.last_read_id)).where(ConversationMember.user_id == user_id),
    ]
    return select(*(c.scalar_subquery() for c in columns))


_VERSION = _version_statement()
