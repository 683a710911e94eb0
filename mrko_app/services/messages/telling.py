"""A new message told to the other members through the notification centre (services/inbox, kind
"messages"): in the bell at once, e-mailed per each person's choice. A teacher outside working hours is
told when the hours start (`shown_at`), so nothing reaches them meanwhile; reading the conversation marks
its notifications read."""

from sqlmodel import Session, select

from mrko_app.i18n import tr
from mrko_app.models import Conversation, Message, User
from mrko_app.services import inbox
from mrko_app.services.messages.hours import next_working_start

PREVIEW = 140


def key_of(message_id: int) -> str:
    return f"message:{message_id}"


def tell_members(db: Session, conv: Conversation, message: Message, author: User, members: dict[int, str]) -> None:
    name = f"{author.first_name} {author.surname}".strip()
    preview = " ".join(message.body.split())
    preview = preview if len(preview) <= PREVIEW else preview[:PREVIEW - 1] + "…"
    tells = []
    for uid, role in sorted(members.items()):
        if uid == author.id:
            continue
        # a teacher's working hours hold back what parents write to them, not a colleague's message
        later = next_working_start(db, uid) if role != "parent" and members.get(author.id) == "parent" else None
        tells.append(inbox.Tell(uid, lambda lang: tr("messages.notify.title", lang, name=name), preview,
                                f"/messages/{conv.id}", key_of(message.id), later))
    if tells:
        inbox.notify_each(db, "messages", tells)


def read_up_to(db: Session, user: User, conv_id: int, before: int, target: int) -> None:
    """The reader's notifications of the messages between their old and new read position are read."""
    got = db.exec(select(Message.id).where(Message.conversation_id == conv_id, Message.id > before,
                                           Message.id <= target)).all()
    inbox.mark_read_keys(db, user, [key_of(mid) for mid in got])
