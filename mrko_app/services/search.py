"""Full-text search over the forum and the FAQ, in Russian and English, in one ranked query.

- PostgreSQL: `searchdoc.search_tsv`, generated from the title and body by the `russian` and `english`
  configurations, GIN-indexed (migration 0201); ranked by ts_rank_cd.
- SQLite: the FTS5 table `searchdoc_fts` holds Snowball stems computed here (FTS5 has no Russian
  stemmer), kept in step by `index()`; ranked by bm25 (titles count five times).

Documents with every term come first, then those with some of them (so a question phrased in a
parent's words still finds the answer), each group by rank. To keep a search's cost bounded however big
the forum grows, each group ranks at most CANDIDATES matches, the newest: a common word matching half
the forum costs no more than a rare one. Snippets are cut and highlighted here from the plain text of
the few rows returned (segments, not HTML: nothing to sanitise).
"""

import re

import snowballstemmer
from sqlalchemy import bindparam, text
from sqlmodel import Session, select

from mrko_app.models import SearchDoc
from mrko_app.models.base import utcnow

# the same statement as migration 0201 (tests that build the schema with create_all run it too)
SQLITE_FTS_DDL = "CREATE VIRTUAL TABLE searchdoc_fts USING fts5(title_stems, body_stems, tokenize='unicode61')"
QUERY_MAX = 200
TERMS_MAX = 12
SNIPPET_WORDS = 28
CANDIDATES = 500  # matches ranked per group (all terms / some terms), the newest
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
# words too common to search by (PostgreSQL's configurations drop them as well)
STOP = frozenset("""и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь
опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без
будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти
мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
нельзя такой им более всегда конечно всю между a an and are as at be by for from how i in is it of on or that the
this to was what when where which who why will with do does can my""".split())


def _stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    return _STEMMERS["ru" if _CYRILLIC.search(word) else "en"].stemWord(word)


def words(value: str) -> list[str]:
    return _WORD.findall(value or "")


def stems(value: str) -> str:
    return " ".join(_stem(w) for w in words(value))


def query_terms(query) -> list[str]:
    """The words of a query worth searching for (any value a browser sent: not a string gives none)."""
    if not isinstance(query, str):
        return []
    found = [w.lower() for w in words(query[:QUERY_MAX])]
    kept = [w for w in found if w not in STOP] or found
    seen: list[str] = []
    for w in kept:
        if w not in seen:
            seen.append(w)
    return seen[:TERMS_MAX]


# ---- the index --------------------------------------------------------------------------------

def _is_pg(db: Session) -> bool:
    return db.get_bind().dialect.name == "postgresql"


def index(db: Session, kind: str, ref_id: int, title: str, body: str, *, visible: bool = True,
          question_id: int | None = None) -> SearchDoc:
    """Add or replace the searchable text of one post or FAQ entry (body: plain text)."""
    doc = db.exec(select(SearchDoc).where(SearchDoc.kind == kind, SearchDoc.ref_id == ref_id)).first()
    if doc is None:
        doc = SearchDoc(kind=kind, ref_id=ref_id, created_at=utcnow())
    doc.title, doc.body, doc.visible, doc.question_id = title[:200], body[:10000], visible, question_id
    db.add(doc)
    db.flush()
    if not _is_pg(db):
        db.execute(text("DELETE FROM searchdoc_fts WHERE rowid = :id"), {"id": doc.id})
        db.execute(text("INSERT INTO searchdoc_fts (rowid, title_stems, body_stems) VALUES (:id, :t, :b)"),
                   {"id": doc.id, "t": stems(doc.title), "b": stems(doc.body)})
    return doc


def set_visible(db: Session, kind: str, ref_id: int, visible: bool) -> None:
    doc = db.exec(select(SearchDoc).where(SearchDoc.kind == kind, SearchDoc.ref_id == ref_id)).first()
    if doc is not None and doc.visible != visible:
        doc.visible = visible
        db.add(doc)
        db.flush()


def remove(db: Session, kind: str, ref_id: int) -> None:
    doc = db.exec(select(SearchDoc).where(SearchDoc.kind == kind, SearchDoc.ref_id == ref_id)).first()
    if doc is None:
        return
    if not _is_pg(db):
        db.execute(text("DELETE FROM searchdoc_fts WHERE rowid = :id"), {"id": doc.id})
    db.delete(doc)
    db.flush()


# ---- searching ----------------------------------------------------------------------------------

_COLUMNS = "d.id, d.kind, d.ref_id, d.question_id, d.title, d.body, coalesce(t.title, '') AS thread_title"
# an answer is shown under its question's title (read in the same statement)
_THREAD = "LEFT JOIN searchdoc t ON t.kind = 'question' AND t.ref_id = d.question_id"


