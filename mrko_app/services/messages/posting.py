"""Writing and reading messages. Every write: check (the links, mutes, blocks, the 10 minutes), do,
then announce to every member (services/changes: published only after the caller's commit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import (
    Conversation,
    ConversationMember,
    Message,
    MessageBlock,
    MessageMute,
    User,
)
from mrko_app.services import changes, clock, ids, markdown
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.messages import membership
from mrko_app.services.messages.membership import NOT_FOUND, Reader

BODY_MAX = 4000
EDIT_WINDOW = timedelta(minutes=10)
PAGE = 200  # the newest messages a conversation page shows


@dataclass(frozen=True)
class Receipt:
    user_id: int
    name: str


@dataclass(frozen=True)
class MessageView:
    id: int
    author_id: int
    author: str
    mine: bool
    body_html: str  # "" when deleted (or hidden from this reader)
    created_at: datetime
    edited: bool
    deleted: bool
    hidden: bool  # hidden by a moderator (this reader still sees it: author, moderator, staff)
    collapsed: bool  # written by a parent this reader blocked
    reply_to: int | None
    reply_excerpt: str
    editable: bool  # the author, within 10 minutes
    read_by: tuple[Receipt, ...]  # members (not the author) whose read position reached it
    attachments: tuple[tuple[str, str, str], ...]  # (signed address, file name, content type)


@dataclass(frozen=True)
class ConversationView:
    id: int
    kind: str
    can_post: bool
    read_only: bool  # a former member's history
    moderator: bool  # may hide and mute here (the group's class teacher, staff)
    members: tuple[Receipt, ...]
    messages: tuple[MessageView, ...]
    teacher_id: int | None  # a direct's teacher (their working hours)
    replies_allowed: bool
    role: str = ""  # the reader's: parent | teacher | moderator | former
    parent_ids: frozenset = frozenset()  # the members who are parents (a parent may write to them privately)


def announce_members(db: Session, conv: Conversation, members: dict[int, str] | None = None) -> dict[int, str]:
    members = membership.qualified(db, conv) if members is None else members
    changes.announce(db, *(changes.of_user(uid, "messages") for uid in sorted(members)))
    return members


def muted_until(db: Session, conv_id: int, user_id: int) -> datetime | None:
    now = clock.now()
    return db.exec(select(MessageMute.until).where(MessageMute.conversation_id == conv_id,
                                                   MessageMute.user_id == user_id, MessageMute.until > now)
                   .order_by(col(MessageMute.until).desc())).first()


def _clean_body(body) -> str:
    text = str(body or "")[:BODY_MAX + 1].strip() if isinstance(body, str) else ""
    if not text:
        raise ValidationError({"body": "messages.error.empty"})
    if len(text) > BODY_MAX:
        raise ValidationError({"body": "messages.error.too_long"}, limit=BODY_MAX)
    return text


def require_poster(db: Session, user: User, conversation_id) -> tuple[Reader, dict[int, str]]:
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    if not who.can_post:
        raise PermissionDenied("messages.error.read_only")
    if conv.kind == "channel" and who.role != "teacher" and not conv.replies_allowed:
        raise PermissionDenied("messages.error.no_replies")
    if muted_until(db, conv.id, user.id):
        raise PermissionDenied("messages.error.muted")
    members = who.members
    if conv.kind == "pair":
        from mrko_app.services.messages.conversations import blocked_between

        if blocked_between(db, conv.parent_id, conv.other_parent_id):
            raise PermissionDenied("messages.error.blocked")
    return who, members


def post(db: Session, user: User, conversation_id, body, reply_to=None, attachment_ids=()) -> Message:
    who, members = require_poster(db, user, conversation_id)
    conv = who.conversation
    text = _clean_body(body)
    reply_id = None
    if reply_to not in (None, "", 0):
        rid = ids.parse_id(reply_to)
        target = db.get(Message, rid) if rid else None
        if target is None or target.conversation_id != conv.id:
            raise NotFound(NOT_FOUND)
        reply_id = target.id
    membership.stamp_leavers(db, conv, members)  # before the message: nothing newer reaches a leaver
    message = Message(conversation_id=conv.id, author_id=user.id, body=text, body_html=markdown.render(text),
                      reply_to_id=reply_id, created_at=clock.now())
    db.add(message)
    db.flush()
    from mrko_app.services.messages import attachments

    attachments.attach_to(db, user, message, attachment_ids)
    conv.last_message_id = message.id
    db.add(conv)
    who.member.last_read_id, who.member.read_at = message.id, clock.now()
    db.add(who.member)
    announce_members(db, conv, members)
    from mrko_app.services.messages import telling

    telling.tell_members(db, conv, message, user, members)
    return message


def _own_recent(db: Session, user: User, message_id) -> tuple[Message, Reader]:
    mid = ids.parse_id(message_id)
    message = db.get(Message, mid) if mid else None
    if message is None:
        raise NotFound(NOT_FOUND)
    who = membership.reader(db, user, message.conversation_id)
    if message.author_id != user.id or message.deleted_at is not None:
        raise PermissionDenied()
    if clock.now() - message.created_at > EDIT_WINDOW:
        raise PermissionDenied("messages.error.too_late")
    if not who.can_post:
        raise PermissionDenied("messages.error.read_only")
    return message, who


def edit(db: Session, user: User, message_id, body) -> Message:
    message, who = _own_recent(db, user, message_id)
    text = _clean_body(body)
    message.body, message.body_html, message.edited_at = text, markdown.render(text), clock.now()
    db.add(message)
    announce_members(db, who.conversation, who.members)
    return message


def delete(db: Session, user: User, message_id) -> Message:
    """Delete for everyone: the text and attachments go, "deleted" stays in its place."""
    message, who = _own_recent(db, user, message_id)
    message.body, message.body_html, message.deleted_at = "", "", clock.now()
    db.add(message)
    from mrko_app.services.messages import attachments

    attachments.drop_of(db, message.id)
    announce_members(db, who.conversation, who.members)
    return message


def mark_read(db: Session, user: User, conversation_id, up_to=None) -> int:
    """Move the user's read position to `up_to` (or the newest message); never backwards. The others'
    receipts change, so they are told."""
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    newest = conv.last_message_id or 0
    target = ids.parse_id(up_to) or newest
    target = min(target, newest)
    if who.role == "former" or who.member is None or target <= who.member.last_read_id:
        return who.member.last_read_id if who.member else 0
    before = who.member.last_read_id
    who.member.last_read_id, who.member.read_at = target, clock.now()
    db.add(who.member)
    # told: the reader (their other tabs' counters) and the authors of what was just read (its receipts
    # changed); not every member, or a group message read in 25 open tabs would re-read 25 x 26 tabs
    authors = set(db.exec(select(Message.author_id).where(Message.conversation_id == conv.id, Message.id > before,
                                                          Message.id <= target)).all())
    changes.announce(db, *(changes.of_user(uid, "messages") for uid in sorted(authors | {user.id})))
    from mrko_app.services.messages import telling

    telling.read_up_to(db, user, conv.id, before, target)
    return target


def conversation(db: Session, user: User, conversation_id) -> ConversationView:
    """The conversation as this reader sees it: messages, receipts per member, what they may do."""
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    moderator = who.is_staff or who.role == "moderator"
    query = select(Message).where(Message.conversation_id == conv.id)
    if who.until is not None:
        query = query.where(Message.created_at < who.until)
    rows = list(reversed(db.exec(query.order_by(col(Message.id).desc()).limit(PAGE)).all()))
    members = who.members
    positions = {m.user_id: m.last_read_id for m in db.exec(select(ConversationMember).where(
        ConversationMember.conversation_id == conv.id)).all() if m.user_id in members}
    people_ids = set(members) | {m.author_id for m in rows}
    people = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(people_ids or [-1]))).all()}
    blocked = set(db.exec(select(MessageBlock.blocked_id).where(MessageBlock.blocker_id == user.id)).all())
    by_id = {m.id: m for m in rows}
    from mrko_app.services.messages import attachments

    files = attachments.for_reader(db, user.id, [m.id for m in rows if m.deleted_at is None])
    now = clock.now()
    views = []
    for m in rows:
        if m.hidden and not (moderator or m.author_id == user.id):
            continue
        parent = by_id.get(m.reply_to_id)
        excerpt = "" if parent is None or parent.deleted_at or (parent.hidden and not moderator) else parent.body[:80]
        readers = tuple(Receipt(uid, _name(people.get(uid))) for uid, pos in sorted(positions.items())
                        if uid != m.author_id and pos >= m.id)
        views.append(MessageView(
            m.id, m.author_id, _name(people.get(m.author_id)), m.author_id == user.id,
            "" if m.deleted_at else m.body_html, m.created_at, m.edited_at is not None, m.deleted_at is not None,
            m.hidden, m.author_id in blocked and conv.kind == "group", m.reply_to_id, excerpt,
            m.author_id == user.id and m.deleted_at is None and who.can_post and now - m.created_at <= EDIT_WINDOW,
            readers, files.get(m.id, ())))
    can_post = who.can_post and not (conv.kind == "channel" and who.role != "teacher" and not conv.replies_allowed) \
        and muted_until(db, conv.id, user.id) is None
    return ConversationView(conv.id, conv.kind, can_post, who.role == "former", moderator,
                            tuple(Receipt(uid, _name(people.get(uid))) for uid in sorted(members)),
                            tuple(views), conv.teacher_id if conv.kind == "direct" else None, conv.replies_allowed,
                            who.role, frozenset(uid for uid, role in members.items() if role == "parent"))


def body_for_editing(db: Session, user: User, message_id) -> str:
    """The Markdown source of the user's own message, while it may still be edited."""
    message, _who = _own_recent(db, user, message_id)
    return message.body


def _name(user: User | None) -> str:
    return f"{user.first_name} {user.surname}".strip() if user else ""
