"""Full-text search in Russian and English on both databases: stems, ranking, snippets, one statement."""

from mrko_app.services import forum, search
from tests.services.forum_world import make_forum
from tests.services.query_count import counting


def _seed(db, w):
    q1 = forum.ask(db, w.parents[0], {"title": "Как получить код доступа к дневнику ребёнка?",
                                     "body": "Школа одобрила заявку, а код не пришёл.", "tags": ["access"]})
    forum.answer(db, w.teacher, q1.id, "Код доступа выдаётся в школе в запечатанном конверте.")
    q2 = forum.ask(db, w.parents[1], {"title": "Почему оценка за четверть не совпадает со средним?",
                                     "body": "Средний балл 4,5, а в четверти стоит 4."})
    q3 = forum.ask(db, w.parents[2], {"title": "How do I change the interface language?",
                                     "body": "My husband prefers English menus."})
    return q1, q2, q3


def test_russian_words_find_other_forms_of_the_same_word(db):
    w = make_forum(db)
    q1, q2, _ = _seed(db, w)
    assert [r["ref_id"] for r in forum.find(db, "оценки", kinds=("question",))] == [q2.id]
    found = forum.find(db, "как получить код доступа")
    assert found[0]["kind"] in ("question", "answer") and q1.id in {r["question_id"] or r["ref_id"] for r in found}
    assert {r["kind"] for r in found} == {"question", "answer"}
    hits = [s["text"] for r in found for s in r["snippet"] + r["title_marks"] if s["hit"]]
    assert any("доступ" in h.lower() for h in hits)


def test_english_words_are_stemmed_too(db):
    w = make_forum(db)
    _, _, q3 = _seed(db, w)
    assert [r["ref_id"] for r in forum.find(db, "changing languages")] == [q3.id]


def test_similar_questions_match_an_unfinished_last_word(db):
    w = make_forum(db)
    q1, _, _ = _seed(db, w)
    assert [r["ref_id"] for r in forum.similar(db, "получить код дост")] == [q1.id]
    assert forum.similar(db, "ко") == []


def test_queries_a_browser_might_send_find_nothing_and_break_nothing(db):
    w = make_forum(db)
    _seed(db, w)
    for query in (None, 2**63, ["код"], {"q": 1}, "", "   ", '"', "код\" OR *", "NEAR(a b)", "a & | ! :*", "'",
                  "x" * 100000, "🙂" * 50):
        assert isinstance(forum.find(db, query), list)


def test_a_search_is_one_statement(db):
    w = make_forum(db)
    _seed(db, w)
    with counting(db) as n:
        search.search(db, "код доступа оценка", limit=20)
    assert n[0] == 1
