"""The pictures of news posts: the readers' signed addresses (made only for posts the reader sees now)
and the bytes behind an address, checked again when it is fetched (the reader still sees the post)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from mrko_app.models import NewsPicture, User
from mrko_app.services import uploads

PICTURE_FOLDER = "news_pictures"
PURPOSE = "news"


def picture_urls(db: Session, reader_id: int, post_ids: list[int], now: datetime) -> dict[int, tuple[str, ...]]:
    """post id -> the signed addresses of its pictures, for this reader (the caller checked they see
    the posts). One query for all the posts."""
    found: dict[int, list[str]] = {}
    for picture_id, post_id in db.exec(select(NewsPicture.id, NewsPicture.post_id).where(
            col(NewsPicture.post_id).in_(post_ids or [-1])).order_by(NewsPicture.post_id, NewsPicture.position)).all():
        found.setdefault(post_id, []).append(uploads.sign_url(PURPOSE, picture_id, reader_id, now=now))
    return {post_id: tuple(urls) for post_id, urls in found.items()}


def picture_for_reader(db: Session, grant: uploads.Grant | None) -> tuple[bytes, str] | None:
    """(bytes, content type) behind a verified grant, or None: not a news grant, no such picture, the
    reader's account inactive, or the post no longer reaches them (withdrawn, expired, unlinked child)."""
    from mrko_app.services import news  # the package imports this module

    if grant is None or grant.purpose != PURPOSE:
        return None
    picture = db.get(NewsPicture, grant.object_id)
    reader = db.get(User, grant.user_id)
    if picture is None or reader is None or not reader.is_active or not news.visible_to(db, reader, picture.post_id):
        return None
    if not uploads.exists(PICTURE_FOLDER, picture.storage_name):
        return None
    return uploads.read(PICTURE_FOLDER, picture.storage_name), picture.content_type
