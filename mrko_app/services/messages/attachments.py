"""Attachments of messages through services/uploads: pictures (checked, re-encoded, metadata gone) and
PDFs (checked by content), capped, kept privately; readers get signed /media addresses, and the resolver
checks on every fetch that the reader may still read the message (membership follows the links)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mrko_app.models import Message, MessageAttachment, User
from mrko_app.services import clock, ids, uploads
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.messages import membership

FOLDER = "message_files"
PURPOSE = "msg"
PDF_MAX = 10 * 1024 * 1024
MAX_PER_MESSAGE = 4
FILE_MAX = max(PDF_MAX, uploads.PICTURE_MAX_BYTES)  # the most a handler reads of one file
KEYS = {"empty": "messages.error.file_empty", "too_big": "messages.error.file_too_big",
        "bad_type": "messages.error.file_type"}


def upload(db: Session, user: User, conversation_id, data: bytes, filename: str | None) -> MessageAttachment:
    """Store a file for a message the user is about to post here (attached when the message is sent)."""
    from mrko_app.services.messages.posting import require_poster

    require_poster(db, user, conversation_id)
    content_type = uploads.check(data, max_size=FILE_MAX,
                                 types=("application/pdf", "image/png", "image/jpeg"), field="files", keys=KEYS)
    if content_type == "application/pdf":
        if len(data) > PDF_MAX:
            raise ValidationError({"files": KEYS["too_big"]}, limit=PDF_MAX // (1024 * 1024))
        stored = uploads.write(data, FOLDER, uploads.clean_filename(filename, content_type), content_type)
    else:
        stored, _picture = uploads.store_picture(data, FOLDER, filename, field="files")
    row = MessageAttachment(uploader_id=user.id, storage_name=stored.storage_name, filename=stored.filename,
                            content_type=stored.content_type, size=stored.size)
    db.add(row)
    db.flush()
    return row


def attach_to(db: Session, user: User, message: Message, attachment_ids) -> None:
    wanted = [i for i in (ids.parse_id(v) for v in list(attachment_ids or ())[:MAX_PER_MESSAGE + 1]) if i]
    if len(wanted) > MAX_PER_MESSAGE:
        raise ValidationError({"files": "messages.error.too_many_files"}, limit=MAX_PER_MESSAGE)
    for row in db.exec(select(MessageAttachment).where(col(MessageAttachment.id).in_(wanted or [-1]))).all():
        if row.uploader_id == user.id and row.message_id is None:  # only one's own, not yet used
            row.message_id = message.id
            db.add(row)


def drop_of(db: Session, message_id: int) -> None:
    for row in db.exec(select(MessageAttachment).where(MessageAttachment.message_id == message_id)).all():
        uploads.delete(FOLDER, row.storage_name)
        db.delete(row)


def for_reader(db: Session, reader_id: int, message_ids: list[int]) -> dict[int, tuple[tuple[str, str, str], ...]]:
    """message id -> (signed address, file name, content type) for a reader already checked."""
    found: dict[int, list] = {}
    now = clock.now()
    for row in db.exec(select(MessageAttachment).where(col(MessageAttachment.message_id).in_(message_ids or [-1]))
                       .order_by(MessageAttachment.id)).all():
        found.setdefault(row.message_id, []).append(
            (uploads.sign_url(PURPOSE, row.id, reader_id, now=now), row.filename, row.content_type))
    return {k: tuple(v) for k, v in found.items()}


def file_for_reader(db: Session, grant: uploads.Grant | None) -> tuple[bytes, str] | None:
    """The /media resolver: the bytes if the grant's reader may read the message now, else None."""
    if grant is None or grant.purpose != PURPOSE:
        return None
    row = db.get(MessageAttachment, grant.object_id)
    reader = db.get(User, grant.user_id)
    if row is None or row.message_id is None or reader is None or not reader.is_active:
        return None
    message = db.get(Message, row.message_id)
    try:
        who = membership.reader(db, reader, message.conversation_id)
    except NotFound:
        return None
    if message.deleted_at or (who.until is not None and message.created_at >= who.until):
        return None
    if message.hidden and not (who.is_staff or who.role == "moderator" or message.author_id == reader.id):
        return None
    if not uploads.exists(FOLDER, row.storage_name):
        return None
    return uploads.read(FOLDER, row.storage_name), row.content_type
