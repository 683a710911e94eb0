"""Reading the forum (anyone, signed in or not): lists, a thread, search, a person's public profile.
Every function returns plain dicts ready for a page: names are display names, nothing private."""

from sqlmodel import Session, col, select

from mrko_app.models import ForumPost, ForumVote, User
from mrko_app.services import clock, ids, markdown, search
from mrko_app.services.errors import NotFound
from mrko_app.services.forum import rules

SORTS = ("newest", "votes", "unanswered")
PAGE_SIZE = 20


def _when(dt):
    """A moment on the school's clock (views.present words it), "" for none."""
    return clock.to_local(dt) if dt else ""


def _authors(db: Session, ids: set[int]) -> dict[int, User]:
    return {u.id: u for u in db.exec(select(User).where(User.id.in_(ids))).all()} if ids else {}


def _summary(q: ForumPost, author: User | None, badge: str) -> dict:
    return {"id": q.id, "title": q.title, "tags": [t for t in q.tags.split(",") if t], "score": q.score,
            "answers": q.answer_count, "accepted": q.accepted_answer_id is not None, "pinned": q.pinned,
            "locked": q.locked, "hidden": q.hidden, "author": rules.display_name(author) if author else "",
            "author_id": q.author_id, "badge": badge, "created": _when(q.created_at)}


def list_questions(db: Session, sort="newest", tag="", page=0) -> list[dict]:
    """Visible questions: pinned first, then by `sort`; one page."""
    sort = sort if sort in SORTS else "newest"
    page = page if isinstance(page, int) and 0 <= page < 1000 else 0
    query = select(ForumPost).where(ForumPost.kind == "question", ForumPost.hidden == False)  # noqa: E712
    if tag in rules.TAGS:
        query = query.where(col(ForumPost.tags).contains(tag))
    if sort == "unanswered":
        query = query.where(ForumPost.answer_count == 0)
    order = [col(ForumPost.pinned).desc()]
    order += [col(ForumPost.score).desc()] if sort == "votes" else []
    query = query.order_by(*order, col(ForumPost.created_at).desc(), col(ForumPost.id).desc())
    rows = db.exec(query.offset(page * PAGE_SIZE).limit(PAGE_SIZE)).all()
    ids = {q.author_id for q in rows}
    authors, badges = _authors(db, ids), rules.badges(db, ids)
    return [_summary(q, authors.get(q.author_id), badges.get(q.author_id, "")) for q in rows]


def _post_view(p: ForumPost, user: User | None, author: User | None, badge: str, my_vote: int,
               moderator: bool) -> dict:
    mine = user is not None and p.author_id == user.id
    return {"id": p.id, "kind": p.kind, "parent_id": p.parent_id or 0, "html": markdown.render(p.body),
            "author": rules.display_name(author) if author else "", "author_id": p.author_id, "badge": badge,
            "created": _when(p.created_at), "edited": p.edited_at is not None, "edited_at": _when(p.edited_at),
            "score": p.score, "my_vote": my_vote, "official": p.official, "hidden": p.hidden,
            "mine": mine, "can_vote": user is not None and not mine and p.kind != "comment",
            "can_flag": user is not None and not mine, "body": p.body if moderator else "", "title_source": "",
            "comments": []}


