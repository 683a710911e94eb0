"""Who belongs to a conversation NOW, computed from the links (membership follows the links).

- direct: the parents of the child with an active link who are member rows of it (the one who started
  it and the other parent if added), and the teacher while they teach the child's class or lead it;
- channel: the owning teacher while they teach or lead the class, and every parent of the class;
- group: every parent of the class (active link to a child studying in it), the class teacher as moderator;
- pair: its two parents while both have a child in the class.
A member row whose person no longer qualifies is a former member: per the school's setting
(`MessagingSettings.former_member_history`) they read the messages up to when they left, read-only, or
nothing. A non-member is answered exactly as for a missing id (NotFound): no names, no counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from mrko_app.models import (
    Conversation,
    ConversationMember,
    MessagingSettings,
    ParentChildLink,
    SchoolClass,
    Student,
    TeachingAssignment,
    User,
    UserRole,
)
from mrko_app.services import clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound

NOT_FOUND = "messages.error.not_found"


@dataclass
class Reader:
    """What a person may do in one conversation now."""

    conversation: Conversation
    user_id: int
    role: str  # parent | teacher | moderator | former
    member: ConversationMember | None
    can_post: bool
    until: datetime | None  # a former member reads messages created before this; None: everything
    is_staff: bool = False  # staff of the conversation's school (sees hidden messages, moderates)
    members: dict | None = None  # user id -> role of everyone qualified now (computed once per check)


def _active_link():
    today = clock.today()
    return (or_(col(ParentChildLink.end_date).is_(None), ParentChildLink.end_date > today),
            Student.status == "studying")


def class_parents(db: Session, class_id: int) -> set[int]:
    """Parents with an active link to a child studying in the class (and the parent role)."""
    rows = db.exec(select(ParentChildLink.parent_id).join(Student, Student.id == ParentChildLink.student_id)
                   .join(UserRole, (UserRole.user_id == ParentChildLink.parent_id) & (UserRole.role == "parent"))
                   .where(Student.class_id == class_id, *_active_link())).all()
    return set(rows)


def child_parents(db: Session, student_id: int) -> set[int]:
    rows = db.exec(select(ParentChildLink.parent_id).join(Student, Student.id == ParentChildLink.student_id)
                   .join(UserRole, (UserRole.user_id == ParentChildLink.parent_id) & (UserRole.role == "parent"))
                   .where(Student.id == student_id, *_active_link())).all()
    return set(rows)


def _assignment_now(today: date):
    return (or_(col(TeachingAssignment.start_date).is_(None), TeachingAssignment.start_date <= today),
            or_(col(TeachingAssignment.end_date).is_(None), TeachingAssignment.end_date >= today))


def class_teachers(db: Session, class_id: int) -> set[int]:
    """Teachers who teach the class today, and its class teacher."""
    found = set(db.exec(select(TeachingAssignment.teacher_id).where(
        TeachingAssignment.class_id == class_id, *_assignment_now(clock.today()))).all())
    klass = db.get(SchoolClass, class_id)
    if klass is not None and klass.class_teacher_id:
        found.add(klass.class_teacher_id)
    return found


def qualified(db: Session, conv: Conversation) -> dict[int, str]:
    """user id -> role, for everyone the links make a member of `conv` now."""
    if conv.kind == "direct":
        student = db.get(Student, conv.student_id)
        if student is None or student.class_id is None or student.status != "studying":
            return {}
        rows = set(db.exec(select(ConversationMember.user_id).where(
            ConversationMember.conversation_id == conv.id, ConversationMember.role == "parent")).all())
        found = {uid: "parent" for uid in (rows | {conv.parent_id}) & child_parents(db, student.id)}
        if conv.teacher_id in class_teachers(db, student.class_id):
            found[conv.teacher_id] = "teacher"
        return found
    if conv.kind == "pair":
        parents = class_parents(db, conv.class_id)
        pair = {conv.parent_id, conv.other_parent_id}
        return {uid: "parent" for uid in pair} if pair <= parents else {}
    found = {uid: "parent" for uid in class_parents(db, conv.class_id)}
    if conv.kind == "channel":
        if conv.teacher_id in class_teachers(db, conv.class_id):
            found[conv.teacher_id] = "teacher"
    else:  # group: the class teacher moderates
        klass = db.get(SchoolClass, conv.class_id)
        if klass is not None and klass.class_teacher_id:
            found[klass.class_teacher_id] = "moderator"
    return found


def history_setting(db: Session, school_id: int) -> str:
    row = db.get(MessagingSettings, school_id)
    return row.former_member_history if row else "read_only"


def member_row(db: Session, conv_id: int, user_id: int) -> ConversationMember | None:
    return db.exec(select(ConversationMember).where(ConversationMember.conversation_id == conv_id,
                                                    ConversationMember.user_id == user_id)).first()


def ensure_member(db: Session, conv: Conversation, user_id: int, role: str) -> ConversationMember:
    row = member_row(db, conv.id, user_id)
    if row is None:
        row = ConversationMember(conversation_id=conv.id, user_id=user_id, role=role)
        db.add(row)
        db.flush()
    elif row.left_at is not None:
        row.left_at = None  # the links qualify them again
        db.add(row)
    return row


def stamp_leavers(db: Session, conv: Conversation, members: dict[int, str]) -> None:
    """Member rows of people the links no longer qualify: stamp when they left (before anything newer)."""
    rows = db.exec(select(ConversationMember).where(ConversationMember.conversation_id == conv.id,
                                                    col(ConversationMember.left_at).is_(None))).all()
    now = clock.now()
    for row in rows:
        if row.user_id not in members:
            row.left_at = now
            db.add(row)


def reader(db: Session, user: User | None, conversation_id) -> Reader:
    """The user's standing in the conversation; NotFound (as for a missing id) when they have none."""
    access.require_user(user)
    cid = ids.parse_id(conversation_id)
    conv = db.get(Conversation, cid) if cid else None
    if conv is None:
        raise NotFound(NOT_FOUND)
    members = qualified(db, conv)
    staff = conv.school_id in access.staff_school_ids(db, user)
    role = members.get(user.id)
    if role is not None:
        return Reader(conv, user.id, role, ensure_member(db, conv, user.id, role), True, None, staff, members)
    row = member_row(db, conv.id, user.id)
    if row is None or history_setting(db, conv.school_id) != "read_only":
        raise NotFound(NOT_FOUND)
    if row.left_at is None:  # nothing was posted since the links ended: everything so far is history
        row.left_at = clock.now()
        db.add(row)
    return Reader(conv, user.id, "former", row, False, row.left_at, staff, members)
