"""The typed forms of the public-information pages: the forum, the FAQ, feedback and the directory
(read by state/forms.py `accepts`, like state/schemas.py).

Only types and sizes are checked here, with caps above the services' own limits, so that the services
keep giving their domain messages (too short, too long, required) for everything a person can type.
"""

from pydantic import create_model

from mrko_app.services.forum.rules import TAGS
from mrko_app.services.search import QUERY_MAX
from mrko_app.state.forms import Choice, Flag, Form, Id, Line, Long, OptionalId, Short, text

Query = text(QUERY_MAX)  # a search box's text (its input allows as much)


class SearchForm(Form):
    q: Query = ""


# ---- the forum: asking, answering, commenting, reporting
class _AskFields(Form):
    title: Line = ""
    body: Long = ""

    def tags(self) -> list[str]:
        return [t for t in TAGS if getattr(self, f"tag_{t}")]


# one checkbox per tag, named tag_<code>
AskForm = create_model("AskForm", __base__=_AskFields, __module__=__name__,
                       **{f"tag_{t}": (Flag, False) for t in TAGS})


class ForumAnswerForm(Form):
    body: Long = ""


class CommentForm(Form):
    post_id: Id
    comment: Line = ""


class FlagForm(Form):
    post_id: Id
    reason: Choice = ""
    note: Line = ""


# ---- the forum: staff
class ModerateForm(Form):
    post_id: Id
    action: Choice = ""
    reason: Line = ""


class StaffEditForm(Form):
    post_id: Id
    title: Line = ""
    body: Long = ""
    reason: Line = ""


class MergeForm(Form):
    target_id: Id
    reason: Line = ""


class ToFaqForm(Form):
    post_id: Id
    section: Choice = ""
    slug: Short = ""


# ---- FAQ, feedback, directory
class FaqForm(Form):
    """The entry's id is not read from the browser: the state keeps the one being edited."""

    section: Choice = ""
    slug: Short = ""
    question: Line = ""
    answer: Long = ""
    position: Choice = ""


class FeedbackForm(Form):
    name: Line = ""
    contact: Line = ""
    topic: Choice = ""
    message: Long = ""


class TicketAnswerForm(Form):
    ticket_id: Id
    answer: Long = ""


class UnitForm(Form):
    id: OptionalId = None  # empty: a new unit
    name: Line = ""
    description: Long = ""
    address: Line = ""
    hours: Line = ""
    phone: Line = ""
    email: Line = ""
    show_address: Flag = False
    show_hours: Flag = False
    show_phone: Flag = False
    show_email: Flag = False


class DirectoryContactForm(Form):
    unit_id: Id
    name: Line = ""
    post: Line = ""
    phone: Line = ""
    email: Line = ""
    public: Flag = False
