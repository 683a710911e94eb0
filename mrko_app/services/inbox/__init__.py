"""The notification centre (services/inbox/): one place, and the bell, for everything a person is told.

An area tells people inside its own transaction, e.g.

    inbox.notify(db, [parent.id], "messages", title=lambda lang: ..., body=text, link="/messages?id=4",
                 key=f"message:{message.id}")

and commits as usual: the rows are written with its change, e-mail (per the person's choice for the
kind: app only, e-mail now, daily digest; quiet hours apply) goes to the durable mail queue, and the
open tabs' bells refresh after the commit. `delivery.deliver_due` is the lifespan step (held e-mails,
daily digests). Kinds: models/inbox.py NOTIFICATION_KINDS."""

from mrko_app.services.inbox.centre import (
    Tell,
    email_text,
    items,
    mark_all_read,
    mark_read,
    mark_read_keys,
    notify,
    notify_each,
    unread_count,
    withdraw,
)
from mrko_app.services.inbox.delivery import deliver_due, due_digests, send_digest
from mrko_app.services.inbox.prefs import (
    KINDS,
    MODES,
    in_quiet_hours,
    modes_of,
    quiet_end_after,
    save_settings,
    set_mode,
    settings_of,
    view,
)

__all__ = [
    "KINDS", "MODES", "Tell", "notify_each", "deliver_due", "due_digests", "email_text", "in_quiet_hours", "items", "mark_all_read",
    "mark_read", "mark_read_keys", "modes_of", "notify", "quiet_end_after", "save_settings", "send_digest", "set_mode",
    "settings_of", "unread_count", "view", "withdraw",
]
