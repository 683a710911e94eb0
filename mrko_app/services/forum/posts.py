"""Writing on the forum: asking, answering, commenting, voting, accepting, the school's official answer."""

from datetime import datetime

from sqlmodel import Session, select

from mrko_app import routes
from mrko_app.i18n import tr
from mrko_app.models import ForumPost, ForumVote, School, User
from mrko_app.models.base import utcnow
from mrko_app.services import ids, markdown, search
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from mrko_app.services.forum import rules
from mrko_app.services.inbox import centre as inbox


def _school_id(db: Session, value) -> int | None:
    if value in (None, "", 0, "0"):
        return None
    try:
        school = db.get(School, ids.require_id(value))
    except NotFound:
        school = None
    if school is None:
        raise ValidationError({"school": "forum.error.invalid"})
    return school.id


def _reindex(db: Session, post: ForumPost) -> None:
    if post.kind in ("question", "answer"):
        search.index(db, post.kind, post.id, post.title, markdown.plain(post.body), visible=not post.hidden,
                     question_id=post.question_id)


def ask(db: Session, user: User | None, form, now: datetime | None = None, client_ip: str | None = None) -> ForumPost:
    """A new question from `form` {title, body, tags, school}."""
    rules.member(user)
    now = now or utcnow()
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    title = rules.text_field(form.get("title"), "title", rules.TITLE_MIN, rules.TITLE_MAX, errors)
    body = rules.text_field(form.get("body"), "body", rules.BODY_MIN["question"], rules.BODY_MAX["question"], errors)
    tags = rules.tag_list(form.get("tags"))
    if errors:
        raise ValidationError(errors)
    school_id = _school_id(db, form.get("school"))
    rules.check_rate(db, user, "question", body + " " + title, now, client_ip)
    post = ForumPost(kind="question", author_id=user.id, school_id=school_id, title=title, body=body,
                     tags=",".join(tags), created_at=now)
    db.add(post)
    db.flush()
    _reindex(db, post)
    return post


def _open_question(db: Session, user: User, value) -> ForumPost:
    question = rules.visible_post(db, user, value, ("question",))
    if question.merged_into is not None:
        raise ServiceError("forum.error.merged")
    if question.locked and not rules.is_moderator(db, user):
        raise ServiceError("forum.error.locked")
    return question


def answer(db: Session, user: User | None, question_id, body, now: datetime | None = None,
           client_ip: str | None = None) -> ForumPost:
    rules.member(user)
    now = now or utcnow()
    question = _open_question(db, user, question_id)
    errors: dict[str, str] = {}
    body = rules.text_field(body, "body", rules.BODY_MIN["answer"], rules.BODY_MAX["answer"], errors)
    if errors:
        raise ValidationError(errors)
    rules.check_rate(db, user, "answer", body, now, client_ip)
    post = ForumPost(kind="answer", question_id=question.id, parent_id=question.id, author_id=user.id,
                     school_id=question.school_id, body=body, created_at=now)
    question.answer_count += 1
    db.add_all([post, question])
    db.flush()
    _reindex(db, post)
    if question.author_id != user.id:  # the one who asked hears of every answer
        excerpt = " ".join(body.split())
        inbox.notify(db, [question.author_id], "forum",
                     title=lambda lang: tr("inbox.forum.answer", lang, title=question.title),
                     body=excerpt[:200] + ("…" if len(excerpt) > 200 else ""),
                     link=f"{routes.FORUM_QUESTION}?id={question.id}", key=f"forum-answer:{post.id}")
    return post


def comment(db: Session, user: User | None, post_id, body, now: datetime | None = None,
            client_ip: str | None = None) -> ForumPost:
    """A comment on a question or an answer."""
    rules.member(user)
    now = now or utcnow()
    target = rules.visible_post(db, user, post_id, ("question", "answer"))
    _open_question(db, user, target.question_id or target.id)
    errors: dict[str, str] = {}
    body = rules.text_field(body, "comment", rules.BODY_MIN["comment"], rules.BODY_MAX["comment"], errors)
    if errors:
        raise ValidationError(errors)
    rules.check_rate(db, user, "comment", body, now, client_ip)
    post = ForumPost(kind="comment", question_id=target.question_id or target.id, parent_id=target.id,
                     author_id=user.id, school_id=target.school_id, body=body, created_at=now)
    db.add(post)
    db.flush()
    return post


def vote(db: Session, user: User | None, post_id, value) -> int:
    """+1 or -1 on someone else's question or answer; the same vote again takes it back. The new score."""
    rules.member(user)
    if value not in (1, -1, "1", "-1", "up", "down"):
        raise ValidationError({"vote": "forum.error.invalid"})
    value = 1 if value in (1, "1", "up") else -1
    post = rules.visible_post(db, user, post_id, ("question", "answer"))
    if post.author_id == user.id:
        raise PermissionDenied("forum.error.own_post")
    existing = db.exec(select(ForumVote).where(ForumVote.post_id == post.id, ForumVote.user_id == user.id)).first()
    if existing is None:
        db.add(ForumVote(post_id=post.id, user_id=user.id, value=value))
        post.score += value
    elif existing.value == value:
        db.delete(existing)
        post.score -= value
    else:
        post.score += value - existing.value
        existing.value = value
        db.add(existing)
    db.add(post)
    db.flush()
    return post.score


def accept(db: Session, user: User | None, answer_id) -> ForumPost:
    """The asker marks the answer that helped them (again: takes it back)."""
    rules.member(user)
    post = rules.visible_post(db, user, answer_id, ("answer",))
    question = db.get(ForumPost, post.question_id)
    if question is None or question.author_id != user.id:
        raise PermissionDenied()
    question.accepted_answer_id = None if question.accepted_answer_id == post.id else post.id
    db.add(question)
    db.flush()
    return question


def mark_official(db: Session, user: User | None, answer_id) -> ForumPost:
    """Staff of the question's school (any staff for a question about no school) mark the school's
    official answer (again: take it back)."""
    rules.member(user)
    post = rules.visible_post(db, user, answer_id, ("answer",))
    access.require_staff(db, user, post.school_id)
    post.official = not post.official
    db.add(post)
    db.flush()
    from mrko_app.services.forum.moderation import log

    log(db, user, "official" if post.official else "unofficial", post, "")
    return post
