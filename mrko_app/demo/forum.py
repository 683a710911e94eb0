"""The demo school's public information: a lively forum (questions, answers, some accepted, official
answers, votes, a few reported posts and one hidden by reports), the full FAQ and the directory.

Written through the services (so the search index is filled as in real use). Idempotent: nothing is
added when the FAQ's first entry exists."""

import random
from datetime import timedelta

from sqlmodel import Session, select

from mrko_app.demo.faq_texts import DIRECTORY, FAQ
from mrko_app.demo.forum_texts import FLAGGED_ANSWERS, QUESTIONS
from mrko_app.models import DirectoryContact, DirectoryUnit, FaqEntry, ForumPost, User, UserRole
from mrko_app.models.base import utcnow
from mrko_app.services import faq, forum

DAY = timedelta(days=1)


def load_public_info(session: Session, school_id: int, *, seed: int = 12) -> bool:
    """Add the forum, the FAQ and the directory unless they are there; True when something was added."""
    if session.exec(select(FaqEntry.id).where(FaqEntry.slug == FAQ[0][1])).first() is not None:
        return False
    logins = {u.login: u for u in session.exec(select(User).where(User.login.in_(
        ("parent1", "parent2", "parent3", "teacher1", "teacher2", "staff1", "psych1")))).all()}
    staff = logins["staff1"]
    parent_ids = session.exec(select(UserRole.user_id).where(UserRole.role == "parent").order_by(UserRole.user_id)
                              ).all()
    others = [u for u in session.exec(select(User).where(User.id.in_(parent_ids), User.is_active == True)  # noqa: E712
                                      .order_by(User.id)).all() if u.login not in logins][:60]
    rng = random.Random(seed)
    pool = iter(others * 3)

    def who(key: str) -> User:
        return next(pool) if key == "p" else logins[key]

    for position, (section, slug, question, answer) in enumerate(FAQ):
        faq.save(session, staff, {"section": section, "slug": slug, "question": question, "answer": answer,
                                  "position": position})
    _directory(session, school_id)

    start = utcnow() - 45 * DAY
    threads: list[tuple[ForumPost, list[ForumPost]]] = []
    for i, q in enumerate(QUESTIONS):
        when = start + i * DAY + timedelta(hours=rng.randint(7, 21), minutes=rng.randint(0, 59))
        asker = who(q["asker"])
        question = forum.ask(session, asker, {"title": q["title"], "body": q["body"], "tags": q["tags"],
                                              "school": school_id if i % 3 == 0 else None}, now=when)
        answers = []
        for n, (author, text) in enumerate(q["answers"]):
            writer = who(author)
            if writer.id == asker.id:
                writer = next(pool)
            answers.append(forum.answer(session, writer, question.id, text, now=when + (n + 1) * timedelta(hours=3)))
        if q.get("accepted") is not None:
            forum.accept(session, asker, answers[q["accepted"]].id)
        if q.get("official") is not None:
            forum.mark_official(session, staff, answers[q["official"]].id)
        for post in [question, *answers]:
            for voter in rng.sample(others[:30], rng.randint(0, 6)):
                if voter.id != post.author_id:
                    forum.vote(session, voter, post.id, 1 if rng.random() < 0.9 else -1)
        for reporter in others[40:40 + q.get("flags", 0)]:
            forum.flag(session, reporter, question.id, "spam", now=when + timedelta(hours=1))
        threads.append((question, answers))
    for qi, ai, reasons in FLAGGED_ANSWERS:
        question, answers = threads[qi]
        target = question if ai is None else answers[ai]
        for reporter, reason in zip(others[50:], reasons):
            forum.flag(session, reporter, target.id, reason, now=target.created_at + timedelta(hours=2))
    forum.set_switch(session, staff, threads[0][0].id, "pin", "самый частый вопрос")
    forum.set_switch(session, staff, threads[22][0].id, "lock", "вопрос решён")
    session.flush()
    return True


def _directory(session: Session, school_id: int) -> None:
    for position, (name, description, address, hours, phone, email, hidden, contacts) in enumerate(DIRECTORY):
        unit = DirectoryUnit(school_id=None if position == 0 else school_id, name=name, description=description,
                             address=address, hours=hours, phone=phone, email=email, position=position,
                             **{f"show_{f}": hidden.get(f, True) for f in ("address", "hours", "phone", "email")})
        session.add(unit)
        session.flush()
        for contact_name, post, public in contacts:
            session.add(DirectoryContact(unit_id=unit.id, name=contact_name, post=post, public=public))
    session.flush()

