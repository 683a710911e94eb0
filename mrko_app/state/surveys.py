"""Surveys for participants: the open ones (routes.SURVEYS) and answering one page by page
(routes.SURVEY_ANSWER). The form and the answers live in backend vars; the browser gets the views."""

import reflex as rx

from mrko_app import routes
from mrko_app.services import surveys
from mrko_app.state.base import AuthState, Outcome
from mrko_app.state.forms import Choice, accepts
from mrko_app.state.schemas_surveys import AnswerText, OtherText
from mrko_app.views import surveys as view


class SurveysState(AuthState):
    cards: list[view.CardView] = []
    message: str = ""

    @rx.event
    def load(self):
        self.message = ""

        zone, lang = self._reader_zone, self.lang

        def read(db):
            user = self._user(db, "parent", "teacher")
            return [view.card(c, f"{routes.SURVEY_ANSWER}?id={c.id}" + (f"&child={c.student_id}" if c.student_id else ""),
                              zone, lang) for c in surveys.open_surveys(db, user)]

        self.cards = self._run(read).value_or([])


class SurveyAnswerState(AuthState):
    title: str = ""
    intro: str = ""
    anonymous: bool = False
    deadline: str = ""
    questions: list[view.QuestionView] = []
    page_number: int = 0  # index into the visible pages
    page_count: int = 0
    section_title: str = ""
    loaded: bool = False
    done: bool = False
    score: str = ""
    correct: list[dict[str, str]] = []
    saved: bool = False
    message: str = ""
    _form: surveys.SurveyForm | None = None
    _answers: dict = {}
    _errors: dict = {}

    def _question(self, key: str) -> surveys.Question | None:
        if self._form is None:
            return None
        return next((q for q in self._form.questions if q.key == key), None)

    def _rebuild(self) -> None:
        form = self._form
        if form is None:
            self.questions, self.page_count = [], 0
            return
        shown = view.pages(form.questions, form.sections, self._answers)
        self.page_count = len(shown)
        self.page_number = max(0, min(self.page_number, len(shown) - 1))
        section = shown[self.page_number] if shown else 0
        self.section_title = form.sections[section].get("title", "") if section < len(form.sections) else ""
        errors = {k: self._t(v) for k, v in self._errors.items()}
        self.questions = view.question_views(form.questions, form.sections, self._answers, section, errors)

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        survey_id, child = params.get("id", ""), params.get("child", "") or None
        self.loaded, self.done, self.saved, self.message, self.score, self.correct = False, False, False, "", "", []
        self._errors, self.page_number = {}, 0
        out = self._run(lambda db: surveys.open_form(db, self._user(db), survey_id, child))
        form = self._form = out.value_or(None)
        if not out.ok:
            self._answers, self.questions = {}, []
            return
        self._answers = dict(form.answers)
        self.title, self.intro, self.anonymous = form.title, form.intro, form.anonymous
        self.deadline = view.when(form.deadline, self.lang, self._reader_zone) if form.deadline else ""
        self.loaded = True
        self._rebuild()

    @rx.event
    @accepts(key=Choice, option=Choice)
    def pick(self, key: str, option: str):
        q = self._question(key)
        if q is None or q.kind not in ("single", "multiple", "scale"):
            return
        if q.kind == "scale":
            self._answers[key] = option
        else:
            if option not in [o["key"] for o in q.config["options"]]:
                return
            current = self._answers.get(key) if isinstance(self._answers.get(key), dict) else {"picks": []}
            picks = list(current.get("picks", []))
            if q.kind == "single":
                picks, current = [option], {}
            else:
                picks = [p for p in picks if p != option] if option in picks else picks + [option]
            self._answers[key] = {**current, "picks": picks}
        self.saved = False
        self._rebuild()

    @rx.event
    @accepts(key=Choice, value=OtherText)
    def set_other(self, key: str, value: str):
        q = self._question(key)
        if q is None or not q.config.get("other"):
            return
        current = self._answers.get(key) if isinstance(self._answers.get(key), dict) else {"picks": []}
        picks = [] if q.kind == "single" and value else current.get("picks", [])
        self._answers[key] = {"picks": picks, "other": value}
        self._rebuild()

    @rx.event
    @accepts(key=Choice, value=AnswerText)
    def set_value(self, key: str, value: str):
        q = self._question(key)
        if q is None or q.kind not in ("number", "date", "short", "long"):
            return
        self._answers[key] = value
        self._rebuild()

    @rx.event
    @accepts(key=Choice, statement=Choice, value=Choice)
    def set_cell(self, key: str, statement: str, value: str):
        q = self._question(key)
        if q is None or q.kind != "matrix" or statement not in [s["key"] for s in q.config["statements"]]:
            return
        cells = self._answers.get(key) if isinstance(self._answers.get(key), dict) else {}
        self._answers[key] = {**cells, statement: value}
        self._rebuild()

    @rx.event
    def next_page(self):
        self.page_number += 1
        self._rebuild()

    @rx.event
    def previous_page(self):
        self.page_number = max(0, self.page_number - 1)
        self._rebuild()

    def _call(self, action) -> Outcome:
        form = self._form  # the callers check there is one
        answers = dict(self._answers)
        self._errors, self.message = {}, ""

        def run(db):
            return action(db, self._user(db), form.id, answers, form.student_id)

        def keep(exc):
            self._errors = getattr(exc, "fields", {})

        result = self._run(run, on_error=keep)
        self._rebuild()
        return result

    @rx.event
    def save(self):
        self.saved = self._form is not None and self._call(surveys.save_draft).ok

    @rx.event
    def submit(self):
        if self._form is None:
            return
        out = self._call(surveys.submit)
        if not out.ok:
            if self._errors:
                shown = view.pages(self._form.questions, self._form.sections, self._answers)
                first = next((q.section for q in self._form.questions if q.key in self._errors), None)
                if first in shown:
                    self.page_number = shown.index(first)
                    self._rebuild()
            return
        outcome = out.value
        self.done, self.questions = True, []
        if outcome.score is not None:
            self.score = f"{outcome.score:g} / {outcome.max_score:g}"
        texts = {q.key: q.text for q in self._form.questions}
        self.correct = [{"question": texts.get(k, k), "answer": _answer_text(self._form, k, v)}
                        for k, v in outcome.correct.items()]
        self._form = None
        return AuthState.load_page


def _answer_text(form: surveys.SurveyForm, key: str, value) -> str:
    q = next((q for q in form.questions if q.key == key), None)
    names = {o["key"]: o["text"] for o in (q.config.get("options", []) if q else [])}
    values = value if isinstance(value, list) else [value]
    return "; ".join(names.get(v, str(v)) if isinstance(v, str) else f"{v:g}" if isinstance(v, float) else str(v)
                     for v in values)