def thread(db: Session, user: User | None, question_id) -> dict:
    """The question with its answers (accepted, then official, then by votes) and their comments."""
    question = rules.visible_post(db, user, question_id, ("question",))
    moderator = rules.is_moderator(db, user)
    rows = db.exec(select(ForumPost).where(ForumPost.question_id == question.id).order_by(ForumPost.id)).all()
    rows = [p for p in rows if rules.can_see(db, user, p, moderator)]
    posts = [question, *rows]
    ids = {p.author_id for p in posts}
    authors, badges = _authors(db, ids), rules.badges(db, ids)
    votes: dict[int, int] = {}
    if user is not None:
        votes = {v.post_id: v.value for v in db.exec(select(ForumVote).where(
            ForumVote.user_id == user.id, ForumVote.post_id.in_([p.id for p in posts]))).all()}
    views = {p.id: _post_view(p, user, authors.get(p.author_id), badges.get(p.author_id, ""), votes.get(p.id, 0),
                              moderator) for p in posts}
    for p in rows:
        if p.kind == "comment" and p.parent_id in views:
            views[p.parent_id]["comments"].append(views[p.id])
    answers = [views[p.id] for p in rows if p.kind == "answer"]
    for a in answers:
        a["accepted"] = a["id"] == question.accepted_answer_id
    answers.sort(key=lambda a: (not a["accepted"], not a["official"], -a["score"], a["id"]))
    head = {**views[question.id], **_summary(question, authors.get(question.author_id),
                                            badges.get(question.author_id, ""))}
    head.update(html=views[question.id]["html"], accepted=question.accepted_answer_id is not None,
                merged_into=question.merged_into or 0, title_source=question.title if moderator else "")
    can_write = user is not None and question.merged_into is None and (not question.locked or moderator)
    return {"question": head, "answers": answers, "can_answer": can_write,
            "can_accept": user is not None and question.author_id == user.id, "moderator": moderator,
            "official_staff": moderator}


def find(db: Session, query, *, limit: int = 20, prefix: bool = False, kinds=("question", "answer", "faq")) -> list[dict]:
    """Search results with their links: /forum/question?id=… (an answer: its thread) or the FAQ entry."""
    from mrko_app.models import FaqEntry

    results = search.search(db, query, kinds=kinds, limit=limit, prefix=prefix)
    faq_ids = [r["ref_id"] for r in results if r["kind"] == "faq"]
    slugs = dict(db.exec(select(FaqEntry.id, FaqEntry.slug).where(FaqEntry.id.in_(faq_ids))).all()) if faq_ids else {}
    for r in results:
        if r["kind"] == "faq":
            r["href"] = f"/faq?entry={slugs.get(r['ref_id'], '')}"
        elif r["kind"] == "answer":
            r["href"] = f"/forum/question?id={r['question_id']}#post-{r['ref_id']}"
        else:
            r["href"] = f"/forum/question?id={r['ref_id']}"
        r["key"] = f"{r['kind']}-{r['ref_id']}"
    return results


def similar(db: Session, title, limit: int = 5) -> list[dict]:
    """Questions like the title being typed (the last word may be unfinished)."""
    if not isinstance(title, str) or len(title.strip()) < 4:
        return []
    return find(db, title, limit=limit, prefix=True, kinds=("question", "faq"))


def profile(db: Session, viewer: User | None, user_id) -> dict:
    """A person's public page: display name, teacher/staff badge, their posts (hidden ones only for
    themselves and staff). Never e-mail, phone, children or other roles."""
    person = db.get(User, ids.require_id(user_id))
    if person is None or not person.is_active:
        raise NotFound()
    moderator = rules.is_moderator(db, viewer)
    query = select(ForumPost).where(ForumPost.author_id == person.id, ForumPost.kind != "comment")
    if not (moderator or (viewer is not None and viewer.id == person.id)):
        query = query.where(ForumPost.hidden == False)  # noqa: E712
    posts = db.exec(query.order_by(col(ForumPost.id).desc()).limit(50)).all()
    titles = dict(db.exec(select(ForumPost.id, ForumPost.title).where(
        ForumPost.id.in_({p.question_id for p in posts if p.question_id}))).all())
    items = [{"id": p.id, "kind": p.kind, "title": p.title or titles.get(p.question_id, ""), "hidden": p.hidden,
              "href": f"/forum/question?id={p.question_id or p.id}" + (f"#post-{p.id}" if p.question_id else ""),
              "created": _when(p.created_at), "score": p.score} for p in posts]
    return {"name": rules.display_name(person), "badge": rules.badges(db, {person.id}).get(person.id, ""),
            "posts": items}
