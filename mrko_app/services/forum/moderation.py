"""Flags from users and what staff do about them. Every staff action is written to the moderation log
(who, what, when, why) in the same transaction as the action itself."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from mrko_app.models import ForumFlag, ForumPost, ModerationLog, User
from mrko_app.models.base import utcnow
from mrko_app.services import markdown, search
from mrko_app.services.errors import ServiceError, ValidationError
from mrko_app.services.forum import rules

ACTIONS = ("hide", "restore", "lock", "unlock", "pin", "unpin", "edit", "merge", "dismiss", "official",
           "unofficial", "to_faq")


def log(db: Session, moderator: User, action: str, post: ForumPost | None, reason: str, detail: str = "") -> None:
    db.add(ModerationLog(moderator_id=moderator.id, action=action, post_id=post.id if post else None,
                         reason=reason[:rules.REASON_MAX], detail=detail[:300], created_at=utcnow()))
    db.flush()


def _reason(value, required: bool = True) -> str:
    errors: dict[str, str] = {}
    reason = rules.text_field(value, "reason", 3 if required else 0, rules.REASON_MAX, errors)
    if errors:
        raise ValidationError(errors)
    return reason


def _set_hidden(db: Session, post: ForumPost, hidden: bool, by_flags: bool = False) -> None:
    post.hidden, post.hidden_by_flags = hidden, by_flags and hidden
    db.add(post)
    if post.kind in ("question", "answer"):
        search.set_visible(db, post.kind, post.id, not hidden)
    if post.kind == "answer":  # the question's count is what everyone can read
        question = db.get(ForumPost, post.question_id)
        if question is not None:
            question.answer_count += -1 if hidden else 1
            db.add(question)
    db.flush()


def flag(db: Session, user: User | None, post_id, reason, note="", now: datetime | None = None) -> ForumPost:
    """A signed-in user reports a post (once per post, not their own). Flags from FLAGS_TO_HIDE
    different users hide it until staff review it."""
    rules.member(user)
    now = now or utcnow()
    post = rules.visible_post(db, user, post_id)
    if reason not in rules.FLAG_REASONS:
        raise ValidationError({"reason": "forum.error.invalid"})
    errors: dict[str, str] = {}
    note = rules.text_field(note, "note", 0, rules.REASON_MAX, errors)
    if errors:
        raise ValidationError(errors)
    if post.author_id == user.id:
        raise ServiceError("forum.error.own_post")
    if db.exec(select(ForumFlag.id).where(ForumFlag.post_id == post.id, ForumFlag.user_id == user.id,
                                          ForumFlag.resolved == False)).first() is not None:  # noqa: E712
        raise ServiceError("forum.error.flagged_already")
    rules.check_flag_rate(db, user, now)
    old = db.exec(select(ForumFlag).where(ForumFlag.post_id == post.id, ForumFlag.user_id == user.id)).first()
    if old is not None:  # a flag dismissed earlier counts again
        old.reason, old.note, old.resolved, old.created_at = reason, note, False, now
        db.add(old)
    else:
        db.add(ForumFlag(post_id=post.id, user_id=user.id, reason=reason, note=note, created_at=now))
    db.flush()
    post.open_flags = db.exec(select(func.count()).select_from(ForumFlag).where(
        ForumFlag.post_id == post.id, ForumFlag.resolved == False)).one()  # noqa: E712
    db.add(post)
    if post.open_flags >= rules.FLAGS_TO_HIDE and not post.hidden:
        _set_hidden(db, post, True, by_flags=True)
    db.flush()
    return post


def _resolve_flags(db: Session, post: ForumPost) -> None:
    for f in db.exec(select(ForumFlag).where(ForumFlag.post_id == post.id, ForumFlag.resolved == False)).all():  # noqa: E712
        f.resolved = True
        db.add(f)
    post.open_flags = 0
    db.add(post)


def _staff_post(db: Session, user: User | None, post_id) -> ForumPost:
    rules.require_moderator(db, user)
    return rules.visible_post(db, user, post_id)


def hide(db: Session, user: User | None, post_id, reason) -> ForumPost:
    post = _staff_post(db, user, post_id)
    reason = _reason(reason)
    if not post.hidden:
        _set_hidden(db, post, True)
    post.hidden_by_flags = False
    _resolve_flags(db, post)
    log(db, user, "hide", post, reason)
    return post


def restore(db: Session, user: User | None, post_id, reason) -> ForumPost:
    """Show a hidden post again; its open flags are settled (reviewed)."""
    post = _staff_post(db, user, post_id)
    reason = _reason(reason, required=False)
    if post.hidden:
        _set_hidden(db, post, False)
    _resolve_flags(db, post)
    log(db, user, "restore", post, reason)
    return post


def dismiss(db: Session, user: User | None, post_id, reason="") -> ForumPost:
    """The flags were wrong: settle them and leave the post as it is."""
    post = _staff_post(db, user, post_id)
    _resolve_flags(db, post)
    db.flush()
    log(db, user, "dismiss", post, _reason(reason, required=False))
    return post


def set_switch(db: Session, user: User | None, post_id, action, reason="") -> ForumPost:
    """lock / unlock a question (no new answers or comments), pin / unpin it (first in the lists)."""
    if action not in ("lock", "unlock", "pin", "unpin"):
        raise ValidationError({"action": "forum.error.invalid"})
    post = _staff_post(db, user, post_id)
    if post.kind != "question":
        raise ValidationError({"action": "forum.error.invalid"})
    if action in ("lock", "unlock"):
        post.locked = action == "lock"
    else:
        post.pinned = action == "pin"
    db.add(post)
    db.flush()
    log(db, user, action, post, _reason(reason, required=False))
    return post


def edit(db: Session, user: User | None, post_id, form, now: datetime | None = None) -> ForumPost:
    """Staff correct a post (shown as edited, the log keeps why)."""
    post = _staff_post(db, user, post_id)
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    body = rules.text_field(form.get("body"), "body", rules.BODY_MIN[post.kind], rules.BODY_MAX[post.kind], errors)
    title = post.title
    if post.kind == "question":
        title = rules.text_field(form.get("title"), "title", rules.TITLE_MIN, rules.TITLE_MAX, errors)
    reason = rules.text_field(form.get("reason"), "reason", 3, rules.REASON_MAX, errors)
    if errors:
        raise ValidationError(errors)
    post.title, post.body, post.edited_at, post.edited_by = title, body, now or utcnow(), user.id
    db.add(post)
    db.flush()
    if post.kind in ("question", "answer"):
        search.index(db, post.kind, post.id, post.title, markdown.plain(post.body), visible=not post.hidden,
                     question_id=post.question_id)
    log(db, user, "edit", post, reason)
    return post


def merge(db: Session, user: User | None, source_id, target_id, reason="") -> ForumPost:
    """A duplicate question joins the original: its answers and comments move there, it is hidden
    and points to the original."""
    source = _staff_post(db, user, source_id)
    target = rules.visible_post(db, user, target_id, ("question",))
    if source.kind != "question" or source.id == target.id or target.merged_into is not None:
        raise ValidationError({"target": "forum.error.invalid"})
    moved = db.exec(select(ForumPost).where(ForumPost.question_id == source.id)).all()
    for post in moved:
        post.question_id = target.id
        if post.parent_id == source.id and post.kind == "answer":
            post.parent_id = target.id
        db.add(post)
        if post.kind == "answer":
            search.index(db, "answer", post.id, "", markdown.plain(post.body), visible=not post.hidden,
                         question_id=target.id)
            if not post.hidden:
                target.answer_count += 1
    source.merged_into, source.answer_count = target.id, 0
    db.add_all([source, target])
    if not source.hidden:
        _set_hidden(db, source, True)
    log(db, user, "merge", source, _reason(reason, required=False), detail=f"#{source.id} -> #{target.id}")
    return target


def review_queue(db: Session, user: User | None, limit: int = 50) -> list[ForumPost]:
    """Posts with open flags, hidden ones first, then the most flagged."""
    rules.require_moderator(db, user)
    return list(db.exec(select(ForumPost).where(ForumPost.open_flags > 0)
                        .order_by(col(ForumPost.hidden).desc(), col(ForumPost.open_flags).desc(), ForumPost.id)
                        .limit(limit)).all())


def open_flags(db: Session, post_ids: list[int]) -> dict[int, list[ForumFlag]]:
    out: dict[int, list[ForumFlag]] = {}
    if post_ids:
        for f in db.exec(select(ForumFlag).where(ForumFlag.post_id.in_(post_ids), ForumFlag.resolved == False)  # noqa: E712
                         .order_by(ForumFlag.id)).all():
            out.setdefault(f.post_id, []).append(f)
    return out


def moderation_log(db: Session, user: User | None, limit: int = 100) -> list[tuple[ModerationLog, User]]:
    rules.require_moderator(db, user)
    return list(db.exec(select(ModerationLog, User).join(User, User.id == ModerationLog.moderator_id)
                        .order_by(col(ModerationLog.id).desc()).limit(limit)).all())
