"""What the development outbox page shows, and to whom.

The page exists only on an instance that says it is a development or demo one (config.dev_mode());
elsewhere every call answers NotFound, even when a browser calls the handler by name. Even there it
shows a signed-in person only the messages sent to them (`OutboxMessage.user_id`, recorded when the
message was sent) and staff every message; an anonymous visitor sees nothing and cannot search,
except the tab that has just registered, which sees its own confirmation code (the account waiting
for it is known to the server, never taken from the browser: state/register.py).
Matching by address alone is not enough: e-mail addresses are not verified at registration, so
whoever registers with an address would read what was sent to it for the account that had it before.
"""

from sqlmodel import Session, col, select

from mrko_app import config
from mrko_app.models import OutboxMessage, User
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied


def visible_messages(session: Session, user: User | None, recipient: str | None = None,
                     limit: int = 30, pending_user_id: int | None = None) -> list[OutboxMessage]:
    """Newest first. `recipient` narrows the list (staff only: for others it is their own anyway).
    `pending_user_id`: the not yet confirmed account this tab registered (server-side state)."""
    if not config.dev_mode():
        raise NotFound()
    if user is None:
        pending = session.get(User, pending_user_id) if pending_user_id else None
        if pending is None or pending.phone_confirmed:
            raise PermissionDenied("error.login_required")
        user = pending
    query = select(OutboxMessage)
    if "staff" in access.user_roles(session, user):
        if recipient:
            query = query.where(OutboxMessage.recipient == recipient)
    else:
        query = query.where(OutboxMessage.user_id == user.id)
    query = query.order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc()).limit(limit)
    return list(session.exec(query))
