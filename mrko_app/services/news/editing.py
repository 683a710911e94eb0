"""Writing news: publish, edit, withdraw. A post is edited or withdrawn by its author or by the staff of
its school; the form is validated all at once, per field. Pictures come from the caller's server-side
list of pictures already prepared by services/uploads (never from the browser)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, or_, select

from mrko_app import routes
from mrko_app.models import NewsPicture, NewsPost, User
from mrko_app.services import audience as audiences
from mrko_app.services import changes, clock, ids, uploads
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.markdown import render_article as render
from mrko_app.services.news.pictures import PICTURE_FOLDER

TITLE_MAX = 200
BODY_MAX = 10000
MAX_PICTURES = 4
SCHEDULED_LIMIT = 50
FORM_FIELDS = ("target", "title", "body", "publish_at", "expires_at", "pinned")


def _announce(db: Session, *posts: tuple[int, int | None]) -> None:
    """The open news feeds of the post's audience refresh once this commits (state/push.py)."""
    changes.announce(db, *(changes.of_class(class_id, "news") if class_id else changes.of_school(school_id, "news")
                           for school_id, class_id in posts))


def _read(db: Session, user: User, aud, form, now: datetime, pictures: int) -> dict:
    if not isinstance(form, dict):
        raise ValidationError({"title": "error.required"})
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
    zone = clock.zone_of(db, school_id)  # a scheduled post's moments are on its school's clock
    publish_at = audiences.local_moment(form.get("publish_at"), zone)
    expires_at = audiences.local_moment(form.get("expires_at"), zone)
    if publish_at == "bad":
        errors["publish_at"] = "news.error.moment"
    if expires_at == "bad":
        errors["expires_at"] = "news.error.moment"
    elif expires_at is not None and expires_at <= max(now, publish_at if isinstance(publish_at, datetime) else now):
        errors["expires_at"] = "news.error.expires_before"
    if pictures > MAX_PICTURES:
        errors["pictures"] = "news.error.pictures"
    if errors:
        raise ValidationError(errors, title_max=TITLE_MAX, body_max=BODY_MAX, pictures_max=MAX_PICTURES)
    return {"school_id": school_id, "class_id": class_id, "title": title, "body": body, "body_html": render(body),
            "pinned": form.get("pinned") in (True, "on", "true", "1"), "publish_at": publish_at,
            "expires_at": expires_at}


def _attach(db: Session, post: NewsPost, pictures, start: int) -> None:
    for n, picture in enumerate(pictures or (), start):
        if not uploads.exists(PICTURE_FOLDER, str(picture.get("storage_name", ""))):
            raise ValidationError({"pictures": "upload.picture_missing"})
        db.add(NewsPicture(post_id=post.id, position=n, storage_name=picture["storage_name"],
                           content_type=picture["content_type"], width=int(picture["width"]),
                           height=int(picture["height"]), size=int(picture["size"])))


def publish(db: Session, user: User | None, form: dict, *, pictures=(), now: datetime | None = None) -> NewsPost:
    """A new post: target, title, body, optional publish and expiry times, pinned, up to 4 pictures."""
    aud = audiences.audience(db, user)
    now = now or clock.now()
    values = _read(db, user, aud, form, now, len(pictures or ()))
    values["publish_at"] = values["publish_at"] or now
    post = NewsPost(author_id=user.id, created_at=now, **values)
    db.add(post)
    db.flush()
    _attach(db, post, pictures, 0)
    db.flush()
    _announce(db, (post.school_id, post.class_id))
    excerpt = " ".join(post.body.split())
    # told when it is published (a scheduled post: then); a withdrawn one before that: never
    inbox.notify(db, audiences.reached(db, post.school_id, post.class_id) - {user.id}, "news", title=post.title,
                 body=excerpt[:200] + ("…" if len(excerpt) > 200 else ""), link=routes.NEWS, key=f"news:{post.id}",
                 shown_at=post.publish_at, now=now)
    return post


def _editable(db: Session, user: User | None, post_id) -> tuple[NewsPost, audiences.Audience]:
    aud = audiences.audience(db, user)
    post = db.get(NewsPost, ids.require_id(post_id))
    if post is None or post.withdrawn_at is not None:
        raise NotFound()
    if post.author_id != user.id and post.school_id not in aud.staff_school_ids:
        raise PermissionDenied()
    return post, aud


def for_editing(db: Session, user: User | None, post_id) -> dict[str, str]:
    """The post's form values (school time for the moments), for its editor only."""
    post, _aud = _editable(db, user, post_id)
    zone = clock.zone_of(db, post.school_id)

    def local(moment):
        return clock.to_local(moment, zone).strftime("%Y-%m-%dT%H:%M") if moment else ""

    return {"id": str(post.id), "target": f"class:{post.class_id}" if post.class_id else f"school:{post.school_id}",
            "title": post.title, "body": post.body, "publish_at": local(post.publish_at),
            "expires_at": local(post.expires_at), "pinned": "on" if post.pinned else ""}


def update(db: Session, user: User | None, post_id, form: dict, *, pictures=(), drop_pictures: bool = False,
           now: datetime | None = None) -> NewsPost:
    """The editor changes the post (its audience too, within what they may write to); new pictures are
    added after the kept ones; `drop_pictures` removes the earlier ones."""
    post, aud = _editable(db, user, post_id)
    now = now or clock.now()
    old = db.exec(select(NewsPicture).where(NewsPicture.post_id == post.id).order_by(NewsPicture.position)).all()
    kept = [] if drop_pictures else old
    values = _read(db, user, aud, form, now, len(kept) + len(pictures or ()))
    values["publish_at"] = values["publish_at"] or post.publish_at
    before = (post.school_id, post.class_id)
    for name, value in values.items():
        setattr(post, name, value)
    post.updated_at = now
    db.add(post)
    if drop_pictures:
        for picture in old:
            uploads.delete(PICTURE_FOLDER, picture.storage_name)
            db.delete(picture)
    _attach(db, post, pictures, len(kept) and kept[-1].position + 1)
    db.flush()
    _announce(db, before, (post.school_id, post.class_id))
    return post


def withdraw(db: Session, user: User | None, post_id, *, now: datetime | None = None) -> None:
    """Nobody sees the post any more (nor its pictures); the record stays."""
    post, _aud = _editable(db, user, post_id)
    post.withdrawn_at = now or clock.now()
    db.add(post)
    db.flush()
    inbox.withdraw(db, f"news:{post.id}", now=post.withdrawn_at)
    _announce(db, (post.school_id, post.class_id))


def scheduled(db: Session, user: User | None, *, now: datetime | None = None) -> list[NewsPost]:
    """Posts not published yet that the user may edit: their own, and their school's for staff."""
    return scheduled_for(db, audiences.audience(db, user), now or clock.now())


def scheduled_for(db: Session, aud: audiences.Audience, now: datetime) -> list[NewsPost]:
    return list(db.exec(select(NewsPost).where(
        or_(NewsPost.author_id == aud.user_id, col(NewsPost.school_id).in_(aud.staff_school_ids or {-1})),
        NewsPost.publish_at > now, col(NewsPost.withdrawn_at).is_(None))
        .order_by(NewsPost.publish_at).limit(SCHEDULED_LIMIT)).all())
