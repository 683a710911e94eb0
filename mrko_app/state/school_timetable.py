"""The timetable editor: a class's week grid, adding a lesson (refused when a teacher, a room or the
class is booked twice), removing one, and a lesson on a date cancelled or taught by a substitute."""

import reflex as rx

from mrko_app.models import Subject, User
from mrko_app.services import school_admin
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, OptionalId, accepts
from mrko_app.state.schemas_school_admin import LessonChangeForm, SlotForm
from mrko_app.state.school_admin import SchoolChoice


class TimetableAdminState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    classes: list[dict[str, str]] = []
    class_id: str = ""
    subjects: list[dict[str, str]] = []
    teachers: list[dict[str, str]] = []
    lesson_numbers: list[str] = []
    grid: list[list[str]] = []  # a row per lesson number: [number, Monday's cell, ..., Saturday's]
    slots: list[dict[str, str]] = []

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        school = school_admin.school_for_staff(db, user, school_id)
        _year, classes = school_admin.year_classes(db, user, school_id)
        self.classes = [{"id": str(c.id), "name": c.name} for c in classes]
        if self.class_id not in [c["id"] for c in self.classes]:
            self.class_id = self.classes[0]["id"] if self.classes else ""
        name = "name_ru" if self.lang == "ru" else "name_en"
        self.subjects = [{"id": str(s.id), "name": getattr(s, name)}
                         for s in school_admin.subjects(db, user, school_id)]
        self.teachers = [{"id": str(t.id), "name": t.full_name} for t in school_admin.teachers(db, school_id)]
        bells = school.bells or {}
        self.lesson_numbers = sorted(bells, key=int)
        self.grid, self.slots = [], []
        if not self.class_id:
            return
        _cls, slots = school_admin.class_slots(db, user, school_id, self.class_id)
        cells: dict[tuple[int, int], list[str]] = {}
        fmt = school_admin.fmt
        for slot in slots:
            subject, teacher = db.get(Subject, slot.subject_id), db.get(User, slot.teacher_id)
            text = f"{getattr(subject, name)}, {teacher.surname} {teacher.first_name[:1]}." + \
                (f", {slot.room}" if slot.room else "")
            cells.setdefault((slot.lesson_number, slot.weekday), []).append(text)
            self.slots.append({"id": str(slot.id), "day": str(slot.weekday), "number": str(slot.lesson_number),
                               "text": text, "dates": f"{fmt(slot.valid_from)} – {fmt(slot.valid_to)}"})
        numbers = sorted({int(n) for n in bells} | {n for n, _ in cells})
        self.grid = [[str(n)] + ["; ".join(cells.get((n, d), [])) for d in school_admin.WEEKDAYS] for n in numbers]

    def _do(self, action, notice: str = "school_admin.saved") -> bool:
        self.message, self.notice, self.errors = "", "", {}

        def run(db):
            action(db, self._user(db, "staff"))
            self._load(db)

        done = self._run(run).ok
        if done:
            self.notice = self._t(notice)
        return done

    @rx.event
    def load(self):
        self._reload()

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        if self._pick_school(school_id):
            self.class_id = ""
        return TimetableAdminState.load

    @rx.event
    @accepts(class_id=OptionalId)
    def pick_class(self, class_id: int | None):
        chosen = "" if class_id is None else str(class_id)
        if chosen in [c["id"] for c in self.classes]:
            self.class_id = chosen
        return TimetableAdminState.load

    @rx.event
    @accepts(form=SlotForm)
    def add_slot(self, form: SlotForm):
        self._do(lambda db, user: school_admin.save_slot(db, user, self.school_id, self.class_id, form.model_dump()))

    @rx.event
    @accepts(slot_id=Id)
    def end_slot(self, slot_id: int):
        self._do(lambda db, user: school_admin.end_slot(db, user, self.school_id, slot_id))

    @rx.event
    @accepts(form=LessonChangeForm)
    def change_lesson(self, form: LessonChangeForm):
        self._do(lambda db, user: school_admin.change_lesson(db, user, self.school_id, self.class_id,
                                                             form.model_dump()), "school_admin.lesson_changed")
