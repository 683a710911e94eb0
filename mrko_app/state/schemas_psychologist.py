"""The typed forms of the psychologist's pages (state/forms.py `accepts`): types and sizes only, the
service gives the domain's messages and limits."""

from mrko_app.state.forms import Choice, Flag, Form, Id, Line, Long, Short


class PsyRequestForm(Form):
    kind: Choice = ""
    topic: Line = ""
    text: Long = ""
    anonymous: Flag = False


class PsyParentReplyForm(Form):
    request_id: Id
    body: Long = ""


class PsyReplyForm(Form):
    body: Long = ""


class PsySettingsForm(Form):
    answer_days: Short = ""
    notice: Long = ""
