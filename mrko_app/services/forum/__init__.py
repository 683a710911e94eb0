"""The public forum and Q&A: its public API. Plain Python: every function takes the DB session and
the acting user (None for an anonymous visitor) and checks access itself, whatever the caller sent.

Reading (anyone): list_questions, thread, find (forum + FAQ search), similar, profile.
Writing (a registered user, rate-limited): ask, answer, comment, vote, accept, flag.
Staff: mark_official, hide, restore, dismiss, set_switch (lock/pin), edit, merge, review_queue,
moderation_log.
"""

from mrko_app.services.forum.moderation import (
    dismiss,
    edit,
    flag,
    hide,
    merge,
    moderation_log,
    open_flags,
    restore,
    review_queue,
    set_switch,
)
from mrko_app.services.forum.posts import accept, answer, ask, comment, mark_official, vote
from mrko_app.services.forum.reading import SORTS, find, list_questions, profile, similar, thread
from mrko_app.services.forum.rules import FLAG_REASONS, FLAGS_TO_HIDE, TAGS, display_name, is_moderator

__all__ = [
    "FLAGS_TO_HIDE", "FLAG_REASONS", "SORTS", "TAGS", "accept", "answer", "ask", "comment", "dismiss",
    "display_name", "edit", "find", "flag", "hide", "is_moderator", "list_questions", "mark_official", "merge",
    "moderation_log", "open_flags", "profile", "restore", "review_queue", "set_switch", "similar", "thread",
    "vote",
]
