"""Building surveys: the owner's list with publish / close / duplicate (routes.SURVEY_BUILDER) and the
editor (routes.SURVEY_EDIT). The editor keeps plain string fields; `_description()` turns them into the
description the service checks (services/surveys/spec.py), and its errors come back per field."""

import datetime as dt
from dataclasses import dataclass, field

import reflex as rx

from mrko_app import routes
from mrko_app.models.base import utcnow
from mrko_app.services import clock, surveys
from mrko_app.services.surveys import spec
from mrko_app.services.surveys.audience import school_classes
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Flag, Id, Index, accepts
from mrko_app.state.schemas_surveys import (
    EditorText,
    MetaField,
    MetaFlag,
    QuestionField,
    QuestionFlag,
    QuestionKind,
    SectionField,
)
from mrko_app.views import surveys as view


@dataclass
class QEdit:
    key: str
    kind: str
    text: str = ""
    required: bool = False
    section: str = "1"
    options_text: str = ""
    option_keys: list[str] = field(default_factory=list)
    other: bool = False
    min: str = ""
    max: str = ""
    min_label: str = ""
    max_label: str = ""
    picks_min: str = ""
    picks_max: str = ""
    cond_question: str = ""
    cond_value: str = ""
    correct: str = ""
    points: str = ""
    partial: bool = False
    error: str = ""


@dataclass
class SectionEdit:
    title: str = ""
    cond_question: str = ""
    cond_value: str = ""


def _keys(old_keys: list[str], old_lines: list[str], lines: list[str], prefix: str) -> list[str]:
    """Option keys survive edits: same number of lines, same keys in order (a text was edited); else a
    line keeps the key of the same text, and new lines get new keys."""
    if len(lines) == len(old_keys):
        return list(old_keys)
    by_text = dict(zip(old_lines, old_keys))
    used = set(old_keys)
    out, n = [], len(used)
    for line in lines:
        key = by_text.pop(line, None)
        if key is None:
            n += 1
            while f"{prefix}{n}" in used:
                n += 1
            key = f"{prefix}{n}"
            used.add(key)
        out.append(key)
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _local(moment: dt.datetime, zone: str = "") -> str:
    """A datetime-local value for the form, on the school's clock (`zone`)."""
    return clock.to_local(moment, zone).strftime("%Y-%m-%dT%H:%M")


def _from_description(q: dict) -> QEdit:
    items = q.get("options") or q.get("statements") or []
    names = {o["key"]: o["text"] for o in items}
    correct = q.get("correct", "")
    if isinstance(correct, list):
        correct = "; ".join(names.get(c, c) for c in correct)
    else:
        correct = names.get(correct, "" if correct in (None, "") else f"{correct:g}" if isinstance(correct, float) else str(correct))
    cond = q.get("condition") or {}
    return QEdit(q["key"], q["kind"], q["text"], q["required"], str(q["section"] + 1),
                 "\n".join(o["text"] for o in items), [o["key"] for o in items], bool(q.get("other")),
                 _num(q.get("min")), _num(q.get("max")), q.get("min_label", ""), q.get("max_label", ""),
                 _num(q.get("min_picks")), _num(q.get("max_picks")), cond.get("question", ""),
                 str(cond.get("value", "")), correct, _num(q.get("points")), bool(q.get("partial")))


def _condition(by_key: dict[str, QEdit], question: str, value: str) -> dict | None:
    """"Shown when question <key> has the answer <text>": a choice's text becomes its option key."""
    if not question.strip():
        return None
    target = by_key.get(question.strip())
    names = {t.lower(): k for k, t in zip(target.option_keys, _lines(target.options_text))} if target else {}
    return {"question": question.strip(), "value": names.get(value.strip().lower(), value.strip())}


def _num(value) -> str:
    if value is None or abs(value) >= spec.NUMBER_LIMIT:
        return ""
    return f"{value:g}"


