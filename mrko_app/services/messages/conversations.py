"""Opening and listing conversations. Opening finds the one conversation of its key or creates it (the
unique key decides a race of two first clicks); every opening checks the links first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, or_, select

from mrko_app.models import (
    Conversation,
    ConversationMember,
    Message,
    MessageBlock,
    MessagingSettings,
    SchoolClass,
    Student,
    Subject,
    TeachingAssignment,
    User,
)
from mrko_app.services import clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.messages import membership
from mrko_app.services.messages.membership import NOT_FOUND

TITLE_MAX = 120


@dataclass(frozen=True)
class Teacher:
    """A teacher a parent may write to about a child."""

    student_id: int
    child: str  # the parent's page name of the child
    teacher_id: int
    name: str
    subjects: tuple[str, ...]  # Russian and English names joined by the view; here the ru/en pairs
    class_teacher: bool


@dataclass(frozen=True)
class Summary:
    id: int
    kind: str
    title: str  # the other side's name, the class, or the channel's title
    child: str  # the child a direct is about ("" for the others)
    unread: int
    last_at: datetime | None
    last_text: str
    read_only: bool


def display_name(user: User) -> str:
    return f"{user.first_name} {user.surname}".strip()


def _create(db: Session, key: str, **fields) -> Conversation:
    found = db.exec(select(Conversation).where(Conversation.key == key)).first()
    if found is not None:
        return found
    conv = Conversation(key=key, **fields)
    try:
        with db.begin_nested():
            db.add(conv)
            db.flush()
    except IntegrityError:  # someone else opened it a moment ago
        conv = db.exec(select(Conversation).where(Conversation.key == key)).one()
    return conv


def teachers_of_children(db: Session, parent: User) -> list[Teacher]:
    """The teachers the parent may write to: those teaching each linked child's class now, and its class teacher."""
    access.require_user(parent)
    found: list[Teacher] = []
    today = clock.today()
    for link, student in access.linked_children(db, parent):
        if student.class_id is None:
            continue
        klass = db.get(SchoolClass, student.class_id)
        rows = db.exec(select(TeachingAssignment.teacher_id, Subject.name_ru).join(
            Subject, Subject.id == TeachingAssignment.subject_id).where(
            TeachingAssignment.class_id == student.class_id,
            or_(col(TeachingAssignment.start_date).is_(None), TeachingAssignment.start_date <= today),
            or_(col(TeachingAssignment.end_date).is_(None), TeachingAssignment.end_date >= today))).all()
        subjects: dict[int, list[str]] = {}
        for teacher_id, subject in rows:
            subjects.setdefault(teacher_id, []).append(subject)
        if klass.class_teacher_id:
            subjects.setdefault(klass.class_teacher_id, [])
        users = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(list(subjects) or [-1]))).all()}
        for teacher_id, names in subjects.items():
            if teacher_id in users:
                found.append(Teacher(student.id, link.page_name, teacher_id, users[teacher_id].full_name,
                                     tuple(sorted(names)), teacher_id == klass.class_teacher_id))
    return sorted(found, key=lambda t: (t.child, not t.class_teacher, t.name))


def open_direct(db: Session, parent: User, student_id, teacher_id) -> Conversation:
    """The parent's conversation with a teacher of their child (created on first use)."""
    student = access.require_child(db, parent, student_id)
    tid = ids.require_id(teacher_id, PermissionDenied)
    if student.class_id is None or tid not in membership.class_teachers(db, student.class_id):
        raise PermissionDenied()
    # a parent added to the other parent's conversation about this child uses that one
    shared = db.exec(select(Conversation).join(ConversationMember, ConversationMember.conversation_id == Conversation.id)
                     .where(Conversation.kind == "direct", Conversation.student_id == student.id,
                            Conversation.teacher_id == tid, ConversationMember.user_id == parent.id)).first()
    if shared is not None:
        return shared
    conv = _create(db, f"direct:{parent.id}:{tid}:{student.id}", kind="direct", school_id=student.school_id,
                   student_id=student.id, teacher_id=tid, parent_id=parent.id)
    membership.ensure_member(db, conv, parent.id, "parent")
    membership.ensure_member(db, conv, tid, "teacher")
    return conv


