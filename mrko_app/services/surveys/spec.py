"""Checking what a builder sent: a whole survey described as a plain dict (anything a browser sent),
turned into clean values or a ValidationError naming each bad field ("title", "q2.options", ...).

    {"kind": "survey" | "test", "title", "intro", "audience": "parents" | "children" | "teachers",
     "class_ids": [..] (empty: the whole school), "opens_at", "closes_at" (ISO, school time),
     "anonymous", "time_limit_minutes", "show_answers",
     "sections": [{"title", "condition": {"question": key, "value": v} | None}],
     "questions": [{"key", "section", "kind", "text", "required", "condition", ...kind's fields}]}
"""

from __future__ import annotations

import datetime as dt
import math
import re

from mrko_app.models.surveys import AUDIENCE_ROLES, QUESTION_KINDS, SURVEY_KINDS
from mrko_app.services import clock, ids

TITLE_MAX, INTRO_MAX, QUESTION_TEXT_MAX, OPTION_TEXT_MAX = 200, 2000, 500, 200
MAX_QUESTIONS, MAX_OPTIONS, MAX_SECTIONS, MAX_STATEMENTS, MAX_CLASSES = 50, 20, 10, 10, 60
SHORT_MAX, LONG_MAX = 200, 2000  # answer lengths
SCALE_MIN, SCALE_MAX = 0, 10
NUMBER_LIMIT = 1e9
KEY = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
CHOICES = ("single", "multiple")


def text(value, limit: int) -> str | None:
    """A trimmed one-paragraph-per-line string, or None when not a string or too long."""
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    out = str(value).strip()
    return out if len(out) <= limit else None


def integer(value, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,12}", value.strip()):
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and low <= value <= high else None


def number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value) and abs(value) <= NUMBER_LIMIT:
        return float(value)
    return None


