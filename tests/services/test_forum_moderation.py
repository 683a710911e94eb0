"""Flags, the review queue, staff actions and the moderation log."""

import pytest

from mrko_app.models import ModerationLog
from mrko_app.services import forum
from mrko_app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from tests.services.forum_world import make_forum
from tests.services.test_forum import QUESTION


def test_three_flags_hide_a_post_from_everyone_but_staff_and_its_author_until_restored(db):
    w = make_forum(db)
    author, fourth = w.parents[0], w.parents[3]
    q = forum.ask(db, author, QUESTION)
    bad = forum.answer(db, author, q.id, "Купите курсы на сайте, дёшево!")
    forum.flag(db, w.parents[1], bad.id, "spam")
    with pytest.raises(ServiceError):
        forum.flag(db, w.parents[1], bad.id, "spam")  # once per person
    forum.flag(db, w.parents[2], bad.id, "rude", "реклама")
    assert [a["id"] for a in forum.thread(db, fourth, q.id)["answers"]] == [bad.id]
    forum.flag(db, w.teacher, bad.id, "spam")
    assert forum.thread(db, fourth, q.id)["answers"] == []
    assert forum.thread(db, None, q.id)["answers"] == []
    assert forum.thread(db, author, q.id)["answers"][0]["hidden"]
    assert forum.thread(db, w.staff, q.id)["answers"][0]["hidden"]
    assert forum.thread(db, None, q.id)["question"]["answers"] == 0
    assert forum.find(db, "курсы") == []
    with pytest.raises(NotFound):
        forum.vote(db, fourth, bad.id, 1)
    assert [p.id for p in forum.review_queue(db, w.staff)] == [bad.id]
    forum.restore(db, w.staff, bad.id, "не спам, ссылка полезная")
    assert [a["id"] for a in forum.thread(db, fourth, q.id)["answers"]] == [bad.id]
    assert forum.review_queue(db, w.staff) == []
    entry, who = forum.moderation_log(db, w.staff)[0]
    assert (entry.action, entry.post_id, entry.reason, who.id) == ("restore", bad.id, "не спам, ссылка полезная",
                                                                    w.staff.id)
    assert [r["kind"] for r in forum.find(db, "курсы")] == ["answer"]


def test_own_posts_cannot_be_flagged_and_reasons_come_from_the_list(db):
    w = make_forum(db)
    q = forum.ask(db, w.parents[0], QUESTION)
    with pytest.raises(ServiceError):
        forum.flag(db, w.parents[0], q.id, "spam")
    for reason in (None, "evil", ["spam"], {"x": 1}, 2**63):
        with pytest.raises(ValidationError):
            forum.flag(db, w.parents[1], q.id, reason)


@pytest.mark.parametrize("who", ["anonymous", "parent", "teacher"])
def test_only_staff_moderate(db, who):
    w = make_forum(db)
    user = {"anonymous": None, "parent": w.parents[1], "teacher": w.teacher}[who]
    q = forum.ask(db, w.parents[0], QUESTION)
    other = forum.ask(db, w.parents[0], {**QUESTION, "title": "Второй такой же вопрос"})
    calls = [lambda: forum.hide(db, user, q.id, "причина"), lambda: forum.restore(db, user, q.id, ""),
             lambda: forum.dismiss(db, user, q.id), lambda: forum.set_switch(db, user, q.id, "lock"),
             lambda: forum.set_switch(db, user, q.id, "pin"), lambda: forum.merge(db, user, other.id, q.id),
             lambda: forum.edit(db, user, q.id, {"title": "Новый заголовок вопроса", "body": "тело вопроса",
                                                 "reason": "правка"}),
             lambda: forum.review_queue(db, user), lambda: forum.moderation_log(db, user)]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert db.query(ModerationLog).count() == 0


def test_staff_edit_is_shown_as_edited_and_merge_moves_the_answers(db):
    w = make_forum(db)
    original = forum.ask(db, w.parents[0], QUESTION)
    duplicate = forum.ask(db, w.parents[1], {**QUESTION, "title": "Где взять код доступа к дневнику"})
    answer = forum.answer(db, w.teacher, duplicate.id, "В школе, у заместителя директора.")
    forum.edit(db, w.staff, answer.id, {"body": "В школе, у заместителя директора (каб. 12).", "reason": "уточнение"})
    forum.merge(db, w.staff, duplicate.id, original.id, "дубликат")
    view = forum.thread(db, None, original.id)
    assert [a["id"] for a in view["answers"]] == [answer.id]
    assert view["answers"][0]["edited"] and "каб. 12" in view["answers"][0]["html"]
    assert view["question"]["answers"] == 1
    with pytest.raises(NotFound):
        forum.thread(db, None, duplicate.id)
    assert forum.thread(db, w.staff, duplicate.id)["question"]["merged_into"] == original.id
    actions = [e.action for e, _ in forum.moderation_log(db, w.staff)]
    assert actions == ["merge", "edit"]
