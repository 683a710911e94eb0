"""The FAQ: staff curate it, anyone reads and finds it; a forum answer can be promoted."""

import pytest

from mrko_app.services import faq, forum
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services.forum_world import make_forum

ENTRY = {"section": "access", "slug": "access-code", "question": "Как получить код доступа?",
         "answer": "Подайте **заявку**, школа выдаст код в конверте.", "position": "1"}


def test_staff_write_entries_that_anyone_finds_by_a_stable_link(db):
    w = make_forum(db)
    entry = faq.save(db, w.staff, ENTRY)
    access = faq.sections(db)[0]
    assert access["code"] == "access" and access["entries"][0]["href"] == "/faq?entry=access-code"
    assert "<strong>заявку</strong>" in access["entries"][0]["html"]
    assert [(r["kind"], r["href"]) for r in forum.find(db, "как получить код доступа")] == [("faq", faq.link("access-code"))]
    faq.save(db, w.staff, {**ENTRY, "id": str(entry.id), "question": "Где взять код доступа?"})
    assert faq.sections(db)[0]["entries"][0]["question"] == "Где взять код доступа?"
    faq.delete(db, w.staff, entry.id)
    assert forum.find(db, "код доступа") == []


@pytest.mark.parametrize("field,value", [("slug", "Не латиница"), ("slug", "a"), ("section", "nope"),
                                         ("question", ""), ("answer", ["x"]), ("position", "2**63")])
def test_bad_fields_are_named(db, field, value):
    w = make_forum(db)
    with pytest.raises(ValidationError) as err:
        faq.save(db, w.staff, {**ENTRY, field: value})
    assert field in err.value.fields


def test_only_staff_edit_and_a_slug_is_unique(db):
    w = make_forum(db)
    for user in (None, w.parents[0], w.teacher):
        with pytest.raises(PermissionDenied):
            faq.save(db, user, ENTRY)
    entry = faq.save(db, w.staff, ENTRY)
    for user in (None, w.parents[0]):
        with pytest.raises(PermissionDenied):
            faq.delete(db, user, entry.id)
    with pytest.raises(ValidationError) as err:
        faq.save(db, w.staff, {**ENTRY, "question": "Другой вопрос тут"})
    assert err.value.fields == {"slug": "faq.error.slug_taken"}
    with pytest.raises(NotFound):
        faq.save(db, w.staff, {**ENTRY, "id": "999999"})


def test_a_forum_answer_is_promoted_to_the_faq(db):
    w = make_forum(db)
    q = forum.ask(db, w.parents[0], {"title": "Как узнать средний балл?", "body": "Где его видно в дневнике?"})
    a = forum.answer(db, w.teacher, q.id, "На странице «Все оценки», под каждым предметом.")
    entry = faq.promote(db, w.staff, a.id, "marks", "where-average")
    assert (entry.question, entry.source_post_id) == ("Как узнать средний балл?", a.id)
    with pytest.raises(PermissionDenied):
        faq.promote(db, w.teacher, a.id, "marks", "where-average-2")
