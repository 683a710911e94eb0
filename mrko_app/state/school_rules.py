"""The school's rules page: the form, "show what it changes" (the preview is what gets saved), the
kinds of work with their weights."""

import reflex as rx

from mrko_app.services import school_admin
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_admin import KindForm, RulesForm
from mrko_app.state.school_admin import SchoolChoice


class RulesState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    loaded: bool = False
    rules: dict[str, str] = {}
    kinds: list[dict[str, str]] = []
    impact: str = ""  # what the previewed change does; Save saves exactly that change
    pending: bool = False
    _pending: dict = {}
    _pending_kind: dict = {}  # a kind's form whose weight change was previewed: Save saves it

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        r = school_admin.read_rules(db, user, school_id)
        self.rules = {"mark_min": str(r["mark_min"]), "mark_max": str(r["mark_max"]),
                      "thresholds": school_admin.thresholds_text(r["thresholds"]),
                      "period_system": r["period_system"], "year_rule": r["year_rule"], "timezone": r["timezone"],
                      "bells": school_admin.bells_text(r["bells"])}
        self.kinds = [{"id": str(k.id), "name_en": k.name_en, "name_ru": k.name_ru, "weight": str(k.weight)}
                      for k in school_admin.work_kinds(db, user, school_id)]
        self.loaded = True

    def _clear(self) -> None:
        self.message, self.notice, self.errors, self.impact, self.pending, self._pending = "", "", {}, "", False, {}
        self._pending_kind = {}

    def _describe(self, impact) -> str:
        if not impact.before and not impact.after:
            return self._t("school_admin.no_change")
        if not impact.classes:
            text = self._t("school_admin.impact_none")
        else:
            text = self._t("school_admin.impact", classes=len(impact.classes), proposals=impact.proposals,
                           years=impact.year_proposals, names=", ".join(impact.classes))
        if impact.periods:
            periods = "; ".join(f"{name} — " + ", ".join(f"{school_admin.fmt(a)}–{school_admin.fmt(b)}" for a, b in ranges)
                                for name, ranges in impact.periods)
            text += " " + self._t("school_admin.periods_regenerated", periods=periods)
        return text

    def _describe_weight(self, impact) -> str:
        names = self._t("school_admin.weight_impact_classes", names=", ".join(impact.classes)) if impact.classes else ""
        return self._t("school_admin.weight_impact", marks=impact.marks, averages=impact.averages,
                       proposals=impact.proposals, names=names) + " " + self._t("school_admin.weight_confirm")

    @rx.event
    def load(self):
        self._clear()
        self.loaded = False
        self._run(lambda db: self._load(db))

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        self._pick_school(school_id)
        return RulesState.load

    @rx.event
    @accepts(form=RulesForm)
    def preview(self, form: RulesForm):
        self._clear()
        data = form.model_dump()

        def run(db):
            return school_admin.preview(db, self._user(db, "staff"), self.school_id, data)

        previewed = self._run(run)
        if previewed.ok:
            impact = previewed.value
            self.impact = self._describe(impact)
            self.pending = bool(impact.before or impact.after)
            self._pending = data if self.pending else {}

    @rx.event
    def save(self):
        if self._pending_kind:
            return self._save_kind(dict(self._pending_kind))
        data = self._pending
        if not data:
            return

        def run(db):
            user = self._user(db, "staff")
            school_admin.save_rules(db, user, self.school_id, data)
            self._load(db)

        self._clear()
        if self._run(run).ok:
            self.notice = self._t("school_admin.saved")

    @rx.event
    @accepts(form=KindForm)
    def save_kind(self, form: KindForm):
        """A weight change that re-weights marks is previewed first (Save then saves it); else saved."""
        self._clear()
        data = form.model_dump()

        def run(db):
            return school_admin.kind_preview(db, self._user(db, "staff"), self.school_id, data["kind_id"] or None,
                                             {k: v for k, v in data.items() if k != "kind_id"})

        previewed = self._run(run)
        if not previewed.ok:
            return
        impact = previewed.value
        if impact.marks:
            self.impact, self.pending, self._pending_kind = self._describe_weight(impact), True, data
            return
        self._save_kind(data)

    def _save_kind(self, data: dict):
        self._clear()

        def run(db):
            user = self._user(db, "staff")
            school_admin.save_kind(db, user, self.school_id, data.pop("kind_id") or None, data)
            self._load(db)

        if self._run(run).ok:
            self.notice = self._t("school_admin.saved")
