"""The study year page: create a year, its periods, its holidays."""

import reflex as rx

from mrko_app.services import school_admin
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, accepts
from mrko_app.state.schemas_school_admin import HolidayForm, PeriodsForm, PromotionForm, YearForm
from mrko_app.state.school_admin import SchoolChoice


class YearAdminState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    years: list[dict[str, str]] = []
    year_id: str = ""
    periods_text: str = ""
    period_count: str = ""
    periods: list[dict[str, str]] = []
    holidays: list[dict[str, str]] = []
    promotion: list[str] = []  # the previewed plan, one line a class
    _promotion: dict = {}

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        years = school_admin.school_years(db, user, school_id)
        self.years = [{"id": str(y.id), "name": y.name} for y in years]
        ids = [y["id"] for y in self.years]
        if self.year_id not in ids:
            current = school_admin.current_year(db, school_admin.school_for_staff(db, user, school_id))
            self.year_id = str(current.id) if current else ""
        if not self.year_id:
            self.periods, self.holidays, self.periods_text, self.period_count = [], [], "", ""
            return
        view = school_admin.year_view(db, user, school_id, self.year_id)
        fmt = school_admin.fmt
        self.periods_text, self.period_count = view["periods_text"], str(view["count"])
        self.periods = [{"number": str(p.number), "dates": f"{fmt(p.start_date)} – {fmt(p.end_date)}"}
                        for p in view["periods"]]
        self.holidays = [{"id": str(h.id), "name": h.name_ru if self.lang == "ru" else h.name_en,
                          "dates": f"{fmt(h.start_date)} – {fmt(h.end_date)}"} for h in view["holidays"]]

    def _do(self, action, saved: bool = True) -> bool:
        self.message, self.notice, self.errors = "", "", {}

        def run(db):
            action(db, self._user(db, "staff"))
            self._load(db)

        done = self._run(run).ok
        if done and saved:
            self.notice = self._t("school_admin.saved")
        return done

    @rx.event
    def load(self):
        self._reload()

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        if self._pick_school(school_id):
            self.year_id = ""
        return YearAdminState.load

    @rx.event
    @accepts(year_id=Id)
    def pick_year(self, year_id: int):
        if str(year_id) in [y["id"] for y in self.years]:
            self.year_id = str(year_id)
        return YearAdminState.load

    @rx.event
    @accepts(form=YearForm)
    def create_year(self, form: YearForm):
        made = {}

        data = {"name": form.year_name, "start_date": form.year_start, "end_date": form.year_end}

        def action(db, user):
            made["id"] = str(school_admin.create_year(db, user, self.school_id, data).id)
            self.year_id = made["id"]

        if not self._do(action):  # the service names its fields as the year's: show them beside this form's
            names = {"name": "year_name", "start_date": "year_start", "end_date": "year_end"}
            self.errors = {names.get(k, k): v for k, v in self.errors.items()}

    @rx.event
    @accepts(form=PeriodsForm)
    def save_periods(self, form: PeriodsForm):
        self._do(lambda db, user: school_admin.save_periods(db, user, self.school_id, self.year_id, form.periods))

    @rx.event
    @accepts(form=HolidayForm)
    def add_holiday(self, form: HolidayForm):
        self._do(lambda db, user: school_admin.add_holiday(db, user, self.school_id, self.year_id, form.model_dump()))

    @rx.event
    @accepts(holiday_id=Id)
    def remove_holiday(self, holiday_id: int):
        self._do(lambda db, user: school_admin.remove_holiday(db, user, self.school_id, holiday_id))

    @rx.event
    @accepts(form=PromotionForm)
    def preview_promotion(self, form: PromotionForm):
        self.message, self.notice, self.errors, self.promotion, self._promotion = "", "", {}, [], {}
        data = {"from_year_id": self.year_id, "to_year_id": form.to_year_id, "last_grade": form.last_grade}

        def read(db):
            return school_admin.preview_promotion(db, self._user(db, "staff"), self.school_id, data["from_year_id"],
                                                  data["to_year_id"], data["last_grade"])

        plan = self._run(read)
        if plan.ok:
            self.promotion = [self._t("school_admin.promote_line", source=p["from"],
                                      target=p["to"] or self._t("school_admin.graduates"), count=p["students"])
                              for p in plan.value]
            self._promotion = {**data, "copy_timetable": form.copy_timetable}

    @rx.event
    def promote(self):
        data, self.promotion, self._promotion = self._promotion, [], {}
        if data and self._do(lambda db, user: school_admin.promote(db, user, self.school_id, **data)):
            self.notice = self._t("school_admin.promoted")
