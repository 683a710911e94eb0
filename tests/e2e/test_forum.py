"""The forum in the browser: an anonymous visitor finds answers; a parent asks (similar questions appear
while typing), a teacher answers, the parent accepts; three reports hide a post from a fourth person
until staff restore it, and the moderation log shows it."""

import re

import pytest
from playwright.sync_api import Page, expect

from mrko_app import routes
from mrko_app.services import forum
from tests.e2e.access_steps import sign_in, user
from tests.e2e.forum_steps import parents, person, question_by

pytestmark = pytest.mark.e2e


def test_an_anonymous_visitor_finds_the_faq_entry_and_a_forum_answer(page: Page, app_url):
    page.goto(app_url)
    page.locator("#home-search-input").fill("как получить код доступа")
    page.locator("#home-search-submit").click()
    results = page.locator("#home-results")
    expect(results.locator("a[href='/faq?entry=access-code']")).to_be_visible(timeout=15000)
    forum_link = results.locator("a[href^='/forum/question']").first
    expect(forum_link).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()  # the matching words are highlighted
    results.locator("a[href='/faq?entry=access-code']").click()
    expect(page.locator("#faq-access-code")).to_have_attribute("open", "")
    page.goto(app_url)
    page.locator("#home-search-input").fill("как получить код доступа")
    page.locator("#home-search-submit").click()
    page.locator("#home-results a[href^='/forum/question']").first.click()
    expect(page.locator("#question-title")).to_be_visible(timeout=15000)
    expect(page.locator("#answers .forum-answer").first).to_be_visible()
    expect(page.locator("#login-to-answer")).to_be_visible()


def test_a_parent_asks_a_teacher_answers_and_the_parent_accepts(page: Page, app_url, app_db, browser,
                                                               browser_context_args, viewport_name):
    login = parents(app_db, f"asker_{viewport_name}_", 1)[0]
    sign_in(page, app_url, login, "secret12", routes.FORUM_ASK)
    page.locator("#field-title").press_sequentially("получить код доступ", delay=40)
    expect(page.locator("#similar")).to_contain_text("Как получить код доступа", timeout=15000)
    title = f"Как получить код доступа для второго ребёнка ({viewport_name})?"
    page.locator("#field-title").fill(title)
    page.locator("#field-body").fill("Код для старшего уже есть, нужен для младшей дочери.")
    page.locator("#tag-access").check()
    page.locator("#ask-submit").click()
    expect(page.locator("#question-title")).to_have_text(title, timeout=15000)
    question_url = page.url
    assert re.search(r"/forum/question\?id=\d+", question_url)

    with person(browser, browser_context_args, app_url, "teacher1", "teacher1pass", "/forum") as teacher:
        teacher.goto(question_url)
        teacher.locator("#field-answer").fill("Подайте вторую заявку на младшую дочь: код выдаётся на каждого ребёнка.")
        teacher.locator("#answer-submit").click()
        expect(teacher.locator("#answers")).to_contain_text("на каждого ребёнка", timeout=15000)
        expect(teacher.locator("#answers .forum-answer").first).to_contain_text(T_TEACHER)

    page.reload()
    answer = page.locator("#answers .forum-answer").first
    answer.locator("button.accept").click()
    expect(answer.locator(".accepted-badge")).to_be_visible(timeout=15000)
    app_db.expire_all()
    qid = int(question_url.rsplit("=", 1)[1])
    assert forum.thread(app_db, None, qid)["question"]["accepted"]


T_TEACHER = "Учитель"


def test_three_reports_hide_a_post_from_a_fourth_person_until_staff_restore_it(page: Page, app_url, app_db, browser,
                                                                              browser_context_args, viewport_name):
    author, first, second, third, fourth = parents(app_db, f"flag_{viewport_name}_", 5)
    qid = question_by(app_db, author, f"Продаю учебники недорого, пишите ({viewport_name})")
    for login in (first, second):  # two reports made through the service; the third in the browser
        forum.flag(app_db, user(app_db, login), qid, "spam")
    app_db.commit()

    sign_in(page, app_url, third, "secret12", routes.FORUM)
    page.goto(f"{app_url}{routes.FORUM_QUESTION}?id={qid}")
    box = page.locator(f"#post-{qid} .flag-box").first
    box.locator("summary").click()
    box.locator("select").select_option("spam")
    box.locator("button.flag-send").click()
    expect(page.locator("#notice")).to_be_visible(timeout=15000)

    with person(browser, browser_context_args, app_url, fourth, "secret12", routes.FORUM) as other:
        other.goto(f"{app_url}{routes.FORUM_QUESTION}?id={qid}")
        expect(other.locator("#not-found")).to_be_visible(timeout=15000)
        other.goto(f"{app_url}{routes.FORUM}")
        expect(other.locator(f"[data-question-id='{qid}']")).to_have_count(0)

        with person(browser, browser_context_args, app_url, "staff1", "staff1pass", routes.MODERATION) as staff:
            item = staff.locator(f".queue-item[data-post-id='{qid}']")
            expect(item).to_be_visible(timeout=15000)
            item.locator("select").select_option("restore")
            item.locator("input[name='reason']").fill("проверено: объявление о передаче учебников")
            item.locator("button.queue-apply").click()
            expect(staff.locator("#moderation-log .log-row").first).to_contain_text("проверено", timeout=15000)
            expect(staff.locator(f".queue-item[data-post-id='{qid}']")).to_have_count(0)

        other.goto(f"{app_url}{routes.FORUM_QUESTION}?id={qid}")
        expect(other.locator("#question-title")).to_be_visible(timeout=15000)
