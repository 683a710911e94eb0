"""The classes page: subjects, the current year's classes with their class teacher, a class's
students (enrol, move, left / graduated on a date, their history) and its teaching assignments."""

import reflex as rx

from mrko_app.models import Subject, User
from mrko_app.services import school_admin
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, OptionalId, accepts
from mrko_app.state.schemas_school_admin import AssignForm, ClassForm, EnrolForm, StudentChangeForm, SubjectForm
from mrko_app.state.school_admin import SchoolChoice


class ClassesState(SchoolChoice, AuthState):
    message: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    schools: list[dict[str, str]] = []
    school_id: str = ""
    year_name: str = ""
    year_id: str = ""
    subjects: list[dict[str, str]] = []
    teachers: list[dict[str, str]] = []
    classes: list[dict[str, str]] = []
    class_id: str = ""
    students: list[dict[str, str]] = []
    assignments: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    history_of: str = ""

    def _load(self, db) -> None:
        user, school_id = self._staff_school(db)
        name = "name_ru" if self.lang == "ru" else "name_en"
        self.subjects = [{"id": str(s.id), "name": getattr(s, name)}
                         for s in school_admin.subjects(db, user, school_id)]
        self.teachers = [{"id": str(t.id), "name": t.full_name} for t in school_admin.teachers(db, school_id)]
        year, classes = school_admin.year_classes(db, user, school_id)
        self.year_name, self.year_id = (year.name, str(year.id)) if year else ("", "")
        teacher_names = {t["id"]: t["name"] for t in self.teachers}
        self.classes = [{"id": str(c.id), "name": c.name,
                         "teacher": teacher_names.get(str(c.class_teacher_id), "")} for c in classes]
        if self.class_id not in [c["id"] for c in self.classes]:
            self.class_id, self.history, self.history_of = "", [], ""
        self._load_class(db, user, school_id)

    def _load_class(self, db, user, school_id) -> None:
        if not self.class_id:
            self.students, self.assignments = [], []
            return
        self.students = [{"id": str(s.id), "name": s.full_name, "birth": school_admin.fmt(s.birth_date),
                          "status": s.status} for s in school_admin.class_roster(db, user, school_id, self.class_id)]
        fmt = school_admin.fmt
        rows = []
        for a in school_admin.assignments(db, user, school_id, self.class_id):
            subject, teacher = db.get(Subject, a.subject_id), db.get(User, a.teacher_id)
            rows.append({"id": str(a.id), "subject": subject.name_ru if self.lang == "ru" else subject.name_en,
                         "teacher": teacher.full_name, "dates": f"{fmt(a.start_date)} – {fmt(a.end_date)}"})
        self.assignments = rows

    def _do(self, action) -> bool:
        self.message, self.notice, self.errors = "", "", {}

        def run(db):
            action(db, self._user(db, "staff"))
            self._load(db)

        done = self._run(run).ok
        if done:
            self.notice = self._t("school_admin.saved")
        return done

    @rx.event
    def load(self):
        self._reload()

    @rx.event
    @accepts(school_id=Id)
    def pick_school(self, school_id: int):
        if self._pick_school(school_id):
            self.class_id = ""
        return ClassesState.load

    @rx.event
    @accepts(class_id=OptionalId)
    def pick_class(self, class_id: int | None):
        chosen = "" if class_id is None else str(class_id)
        self.class_id = chosen if chosen in [c["id"] for c in self.classes] else ""
        self.history, self.history_of = [], ""
        return ClassesState.load

    @rx.event
    @accepts(form=SubjectForm)
    def add_subject(self, form: SubjectForm):
        self._do(lambda db, user: school_admin.add_subject(db, user, self.school_id, form.model_dump()))

    @rx.event
    @accepts(form=ClassForm)
    def add_class(self, form: ClassForm):
        self._do(lambda db, user: school_admin.add_class(db, user, self.school_id, self.year_id, form.model_dump()))

    @rx.event
    @accepts(class_id=Id, teacher_id=OptionalId)
    def set_class_teacher(self, class_id: int, teacher_id: int | None):
        self._do(lambda db, user: school_admin.set_class_teacher(db, user, self.school_id, class_id, teacher_id))

    @rx.event
    @accepts(form=EnrolForm)
    def enrol(self, form: EnrolForm):
        self._do(lambda db, user: school_admin.enrol(db, user, self.school_id, self.class_id, form.model_dump()))

    @rx.event
    @accepts(form=StudentChangeForm)
    def change_student(self, form: StudentChangeForm):
        def action(db, user):
            if form.change.startswith("class:"):
                school_admin.transfer(db, user, self.school_id, form.student_id, form.change[6:], form.on)
            else:
                school_admin.set_status(db, user, self.school_id, form.student_id, form.change, form.on)

        self._do(action)

    @rx.event
    @accepts(student_id=Id)
    def show_history(self, student_id: int):
        self.message = ""

        def read(db):
            user = self._user(db, "staff")
            rows = school_admin.history(db, user, self.school_id, student_id)
            return [{"kind": self._t(f"school_admin.move.{r['kind']}"), "on": r["on"], "from": r["from"],
                     "to": r["to"]} for r in rows]

        rows = self._run(read)
        if rows.ok:
            self.history = rows.value
            self.history_of = next((s["name"] for s in self.students if s["id"] == str(student_id)), "")

    @rx.event
    @accepts(form=AssignForm)
    def assign(self, form: AssignForm):
        self._do(lambda db, user: school_admin.assign(db, user, self.school_id, self.class_id, form.model_dump()))

    @rx.event
    @accepts(assignment_id=Id)
    def unassign(self, assignment_id: int):
        self._do(lambda db, user: school_admin.unassign(db, user, self.school_id, assignment_id))

    @rx.event
    def envelopes(self):
        """The class's envelopes as one PDF (fresh codes for every studying student)."""
        self.message, self.notice = "", ""
        lang = self.lang

        def run(db):
            pdf, name, _issued = school_admin.class_envelopes(db, self._user(db, "staff"), self.school_id,
                                                              self.class_id, lang)
            return pdf, name

        made = self._run(run)
        if made.ok:
            pdf, name = made.value
            return rx.download(data=pdf, filename=name, mime_type="application/pdf")