def _pg_rows(db: Session, terms: list[str], kinds: tuple[str, ...], limit: int, prefix: bool):
    # the words are letters and digits only (no tsquery syntax can get in), each normalised by both
    # configurations; the last one may be a prefix while the user is still typing. "id + 0": the
    # candidates come from the GIN index and are sorted after, not found by walking the primary key
    # backwards and testing every row (which reads the whole table when few rows match)
    parts = [f"{t}:*" if prefix and i == len(terms) - 1 else t for i, t in enumerate(terms)]
    sql = text(f"""WITH q AS (SELECT to_tsquery('russian', :all) || to_tsquery('english', :all) AS qa,
                                     to_tsquery('russian', :any) || to_tsquery('english', :any) AS qo),
        cand AS ((SELECT d.id, 0 AS tier FROM searchdoc d, q
                  WHERE d.search_tsv @@ q.qa AND d.visible AND d.kind IN :kinds ORDER BY d.id + 0 DESC LIMIT :cap)
                 UNION ALL
                 (SELECT d.id, 1 AS tier FROM searchdoc d, q
                  WHERE d.search_tsv @@ q.qo AND d.visible AND d.kind IN :kinds ORDER BY d.id + 0 DESC LIMIT :cap)),
        best AS (SELECT id, min(tier) AS tier FROM cand GROUP BY id)
        SELECT {_COLUMNS}, ts_rank_cd(d.search_tsv, q.qo) AS rank
        FROM best JOIN searchdoc d ON d.id = best.id CROSS JOIN q {_THREAD}
        ORDER BY best.tier, rank DESC, d.id DESC LIMIT :limit""").bindparams(bindparam("kinds", expanding=True))
    return db.execute(sql, {"all": " & ".join(parts), "any": " | ".join(parts), "kinds": list(kinds),
                            "limit": limit, "cap": CANDIDATES}).all()


def _sqlite_rows(db: Session, terms: list[str], kinds: tuple[str, ...], limit: int, prefix: bool):
    parts = []
    for i, t in enumerate(terms):
        stem = _stem(t)
        parts.append(f'"{stem}"*' if prefix and i == len(terms) - 1 else f'"{stem}"')
    branch = """SELECT * FROM (SELECT searchdoc_fts.rowid AS id, {tier} AS tier, bm25(searchdoc_fts, 5.0, 1.0) AS r
        FROM searchdoc_fts JOIN searchdoc c ON c.id = searchdoc_fts.rowid
        WHERE searchdoc_fts MATCH :{name} AND c.visible AND c.kind IN :kinds
        ORDER BY searchdoc_fts.rowid DESC LIMIT :cap)"""
    sql = text(f"""WITH cand AS ({branch.format(tier=0, name="all")} UNION ALL {branch.format(tier=1, name="any")}),
        best AS (SELECT id, min(tier) AS tier, min(r) AS r FROM cand GROUP BY id)
        SELECT {_COLUMNS}, best.r AS rank FROM best JOIN searchdoc d ON d.id = best.id {_THREAD}
        ORDER BY best.tier, best.r, d.id DESC LIMIT :limit""").bindparams(bindparam("kinds", expanding=True))
    return db.execute(sql, {"all": " AND ".join(parts), "any": " OR ".join(parts), "kinds": list(kinds),
                            "limit": limit, "cap": CANDIDATES}).all()


def search(db: Session, query, *, kinds: tuple[str, ...] = ("question", "answer", "faq"), limit: int = 20,
           prefix: bool = False) -> list[dict]:
    """The best matches, best first: {kind, ref_id, question_id, title, snippet: [{text, hit}]}.
    One statement whatever the number of posts."""
    terms = query_terms(query)
    if not terms:
        return []
    rows = (_pg_rows if _is_pg(db) else _sqlite_rows)(db, terms, kinds, max(1, min(int(limit), 50)), prefix)
    wanted = {_stem(t) for t in terms}
    return [{"kind": r.kind, "ref_id": r.ref_id, "question_id": r.question_id, "title": r.title or r.thread_title,
             "title_marks": highlight(r.title or r.thread_title, wanted, prefix_of=terms[-1] if prefix else None,
                                      whole=True),
             "snippet": highlight(r.body, wanted, prefix_of=terms[-1] if prefix else None)} for r in rows]


def highlight(body: str, wanted: set[str], *, prefix_of: str | None = None, whole: bool = False) -> list[dict]:
    """A window of the text around its first matching word, as segments {text, hit}."""
    tokens = re.split(r"(\s+)", body or "")
    def hit(tok: str) -> bool:
        ws = words(tok)
        return bool(ws) and any(_stem(w) in wanted or (prefix_of and w.lower().startswith(prefix_of)) for w in ws)

    word_positions = [i for i, tok in enumerate(tokens) if tok and not tok.isspace()]
    if whole:
        window = word_positions
    else:
        first = next((n for n, i in enumerate(word_positions) if hit(tokens[i])), 0)
        start = max(0, first - SNIPPET_WORDS // 3)
        window = word_positions[start:start + SNIPPET_WORDS]
    if not window:
        return []
    segments: list[dict] = []
    if not whole and window[0] > 0:
        segments.append({"text": "… ", "hit": False})
    for i in range(window[0], window[-1] + 1):
        tok = tokens[i]
        is_hit = not tok.isspace() and hit(tok)
        if segments and segments[-1]["hit"] == is_hit:
            segments[-1]["text"] += tok
        else:
            segments.append({"text": tok, "hit": is_hit})
    if not whole and window[-1] < len(tokens) - 1:
        segments.append({"text": " …", "hit": False})
    return segments
