"""The forum's writing rules: who may ask, answer, comment, vote and accept; limits; what a profile shows."""

import pytest
from sqlmodel import func, select

from mrko_app.models.forum import ForumPost
from mrko_app.services import forum
from mrko_app.services.errors import Locked, NotFound, PermissionDenied, ServiceError, ValidationError
from tests.services.forum_world import make_forum

QUESTION = {"title": "Как получить код доступа к дневнику?", "body": "Подала заявление, что дальше?",
            "tags": ["access"]}


def test_a_registered_user_asks_and_others_answer_vote_and_the_asker_accepts(db):
    w = make_forum(db)
    asker, other = w.parents[0], w.parents[1]
    q = forum.ask(db, asker, QUESTION)
    a = forum.answer(db, w.teacher, q.id, "Код выдаёт школа в конверте, после одобрения заявки.")
    forum.comment(db, other, a.id, "Спасибо, помогло!")
    assert forum.vote(db, other, a.id, 1) == 1
    assert forum.vote(db, asker, a.id, "up") == 2
    assert forum.vote(db, other, a.id, 1) == 1  # the same vote again takes it back
    with pytest.raises(PermissionDenied):
        forum.vote(db, w.teacher, a.id, 1)  # not on one's own post
    with pytest.raises(PermissionDenied):
        forum.accept(db, other, a.id)  # only the asker accepts
    forum.accept(db, asker, a.id)
    view = forum.thread(db, None, q.id)
    assert view["question"]["accepted"] and view["answers"][0]["accepted"]
    assert view["answers"][0]["badge"] == "teacher"
    assert view["answers"][0]["comments"][0]["html"].startswith("<p>Спасибо")
    assert view["question"]["answers"] == 1
    assert not view["can_answer"]  # anonymous visitors read only


def test_anonymous_visitors_cannot_write(db):
    w = make_forum(db)
    q = forum.ask(db, w.parents[0], QUESTION)
    for call in (lambda: forum.ask(db, None, QUESTION), lambda: forum.answer(db, None, q.id, "ответ тут"),
                 lambda: forum.vote(db, None, q.id, 1), lambda: forum.flag(db, None, q.id, "spam"),
                 lambda: forum.comment(db, None, q.id, "комментарий")):
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize("bad", [None, "", "x" * 20000, ["a"], {"a": 1}, 2**63, "короткий"])
def test_bad_titles_are_refused_beside_the_field_and_nothing_is_written(db, bad):
    w = make_forum(db)
    with pytest.raises(ValidationError) as err:
        forum.ask(db, w.parents[0], {**QUESTION, "title": bad})
    assert "title" in err.value.fields
    assert forum.list_questions(db) == []


@pytest.mark.parametrize("bad_id", [None, "", "abc", -1, 0, 2**63, [1], {"id": 1}, True, 3.5])
def test_malformed_ids_are_not_found(db, bad_id):
    w = make_forum(db)
    with pytest.raises(NotFound):
        forum.answer(db, w.parents[0], bad_id, "какой-то ответ")
    with pytest.raises(NotFound):
        forum.thread(db, None, bad_id)


def test_one_client_address_posts_its_share_of_the_hour_whichever_account_writes(db, monkeypatch):
    monkeypatch.setenv("MRKO_POST_MAX_PER_ADDRESS", "3")
    w = make_forum(db)
    q = forum.ask(db, w.parents[0], QUESTION, client_ip="10.1.2.3")
    forum.answer(db, w.parents[1], q.id, "первый ответ с этого адреса", client_ip="10.1.2.3")
    forum.comment(db, w.teacher, q.id, "комментарий с этого адреса", client_ip="10.1.2.3")
    before = db.exec(select(func.count()).select_from(ForumPost)).one()
    with pytest.raises(Locked) as err:
        forum.answer(db, w.teacher, q.id, "четвёртый пост с адреса", client_ip="10.1.2.3")
    assert err.value.key == "limits.address"
    assert db.exec(select(func.count()).select_from(ForumPost)).one() == before  # nothing half-written
    forum.answer(db, w.teacher, q.id, "с другого адреса можно", client_ip="10.9.9.9")


def test_new_accounts_ask_three_questions_a_day_and_post_few_links(db):
    w = make_forum(db)
    for i in range(3):
        forum.ask(db, w.newcomer, {**QUESTION, "title": f"Вопрос номер {i} о дневнике"})
    with pytest.raises(ServiceError) as err:
        forum.ask(db, w.newcomer, {**QUESTION, "title": "Четвёртый вопрос за день"})
    assert err.value.key == "forum.error.rate"
    q = forum.ask(db, w.parents[0], QUESTION)
    with pytest.raises(ValidationError) as err:
        forum.answer(db, w.newcomer, q.id, "см. https://a.ru https://b.ru https://c.ru")
    assert err.value.fields == {"body": "forum.error.links"}
    for i in range(10):
        forum.answer(db, w.newcomer, q.id, f"ответ номер {i}")
    with pytest.raises(ServiceError):
        forum.answer(db, w.newcomer, q.id, "одиннадцатый ответ")
    for i in range(4):  # an older account is not held to the newcomer's limit
        forum.ask(db, w.parents[1], {**QUESTION, "title": f"Ещё один вопрос {i} о дневнике"})


def test_sorting_newest_votes_unanswered_and_pinned_first(db):
    w = make_forum(db)
    a = forum.ask(db, w.parents[0], {**QUESTION, "title": "Первый вопрос про оценки"})
    b = forum.ask(db, w.parents[1], {**QUESTION, "title": "Второй вопрос про оценки"})
    forum.vote(db, w.parents[2], a.id, 1)
    forum.answer(db, w.teacher, a.id, "Вот ответ")
    assert [q["id"] for q in forum.list_questions(db, "newest")] == [b.id, a.id]
    assert [q["id"] for q in forum.list_questions(db, "votes")] == [a.id, b.id]
    assert [q["id"] for q in forum.list_questions(db, "unanswered")] == [b.id]
    forum.set_switch(db, w.staff, a.id, "pin")
    assert [q["id"] for q in forum.list_questions(db, "newest")] == [a.id, b.id]
    assert [q["id"] for q in forum.list_questions(db, "newest", tag="marks")] == []


def test_official_answers_are_for_staff_and_locked_questions_take_no_answers(db):
    w = make_forum(db)
    q = forum.ask(db, w.parents[0], {**QUESTION, "school": w.school.id})
    a = forum.answer(db, w.parents[1], q.id, "Я думаю, надо ждать три дня.")
    with pytest.raises(PermissionDenied):
        forum.mark_official(db, w.teacher, a.id)
    assert forum.mark_official(db, w.staff, a.id).official
    forum.set_switch(db, w.staff, q.id, "lock", "вопрос решён")
    with pytest.raises(ServiceError) as err:
        forum.answer(db, w.parents[2], q.id, "поздний ответ")
    assert err.value.key == "forum.error.locked"


def test_a_public_profile_shows_the_display_name_and_posts_only(db):
    w = make_forum(db)
    forum.ask(db, w.teacher, QUESTION)
    page = forum.profile(db, None, w.teacher.id)
    assert page["name"] == "Test F." and page["badge"] == "teacher" and len(page["posts"]) == 1
    text = repr(page)
    for secret in (w.teacher.email, w.teacher.phone, w.teacher.login, w.teacher.surname):
        assert secret not in text
    assert forum.profile(db, None, w.parents[0].id)["badge"] == ""  # "parent" is not shown
