"""Messages between parents and teachers, a teacher's announcement channel, the class parents' group,
and two parents of a class writing privately. Membership follows the links (membership.py): who may
read and post is computed at every read and post from the parent-child links and teaching assignments.
Every write announces ("user", member id, "messages") to every member; published after the commit.

Public API: open_direct, open_group, open_channel, open_pair, add_other_parent, other_parents,
teachers_of_children, list_conversations, unread_total, conversation, post, edit, delete, mark_read,
upload, file_for_reader, working_hours, set_working_hours, next_working_start, report, reports,
set_hidden, dismiss, mute, unmute, muted, block, unblock, blocked, blocked_ids, log, moderation_log."""

from mrko_app.services.messages.attachments import FILE_MAX, FOLDER, MAX_PER_MESSAGE, PURPOSE, file_for_reader, upload
from mrko_app.services.messages.conversations import (
    Summary,
    Teacher,
    add_other_parent,
    list_conversations,
    open_channel,
    open_direct,
    open_group,
    open_pair,
    other_parents,
    taught_classes,
    teachers_of_children,
    unread_total,
)
from mrko_app.services.messages.hours import Day, next_working_start, set_working_hours, working_hours
from mrko_app.services.messages.membership import NOT_FOUND, Reader, qualified, reader
from mrko_app.services.messages.moderation import (
    Entry,
    Report,
    block,
    blocked,
    blocked_ids,
    dismiss,
    log,
    moderation_log,
    mute,
    muted,
    report,
    reports,
    set_hidden,
    unblock,
    unmute,
)
from mrko_app.services.messages.posting import (
    BODY_MAX,
    EDIT_WINDOW,
    ConversationView,
    MessageView,
    Receipt,
    body_for_editing,
    conversation,
    delete,
    edit,
    mark_read,
    post,
)

__all__ = [
    "BODY_MAX", "EDIT_WINDOW", "FILE_MAX", "FOLDER", "MAX_PER_MESSAGE", "NOT_FOUND", "PURPOSE", "ConversationView", "Day", "MessageView", "Reader",
    "Entry", "Receipt", "Report", "blocked", "moderation_log", "muted", "unmute", "Summary", "Teacher", "add_other_parent", "block", "blocked_ids", "body_for_editing", "taught_classes", "conversation", "delete",
    "dismiss", "edit", "file_for_reader", "list_conversations", "log", "mark_read", "mute", "next_working_start",
    "open_channel", "open_direct", "open_group", "open_pair", "other_parents", "post", "qualified", "reader",
    "report", "reports", "set_hidden", "set_working_hours", "teachers_of_children", "unblock", "unread_total",
    "upload", "working_hours",
]
