"""Moderation: members report a message with a reason; the group's class teacher and the school's staff
see the reports, hide a message (its author and they still see it, marked) and mute a member for a time;
a parent blocks another parent (no private messages between them, the group collapses theirs). Every
action is written to the moderation log in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, or_, select

from mrko_app.models import (
    Conversation,
    Message,
    MessageBlock,
    MessageModeration,
    MessageMute,
    MessageReport,
    ParentChildLink,
    SchoolClass,
    Student,
    User,
    UserRole,
)
from mrko_app.services import changes, clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.messages import membership
from mrko_app.services.messages.membership import NOT_FOUND
from mrko_app.services.messages.posting import announce_members

REASON_MAX = 500
MUTE_MAX = timedelta(days=30)


@dataclass(frozen=True)
class Report:
    id: int
    message_id: int
    conversation_id: int
    author: str
    text: str
    reason: str
    reporter: str
    created_at: datetime
    hidden: bool


def _log(db: Session, actor: User, conv: Conversation | None, action: str, *, message_id=None, target=None,
         reason: str = "", school_id: int | None = None) -> None:
    db.add(MessageModeration(school_id=school_id or conv.school_id, actor_id=actor.id, action=action,
                             conversation_id=conv.id if conv else None, message_id=message_id,
                             target_user_id=target, reason=reason[:REASON_MAX]))


def _message(db: Session, message_id) -> Message:
    mid = ids.parse_id(message_id)
    message = db.get(Message, mid) if mid else None
    if message is None:
        raise NotFound(NOT_FOUND)
    return message


def _moderators(db: Session, conv: Conversation) -> set[int]:
    found = set(db.exec(select(UserRole.user_id).where(
        UserRole.role == "staff", UserRole.school_id == conv.school_id)).all())
    if conv.kind == "group":
        klass = db.get(SchoolClass, conv.class_id)
        if klass and klass.class_teacher_id:
            found.add(klass.class_teacher_id)
    return found


def _require_moderator(db: Session, user: User, conv: Conversation) -> None:
    if user.id not in _moderators(db, conv):
        raise PermissionDenied()


def report(db: Session, user: User, message_id, reason) -> MessageReport:
    message = _message(db, message_id)
    who = membership.reader(db, user, message.conversation_id)  # a non-member learns nothing
    text = str(reason or "").strip()[:REASON_MAX + 1] if isinstance(reason, str) else ""
    if not text:
        raise ValidationError({"reason": "messages.error.reason"})
    if len(text) > REASON_MAX:
        raise ValidationError({"reason": "messages.error.too_long"}, limit=REASON_MAX)
    if message.author_id == user.id or message.deleted_at is not None:
        raise PermissionDenied()
    found = db.exec(select(MessageReport).where(MessageReport.message_id == message.id,
                                                MessageReport.reporter_id == user.id)).first()
    if found is None:
        found = MessageReport(message_id=message.id, conversation_id=message.conversation_id, reporter_id=user.id,
                              reason=text)
        db.add(found)
        db.flush()
        _log(db, user, who.conversation, "report", message_id=message.id, target=message.author_id, reason=text)
        changes.announce(db, *(changes.of_user(uid, "messages") for uid in sorted(_moderators(db, who.conversation))))
    return found


def reports(db: Session, user: User) -> list[Report]:
    """Open reports the user moderates: their schools' (staff), their class groups' (class teacher)."""
    access.require_user(user)
    schools = access.staff_school_ids(db, user)
    led = select(SchoolClass.id).where(SchoolClass.class_teacher_id == user.id)
    rows = db.exec(select(MessageReport, Message, Conversation).join(Message, Message.id == MessageReport.message_id)
                   .join(Conversation, Conversation.id == MessageReport.conversation_id)
                   .where(col(MessageReport.resolved_at).is_(None), or_(
                       col(Conversation.school_id).in_(schools or {-1}),
                       (Conversation.kind == "group") & col(Conversation.class_id).in_(led)))
                   .order_by(MessageReport.id)).all()
    people = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(
        {r.reporter_id for r, _m, _c in rows} | {m.author_id for _r, m, _c in rows} or {-1}))).all()}

    def name(uid):
        return f"{people[uid].first_name} {people[uid].surname}" if uid in people else ""

    return [Report(r.id, m.id, c.id, name(m.author_id), m.body, r.reason, name(r.reporter_id), r.created_at, m.hidden)
            for r, m, c in rows]


def _resolve_reports(db: Session, user: User, message_id: int) -> None:
    for row in db.exec(select(MessageReport).where(MessageReport.message_id == message_id,
                                                   col(MessageReport.resolved_at).is_(None))).all():
        row.resolved_at, row.resolved_by = clock.now(), user.id
        db.add(row)


def set_hidden(db: Session, user: User, message_id, hidden: bool, reason: str = "") -> Message:
    access.require_user(user)
    message = _message(db, message_id)
    conv = db.get(Conversation, message.conversation_id)
    if user.id not in _moderators(db, conv):
        raise NotFound(NOT_FOUND)  # nothing about a conversation they do not moderate
    message.hidden = bool(hidden)
    db.add(message)
    _resolve_reports(db, user, message.id)
    _log(db, user, conv, "hide" if hidden else "unhide", message_id=message.id, target=message.author_id,
         reason=str(reason or "")[:REASON_MAX])
    announce_members(db, conv)
    changes.announce(db, *(changes.of_user(uid, "messages") for uid in sorted(_moderators(db, conv))))
    return message


def dismiss(db: Session, user: User, report_id) -> None:
    rid = ids.parse_id(report_id)
    row = db.get(MessageReport, rid) if rid else None
    conv = db.get(Conversation, row.conversation_id) if row else None
    if conv is None or user.id not in _moderators(db, conv):
        raise NotFound(NOT_FOUND)
    _resolve_reports(db, user, row.message_id)
    _log(db, user, conv, "dismiss", message_id=row.message_id)


def mute(db: Session, user: User, conversation_id, target_id, minutes) -> MessageMute:
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    _require_moderator(db, user, conv)
    tid = ids.require_id(target_id, NotFound)
    if tid not in membership.qualified(db, conv) or tid == user.id:
        raise NotFound(NOT_FOUND)
    span = timedelta(minutes=int(minutes)) if isinstance(minutes, int) and not isinstance(minutes, bool) else None
    if span is None or span <= timedelta() or span > MUTE_MAX:
        raise ValidationError({"minutes": "messages.error.mute_span"})
    row = MessageMute(conversation_id=conv.id, user_id=tid, until=clock.now() + span, muted_by=user.id)
    db.add(row)
    _log(db, user, conv, "mute", target=tid, reason=f"{int(minutes)} min")
    announce_members(db, conv)
    return row


def _shared_school(db: Session, a: int, b: int) -> int | None:
    """A school where both parents have a child in one class (the only parents one may block)."""
    from mrko_app.services.messages.membership import class_parents

    rows = db.exec(select(Student.class_id, Student.school_id).join(
        ParentChildLink, ParentChildLink.student_id == Student.id).where(
        ParentChildLink.parent_id == a)).all()
    for class_id, school_id in rows:
        if class_id and b in class_parents(db, class_id):
            return school_id
    return None


def block(db: Session, user: User, other_id) -> None:
    access.require_role(db, user, "parent")
    oid = ids.require_id(other_id, NotFound)
    school_id = _shared_school(db, user.id, oid)
    if school_id is None or oid == user.id:
        raise NotFound(NOT_FOUND)
    if db.exec(select(MessageBlock).where(MessageBlock.blocker_id == user.id, MessageBlock.blocked_id == oid)).first():
        return
    db.add(MessageBlock(blocker_id=user.id, blocked_id=oid))
    _log(db, user, None, "block", target=oid, school_id=school_id)
    changes.announce(db, changes.of_user(user.id, "messages"))


def unblock(db: Session, user: User, other_id) -> None:
    access.require_user(user)
    oid = ids.require_id(other_id, NotFound)
    row = db.exec(select(MessageBlock).where(MessageBlock.blocker_id == user.id, MessageBlock.blocked_id == oid)).first()
    if row is None:
        return
    school_id = _shared_school(db, user.id, oid)
    db.delete(row)
    if school_id is not None:
        _log(db, user, None, "unblock", target=oid, school_id=school_id)
    changes.announce(db, changes.of_user(user.id, "messages"))


def blocked_ids(db: Session, user: User) -> set[int]:
    return set(db.exec(select(MessageBlock.blocked_id).where(MessageBlock.blocker_id == user.id)).all())


def log(db: Session, user: User, school_id) -> list[MessageModeration]:
    """The school's moderation log (its staff)."""
    sid = ids.require_id(school_id, PermissionDenied)
    access.require_staff(db, user, sid)
    return list(db.exec(select(MessageModeration).where(MessageModeration.school_id == sid)
                        .order_by(col(MessageModeration.id).desc()).limit(500)).all())


