"""The statistics page of the chosen child: subject table, GPA, charts, class comparison, forecast and the
"what do I need" calculator. Public vars hold plain strings and numbers about this child and aggregates
about the class only (see services/stats/classmates.py); names come in both languages so the language switch
needs no round trip (the charts' legends follow the language at load)."""


import reflex as rx

from mrko_app.i18n import localized, tr
from mrko_app.services import changes
from mrko_app.services.alerts import settings as alerts_settings
from mrko_app.services.stats import child as stats
from mrko_app.services.stats import plan as stats_plan
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, accepts
from mrko_app.state.schemas import PlanForm
from mrko_app.views import stats_charts
from mrko_app.views.present import present_shared
from mrko_app.views.stats_plan import plan_words


def _num(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _mark(value) -> str:
    return "—" if value is None else str(value)


def _period_label(system: str, number: int, lang: str) -> str:
    return tr(f"stats.period.{system}", lang, n=number)


def _row(r: dict, cmp: dict | None) -> dict[str, str]:
    dist = " ".join(f"{m}×{n}" for m, n in sorted(r["distribution"].items(), reverse=True) if n)
    return {
        "subject_id": str(r["subject_id"]),
        "name_en": r["name_en"],
        "name_ru": r["name_ru"],
        "average": _num(r["average"]),
        "count": str(r["count"]),
        "debts": str(r["debts"]),
        "distribution": dist or "—",
        "trend": r["trend_label"],
        "trend_value": f"{r['trend']:+.2f}",
        "absences": f"{r['missed']} / {r['late']}",
        "proposed": _mark(r["proposed"]),
        "confirmed": _mark(r["confirmed"]),
        "forecast": "—" if r["forecast_average"] is None
        else f"{_num(r['forecast_average'])} → {_mark(r['forecast_mark'])}",
        "class_average": "" if cmp is None else _num(cmp["class_average"]),
        "position": "" if cmp is None or cmp["position"] is None else cmp["position"],
        "band": "" if cmp is None or cmp["band"] is None else cmp["band"],
    }


def page_view(result: dict, lang: str) -> dict:
    """The public vars of the page for one child_statistics result but its charts (also used by
    bench/stats_bench.py to measure the delta): plain strings and numbers."""
    data, scope = result["data"], result["scope"]
    system = data.school.period_system if data.school.period_system in ("quarters", "trimesters", "halves") \
        else "quarters"
    options = [{"value": str(p.id), "en": _period_label(system, p.number, "en"),
                "ru": _period_label(system, p.number, "ru")} for p in data.periods]
    options.append({"value": stats.YEAR, "en": tr("stats.period.year", "en"), "ru": tr("stats.period.year", "ru")})
    return {
        "period_options": options,
        "period": stats.YEAR if scope.id is None else str(scope.id),
        "gpa": _num(result["gpa"]),
        "scale": [str(m) for m in reversed(data.rules.scale)],
        "rows": [_row(r, result["class"].get(r["subject_id"])) for r in result["rows"]],
    }


def chart_view(result: dict, lang: str) -> dict:
    """The two charts (the year's history, whatever the period), drawn as SVG: about 15 ms, so only when
    the page shows them anew (a load, not a change of period)."""
    data, history = result["data"], result["history"]

    def label(n: int) -> str:
        return tr("stats.period.short", lang, n=n)

    shown = stats_charts.shown_dates(data.periods, result["today"], history["gpa"])
    names = {s.id: localized(s, "name", lang) for s in data.subjects.values()}
    return {
        "gpa_points": len(history["gpa"]),
        "gpa_chart": stats_charts.gpa_chart(history["gpa"], data.periods, data.rules, label, tr("stats.gpa", lang),
                                            shown),
        "subjects_chart": stats_charts.subjects_chart(
            [(names[s], points) for s, points in history["subjects"].items()], data.periods, data.rules, label,
            shown),
    }



class StatsState(AuthState):
    loaded: bool = False
    no_year: bool = False
    message: str = ""
    errors: dict[str, str] = {}

    period: str = ""
    period_options: list[dict[str, str]] = []
    gpa: str = "—"
    rows: list[dict[str, str]] = []
    scale: list[str] = []
    gpa_points: int = 0
    gpa_chart: str = ""  # SVG drawn on the server (views/stats_charts.py)
    subjects_chart: str = ""
    unread: int = 0

    plan_subject: str = ""
    plan_target: str = ""
    plan_en: str = ""
    plan_ru: str = ""

    def _fill(self, result: dict, unread: int, figures: bool = True) -> None:
        # the result may be the worker's remembered one: worded (and drawn) once per language; the charts
        # cover the year whatever the period; a var is set (and sent) only when it changed, so coming
        # back to the page resends neither the charts nor the rows if no mark moved
        shown = present_shared(result, self.lang, page_view)
        if figures:
            shown = {**shown, **present_shared(result, self.lang, chart_view)}
        for name, value in shown.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
        if str(self.plan_subject) not in {r["subject_id"] for r in self.rows}:
            self.plan_subject = self.rows[0]["subject_id"] if self.rows else ""
        if str(self.plan_target) not in self.scale:
            self.plan_target = self.scale[0] if self.scale else ""
        self.unread = unread

    async def _load(self, choice, figures: bool = True) -> None:
        """Figures the worker remembers at once, else worked out in a thread."""
        await self._show_remembered_or_in_thread(self._read, choice, figures)

    def _read(self, choice, figures: bool = True, only_remembered: bool = False) -> bool:
        """False when `only_remembered` and the worker keeps no such figures (nothing shown then)."""
        self.message, self.errors = "", {}
        if not self.child_id:  # no child linked yet
            self.loaded, self.rows = True, []
            return True

        def action(db):
            user = self._reader(db)  # child_statistics checks that they are a parent of the child
            result = stats.child_statistics(db, user, self.child_id, choice, only_remembered=only_remembered)
            if result is changes.NOT_REMEMBERED:
                return None
            # the alerts' count is the page's own (its opening); another period keeps it
            unread = alerts_settings.unread_count(db, user) if figures else self.unread
            topics = changes.child_topics(self.child_id, result["class_id"] if result else None)
            return result, unread, topics

        out = self._run(action)
        if out.ok and out.value is None:
            return False
        self.loaded = True
        if not out.ok:
            self.rows = []
            return True
        result, unread, topics = out.value
        push.follow(self, topics)  # the child's marks, and the class's (the comparison)
        self.no_year = result is None
        if result is not None:
            self._fill(result, unread, figures)
        return True

    @rx.event
    async def load(self):
        self.plan_en = self.plan_ru = ""
        await self._load(str(self.period)[:20])

    def _pushed(self, batch: list) -> None:
        """A mark of the child or of the class was committed (state/push.py): the figures again."""
        if not batch or any(c.kind == "marks" for c in batch):
            self._read(str(self.period)[:20])  # already in a thread, under the tab's lock

    @rx.event
    @accepts(value=Choice)
    async def choose_period(self, value: str):
        self.plan_en = self.plan_ru = ""
        await self._load(value, figures=False)

    @rx.event
    @accepts(form=PlanForm)
    def calculate(self, form: PlanForm):
        subject, target = form.subject, form.target
        self.plan_subject, self.plan_target = subject, target
        self.errors, self.message = {}, ""
        self.plan_en = self.plan_ru = ""
        period = str(self.period)[:20]

        def action(db):
            user = self._user(db, "parent")
            student = self._child(db, user)
            return stats_plan.plan(db, user, student.id, subject, target, period)

        result = self._run(action)
        if result.ok:
            self.plan_en, self.plan_ru = plan_words(result.value, "en"), plan_words(result.value, "ru")
