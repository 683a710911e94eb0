"""The typed forms the pages submit, one model per form (read by state/forms.py `accepts`).

Only types and sizes are checked here; what a value means (a valid e-mail, a date in the year, a mark
on the school's scale) stays with the services, which give the domain's own messages.
"""

from mrko_app.state.forms import Choice, Flag, Form, Line, Long, Short


# ---- accounts: sign-in, registration, recovery, profile
class LoginForm(Form):
    identifier: Line = ""
    password: Line = ""
    remember: Flag = False


# shapes several forms share (here and in schemas_school_admin.py / schemas_school_life.py)
class PersonNameForm(Form):
    surname: Line = ""
    first_name: Line = ""
    patronymic: Line = ""


class AccountForm(Form):
    """What a new account chooses: registration, and a set-up link's account (SetupAccountForm)."""

    email: Line = ""
    login: Line = ""
    password: Line = ""
    password_confirm: Line = ""
    phone: Line = ""
    security_question: Line = ""
    security_answer: Line = ""


class LocalNamesForm(Form):
    """A school's own name for something, in both languages (subjects, kinds of work, holidays)."""

    name_en: Line = ""
    name_ru: Line = ""


class RegisterForm(PersonNameForm, AccountForm):
    pass


class OidcLinkForm(Form):
    identifier: Line = ""
    password: Line = ""


class OidcRegisterForm(PersonNameForm):
    email: Line = ""
    phone: Line = ""
    login: Line = ""


class CodeForm(Form):
    code: Short = ""


class EmailForm(Form):
    email: Line = ""


class ContactForm(Form):
    contact: Line = ""


class WhoForm(Form):
    who: Line = ""


class AnswerForm(Form):
    answer: Line = ""


class NewPasswordForm(Form):
    password: Line = ""
    password_confirm: Line = ""


class CodeResetForm(NewPasswordForm):
    code: Short = ""


class EmailChangeForm(Form):
    email: Line = ""
    password: Line = ""


class PhoneForm(Form):
    phone: Line = ""


class PasswordChangeForm(Form):
    old_password: Line = ""
    new_password: Line = ""
    new_password_confirm: Line = ""


class RecipientForm(Form):
    recipient: Line = ""


# ---- the parent's diary
class MarksFilterForm(Form):
    period_id: Short = ""
    subject_id: Short = ""
    sort: Short = ""
    start: Short = ""
    end: Short = ""


class AbsenceForm(Form):
    start: Short = ""
    end: Short = ""
    reason: Long = ""


class AlertsForm(Form):
    on_low_mark: Choice = ""
    low_mark_at_most: Choice = ""
    on_low_average: Choice = ""
    average_below: Choice = ""
    on_absence: Choice = ""
    on_mark_changed: Choice = ""
    email_mode: Choice = ""
    digest_hour: Choice = ""
    quiet_start: Choice = ""
    quiet_end: Choice = ""
    delay_minutes: Choice = ""


class NotificationSettingsForm(Form):
    """The centre's quiet hours and digest hour (state/inbox.py); services/inbox/prefs.py reads them."""

    quiet_start: Choice = ""
    quiet_end: Choice = ""
    digest_hour: Choice = ""


class PlanForm(Form):
    subject: Short = ""
    target: Short = ""


# ---- access to a child: applications, codes
class ApplicationForm(PersonNameForm):
    school_id: Short = ""
    birth_date: Short = ""
    class_name: Short = ""
    relation: Short = ""


class ApproveForm(Form):
    student: Choice = ""


class RejectForm(Form):
    reason: Choice = ""
    reject_text: Long = ""


class RedeemCodeForm(Form):
    code: Line = ""


class PageNameForm(Form):
    page_name: Line = ""


# ---- the journal's editors
class MarkForm(Form):
    value: Choice = ""
    kind: Choice = ""
    comment: Long = ""
    reason: Long = ""


class AttendanceForm(Form):
    attendance: Choice = ""


class LessonForm(Form):
    topic: Long = ""
    homework: Long = ""
    due_date: Short = ""


class FinalForm(Form):
    value: Choice = ""
    reason: Long = ""
