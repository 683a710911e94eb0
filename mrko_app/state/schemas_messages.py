"""The typed forms of the messages pages (read by state/forms.py `accepts`): types and sizes only; the
service gives the domain's messages (empty, too long, read-only, muted)."""

from mrko_app.state.forms import Choice, Flag, Form, Id, Line, Long, OptionalId, Short


class MessageForm(Form):
    body: Long = ""
    reply_to: OptionalId = None


class EditForm(Form):
    message_id: Id
    body: Long = ""


class ReportForm(Form):
    message_id: Id
    reason: Long = ""


class StartForm(Form):
    teacher: Choice = ""  # "<student id>:<teacher id>"


class HoursForm(Form):
    start0: Short = ""
    end0: Short = ""
    start1: Short = ""
    end1: Short = ""
    start2: Short = ""
    end2: Short = ""
    start3: Short = ""
    end3: Short = ""
    start4: Short = ""
    end4: Short = ""
    start5: Short = ""
    end5: Short = ""
    start6: Short = ""
    end6: Short = ""


class MuteForm(Form):
    user_id: Id
    minutes: Choice = ""


class ChannelForm(Form):
    title: Line = ""
    replies_allowed: Flag = False
