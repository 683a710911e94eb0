"""How long a forum search takes as the forum grows, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

    python bench/forum_bench.py [--posts 100000] [--steps 3] [--runs 9] [--pg URL | --no-pg] [--no-sqlite]

Builds a generated forum (questions and answers made of words from the demo's texts, a few hundred of
them about access codes) in a temporary SQLite file and, when reachable, in a fresh PostgreSQL database,
migrated with the real Alembic migrations. At each size (e.g. 1 000, 10 000, 100 000 posts) it prints the
median time (ms) of services/search.search for a few queries in Russian and English, the number of SQL
statements one search runs (it must not grow with the forum) and the typing-time prefix search.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert, text  # noqa: E402
from sqlmodel import Session, create_engine  # noqa: E402

from mrko_app.demo.faq_texts import FAQ  # noqa: E402
from mrko_app.demo.forum_texts import QUESTIONS  # noqa: E402
from mrko_app.models import ForumPost, SearchDoc, User  # noqa: E402
from mrko_app.models.base import utcnow  # noqa: E402
from mrko_app.services import search  # noqa: E402

PG_ADMIN = os.environ.get("MRKO_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
QUERIES = ["как получить код доступа", "оценки за четверть", "восстановить пароль", "timetable next week",
           "психолог консультация"]


def migrate(url: str) -> None:
    from alembic.config import Config

    from alembic import command

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


def vocabulary() -> list[str]:
    texts = [q["title"] + " " + q["body"] + " " + " ".join(a for _, a in q["answers"]) for q in QUESTIONS]
    texts += [f"{question} {answer}" for _, _, question, answer in FAQ]
    return [w for t in texts for w in search.words(t) if len(w) > 2]


def grow(db: Session, author_id: int, start: int, count: int, words: list[str], rng: random.Random) -> None:
    """`count` more posts (one question in four, answers under the latest question) and their documents."""
    is_pg = db.get_bind().dialect.name == "postgresql"
    posts, docs, fts = [], [], []
    now = utcnow()
    question_id = None
    for n in range(start, start + count):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(15, 45)))
        kind = "question" if n % 4 == 0 or question_id is None else "answer"
        title = " ".join(rng.choice(words) for _ in range(rng.randint(4, 9))).capitalize() if kind == "question" else ""
        pid = n + 1
        if kind == "question":
            question_id = pid
        posts.append({"id": pid, "kind": kind, "question_id": None if kind == "question" else question_id,
                      "parent_id": None if kind == "question" else question_id, "author_id": author_id,
                      "title": title, "body": body, "tags": "", "score": 0, "answer_count": 0, "official": False,
                      "hidden": False, "hidden_by_flags": False, "open_flags": 0, "locked": False, "pinned": False,
                      "created_at": now})
        docs.append({"id": pid, "kind": kind, "ref_id": pid, "question_id": posts[-1]["question_id"], "title": title,
                     "body": body, "visible": True, "created_at": now})
        if not is_pg:
            fts.append({"id": pid, "t": search.stems(title), "b": search.stems(body)})
    db.execute(insert(ForumPost), posts)
    db.execute(insert(SearchDoc), docs)
    if fts:
        db.execute(text("INSERT INTO searchdoc_fts (rowid, title_stems, body_stems) VALUES (:id, :t, :b)"), fts)
    db.commit()


def measure(db: Session, runs: int) -> dict:
    statements = [0]

    def count(*_args):
        statements[0] += 1

    bind = db.get_bind()
    event.listen(bind, "before_cursor_execute", count)
    try:
        times, prefix_times, per_search = [], [], set()
        for _ in range(runs):
            for q in QUERIES:
                statements[0] = 0
                t0 = time.perf_counter()
                found = search.search(db, q, limit=20)
                times.append((time.perf_counter() - t0) * 1000)
                per_search.add(statements[0])
                assert found, q
                t0 = time.perf_counter()
                search.search(db, q[:-2], limit=5, prefix=True)
                prefix_times.append((time.perf_counter() - t0) * 1000)
    finally:
        event.remove(bind, "before_cursor_execute", count)
    return {"median": statistics.median(times), "p90": sorted(times)[int(len(times) * 0.9)],
            "prefix": statistics.median(prefix_times), "statements": sorted(per_search)}


def run(label: str, url: str, total: int, steps: int, runs: int) -> None:
    migrate(url)
    engine = create_engine(url)
    rng = random.Random(2026)
    words = vocabulary()
    sizes = [total // 10 ** (steps - 1 - i) for i in range(steps)]
    with Session(engine) as db:
        author = User(surname="Bench", first_name="Forum", email="forum@bench.test", login="forumbench",
                      phone="+79990000099", password_hash="x", is_active=True)
        db.add(author)
        db.commit()
        done = 0
        print(f"{label}: posts   search ms (median / p90)   prefix ms   statements per search")
        for size in sizes:
            t0 = time.perf_counter()
            grow(db, author.id, done, size - done, words, rng)
            built = time.perf_counter() - t0
            done = size
            if db.get_bind().dialect.name == "postgresql":
                db.execute(text("ANALYZE searchdoc"))
                db.commit()
            m = measure(db, runs)
            print(f"{label}: {size:>7}   {m['median']:8.2f} / {m['p90']:8.2f}          {m['prefix']:8.2f}    "
                  f"{m['statements']}   (built in {built:.1f} s)", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pg", default=None)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            run("sqlite", f"sqlite:///{tmp}/forum.db", args.posts, args.steps, args.runs)
    if args.no_pg:
        return
    import psycopg

    name = "mrko_forum_bench"
    admin = (args.pg or PG_ADMIN).replace("+psycopg", "")
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # no PostgreSQL here: the SQLite figures stand alone
        print(f"postgres: skipped ({exc.__class__.__name__})")
        return
    try:
        run("postgres", (args.pg or PG_ADMIN).rsplit("/", 1)[0] + f"/{name}", args.posts, args.steps, args.runs)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
