"""Messages: conversations between parents and teachers, a teacher's announcement channel to a class's
parents, the class parents' group, a private thread between two parents of one class; their members,
messages, attachments, read positions, and moderation (reports, mutes, blocks, the log).

Who may read and post is never taken from these rows alone: services/messages computes it from the
parent-child links and the teaching assignments at every read and post (membership follows the links).
A `ConversationMember` row records what belongs to a person in a conversation (read position, opt-in of
a second parent, when they were found to have left), not the right to be there."""

from datetime import time

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow

# direct: a parent (and optionally the child's other parent) with a teacher of the child;
# channel: a teacher's announcements to a class's parents; group: the class parents' group with the
# class teacher as moderator; pair: two parents of one class (refused while either blocks the other)
CONVERSATION_KINDS = ("direct", "channel", "group", "pair")
FORMER_MEMBER_HISTORY = ("read_only", "hidden")


class Conversation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # decides a race of two first messages: "direct:<parent>:<teacher>:<child>", "group:<class>",
    # "channel:<teacher>:<class>", "pair:<lower parent id>:<higher>:<class>"
    key: str = Field(max_length=60, unique=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    kind: str = Field(max_length=8)
    class_id: int | None = Field(default=None, foreign_key="schoolclass.id", index=True)  # channel, group, pair
    student_id: int | None = Field(default=None, foreign_key="student.id", index=True)  # direct
    teacher_id: int | None = Field(default=None, foreign_key="user.id")  # direct, channel (its owner)
    parent_id: int | None = Field(default=None, foreign_key="user.id")  # direct, pair: who started it
    other_parent_id: int | None = Field(default=None, foreign_key="user.id")  # pair: the other parent
    title: str = Field(default="", max_length=120)  # a channel's name
    replies_allowed: bool = Field(default=True)  # a channel: may parents answer
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    last_message_id: int | None = None  # the newest message (the list's order and unread counts)


class ConversationMember(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("conversation_id", "user_id"),
                      Index("ix_convmember_user", "user_id", "conversation_id"))

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    user_id: int = Field(foreign_key="user.id")
    role: str = Field(default="parent", max_length=10)  # parent | teacher | moderator
    last_read_id: int = Field(default=0)  # the newest message id this member has read (read receipts)
    read_at: NaiveDatetime | None = None
    joined_at: NaiveDatetime = Field(default_factory=utcnow)
    # stamped when a post or read found the links no longer qualify them: nothing newer reaches them
    left_at: NaiveDatetime | None = None


class Message(SQLModel, table=True):
    __table_args__ = (Index("ix_message_conversation_id", "conversation_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    author_id: int = Field(foreign_key="user.id")
    body: str = Field(max_length=4000)
    body_html: str = Field(max_length=16000)
    reply_to_id: int | None = Field(default=None, foreign_key="message.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    edited_at: NaiveDatetime | None = None
    deleted_at: NaiveDatetime | None = None  # deleted for everyone: the text is gone, "deleted" stays
    hidden: bool = Field(default=False)  # hidden by a moderator: only its author and staff see it


class MessageAttachment(SQLModel, table=True):
    """A picture or PDF of a message: checked by content and capped (services/uploads), kept privately,
    served only through a signed address whose resolver checks the reader is still a member."""

    id: int | None = Field(default=None, primary_key=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    uploader_id: int = Field(foreign_key="user.id")
    storage_name: str = Field(max_length=32, unique=True)
    filename: str = Field(max_length=130)
    content_type: str = Field(max_length=40)
    size: int
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class MessageReport(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("message_id", "reporter_id"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    reporter_id: int = Field(foreign_key="user.id")
    reason: str = Field(max_length=500)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    resolved_at: NaiveDatetime | None = None
    resolved_by: int | None = Field(default=None, foreign_key="user.id")


class MessageMute(SQLModel, table=True):
    """A member who may not post in a conversation until `until` (naive UTC)."""

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    until: NaiveDatetime
    muted_by: int = Field(foreign_key="user.id")
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class MessageBlock(SQLModel, table=True):
    """A parent who blocked another parent: no private messages between them, the group collapses theirs."""

    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: int | None = Field(default=None, primary_key=True)
    blocker_id: int = Field(foreign_key="user.id", index=True)
    blocked_id: int = Field(foreign_key="user.id", index=True)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class MessageModeration(SQLModel, table=True):
    """Every moderation action: report, hide, unhide, mute, block, unblock, dismiss."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    actor_id: int = Field(foreign_key="user.id")
    action: str = Field(max_length=12)
    conversation_id: int | None = Field(default=None, foreign_key="conversation.id")
    message_id: int | None = Field(default=None, foreign_key="message.id")
    target_user_id: int | None = Field(default=None, foreign_key="user.id")
    reason: str = Field(default="", max_length=500)
    at: NaiveDatetime = Field(default_factory=utcnow)


class WorkingHours(SQLModel, table=True):
    """A teacher's working hours on one weekday (0 = Monday), school time; no row: not working that day.
    A teacher with no rows at all has not set hours (always "within hours")."""

    __table_args__ = (UniqueConstraint("teacher_id", "weekday"),)

    id: int | None = Field(default=None, primary_key=True)
    teacher_id: int = Field(foreign_key="user.id", index=True)
    weekday: int
    start: time
    end: time


class MessagingSettings(SQLModel, table=True):
    """A school's messaging settings. `former_member_history`: what a parent whose access ended, or a
    teacher who no longer teaches the class, sees of the conversation: "read_only" (the messages up to
    when they left) or "hidden" (nothing)."""

    school_id: int = Field(foreign_key="school.id", primary_key=True)
    former_member_history: str = Field(default="read_only", max_length=10)
    parent_pairs: bool = Field(default=True)  # may two parents of a class write privately
