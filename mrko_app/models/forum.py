"""The public forum (questions, answers, comments in one table), votes, flags, the moderation log and
the search documents shared by the forum and the FAQ.

The full-text index itself is not a model: the migration adds it per dialect (an FTS5 table
`searchdoc_fts` on SQLite, a generated `search_tsv` column with a GIN index on PostgreSQL)."""

from pydantic import NaiveDatetime
from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from mrko_app.models.base import utcnow

POST_KINDS = ("question", "answer", "comment")


class ForumPost(SQLModel, table=True):
    __table_args__ = (
        Index("ix_forumpost_list", "kind", "hidden", "created_at"),
        Index("ix_forumpost_thread", "question_id", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)
    question_id: int | None = Field(default=None, foreign_key="forumpost.id")  # the thread (None on a question)
    parent_id: int | None = Field(default=None, foreign_key="forumpost.id")  # what a comment is on
    author_id: int = Field(foreign_key="user.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id")
    title: str = Field(default="", max_length=200)
    body: str = Field(max_length=10000)
    tags: str = Field(default="", max_length=200)  # comma-separated tag codes (services/forum/tags)
    score: int = Field(default=0)
    answer_count: int = Field(default=0)
    accepted_answer_id: int | None = None
    official: bool = Field(default=False)
    hidden: bool = Field(default=False)
    hidden_by_flags: bool = Field(default=False)
    open_flags: int = Field(default=0)
    locked: bool = Field(default=False)
    pinned: bool = Field(default=False)
    merged_into: int | None = None
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    edited_at: NaiveDatetime | None = None
    edited_by: int | None = Field(default=None, foreign_key="user.id")


class ForumVote(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="forumpost.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    value: int  # +1 or -1


class ForumFlag(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="forumpost.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    reason: str = Field(max_length=20)
    note: str = Field(default="", max_length=300)
    resolved: bool = Field(default=False, index=True)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class ModerationLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    moderator_id: int = Field(foreign_key="user.id")
    action: str = Field(max_length=20)
    post_id: int | None = Field(default=None, foreign_key="forumpost.id", index=True)
    detail: str = Field(default="", max_length=300)
    reason: str = Field(default="", max_length=300)
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)


class SearchDoc(SQLModel, table=True):
    """One searchable text: a question, an answer or a FAQ entry (`ref_id` is its id)."""

    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)
    ref_id: int
    question_id: int | None = None  # the thread an answer belongs to (for its link)
    title: str = Field(default="", max_length=200)
    body: str = Field(default="", max_length=10000)  # plain text, no markup
    visible: bool = Field(default=True)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