class SurveyBuilderState(AuthState):
    cards: list[view.CardView] = []
    message: str = ""

    def _refresh(self) -> None:
        rows = self._run(lambda db: surveys.owned(db, self._user(db, "staff", "teacher"))).value_or([])
        self.cards = [view.card(c, f"{routes.SURVEY_EDIT}?id={c.id}", self._reader_zone, self.lang) for c in rows]

    @rx.event
    def load(self):
        self.message = ""
        self._refresh()

    def _act(self, action, survey_id) -> None:
        self.message = ""
        if self._run(lambda db: action(db, self._user(db), survey_id)).ok:
            self._refresh()

    @rx.event
    @accepts(survey_id=Id)
    def publish(self, survey_id: int):
        self._act(surveys.publish, survey_id)

    @rx.event
    @accepts(survey_id=Id)
    def close(self, survey_id: int):
        self._act(surveys.close, survey_id)

    @rx.event
    @accepts(survey_id=Id)
    def duplicate(self, survey_id: int):
        self._act(surveys.duplicate, survey_id)


class SurveyEditState(AuthState):
    survey_id: str = ""
    status: str = "draft"
    title: str = ""
    intro: str = ""
    kind: str = "survey"
    audience: str = "parents"
    opens: str = ""
    closes: str = ""
    time_limit: str = ""
    anonymous: bool = False
    show_answers: bool = False
    class_options: list[dict[str, str]] = []  # id, name, checked ("1" or "")
    sections: list[SectionEdit] = [SectionEdit()]
    questions: list[QEdit] = []
    errors: dict[str, str] = {}
    message: str = ""
    saved: bool = False

    @rx.event
    def load(self):
        raw = self.router.url.query_parameters.get("id", "")
        self.errors, self.message, self.saved = {}, "", False

        def read(db):
            user = self._user(db, "staff", "teacher")
            school_id, allowed = surveys.builder_school(db, user)
            classes = {k: v for k, v in school_classes(db, school_id).items() if allowed is None or k in allowed}
            return classes, (surveys.description(db, user, raw) if raw else None), clock.zone_of(db, school_id)

        result = self._run(read)
        if not result.ok:
            return
        classes, desc, zone = result.value
        now = clock.to_local(utcnow(), zone).replace(second=0, microsecond=0)
        desc = desc or {"kind": "survey", "title": "", "intro": "", "audience": "parents", "class_ids": [],
                        "opens_at": clock.to_utc(now, zone), "closes_at": clock.to_utc(now + dt.timedelta(days=7), zone),
                        "anonymous": False, "time_limit_minutes": None, "show_answers": False, "status": "draft",
                        "sections": [{"title": ""}], "questions": []}
        self.survey_id = raw if desc.get("title") else ""
        self.status, self.title, self.intro, self.kind = desc["status"], desc["title"], desc["intro"], desc["kind"]
        self.audience, self.anonymous, self.show_answers = desc["audience"], desc["anonymous"], desc["show_answers"]
        self.opens, self.closes = _local(desc["opens_at"], zone), _local(desc["closes_at"], zone)
        self.time_limit = str(desc["time_limit_minutes"] or "")
        self.class_options = [{"id": str(k), "name": v, "checked": "1" if k in desc["class_ids"] else ""}
                              for k, v in classes.items()]
        self.sections = [SectionEdit(s.get("title", ""), (s.get("condition") or {}).get("question", ""),
                                     str((s.get("condition") or {}).get("value", ""))) for s in desc["sections"]]
        self.sections = self.sections or [SectionEdit()]
        self.questions = [_from_description(q) for q in desc["questions"]]

    @rx.event
    @accepts(name=MetaField, value=EditorText)
    def set_meta(self, name: str, value: str):
        setattr(self, name, value)

    @rx.event
    @accepts(name=MetaFlag, value=Flag)
    def set_meta_flag(self, name: str, value: bool):
        setattr(self, name, value)

    @rx.event
    @accepts(class_id=Id)
    def toggle_class(self, class_id: int):
        self.class_options = [{**c, "checked": "" if c["checked"] else "1"} if c["id"] == str(class_id) else c
                              for c in self.class_options]

    @rx.event
    def add_section(self):
        if len(self.sections) < spec.MAX_SECTIONS:
            self.sections = [*self.sections, SectionEdit()]

    @rx.event
    @accepts(index=Index, name=SectionField, value=EditorText)
    def set_section(self, index: int, name: str, value: str):
        if index < len(self.sections):
            setattr(self.sections[index], name, value)
            self.sections = list(self.sections)

    @rx.event
    @accepts(kind=QuestionKind)
    def add_question(self, kind: str):
        if len(self.questions) >= spec.MAX_QUESTIONS:
            return
        used = {q.key for q in self.questions}
        n = len(self.questions) + 1
        while f"q{n}" in used:
            n += 1
        defaults = {"scale": ("1", "5"), "matrix": ("1", "5")}.get(kind, ("", ""))
        self.questions = [*self.questions, QEdit(f"q{n}", kind, section=str(len(self.sections)),
                                                 min=defaults[0], max=defaults[1])]

    @rx.event
    @accepts(index=Index)
    def remove_question(self, index: int):
        if index < len(self.questions):
            self.questions = [q for i, q in enumerate(self.questions) if i != index]

    @rx.event
    @accepts(index=Index, name=QuestionField, value=EditorText)
    def set_q(self, index: int, name: str, value: str):
        if index >= len(self.questions):
            return
        q = self.questions[index]
        if name == "options_text":
            prefix = "s" if q.kind == "matrix" else "o"
            q.option_keys = _keys(q.option_keys, _lines(q.options_text), _lines(value), prefix)
        setattr(q, name, value)
        self.questions = list(self.questions)

    @rx.event
    @accepts(index=Index, name=QuestionFlag, value=Flag)
    def set_q_flag(self, index: int, name: str, value: bool):
        if index < len(self.questions):
            setattr(self.questions[index], name, value)
            self.questions = list(self.questions)

    def _description(self) -> dict:
        questions, by_key = [], {q.key: q for q in self.questions}
        for q in self.questions:
            items = [{"key": k, "text": t} for k, t in zip(q.option_keys, _lines(q.options_text))]
            raw: dict = {"key": q.key, "kind": q.kind, "text": q.text, "required": q.required,
                         "section": spec.integer(q.section, 1, spec.MAX_SECTIONS) - 1
                         if spec.integer(q.section, 1, spec.MAX_SECTIONS) else -1}
            names = {i["text"].lower(): i["key"] for i in items}
            if q.kind in ("single", "multiple"):
                raw.update(options=items, other=q.other, min_picks=q.picks_min or 0, max_picks=q.picks_max or None)
            if q.kind == "matrix":
                raw["statements"] = items
            for name in ("min", "max", "min_label", "max_label"):
                if getattr(q, name) != "":
                    raw[name] = getattr(q, name)
            raw["condition"] = _condition(by_key, q.cond_question, q.cond_value)
            if self.kind == "test":
                raw["points"] = q.points or 0
                wanted = [w.strip() for w in q.correct.split(";") if w.strip()]
                if q.kind == "single":
                    raw["correct"] = names.get(q.correct.strip().lower(), q.correct.strip())
                elif q.kind == "multiple":
                    raw["correct"], raw["partial"] = [names.get(w.lower(), w) for w in wanted], q.partial
                elif q.kind == "short":
                    raw["correct"] = wanted
                else:
                    raw["correct"] = q.correct.strip()
            questions.append(raw)
        return {"kind": self.kind, "title": self.title, "intro": self.intro, "audience": self.audience,
                "class_ids": [c["id"] for c in self.class_options if c["checked"]], "opens_at": self.opens,
                "closes_at": self.closes, "anonymous": self.anonymous, "show_answers": self.show_answers,
                "time_limit_minutes": self.time_limit or None,
                "sections": [{"title": x.title, "condition": _condition(by_key, x.cond_question, x.cond_value)}
                             for x in self.sections], "questions": questions}

    @rx.event
    def save(self):
        self.saved, self.message = False, ""
        description, survey_id = self._description(), self.survey_id

        def store(db):
            user = self._user(db, "staff", "teacher")
            if survey_id:
                return surveys.update(db, user, survey_id, description)
            return surveys.create(db, user, description)

        out = self._run(store)
        by_question: dict[str, list[str]] = {}
        for name, text in self.errors.items():
            if name.startswith("q") and name[1:2].isdigit():
                by_question.setdefault(name.split(".")[0], []).append(text)
        for i, q in enumerate(self.questions):
            q.error = " ".join(by_question.get(f"q{i + 1}", []))
        self.questions = list(self.questions)
        if not out.ok:
            return None
        survey = out.value
        self.saved, self.status = True, survey.status
        if not survey_id:
            return rx.redirect(f"{routes.SURVEY_EDIT}?id={survey.id}")
        return None
