"""What the surveys services return: typed records of plain values (the view module formats them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SurveyCard:
    """A survey in a list: the participant's (answered / draft) or the owner's (responses)."""

    id: int
    title: str
    kind: str
    status: str
    audience: str
    anonymous: bool
    opens_at: dt.datetime
    closes_at: dt.datetime
    student_id: int | None = None  # the children audience: which child this entry answers for
    student_name: str = ""
    answered: bool = False
    has_draft: bool = False
    responses: int = 0


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: str
    required: bool
    section: int
    config: dict  # for participants: without the correct answers and points
    condition: dict | None


@dataclass(frozen=True)
class SurveyForm:
    """What a participant answers: the survey, its sections and questions, their draft."""

    id: int
    title: str
    intro: str
    kind: str
    anonymous: bool
    closes_at: dt.datetime
    sections: list[dict]
    questions: list[Question]
    answers: dict
    student_id: int | None
    deadline: dt.datetime | None  # a test with a time limit: when the attempt ends


@dataclass(frozen=True)
class Outcome:
    """After submitting: the score of a test (None for a survey) and, when allowed, the correct answers."""

    score: float | None = None
    max_score: float | None = None
    points: dict = field(default_factory=dict)  # question key -> points earned
    correct: dict = field(default_factory=dict)  # question key -> correct answer (only when shown)


@dataclass(frozen=True)
class QuestionResult:
    key: str
    kind: str
    text: str
    answers: int
    labels: list[str] = field(default_factory=list)  # choices, or the scale's values, or statements
    counts: list[int] = field(default_factory=list)  # per label
    matrix: list[list[int]] = field(default_factory=list)  # statements x scale values
    scale: list[int] = field(default_factory=list)  # the scale's values (matrix columns)
    values: list[float] = field(default_factory=list)  # numbers
    texts: list[str] = field(default_factory=list)  # free text, "other", dates
    mean: float | None = None


@dataclass(frozen=True)
class Results:
    id: int
    title: str
    kind: str
    anonymous: bool
    status: str
    responses: int
    audience: int
    questions: list[QuestionResult]
    scores: list[float]  # a test's scores, one per response
    max_score: float | None
    classes: list[tuple[int, str, int]]  # (class id, name, responses) for groups of at least 5
    class_id: int | None  # the filter applied
