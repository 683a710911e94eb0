"""The feedback form, its staff queue and the directory in the browser; and hostile text in every field
of the forum, the FAQ, the directory and the feedback form, checked where it is shown."""

import pytest
from playwright.sync_api import Page, expect

from mrko_app import routes
from mrko_app.services import directory, faq, feedback, forum
from tests.e2e.access_steps import sign_in, user
from tests.e2e.forum_steps import parents, person

pytestmark = pytest.mark.e2e

XSS = [
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "[click](javascript:window.__xss='md-link')",
    "<a href=\"javascript:window.__xss='a'\">link</a>",
    "\"><svg onload=window.__xss='svg'>",
    "[x](JaVaScRiPt:window.__xss='case')",
    "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
    "[data](data:text/html,<script>window.__xss='data'</script>)",
    "<details open ontoggle=\"window.__xss='toggle'\">",
    "`<b onmouseover=\"window.__xss='code'\">x</b>`",
]


def test_feedback_is_sent_numbered_and_answered_by_staff(page: Page, app_url, app_db, browser, browser_context_args,
                                                          viewport_name, latest_message):
    contact = f"feedback-{viewport_name}@example.test"
    page.goto(f"{app_url}{routes.FEEDBACK}")
    page.locator("#feedback-submit").click()
    expect(page.locator("#error-name")).to_be_visible(timeout=15000)  # nothing sent, the error beside the field
    page.locator("#field-name").fill("Ирина")
    page.locator("#field-contact").fill(contact)
    page.locator("#field-topic").select_option("access")
    page.locator("#field-message").fill("Не могу найти, где ввести код доступа.")
    page.locator("#feedback-submit").click()
    number = page.locator("#feedback-number")
    expect(number).to_be_visible(timeout=15000)
    assert number.inner_text() in latest_message(contact).body

    with person(browser, browser_context_args, app_url, "staff1", "staff1pass", routes.STAFF_FEEDBACK) as staff:
        ticket = staff.locator(f".ticket[data-number='{number.inner_text()}']")
        expect(ticket).to_be_visible(timeout=15000)
        ticket.locator("button.take").click()
        ticket.locator("textarea").fill("Код вводится в разделе «Мои дети → Ввести код доступа».")
        ticket.locator("button.answer-send").click()
        expect(staff.locator("#feedback-notice")).to_be_visible(timeout=15000)
    assert latest_message(contact).body.startswith("Код вводится")


def test_the_directory_search_finds_a_department(page: Page, app_url):
    page.goto(f"{app_url}{routes.DIRECTORY}")
    expect(page.locator("#units .unit-card").first).to_be_visible()
    page.locator("#directory-search-input").fill("психолог")
    page.locator("#directory-search-submit").click()
    expect(page.locator("#units")).to_contain_text("Психологическая служба", timeout=15000)
    expect(page.locator("#units")).not_to_contain_text("Школьная столовая")
    expect(page.locator("#units")).not_to_contain_text("Заведующая производством")  # a contact not made public


@pytest.fixture(scope="module")
def hostile(app_engine):
    """Every payload in every text field: forum posts, comments, report notes, FAQ, directory, feedback."""
    from sqlmodel import Session

    with Session(app_engine, expire_on_commit=False) as db:
        author, commenter = parents(db, "xss_", 2)
        staff = user(db, "staff1")
        ids = []
        for i, payload in enumerate(XSS):
            q = forum.ask(db, staff, {"title": f"XSS проверка {i} {payload}"[:150], "body": f"тело {payload}"})
            a = forum.answer(db, user(db, author), q.id, f"ответ {payload}")
            forum.comment(db, user(db, commenter), a.id, f"комм {payload}"[:600])
            forum.flag(db, user(db, commenter), q.id, "other", payload[:300])
            ids.append(q.id)
        faq.save(db, staff, {"section": "privacy", "slug": "xss-check", "question": "XSS " + XSS[1][:150],
                             "answer": "\n\n".join(XSS)})
        directory.save_unit(db, staff, {"name": "XSS " + XSS[4][:100], "description": XSS[1], "address": XSS[0][:200],
                                        "hours": XSS[3][:200], "show_address": "on", "show_hours": "on"})
        feedback.submit(db, {"name": "XSS " + XSS[4][:70], "contact": "xss@example.test", "topic": "other",
                             "message": "\n".join(XSS)}, "203.0.113.5")
        db.commit()
        return ids


def _assert_inert(page: Page) -> None:
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert page.locator("a[href^='javascript' i], iframe, script:not([src]):has-text('__xss'), [onerror], [onload]"
                        ).count() == 0


def test_hostile_text_is_shown_as_text_everywhere(page: Page, app_url, hostile):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}{routes.FORUM_QUESTION}?id={hostile[0]}")
    expect(page.locator("#question-title")).to_contain_text("XSS", timeout=15000)
    expect(page.locator("#answers")).to_contain_text("<script>")  # shown as text, not run
    _assert_inert(page)
    for qid in hostile[1:]:
        page.goto(f"{app_url}{routes.FORUM_QUESTION}?id={qid}")
        expect(page.locator("#question-title")).to_be_visible(timeout=15000)
        _assert_inert(page)
    page.goto(f"{app_url}{routes.FORUM}?q=XSS")
    expect(page.locator("#search-results")).to_be_visible(timeout=15000)
    _assert_inert(page)
    for route in (f"{routes.FAQ}?entry=xss-check", f"{routes.DIRECTORY}?q=XSS", routes.HOME):
        page.goto(f"{app_url}{route}")
        _assert_inert(page)
    sign_in(page, app_url, "staff1", "staff1pass", routes.STAFF_FEEDBACK)
    expect(page.locator("#tickets")).to_contain_text("XSS", timeout=15000)
    _assert_inert(page)
    page.goto(f"{app_url}{routes.MODERATION}")
    expect(page.locator("#queue")).to_be_visible(timeout=15000)
    _assert_inert(page)
    assert dialogs == []
