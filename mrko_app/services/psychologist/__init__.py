"""The school psychologist: a parent's private request about their child (a consultation or a question,
optionally anonymous to everyone but the psychologist), answered in a private thread, triaged, with
meeting slots offered from it, shared with a named person only by the psychologist; every reading logged.

Public API: the parent (`for_child`, `create`, `mine`, `reply_as_parent`, `book`), anyone a request was
shared with (`shared_with_me`), the psychologist (`requests`, `counts`, `open_request`, `set_status`,
`reply`, `free_slots`, `offer`, `candidates`, `share`, `access_log`, `settings`, `set_settings`), and
the vocabulary in `rules` (KINDS, STATUSES, limits, `promise`)."""

from mrko_app.services.psychologist import rules
from mrko_app.services.psychologist.desk import (
    Candidate,
    LogLine,
    access_log,
    candidates,
    counts,
    free_slots,
    offer,
    open_request,
    reply,
    requests,
    set_settings,
    set_status,
    settings,
    share,
)
from mrko_app.services.psychologist.parents import ChildDesk, book, create, for_child, mine, shared_with_me
from mrko_app.services.psychologist.parents import reply as reply_as_parent
from mrko_app.services.psychologist.rules import KINDS, STATUSES, Promise
from mrko_app.services.psychologist.views import Offer, Reply, Request, Share

__all__ = [
    "KINDS", "STATUSES", "Candidate", "ChildDesk", "LogLine", "Offer", "Promise", "Reply", "Request", "Share",
    "access_log", "book", "candidates", "counts", "create", "for_child", "free_slots", "mine", "offer",
    "open_request", "reply", "reply_as_parent", "requests", "rules", "set_settings", "set_status", "settings",
    "share", "shared_with_me",
]
