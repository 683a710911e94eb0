"""News: school news (staff) for every parent and teacher of the school; class news (the class
teacher, staff) for that class's parents and teachers. Optional pictures (services/uploads), served
only to the post's readers through signed, short-lived addresses. The author or the school's staff
edit and withdraw a post.

Public API: publish, update, withdraw, for_editing, scheduled, feed, topics, front_page (the feed page's
four in one: one audience), mark_read, unread_count, publish_targets, picture_for_reader. Records returned are dataclasses; the view layer formats them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, and_, col, func, or_, select

from mrko_app.models import NewsPost, NewsRead, SchoolClass, User
from mrko_app.services import audience as audiences
from mrko_app.services import clock, ids
from mrko_app.services.errors import NotFound
from mrko_app.services.news.editing import (
    BODY_MAX,
    MAX_PICTURES,
    TITLE_MAX,
    for_editing,
    publish,
    scheduled,
    scheduled_for,
    update,
    withdraw,
)
from mrko_app.services.news.pictures import PICTURE_FOLDER, picture_for_reader, picture_urls

FEED_LIMIT = 50

__all__ = ["BODY_MAX", "FEED_LIMIT", "MAX_PICTURES", "PICTURE_FOLDER", "TITLE_MAX", "NewsItem", "NewsPage", "Target", "feed",
           "for_editing", "front_page", "mark_read", "picture_for_reader", "publish", "publish_targets", "scheduled",
           "topics", "unread_count", "update", "withdraw"]


@dataclass(frozen=True)
class Target:
    """Where the user may publish: value "school:<id>" or "class:<id>"."""

    value: str
    class_name: str | None  # None: the whole school


@dataclass(frozen=True)
class NewsItem:
    id: int
    title: str
    body_html: str
    pinned: bool
    published_at: datetime  # naive UTC
    class_name: str | None  # None: school news
    children: tuple[str, ...]  # the parent's children it concerns (their page names), for the label
    unread: bool
    pictures: tuple[str, ...] = ()  # signed addresses, for this reader only, short-lived
    editable: bool = False  # the reader wrote it, or is staff of its school
    scheduled: bool = False  # not published yet (only its editors see it)


@dataclass(frozen=True)
class NewsPage:
    """What the news page shows and follows, read with one look-up of the reader's audience."""

    items: list[NewsItem]
    scheduled: list[NewsPost]
    targets: list[Target]
    topics: list[tuple[str, int]]


def front_page(db: Session, user: User | None, *, now: datetime | None = None) -> NewsPage:
    aud = audiences.audience(db, user)
    now = now or clock.now()
    return NewsPage(_feed(db, aud, now, FEED_LIMIT), scheduled_for(db, aud, now), _targets(db, aud), _topics(aud))


def publish_targets(db: Session, user: User | None) -> list[Target]:
    return _targets(db, audiences.audience(db, user))


def _targets(db: Session, aud: audiences.Audience) -> list[Target]:
    targets = [Target(f"school:{s}", None) for s in sorted(aud.staff_school_ids)]
    classes = db.exec(select(SchoolClass).where(or_(
        SchoolClass.school_id.in_(aud.staff_school_ids or {-1}), SchoolClass.class_teacher_id == aud.user_id))
        .order_by(SchoolClass.grade, SchoolClass.name)).all()
    return targets + [Target(f"class:{c.id}", c.name) for c in classes]


def _visible(aud: audiences.Audience, now: datetime):
    return and_(
        or_(and_(col(NewsPost.class_id).is_(None), col(NewsPost.school_id).in_(aud.school_ids or {-1})),
            col(NewsPost.class_id).in_(aud.class_ids or {-1})),
        NewsPost.publish_at <= now,
        or_(col(NewsPost.expires_at).is_(None), NewsPost.expires_at > now),
        col(NewsPost.withdrawn_at).is_(None),
    )


def feed(db: Session, user: User | None, *, now: datetime | None = None, limit: int = FEED_LIMIT) -> list[NewsItem]:
    """What reaches the user now: pinned first, then newest (pictures: one query for all). A fixed number
    of queries whatever the school's size (four for a parent, bench/school_life_bench.py)."""
    return _feed(db, audiences.audience(db, user), now or clock.now(), limit)


def _feed(db: Session, aud: audiences.Audience, now: datetime, limit: int) -> list[NewsItem]:
    rows = db.exec(
        select(NewsPost, SchoolClass.name, NewsRead.id)
        .outerjoin(SchoolClass, SchoolClass.id == NewsPost.class_id)
        .outerjoin(NewsRead, and_(NewsRead.post_id == NewsPost.id, NewsRead.user_id == aud.user_id))
        .where(_visible(aud, now))
        .order_by(col(NewsPost.pinned).desc(), col(NewsPost.publish_at).desc(), col(NewsPost.id).desc())
        .limit(limit)
    ).all()
    names: dict[int, list[str]] = {}
    for child in aud.children:
        names.setdefault(child.class_id, []).append(child.name)
    urls = picture_urls(db, aud.user_id, [p.id for p, _c, _r in rows], now)
    return [NewsItem(p.id, p.title, p.body_html, p.pinned, p.publish_at, class_name,
                     tuple(names.get(p.class_id, ())) if p.class_id else (), read_id is None, urls.get(p.id, ()),
                     p.author_id == aud.user_id or p.school_id in aud.staff_school_ids)
            for p, class_name, read_id in rows]


def topics(db: Session, user: User | None) -> list[tuple[str, int]]:
    """What an open feed follows (services/changes): the schools and classes whose news reach the user."""
    return _topics(audiences.audience(db, user))


def _topics(aud: audiences.Audience) -> list[tuple[str, int]]:
    return sorted([("school", i) for i in aud.school_ids] + [("class", i) for i in aud.class_ids])


def unread_count(db: Session, user: User | None, *, now: datetime | None = None) -> int:
    aud = audiences.audience(db, user)
    read = select(NewsRead.post_id).where(NewsRead.user_id == aud.user_id)
    return db.exec(select(func.count(NewsPost.id)).where(
        _visible(aud, now or clock.now()), col(NewsPost.id).not_in(read))).one()


def mark_read(db: Session, user: User | None, post_id, *, now: datetime | None = None) -> None:
    """Marks a post the user may see as read (again: no change)."""
    aud = audiences.audience(db, user)
    pid = ids.require_id(post_id)
    if db.exec(select(NewsPost.id).where(NewsPost.id == pid, _visible(aud, now or clock.now()))).first() is None:
        raise NotFound()
    if db.exec(select(NewsRead.id).where(NewsRead.user_id == aud.user_id, NewsRead.post_id == pid)).first() is None:
        db.add(NewsRead(user_id=aud.user_id, post_id=pid))
        db.flush()


def visible_to(db: Session, user: User, post_id: int, now: datetime | None = None) -> bool:
    aud = audiences.audience(db, user)
    return db.exec(select(NewsPost.id).where(NewsPost.id == post_id, _visible(aud, now or clock.now()))).first() \
        is not None
