"""The typed forms of the school administration pages (read by state/forms.py `accepts`)."""

from mrko_app.state.forms import Flag, Form, Line, Long, Short


class PersonForm(Form):
    surname: Line = ""
    first_name: Line = ""
    patronymic: Line = ""
    contact: Line = ""


class NewSchoolForm(PersonForm):
    name: Line = ""
    short_name: Line = ""


class InviteForm(PersonForm):
    teacher: Flag = False
    staff: Flag = False
    psychologist: Flag = False


class RolesForm(Form):
    person_id: Short = ""  # a hidden field of the person's row; the service checks it is of the school
    teacher: Flag = False
    staff: Flag = False
    psychologist: Flag = False


class RulesForm(Form):
    mark_min: Short = ""
    mark_max: Short = ""
    thresholds: Line = ""
    period_system: Short = ""
    year_rule: Short = ""
    timezone: Short = ""
    bells: Long = ""


class KindForm(Form):
    kind_id: Short = ""  # a hidden field of the row; empty: a new kind
    name_en: Line = ""
    name_ru: Line = ""
    weight: Short = ""


class AuditSearchForm(Form):
    text: Line = ""


class SetupAccountForm(Form):
    login: Line = ""
    password: Line = ""
    password_confirm: Line = ""
    email: Line = ""
    phone: Line = ""
    security_question: Line = ""
    security_answer: Line = ""


class YearForm(Form):
    year_name: Short = ""  # named apart from the holiday form's fields on the same page
    year_start: Short = ""
    year_end: Short = ""


class PeriodsForm(Form):
    periods: Long = ""


class HolidayForm(Form):
    start_date: Short = ""
    end_date: Short = ""
    name_en: Line = ""
    name_ru: Line = ""


class SubjectForm(Form):
    name_en: Line = ""
    name_ru: Line = ""


class ClassForm(Form):
    name: Short = ""
    class_teacher_id: Short = ""


class EnrolForm(Form):
    surname: Line = ""
    first_name: Line = ""
    patronymic: Line = ""
    birth_date: Short = ""
    on: Short = ""


class StudentChangeForm(Form):
    student_id: Short = ""
    change: Short = ""  # left | graduated | studying | class:<id>
    on: Short = ""


class AssignForm(Form):
    subject_id: Short = ""
    teacher_id: Short = ""
    start_date: Short = ""
    end_date: Short = ""


class SlotForm(Form):
    weekday: Short = ""
    lesson_number: Short = ""
    subject_id: Short = ""
    teacher_id: Short = ""
    room: Short = ""
    valid_from: Short = ""
    valid_to: Short = ""


class LessonChangeForm(Form):
    date: Short = ""
    lesson_number: Short = ""
    action: Short = ""
    substitute_teacher_id: Short = ""


class PromotionForm(Form):
    to_year_id: Short = ""
    last_grade: Short = ""
    copy_timetable: Flag = False
