"""The typed forms of the school administration pages (read by state/forms.py `accepts`); the shapes
they share with the other pages' forms come from state/schemas.py."""

from mrko_app.state.forms import Flag, Form, Line, Long, Short
from mrko_app.state.schemas import AccountForm, ContactForm, LocalNamesForm, PersonNameForm


class PersonForm(PersonNameForm, ContactForm):
    pass


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


class KindForm(LocalNamesForm):
    kind_id: Short = ""  # a hidden field of the row; empty: a new kind
    weight: Short = ""


class AuditSearchForm(Form):
    text: Line = ""


class SetupAccountForm(AccountForm):
    pass


class YearForm(Form):
    year_name: Short = ""  # named apart from the holiday form's fields on the same page
    year_start: Short = ""
    year_end: Short = ""


class PeriodsForm(Form):
    periods: Long = ""


class HolidayForm(LocalNamesForm):
    start_date: Short = ""
    end_date: Short = ""


class SubjectForm(LocalNamesForm):
    pass


class ClassForm(Form):
    name: Short = ""
    class_teacher_id: Short = ""


class EnrolForm(PersonNameForm):
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