def add_other_parent(db: Session, user: User, conversation_id, parent_id) -> None:
    """A parent of a direct adds the child's other parent (who then reads and writes in it as well)."""
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    pid = ids.require_id(parent_id, PermissionDenied)
    if conv.kind != "direct" or who.role != "parent" or pid not in membership.child_parents(db, conv.student_id):
        raise PermissionDenied()
    membership.ensure_member(db, conv, pid, "parent")


def other_parents(db: Session, user: User, conversation_id) -> list[tuple[int, str]]:
    """The child's other parents a parent of a direct may add: (user id, name)."""
    who = membership.reader(db, user, conversation_id)
    conv = who.conversation
    if conv.kind != "direct" or who.role != "parent":
        return []
    rest = membership.child_parents(db, conv.student_id) - set(who.members)
    return [(u.id, display_name(u)) for u in db.exec(select(User).where(col(User.id).in_(rest or [-1]))).all()]


def _class_for(db: Session, user: User, class_id) -> SchoolClass:
    cid = ids.parse_id(class_id)
    klass = db.get(SchoolClass, cid) if cid else None
    if klass is None:
        raise NotFound(NOT_FOUND)
    return klass


def open_group(db: Session, user: User, class_id) -> Conversation:
    """The class parents' group (a parent of the class or its class teacher); NotFound for anyone else."""
    access.require_user(user)
    klass = _class_for(db, user, class_id)
    if user.id not in membership.class_parents(db, klass.id) and user.id != klass.class_teacher_id:
        raise NotFound(NOT_FOUND)
    return _create(db, f"group:{klass.id}", kind="group", school_id=klass.school_id, class_id=klass.id)


def open_channel(db: Session, teacher: User, class_id, title: str = "", replies_allowed: bool = True) -> Conversation:
    """A teacher's announcement channel to the parents of a class they teach or lead."""
    access.require_user(teacher)
    klass = _class_for(db, teacher, class_id)
    if teacher.id not in membership.class_teachers(db, klass.id):
        raise NotFound(NOT_FOUND)
    title = str(title or "").strip()
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": "messages.error.title_long"}, limit=TITLE_MAX)
    conv = _create(db, f"channel:{teacher.id}:{klass.id}", kind="channel", school_id=klass.school_id,
                   class_id=klass.id, teacher_id=teacher.id, title=title, replies_allowed=bool(replies_allowed))
    if conv.title != title and title or conv.replies_allowed != bool(replies_allowed):
        conv.title, conv.replies_allowed = title or conv.title, bool(replies_allowed)
        db.add(conv)
    membership.ensure_member(db, conv, teacher.id, "teacher")
    return conv


def blocked_between(db: Session, a: int, b: int) -> bool:
    return db.exec(select(MessageBlock.id).where(or_(
        (MessageBlock.blocker_id == a) & (MessageBlock.blocked_id == b),
        (MessageBlock.blocker_id == b) & (MessageBlock.blocked_id == a)))).first() is not None


def open_pair(db: Session, parent: User, class_id, other_id) -> Conversation:
    """Two parents of one class writing privately: refused while either blocks the other (the same
    answer as for a parent who is not in the class, so a block is not announced)."""
    access.require_user(parent)
    klass = _class_for(db, parent, class_id)
    oid = ids.require_id(other_id, PermissionDenied)
    parents = membership.class_parents(db, klass.id)
    settings = db.get(MessagingSettings, klass.school_id)
    if parent.id not in parents or oid not in parents or oid == parent.id or (settings and not settings.parent_pairs):
        raise PermissionDenied()
    if blocked_between(db, parent.id, oid):
        raise PermissionDenied("messages.error.blocked")
    low, high = sorted((parent.id, oid))
    conv = _create(db, f"pair:{low}:{high}:{klass.id}", kind="pair", school_id=klass.school_id, class_id=klass.id,
                   parent_id=parent.id, other_parent_id=oid)
    membership.ensure_member(db, conv, parent.id, "parent")
    membership.ensure_member(db, conv, oid, "parent")
    return conv