def unmute(db: Session, user: User, conversation_id, target_id) -> None:
    """Lift a member's mute early (a moderator of the conversation); logged like the mute."""
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    _require_moderator(db, user, conv)
    tid = ids.require_id(target_id, NotFound)
    now = clock.now()
    rows = db.exec(select(MessageMute).where(MessageMute.conversation_id == conv.id, MessageMute.user_id == tid,
                                             MessageMute.until > now)).all()
    if not rows:
        return
    for row in rows:
        row.until = now
        db.add(row)
    _log(db, user, conv, "unmute", target=tid)
    announce_members(db, conv)


def _names(db: Session, user_ids) -> dict[int, str]:
    wanted = set(user_ids) - {None}
    return {u.id: f"{u.first_name} {u.surname}" for u in db.exec(select(User).where(col(User.id).in_(wanted or {-1}))).all()}


def muted(db: Session, user: User, conversation_id) -> list[tuple[int, str, datetime]]:
    """(member id, name, until) of the members muted now; empty for anyone not moderating here."""
    conv = membership.reader(db, user, conversation_id).conversation
    if user.id not in _moderators(db, conv):
        return []
    until: dict[int, datetime] = {}
    for row in db.exec(select(MessageMute).where(MessageMute.conversation_id == conv.id,
                                                 MessageMute.until > clock.now())).all():
        until[row.user_id] = max(row.until, until.get(row.user_id, row.until))
    names = _names(db, until)
    return [(uid, names.get(uid, ""), at) for uid, at in sorted(until.items())]


def blocked(db: Session, user: User) -> list[tuple[int, str]]:
    """(parent id, name) of the parents the user blocked."""
    access.require_user(user)
    names = _names(db, blocked_ids(db, user))
    return sorted(names.items(), key=lambda x: x[1])


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    action: str
    target: str
    reason: str
    conversation_id: int | None


def moderation_log(db: Session, user: User, limit: int = 100) -> list[Entry]:
    """Who did what, when: the user's schools' log (staff), their class groups' (class teacher)."""
    access.require_user(user)
    schools = access.staff_school_ids(db, user)
    led = select(Conversation.id).where(Conversation.kind == "group", col(Conversation.class_id).in_(
        select(SchoolClass.id).where(SchoolClass.class_teacher_id == user.id)))
    rows = db.exec(select(MessageModeration).where(or_(
        col(MessageModeration.school_id).in_(schools or {-1}), col(MessageModeration.conversation_id).in_(led)))
        .order_by(col(MessageModeration.id).desc()).limit(limit)).all()
    names = _names(db, {r.actor_id for r in rows} | {r.target_user_id for r in rows})
    return [Entry(r.at, names.get(r.actor_id, ""), r.action, names.get(r.target_user_id, ""), r.reason,
                  r.conversation_id) for r in rows]
