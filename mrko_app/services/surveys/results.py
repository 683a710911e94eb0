"""Results for the owners: counts against the audience, per-question tallies, the scores of a test, a
filter by class (only groups of at least MIN_GROUP answers). A constant number of statements, whatever
the number of responses (bench/surveys_bench.py)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from mrko_app.models import User
from mrko_app.models.surveys import SurveyResponse
from mrko_app.services import ids
from mrko_app.services.errors import PermissionDenied
from mrko_app.services.surveys import audience
from mrko_app.services.surveys.answering import questions_of
from mrko_app.services.surveys.records import Question, QuestionResult, Results

MIN_GROUP = 5  # no breakdown of fewer answers: small groups make answers identifiable
TEXTS_SHOWN = 200


def _tally(q: Question, values: list) -> QuestionResult:
    c = q.config
    base = {"key": q.key, "kind": q.kind, "text": q.text, "answers": len(values)}
    if q.kind in ("single", "multiple"):
        counts = Counter(p for v in values for p in v.get("picks", []))
        others = sorted(v["other"] for v in values if v.get("other"))
        labels = [o["text"] for o in c["options"]] + (["other"] if c.get("other") else [])
        numbers = [counts[o["key"]] for o in c["options"]] + ([len(others)] if c.get("other") else [])
        return QuestionResult(**base, labels=labels, counts=numbers, texts=others[:TEXTS_SHOWN])
    if q.kind == "scale":
        scale = list(range(c["min"], c["max"] + 1))
        counts = Counter(values)
        mean = round(sum(values) / len(values), 2) if values else None
        return QuestionResult(**base, labels=[str(v) for v in scale], counts=[counts[v] for v in scale],
                              scale=scale, mean=mean)
    if q.kind == "matrix":
        scale = list(range(c["min"], c["max"] + 1))
        cells = Counter((k, x) for v in values for k, x in v.items())  # one pass over the answers
        rows = [[cells[(s["key"], x)] for x in scale] for s in c["statements"]]
        return QuestionResult(**base, labels=[s["text"] for s in c["statements"]], matrix=rows, scale=scale)
    if q.kind == "number":
        numbers = sorted(float(v) for v in values)
        mean = round(sum(numbers) / len(numbers), 2) if numbers else None
        return QuestionResult(**base, values=numbers, mean=mean)
    # dates and free texts: listed in sorted order (never in the order they came in)
    return QuestionResult(**base, texts=sorted(str(v) for v in values)[:TEXTS_SHOWN])


def results(db: Session, user: User | None, survey_id, class_id=None) -> Results:
    survey = audience.owned_survey(db, user, survey_id)
    questions = questions_of(db, survey.id, for_owner=True)
    per_class = dict(db.exec(select(SurveyResponse.class_id, func.count()).where(
        SurveyResponse.survey_id == survey.id).group_by(SurveyResponse.class_id)).all())
    names = audience.school_classes(db, survey.school_id)
    groups = [(cid, names[cid], n) for cid, n in per_class.items() if cid in names and n >= MIN_GROUP]
    groups.sort(key=lambda g: list(names).index(g[0]))
    chosen = None
    query = select(SurveyResponse.answers, SurveyResponse.score, SurveyResponse.max_score).where(
        SurveyResponse.survey_id == survey.id)
    if class_id not in (None, ""):
        chosen = ids.require_id(class_id)
        if chosen not in {g[0] for g in groups}:
            raise PermissionDenied("surveys.error.small_group", min=MIN_GROUP)
        query = query.where(SurveyResponse.class_id == chosen)
    rows = db.exec(query).all()
    by_key: dict[str, list] = {q.key: [] for q in questions}
    scores, maximum = [], None
    for answers, score, max_score in rows:
        for key, value in answers.items():
            if key in by_key:
                by_key[key].append(value)
        if score is not None:
            scores.append(score)
            maximum = max_score
    return Results(survey.id, survey.title, survey.kind, survey.anonymous, survey.status, len(rows),
                   len(audience.audience_keys(db, survey)), [_tally(q, by_key[q.key]) for q in questions],
                   sorted(scores), maximum, groups, chosen)
