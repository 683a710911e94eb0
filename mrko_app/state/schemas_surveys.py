"""The argument types of the survey handlers (read by state/forms.py `accepts`).

The survey pages submit no whole forms: every control sends its own value as it changes (an answer,
one field of the editor), so these are the specs of those values. Only types and sizes are checked
here; what a value means (an option of this question, a date, a title of at most 200 characters) stays
with services/surveys, which give the domain's own messages beside the question or field. The sizes
are one past the service's limit where a person could reach it, so the service still says "too long".
"""

from typing import Literal

from mrko_app.models.surveys import QUESTION_KINDS
from mrko_app.services.surveys import spec
from mrko_app.state.forms import text

# ---- answering (state/surveys.py): the answers are put together on the server, one value at a time
AnswerText = text(spec.LONG_MAX + 1)  # a number, a date, a short or long text (the inputs stop at 200 / 2000)
OtherText = text(spec.SHORT_MAX + 1)  # "other" beside the options

# ---- the editor (state/survey_builder.py): which field a control sets, and its text
FIELD_MAX = 4000  # more than any one field may hold (20 options of 200 characters); the service checks each
EditorText = text(FIELD_MAX)
MetaField = Literal["title", "intro", "kind", "audience", "opens", "closes", "time_limit"]
MetaFlag = Literal["anonymous", "show_answers"]
SectionField = Literal["title", "cond_question", "cond_value"]
QuestionField = Literal["text", "section", "options_text", "min", "max", "min_label", "max_label", "picks_min",
                        "picks_max", "cond_question", "cond_value", "correct", "points"]
QuestionFlag = Literal["required", "other", "partial"]
QuestionKind = Literal[QUESTION_KINDS]
