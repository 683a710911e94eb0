"""News: school news (staff) for every parent and teacher of the school; class news (the class
teacher, staff) for that class's parents and teachers. Public API: publish, feed, mark_read,
unread_count, publish_targets. Records returned are dataclasses; the view layer formats them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, and_, col, func, or_, select

from mrko_app.models import NewsPost, NewsRead, SchoolClass, User
from mrko_app.services import audience as audiences
from mrko_app.services import clock, ids
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.markdown import render_article as render

TITLE_MAX = 200
BODY_MAX = 10000
FEED_LIMIT = 50


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


def publish_targets(db: Session, user: User | None) -> list[Target]:
    aud = audiences.audience(db, user)
    targets = [Target(f"school:{s}", None) for s in sorted(aud.staff_school_ids)]
    classes = db.exec(select(SchoolClass).where(or_(
        SchoolClass.school_id.in_(aud.staff_school_ids or {-1}), SchoolClass.class_teacher_id == user.id))
        .order_by(SchoolClass.grade, SchoolClass.name)).all()
    return targets + [Target(f"class:{c.id}", c.name) for c in classes]


def publish(db: Session, user: User | None, form: dict, *, now: datetime | None = None) -> NewsPost:
    """Validated all at once, per field: target, title, body, optional publish and expiry times."""
    if not isinstance(form, dict):
        raise ValidationError({"title": "error.required"})
    aud = audiences.audience(db, user)
    now = now or clock.now()
    errors: dict[str, str] = {}
    school_id, class_id = audiences.writable_target(db, user, aud, form.get("target"), errors)
    title = " ".join(str(form.get("title") or "").split())
    body = str(form.get("body") or "").strip()
    if not title:
        errors["title"] = "error.required"
    elif len(title) > TITLE_MAX:
        errors["title"] = "news.error.title_long"
    if not body:
        errors["body"] = "error.required"
    elif len(body) > BODY_MAX:
        errors["body"] = "news.error.body_long"
    publish_at = audiences.local_moment(form.get("publish_at"))
    expires_at = audiences.local_moment(form.get("expires_at"))
    if publish_at == "bad":
        errors["publish_at"] = "news.error.moment"
    if expires_at == "bad":
        errors["expires_at"] = "news.error.moment"
    elif expires_at is not None and expires_at <= max(now, publish_at if isinstance(publish_at, datetime) else now):
        errors["expires_at"] = "news.error.expires_before"
    if errors:
        raise ValidationError(errors, title_max=TITLE_MAX, body_max=BODY_MAX)
    post = NewsPost(school_id=school_id, class_id=class_id, author_id=user.id, title=title, body=body,
                    body_html=render(body), pinned=form.get("pinned") in (True, "on", "true", "1"),
                    publish_at=publish_at or now, expires_at=expires_at, created_at=now)
    db.add(post)
    db.flush()
    return post


def _visible(aud: audiences.Audience, now: datetime):
    return and_(
        or_(and_(col(NewsPost.class_id).is_(None), col(NewsPost.school_id).in_(aud.school_ids or {-1})),
            col(NewsPost.class_id).in_(aud.class_ids or {-1})),
        NewsPost.publish_at <= now,
        or_(col(NewsPost.expires_at).is_(None), NewsPost.expires_at > now),
    )


def feed(db: Session, user: User | None, *, now: datetime | None = None, limit: int = FEED_LIMIT) -> list[NewsItem]:
    """What reaches the user now: pinned first, then newest. Four queries whatever the school's size."""
    aud = audiences.audience(db, user)
    now = now or clock.now()
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
    return [NewsItem(p.id, p.title, p.body_html, p.pinned, p.publish_at, class_name,
                     tuple(names.get(p.class_id, ())) if p.class_id else (), read_id is None)
            for p, class_name, read_id in rows]


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
