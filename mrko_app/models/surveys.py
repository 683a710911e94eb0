"""Surveys and tests: the survey with its questions, who has taken part, the responses, the drafts.

Anonymity (services/surveys): `SurveyParticipant` records *that* someone took part, `SurveyResponse`
*what* was answered; nothing joins them. A response of an anonymous survey has no user, no student and
no timestamps, and a random id (so that neither its id nor SQLite's rowid follows insertion order);
the participant has no timestamp either. Drafts live in `SurveyDraft`, deleted on submit.
"""

from pydantic import NaiveDatetime
from sqlalchemy import JSON, BigInteger, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from mrko_app.models.base import utcnow

SURVEY_KINDS = ("survey", "test")
SURVEY_STATUSES = ("draft", "published", "closed")
AUDIENCE_ROLES = ("parents", "children", "teachers")  # children: one answer per child, by a parent
QUESTION_KINDS = ("single", "multiple", "scale", "matrix", "number", "date", "short", "long")


class Survey(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(default="survey", max_length=10)
    title: str = Field(max_length=200)
    intro: str = Field(default="", max_length=2000)
    audience: str = Field(default="parents", max_length=10)
    # empty: the whole school; else the ids of the chosen classes
    class_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    opens_at: NaiveDatetime
    closes_at: NaiveDatetime
    anonymous: bool = Field(default=False)
    status: str = Field(default="draft", max_length=10, index=True)
    time_limit_minutes: int | None = None  # tests only
    show_answers: bool = Field(default=False)  # tests: the participant sees the correct answers after
    # [{"title": str, "condition": {"question": key, "value": ...} | None}], one per page
    sections: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reminded_at: NaiveDatetime | None = None
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class SurveyQuestion(SQLModel, table=True):
    """`key` is stable within the survey (conditions and answers refer to it). `config` holds what the
    kind needs: options [{key, text}], other, min_picks/max_picks, min/max and their labels, statements;
    for tests: correct, points, partial."""

    __table_args__ = (UniqueConstraint("survey_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    key: str = Field(max_length=20)
    position: int
    section: int = Field(default=0)
    kind: str = Field(max_length=10)
    text: str = Field(max_length=500)
    required: bool = Field(default=False)
    config: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    condition: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class SurveyParticipant(SQLModel, table=True):
    """That `subject` ("u:<user id>" or, for the children audience, "s:<student id>") has submitted.
    The unique key is what refuses a second submission, even from two tabs at once."""

    __table_args__ = (UniqueConstraint("survey_id", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    subject: str = Field(max_length=30)
    user_id: int = Field(foreign_key="user.id", index=True)


class SurveyResponse(SQLModel, table=True):
    """One submitted response. Anonymous: user_id, student_id, started_at and submitted_at are None.
    `class_id` is the respondent's class, for breakdowns of at least 5 answers."""

    __table_args__ = (Index("ix_surveyresponse_survey_class", "survey_id", "class_id"),)

    # INTEGER on SQLite: then the id *is* the rowid, random, instead of a hidden rowid in insertion order
    id: int = Field(sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=False))
    survey_id: int = Field(foreign_key="survey.id")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    student_id: int | None = Field(default=None, foreign_key="student.id")
    class_id: int | None = Field(default=None, foreign_key="schoolclass.id")
    answers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # question key -> value
    score: float | None = None
    max_score: float | None = None
    started_at: NaiveDatetime | None = None
    submitted_at: NaiveDatetime | None = None


class SurveyDraft(SQLModel, table=True):
    """Answers saved before submitting (and when a test was started); deleted on submit."""

    __table_args__ = (UniqueConstraint("survey_id", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    subject: str = Field(max_length=30)
    user_id: int = Field(foreign_key="user.id")
    answers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    started_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
