"""The FAQ: staff curate questions and answers in sections; anyone reads and searches them (the same
index as the forum). Each entry has a stable link, /faq?entry=<slug>."""

import re

from sqlmodel import Session, col, select

from mrko_app.models import FaqEntry, ForumPost, User
from mrko_app.models.base import utcnow
from mrko_app.services import ids, markdown, search
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.forum import rules
from mrko_app.services.forum.moderation import log

SECTIONS = ("access", "login", "diary", "marks", "journal", "privacy")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUESTION_MAX, ANSWER_MAX = 200, 5000


def link(slug: str) -> str:
    return f"/faq?entry={slug}"


def _view(e: FaqEntry) -> dict:
    return {"id": e.id, "section": e.section, "slug": e.slug, "question": e.question, "html": markdown.render(e.answer),
            "href": link(e.slug)}


def sections(db: Session) -> list[dict]:
    """Every section in order with its entries (one query)."""
    rows = db.exec(select(FaqEntry).order_by(FaqEntry.section, FaqEntry.position, FaqEntry.id)).all()
    by = {s: [] for s in SECTIONS}
    for e in rows:
        by.setdefault(e.section, []).append(_view(e))
    return [{"code": s, "entries": by[s]} for s in SECTIONS]


def entry_source(db: Session, user: User | None, entry_id) -> dict:
    """What the editor shows for one entry (staff only)."""
    rules.require_moderator(db, user)
    e = db.get(FaqEntry, ids.require_id(entry_id))
    if e is None:
        raise NotFound()
    return {"id": str(e.id), "section": e.section, "slug": e.slug, "question": e.question, "answer": e.answer,
            "position": str(e.position)}


def save(db: Session, user: User | None, form, *, source_post_id: int | None = None) -> FaqEntry:
    """Create (no id) or change an entry from {id, section, slug, question, answer, position}."""
    rules.require_moderator(db, user)
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    entry = None
    if form.get("id") not in (None, "", 0, "0"):
        entry = db.get(FaqEntry, ids.require_id(form.get("id")))
        if entry is None:
            raise NotFound()
    section = form.get("section")
    if section not in SECTIONS:
        errors["section"] = "forum.error.invalid"
    slug = rules.text_field(form.get("slug"), "slug", 3, 80, errors).lower()
    if slug and "slug" not in errors and not _SLUG.match(slug):
        errors["slug"] = "faq.error.slug"
    question = rules.text_field(form.get("question"), "question", 5, QUESTION_MAX, errors)
    answer = rules.text_field(form.get("answer"), "answer", 5, ANSWER_MAX, errors)
    position = form.get("position") or 0
    try:
        position = int(position)
        if not 0 <= position <= 1000:
            raise ValueError
    except (TypeError, ValueError):
        errors["position"] = "forum.error.invalid"
    if not errors.get("slug") and slug:
        other = db.exec(select(FaqEntry.id).where(FaqEntry.slug == slug)).first()
        if other is not None and (entry is None or other != entry.id):
            errors["slug"] = "faq.error.slug_taken"
    if errors:
        raise ValidationError(errors)
    if entry is None:
        entry = FaqEntry(section=section, slug=slug, question=question, answer=answer, source_post_id=source_post_id)
    entry.section, entry.slug, entry.question, entry.answer, entry.position = section, slug, question, answer, position
    entry.updated_at, entry.updated_by = utcnow(), user.id
    db.add(entry)
    db.flush()
    search.index(db, "faq", entry.id, entry.question, markdown.plain(entry.answer))
    return entry


def delete(db: Session, user: User | None, entry_id) -> None:
    rules.require_moderator(db, user)
    entry = db.get(FaqEntry, ids.require_id(entry_id))
    if entry is None:
        raise NotFound()
    search.remove(db, "faq", entry.id)
    db.delete(entry)
    db.flush()


def promote(db: Session, user: User | None, answer_id, section, slug) -> FaqEntry:
    """A forum answer becomes a FAQ entry (its question's title as the question)."""
    rules.require_moderator(db, user)
    post = rules.visible_post(db, user, answer_id, ("answer",))
    question = db.get(ForumPost, post.question_id)
    position = len(db.exec(select(FaqEntry.id).where(FaqEntry.section == section)).all()) if section in SECTIONS else 0
    entry = save(db, user, {"section": section, "slug": slug, "question": question.title, "answer": post.body,
                            "position": position}, source_post_id=post.id)
    log(db, user, "to_faq", post, "", detail=entry.slug)
    return entry


def all_slugs(db: Session) -> list[str]:
    return list(db.exec(select(FaqEntry.slug).order_by(col(FaqEntry.id))).all())
