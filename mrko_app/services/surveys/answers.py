"""Checking answers against the questions (pure functions: no database) and scoring a test.

Answer values by kind: single/multiple {"picks": [option keys], "other": text}; scale an int; matrix
{statement key: int}; number a float; date "YYYY-MM-DD"; short/long a string. A question (or section)
whose condition is not met by the answers before it is hidden, and its answer is dropped."""

from __future__ import annotations

import datetime as dt

from mrko_app.services.surveys import spec
from mrko_app.services.surveys.records import Question

PICKS_MAX = spec.MAX_OPTIONS + 1


def _matches(condition: dict | None, answers: dict) -> bool:
    if not condition:
        return True
    given = answers.get(condition["question"])
    if isinstance(given, dict) and "picks" in given:
        return condition["value"] in given["picks"]
    return given is not None and str(given) == str(condition["value"])


def visible(question: Question, sections: list[dict], answers: dict) -> bool:
    section = sections[question.section] if question.section < len(sections) else {}
    return _matches(section.get("condition"), answers) and _matches(question.condition, answers)


def _choice(q: Question, raw, final: bool) -> tuple[object, str | None]:
    if isinstance(raw, str):
        raw = {"picks": [raw]}
    if not isinstance(raw, dict):
        return None, "surveys.error.answer"
    picks = raw.get("picks") or []
    other = spec.text(raw.get("other"), spec.SHORT_MAX)
    if not isinstance(picks, list) or len(picks) > PICKS_MAX or other is None:
        return None, "surveys.error.answer"
    keys = [o["key"] for o in q.config.get("options", [])]
    if any(p not in keys for p in picks) or len(set(picks)) != len(picks):
        return None, "surveys.error.answer"
    if other and not q.config.get("other"):
        return None, "surveys.error.answer"
    count = len(picks) + (1 if other else 0)
    if count == 0:
        return None, None
    if q.kind == "single" and count > 1:
        return None, "surveys.error.one_pick"
    if q.kind == "multiple" and final and not q.config.get("min_picks", 0) <= count <= q.config.get("max_picks", count):
        return None, "surveys.error.picks_given"
    ordered = [k for k in keys if k in picks]
    return ({"picks": ordered, "other": other} if other else {"picks": ordered}), None


def _one(q: Question, raw, final: bool) -> tuple[object, str | None]:
    """(clean value or None when empty, error key or None)."""
    if raw is None or raw == "" or raw == [] or raw == {}:
        return None, None
    c = q.config
    if q.kind in spec.CHOICES:
        return _choice(q, raw, final)
    if q.kind == "scale":
        value = spec.integer(raw, c["min"], c["max"])
        return (value, None) if value is not None else (None, "surveys.error.scale_value")
    if q.kind == "matrix":
        if not isinstance(raw, dict):
            return None, "surveys.error.answer"
        keys = [s["key"] for s in c["statements"]]
        if any(k not in keys for k in raw):
            return None, "surveys.error.answer"
        out = {}
        for k in keys:
            if raw.get(k) in (None, ""):
                continue
            value = spec.integer(raw.get(k), c["min"], c["max"])
            if value is None:
                return None, "surveys.error.scale_value"
            out[k] = value
        if final and out and len(out) < len(keys):
            return None, "surveys.error.matrix_rows"
        return (out or None), None
    if q.kind == "number":
        value = spec.number(raw)
        if value is None:
            return None, "surveys.error.number"
        if not c["min"] <= value <= c["max"]:
            return None, "surveys.error.number_range"
        return (int(value) if value.is_integer() else value), None
    if q.kind == "date":
        try:
            return dt.date.fromisoformat(str(raw)[:10]).isoformat(), None
        except ValueError:
            return None, "surveys.error.date_value"
    limit = spec.SHORT_MAX if q.kind == "short" else spec.LONG_MAX
    value = spec.text(raw, limit)
    if value is None:
        return None, "surveys.error.too_long"
    return (value or None), None


def clean(questions: list[Question], sections: list[dict], raw, *, final: bool) -> tuple[dict, dict[str, str]]:
    """(answers to keep, errors by question key). `final`: required questions and picks are enforced;
    a draft keeps whatever is well-formed. Answers to hidden questions are dropped either way."""
    if not isinstance(raw, dict) or len(raw) > spec.MAX_QUESTIONS * 2:
        return {}, {"answers": "surveys.error.answer"}
    answers: dict = {}
    errors: dict[str, str] = {}
    for q in questions:
        if not visible(q, sections, answers):
            continue
        value, error = _one(q, raw.get(q.key), final)
        if error:
            errors[q.key] = error
        elif value is None:
            if final and q.required:
                errors[q.key] = "error.required"
        else:
            answers[q.key] = value
    return answers, errors


def _points(q: Question, value) -> float:
    c = q.config
    full = float(c.get("points", 0))
    if "correct" not in c or value is None:
        return 0.0
    correct = c["correct"]
    if q.kind == "single":
        return full if value.get("picks") == [correct] and not value.get("other") else 0.0
    if q.kind == "multiple":
        picks, right = set(value.get("picks", [])), set(correct)
        if picks == right and not value.get("other"):
            return full
        if not c.get("partial"):
            return 0.0
        # each right pick earns its share, each wrong pick takes one back; never below zero
        share = (len(picks & right) - len(picks - right)) / len(right)
        return round(max(0.0, share) * full, 2)
    if q.kind == "short":
        return full if str(value).strip().lower() in correct else 0.0
    return full if float(value) == float(correct) else 0.0


def score(questions: list[Question], answers: dict) -> tuple[float, float, dict[str, float]]:
    """(score, maximum, points per question key) over the questions that carry points."""
    points = {q.key: _points(q, answers.get(q.key)) for q in questions if q.config.get("points")}
    maximum = sum(float(q.config["points"]) for q in questions if q.config.get("points"))
    return round(sum(points.values()), 2), maximum, points
