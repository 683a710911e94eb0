"""The typed forms of the school-life pages (news, calendar, meetings, calendar feeds), read by
state/forms.py `accepts`. Types and sizes only: the services give the domain's messages."""

from mrko_app.state.forms import Choice, Flag, Form, Id, Line, Long, Short


class NewsForm(Form):
    target: Choice = ""  # "school:<id>" or "class:<id>"
    title: Line = ""
    body: Long = ""
    publish_at: Short = ""
    expires_at: Short = ""
    pinned: Flag = False
    drop_pictures: Flag = False  # editing: remove the post's earlier pictures


class EventForm(Form):
    target: Choice = ""
    title: Line = ""
    place: Line = ""
    description: Long = ""
    starts: Short = ""
    ends: Short = ""
    meeting: Flag = False


class SlotOfferForm(Form):
    day: Short = ""
    start: Short = ""
    end: Short = ""
    minutes: Short = ""
    place: Line = ""


class BookingCancelForm(Form):
    booking_id: Id
    reason: Line = ""


class SlotWithdrawForm(Form):
    slot_id: Id
    reason: Line = ""


class FeedForm(Form):
    kind: Choice = ""
