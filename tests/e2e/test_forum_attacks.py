"""Attacks on the forum's moderation and the staff pages for the FAQ, the directory and the feedback
queue, not through the UI: every such handler called directly over the websocket, as an anonymous
visitor, a parent and a teacher, with real ids and malformed arguments. Nothing may change, and no
update may carry what only staff see (feedback senders, non-public directory entries, hidden posts)."""

import json

import pytest
from sqlmodel import Session, select

from mrko_app.models import (
    DirectoryContact,
    DirectoryUnit,
    FaqEntry,
    FeedbackTicket,
    ForumPost,
    ModerationLog,
    OutboxMessage,
)
from mrko_app.services import feedback
from mrko_app.services.accounts import core as accounts
from mrko_app.state.forum import QuestionState
from mrko_app.state.moderation import ModerationState
from mrko_app.state.public_info import DirectoryEditState, FaqEditState, FeedbackQueueState
from tests.e2e import attack_table as table
from tests.e2e.access_steps import new_parent, user
from tests.e2e.socket_client import EventClient
from tests.e2e.test_access_attacks import run_async

pytestmark = pytest.mark.e2e
SECRET_MESSAGE = "Секретное обращение о здоровье ребёнка 7731"


@pytest.fixture(scope="module")
def targets(app_url, app_engine):
    with Session(app_engine, expire_on_commit=False) as db:
        ticket = feedback.submit(db, {"name": "Тайна", "contact": "secret-sender@example.test", "topic": "other",
                                      "message": SECRET_MESSAGE}, "198.51.100.7")
        attacker = new_parent(db, "forum_attacker")
        tokens = {"anonymous": "", "parent": accounts.create_session(db, attacker),
                  "teacher": accounts.create_session(db, user(db, "teacher1"))}
        db.commit()
        question = db.exec(select(ForumPost).where(ForumPost.kind == "question", ForumPost.hidden == False)  # noqa: E712
                           .order_by(ForumPost.id)).first()
        hidden = db.exec(select(ForumPost).where(ForumPost.hidden == True)).first()  # noqa: E712
        answer = db.exec(select(ForumPost).where(ForumPost.kind == "answer").order_by(ForumPost.id)).first()
        entry = db.exec(select(FaqEntry).order_by(FaqEntry.id)).first()
        unit = db.exec(select(DirectoryUnit).order_by(DirectoryUnit.id)).first()
        private = db.exec(select(DirectoryContact).where(DirectoryContact.public == False)).first()  # noqa: E712
        return {"question": question.id, "hidden": hidden.id, "hidden_text": hidden.body, "answer": answer.id,
                "entry": entry.id, "unit": unit.id, "private_contact": private.name, "ticket": ticket.id,
                "tokens": tokens}


def snapshot(engine) -> dict:
    with Session(engine) as db:
        return {
            "posts": sorted((p.id, p.hidden, p.locked, p.pinned, p.official, p.title, p.body, p.edited_at,
                             p.merged_into, p.open_flags) for p in db.exec(select(ForumPost)).all()),
            "log": len(db.exec(select(ModerationLog.id)).all()),
            "faq": sorted((e.id, e.slug, e.question, e.answer, e.section) for e in db.exec(select(FaqEntry)).all()),
            # in id order (a row's columns may hold None, which does not sort against a number)
            "units": [tuple(u.model_dump().items()) for u in db.exec(select(DirectoryUnit).order_by(DirectoryUnit.id))],
            "contacts": [tuple(c.model_dump().items())
                         for c in db.exec(select(DirectoryContact).order_by(DirectoryContact.id))],
            "tickets": sorted((t.id, t.status, t.assignee_id, t.answer) for t in db.exec(select(FeedbackTicket)).all()),
            "outbox": len(db.exec(select(OutboxMessage.id)).all()),
        }


def calls(t: dict) -> list[tuple[str, type, str, dict]]:
    q, hidden, a = t["question"], t["hidden"], t["answer"]
    out = []
    for action in ("hide", "restore", "dismiss"):
        for post in (q, hidden, a):
            out.append(("/staff/moderation", ModerationState, "act",
                        {"form": {"action": action, "post_id": post, "reason": "атака"}}))
    for action in ("hide", "restore", "lock", "unlock", "pin", "unpin"):
        for post in (q, hidden):
            out.append((f"/forum/question?id={q}", QuestionState, "moderate",
                        {"form": {"action": action, "post_id": post, "reason": "атака"}}))
    out += [(f"/forum/question?id={q}", QuestionState, "mark_official", {"answer_id": a}),
            (f"/forum/question?id={q}", QuestionState, "to_faq",
             {"form": {"post_id": a, "section": "access", "slug": "attack-entry"}}),
            ("/staff/faq", FaqEditState, "edit", {"entry_id": t["entry"]}),
            ("/staff/faq", FaqEditState, "save", {"form": {"section": "access", "slug": "attack-new",
                                                           "question": "Взломанный вопрос", "answer": "Взломано"}}),
            ("/staff/faq", FaqEditState, "delete", {"entry_id": t["entry"]}),
            ("/staff/directory", DirectoryEditState, "save_unit", {"form": {"id": t["unit"], "name": "Взломано"}}),
            ("/staff/directory", DirectoryEditState, "save_unit", {"form": {"name": "Новая взломанная служба"}}),
            ("/staff/directory", DirectoryEditState, "save_contact", {"form": {"unit_id": t["unit"], "name": "Шпион"}}),
            ("/staff/feedback", FeedbackQueueState, "assign", {"ticket_id": t["ticket"]}),
            ("/staff/feedback", FeedbackQueueState, "close", {"ticket_id": t["ticket"]}),
            ("/staff/feedback", FeedbackQueueState, "answer", {"form": {"ticket_id": t["ticket"], "answer": "Взлом"}})]
    for route, state in (("/staff/moderation", ModerationState), ("/staff/faq", FaqEditState),
                         ("/staff/directory", DirectoryEditState), ("/staff/feedback", FeedbackQueueState)):
        for name, params in table.own_handlers(state):
            for payload in table.payloads(params, [t["entry"], t["unit"], t["ticket"]])[:12]:
                out.append((route, state, name, payload))
    for value in table.MALFORMED:
        out.append((f"/forum/question?id={q}", QuestionState, "moderate", {"form": value}))
        out.append((f"/forum/question?id={q}", QuestionState, "mark_official", {"answer_id": value}))
    return out


async def attack(app_url: str, token: str, planned):
    async with EventClient(app_url, token, "/") as client:
        for route, state, handler, payload in planned:
            await client.call(state, handler, payload, pathname=route)
        return client.updates


@pytest.mark.parametrize("actor", ["anonymous", "parent", "teacher"])
def test_moderation_and_staff_editing_handlers_refuse_everyone_but_staff(actor, app_url, app_engine, targets):
    planned = calls(targets)
    before = snapshot(app_engine)
    updates = run_async(attack(app_url, targets["tokens"][actor], planned))
    assert snapshot(app_engine) == before, "a direct call changed the forum, the FAQ, the directory or the queue"
    text = json.dumps(updates, ensure_ascii=False)
    for secret in (SECRET_MESSAGE, "secret-sender@example.test", targets["private_contact"], targets["hidden_text"]):
        assert secret not in text, f"{secret!r} reached a {actor}'s browser"
    assert len(planned) > 60 and updates
