"""The demo school's forum, FAQ and directory: lively, searchable, linked from the pages that need them."""

import re
from pathlib import Path

from sqlalchemy import func, select

from mrko_app import models as m
from mrko_app.demo.forum import load_public_info
from mrko_app.services import directory, faq, forum

PAGES = Path(__file__).resolve().parents[2] / "mrko_app" / "pages"


def test_the_demo_forum_is_lively(demo):
    session, summary = demo
    questions = session.execute(select(func.count()).select_from(m.ForumPost).where(m.ForumPost.kind == "question")
                                ).scalar()
    answers = session.execute(select(func.count()).select_from(m.ForumPost).where(m.ForumPost.kind == "answer")).scalar()
    accepted = session.execute(select(func.count()).select_from(m.ForumPost).where(
        m.ForumPost.accepted_answer_id.is_not(None))).scalar()
    assert questions >= 30 and answers >= 30 and accepted >= 10
    assert session.execute(select(func.count()).select_from(m.ForumPost).where(m.ForumPost.hidden)).scalar() == 1
    assert session.execute(select(func.count()).select_from(m.ForumPost).where(m.ForumPost.open_flags > 0)
                           ).scalar() >= 3
    titles = [q["title"] for q in forum.list_questions(session)]
    assert any(re.search(r"[A-Za-z]{4}", t) for t in titles) and any(re.search("[а-я]{4}", t) for t in titles)
    assert "/faq?entry=access-code" in [r["href"] for r in forum.find(session, "как получить код доступа")][:5]


def test_the_faq_has_every_section_and_the_directory_hides_private_fields(demo):
    session, summary = demo
    assert all(len(s["entries"]) >= 2 for s in faq.sections(session))
    units = directory.units(session, None)
    assert len(units) >= 8 and units[0]["department"]
    assert "Заведующая производством" not in repr(units)
    assert [u["name"] for u in directory.units(session, None, "психолог")] == ["Психологическая служба"]


def test_loading_again_adds_nothing(demo):
    session, summary = demo
    before = session.execute(select(func.count()).select_from(m.ForumPost)).scalar()
    assert load_public_info(session, summary.school_id) is False
    assert session.execute(select(func.count()).select_from(m.ForumPost)).scalar() == before


def test_every_faq_link_in_the_pages_leads_to_an_entry(demo):
    session, _ = demo
    slugs = set(faq.all_slugs(session))
    used = {s for p in PAGES.glob("*.py") for s in re.findall(r'faq_link\("([a-z0-9-]+)"', p.read_text())}
    assert used and used <= slugs