def _candidates(db: Session, user: User) -> list[Conversation]:
    """Conversations the user has a member row in, and the groups and channels of their classes."""
    mine = select(ConversationMember.conversation_id).where(ConversationMember.user_id == user.id)
    class_ids = {s.class_id for _l, s in access.linked_children(db, user) if s.class_id}
    class_ids |= set(db.exec(select(SchoolClass.id).where(SchoolClass.class_teacher_id == user.id)).all())
    return list(db.exec(select(Conversation).where(or_(
        col(Conversation.id).in_(mine),
        col(Conversation.kind).in_(("group", "channel")) & col(Conversation.class_id).in_(class_ids or {-1})))).all())


def _title(db: Session, conv: Conversation, user: User, users: dict[int, User]) -> tuple[str, str]:
    if conv.kind == "direct":
        student = db.get(Student, conv.student_id)
        other = conv.teacher_id if user.id != conv.teacher_id else conv.parent_id
        return (users[other].full_name if other in users else ""), (student.first_name if student else "")
    klass = db.get(SchoolClass, conv.class_id)
    if conv.kind == "pair":
        other = conv.other_parent_id if user.id == conv.parent_id else conv.parent_id
        return (display_name(users[other]) if other in users else ""), ""
    if conv.kind == "channel":
        return conv.title or (klass.name if klass else ""), klass.name if klass else ""
    return (klass.name if klass else ""), ""


def unread_counts(db: Session, user: User, convs: list[tuple[Conversation, membership.Reader]]) -> dict[int, int]:
    """conversation id -> messages newer than the user's read position, by others, shown to them."""
    found: dict[int, int] = {}
    for conv, who in convs:
        if not who.can_post and who.role == "former":
            found[conv.id] = 0
            continue
        seen = who.member.last_read_id if who.member else 0
        query = select(func.count(Message.id)).where(
            Message.conversation_id == conv.id, Message.id > seen, Message.author_id != user.id,
            col(Message.deleted_at).is_(None))
        if not who.is_staff:
            query = query.where(col(Message.hidden).is_(False))
        found[conv.id] = db.exec(query).one()
    return found


def readable(db: Session, user: User) -> list[tuple[Conversation, membership.Reader]]:
    out = []
    for conv in _candidates(db, user):
        try:
            out.append((conv, membership.reader(db, user, conv.id)))
        except NotFound:
            continue
    return out


def list_conversations(db: Session, user: User) -> list[Summary]:
    """The user's conversations, newest first, with what is unread."""
    access.require_user(user)
    convs = readable(db, user)
    counts = unread_counts(db, user, convs)
    people = {c.teacher_id for c, _w in convs} | {c.parent_id for c, _w in convs} | {c.other_parent_id for c, _w in convs}
    users = {u.id: u for u in db.exec(select(User).where(col(User.id).in_([p for p in people if p] or [-1]))).all()}
    last_ids = [c.last_message_id for c, _w in convs if c.last_message_id]
    last = {m.id: m for m in db.exec(select(Message).where(col(Message.id).in_(last_ids or [-1]))).all()}
    out = []
    for conv, who in convs:
        title, child = _title(db, conv, user, users)
        message = last.get(conv.last_message_id)
        if message is not None and who.until is not None and message.created_at >= who.until:
            message = None
        text = "" if message is None or message.deleted_at or (message.hidden and not who.is_staff) else message.body[:80]
        out.append(Summary(conv.id, conv.kind, title, child, counts.get(conv.id, 0),
                           message.created_at if message else None, text, not who.can_post))
    return sorted(out, key=lambda s: (s.last_at or datetime.min, s.id), reverse=True)


def unread_total(db: Session, user: User) -> int:
    """All unread messages of the user (the header's counter)."""
    return sum(unread_counts(db, user, readable(db, user)).values())


def taught_classes(db: Session, teacher: User) -> list[SchoolClass]:
    """The classes a teacher teaches now or leads (their channels; the groups of those they lead)."""
    access.require_user(teacher)
    today = clock.today()
    taught = select(TeachingAssignment.class_id).where(
        TeachingAssignment.teacher_id == teacher.id,
        or_(col(TeachingAssignment.start_date).is_(None), TeachingAssignment.start_date <= today),
        or_(col(TeachingAssignment.end_date).is_(None), TeachingAssignment.end_date >= today))
    return list(db.exec(select(SchoolClass).where(or_(col(SchoolClass.id).in_(taught),
                                                      SchoolClass.class_teacher_id == teacher.id))
                        .order_by(SchoolClass.grade, SchoolClass.name)).all())