def moment(value, zone: str = "") -> dt.datetime | None:
    """A naive UTC datetime from a datetime (UTC) or an ISO string in school time (`zone`, the school's)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str) or len(value) > 32:
        return None
    try:
        return clock.to_utc(dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None), zone)
    except ValueError:
        return None


def _condition(value, earlier: dict[str, dict], errors: dict, field: str) -> dict | None:
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("question"), str):
        errors[field] = "surveys.error.condition"
        return None
    target = earlier.get(value["question"])
    wanted = value.get("value")
    if target is None or not isinstance(wanted, (str, int, float)) or isinstance(wanted, bool):
        errors[field] = "surveys.error.condition"
        return None
    if target["kind"] in CHOICES and wanted not in {o["key"] for o in target["options"]}:
        errors[field] = "surveys.error.condition"
        return None
    return {"question": value["question"], "value": wanted}


def _items(raw, limit: int, errors: dict, field: str, prefix: str) -> list[dict]:
    """Options or statements: [{key, text}] (keys made when missing), 1..limit, texts unique."""
    if not isinstance(raw, list) or not raw or len(raw) > limit:
        errors[field] = "surveys.error.options_count"
        return []
    items, seen = [], set()
    for i, item in enumerate(raw):
        item = item if isinstance(item, dict) else {"text": item}
        label = text(item.get("text"), OPTION_TEXT_MAX)
        key = item.get("key") if isinstance(item.get("key"), str) and KEY.match(item.get("key") or "") else None
        key = key or f"{prefix}{i + 1}"
        if not label or key in seen:
            errors[field] = "surveys.error.option_text"
            return []
        seen.add(key)
        items.append({"key": key, "text": label})
    return items


def _scale(raw: dict, errors: dict, field: str) -> dict:
    low, high = integer(raw.get("min", 1), SCALE_MIN, SCALE_MAX), integer(raw.get("max", 5), SCALE_MIN, SCALE_MAX)
    if low is None or high is None or high <= low:
        errors[field] = "surveys.error.scale"
        return {}
    return {"min": low, "max": high, "min_label": text(raw.get("min_label"), 60) or "",
            "max_label": text(raw.get("max_label"), 60) or ""}


def _test_fields(raw: dict, q: dict, errors: dict, field: str) -> None:
    points = integer(raw.get("points", 1), 0, 100)
    if points is None:
        errors[f"{field}.points"] = "surveys.error.points"
        return
    q["points"] = points
    correct = raw.get("correct")
    kind = q["kind"]
    keys = {o["key"] for o in q.get("options", [])}
    if kind == "single":
        ok = correct in keys
    elif kind == "multiple":
        ok = isinstance(correct, list) and bool(correct) and set(correct) <= keys and len(set(correct)) == len(correct)
        q["partial"] = raw.get("partial") is True
    elif kind == "number":
        correct = number(correct)
        ok = correct is not None
    elif kind == "scale":
        correct = integer(correct, q["min"], q["max"]) if "min" in q else None
        ok = correct is not None
    elif kind == "short":
        accepted = correct if isinstance(correct, list) else [correct]
        correct = [t.lower() for t in (text(a, SHORT_MAX) for a in accepted) if t]
        ok = bool(correct)
    else:
        ok = correct in (None, "") and points == 0  # dates, long texts, matrices: not scored
    if not ok:
        errors[f"{field}.correct"] = "surveys.error.correct"
    elif correct not in (None, ""):
        q["correct"] = correct


def question(raw, index: int, earlier: dict[str, dict], sections: int, is_test: bool, errors: dict) -> dict | None:
    field = f"q{index + 1}"
    if not isinstance(raw, dict):
        errors[field] = "surveys.error.question"
        return None
    key = raw.get("key") if isinstance(raw.get("key"), str) and KEY.match(raw.get("key") or "") else f"q{index + 1}"
    if key in earlier:
        key = f"q{index + 1}_{len(earlier)}"
    kind = raw.get("kind")
    label = text(raw.get("text"), QUESTION_TEXT_MAX)
    if kind not in QUESTION_KINDS:
        errors[f"{field}.kind"] = "surveys.error.kind"
        return None
    if not label:
        errors[f"{field}.text"] = "surveys.error.question_text"
    section = integer(raw.get("section", 0), 0, max(sections - 1, 0))
    if section is None:
        errors[f"{field}.section"] = "surveys.error.section"
        section = 0
    q = {"key": key, "kind": kind, "text": label or "", "required": raw.get("required") is True, "section": section}
    if kind in CHOICES:
        q["options"] = _items(raw.get("options"), MAX_OPTIONS, errors, f"{field}.options", "o")
        q["other"] = raw.get("other") is True
        if kind == "multiple":
            count = len(q["options"]) + (1 if q["other"] else 0)
            low = integer(raw.get("min_picks", 0) or 0, 0, count)
            high = integer(raw.get("max_picks", count) or count, 1, count)
            if low is None or high is None or low > high:
                errors[f"{field}.picks"] = "surveys.error.picks"
            q["min_picks"], q["max_picks"] = low or 0, high or count
    elif kind == "scale":
        q.update(_scale(raw, errors, f"{field}.scale"))
    elif kind == "matrix":
        q.update(_scale(raw, errors, f"{field}.scale"))
        q["statements"] = _items(raw.get("statements"), MAX_STATEMENTS, errors, f"{field}.statements", "s")
    elif kind == "number":
        low, high = number(raw.get("min", -NUMBER_LIMIT)), number(raw.get("max", NUMBER_LIMIT))
        if low is None or high is None or low > high:
            errors[f"{field}.range"] = "surveys.error.range"
        q["min"], q["max"] = low if low is not None else -NUMBER_LIMIT, high if high is not None else NUMBER_LIMIT
    q["condition"] = _condition(raw.get("condition"), earlier, errors, f"{field}.condition")
    if is_test:
        _test_fields(raw, q, errors, field)
    return q


def survey(raw, *, school_classes: set[int], zone: str = "") -> tuple[dict, list[dict], dict[str, str]]:
    """(survey fields, questions, errors by field): everything checked at once."""
    errors: dict[str, str] = {}
    raw = raw if isinstance(raw, dict) else {}
    kind = raw.get("kind", "survey")
    fields: dict = {"kind": kind if kind in SURVEY_KINDS else "survey"}
    if kind not in SURVEY_KINDS:
        errors["kind"] = "surveys.error.kind"
    title = text(raw.get("title"), TITLE_MAX)
    if not title:
        errors["title"] = "error.required" if title == "" else "surveys.error.title"
    fields["title"] = title or ""
    intro = text(raw.get("intro"), INTRO_MAX)
    if intro is None:
        errors["intro"] = "surveys.error.intro"
    fields["intro"] = intro or ""
    audience = raw.get("audience", "parents")
    if audience not in AUDIENCE_ROLES:
        errors["audience"] = "surveys.error.audience"
    fields["audience"] = audience if audience in AUDIENCE_ROLES else "parents"
    class_ids = raw.get("class_ids") or []
    chosen = [integer(c, 1, ids.MAX_ID) for c in class_ids] \
        if isinstance(class_ids, list) and len(class_ids) <= MAX_CLASSES else [None]
    if None in chosen or not set(chosen) <= school_classes:
        errors["class_ids"] = "surveys.error.classes"
        chosen = []
    fields["class_ids"] = sorted(set(chosen))
    opens, closes = moment(raw.get("opens_at"), zone), moment(raw.get("closes_at"), zone)
    if opens is None:
        errors["opens_at"] = "surveys.error.date"
    if closes is None or (opens is not None and closes <= opens):
        errors["closes_at"] = "surveys.error.closes"
    fields["opens_at"], fields["closes_at"] = opens, closes
    fields["anonymous"] = raw.get("anonymous") is True
    is_test = fields["kind"] == "test"
    limit = raw.get("time_limit_minutes")
    minutes = None if limit in (None, "", 0, "0") else integer(limit, 1, 600)
    if is_test and limit not in (None, "", 0, "0") and minutes is None:
        errors["time_limit_minutes"] = "surveys.error.time_limit"
    fields["time_limit_minutes"] = minutes if is_test else None
    fields["show_answers"] = is_test and raw.get("show_answers") is True
    raw_sections = raw.get("sections") or [{"title": ""}]
    if not isinstance(raw_sections, list) or len(raw_sections) > MAX_SECTIONS:
        errors["sections"] = "surveys.error.sections"
        raw_sections = [{"title": ""}]
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions or len(raw_questions) > MAX_QUESTIONS:
        errors["questions"] = "surveys.error.questions_count"
        raw_questions = raw_questions[:MAX_QUESTIONS] if isinstance(raw_questions, list) else []
    questions: list[dict] = []
    earlier: dict[str, dict] = {}
    for i, rq in enumerate(raw_questions):
        q = question(rq, i, earlier, len(raw_sections), is_test, errors)
        if q is not None:
            if questions and q["section"] < questions[-1]["section"]:
                errors[f"q{i + 1}.section"] = "surveys.error.section"
            questions.append(q)
            earlier[q["key"]] = q
    sections = []
    for i, s in enumerate(raw_sections):
        s = s if isinstance(s, dict) else {}
        before = {q["key"]: q for q in questions if q["section"] < i}
        sections.append({"title": text(s.get("title"), TITLE_MAX) or "",
                         "condition": _condition(s.get("condition"), before, errors, f"section{i + 1}.condition")})
    fields["sections"] = sections
    return fields, questions, errors
