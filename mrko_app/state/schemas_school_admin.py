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
