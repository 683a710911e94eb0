"""The notification centre in the browser, desktop and phone, two contexts at once: a parent of 5А has
the centre open; they choose the daily digest for news; the class teacher publishes class news in
another context; the parent's bell count and list grow without a reload, and the news waits for the
digest (not e-mailed at once); mark all read empties the bell."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import Notification, NotificationPreference, SchoolClass
from mrko_app.services import inbox
from tests.e2e.access_steps import fresh_family, sign_in
from tests.e2e.test_school_life import publish

pytestmark = pytest.mark.e2e


def test_the_bell_the_centre_and_a_digest_choice(browser, browser_context_args, app_url, app_db, viewport_name):
    parent = fresh_family(app_db, f"notif_{viewport_name}", "5А").parent
    klass = app_db.exec(select(SchoolClass).where(SchoolClass.name == "5А").order_by(SchoolClass.id)).first()  # the demo's: the first school
    inbox.notify(app_db, [parent.id], "surveys", title=f"Приглашение пройти опрос «Питание» {viewport_name}",
                 link="/surveys", key=f"e2e-survey:{viewport_name}", email=False)
    app_db.commit()

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, parent.login, "secret12", "/notifications")
    expect(page.locator("#bell-count")).to_have_text("1")
    expect(page.locator("#inbox-list").get_by_text("Питание")).to_be_visible()

    page.locator("#mode-news").select_option("email_digest")
    expect(page.locator("#inbox-saved")).to_be_visible()
    app_db.expire_all()
    assert app_db.exec(select(NotificationPreference.mode).where(
        NotificationPreference.user_id == parent.id, NotificationPreference.kind == "news")).one() == "email_digest"

    title = f"Сбор макулатуры 5А {viewport_name}"
    teacher = browser.new_context(**browser_context_args).new_page()
    publish(teacher, app_url, "teacher1", "teacher1pass", f"class:{klass.id}", title, "В среду с 8:00 у входа.")
    # the parent's open tab: the bell and the list, pushed (no reload)
    expect(page.locator("#bell-count")).to_have_text("2", timeout=20000)
    expect(page.locator("#inbox-list").get_by_text(title)).to_be_visible()
    app_db.expire_all()
    note = app_db.exec(select(Notification).where(Notification.user_id == parent.id,
                                                  Notification.title == title)).one()
    assert note.kind == "news" and note.email == "digest"  # waits for the daily digest

    page.locator("#inbox-filter").select_option("news")
    expect(page.locator("#inbox-list").get_by_text("Питание")).to_have_count(0)
    page.locator("#inbox-filter").select_option("all")
    page.locator("#inbox-mark-all").click()
    expect(page.locator("#bell-count")).to_have_count(0)
    expect(page.locator(f"#notification-{note.id} .rt-Badge")).to_have_count(0)
    page.goto(f"{app_url}/diary")  # another page: the bell is there, with nothing unread
    expect(page.locator("#notifications-bell")).to_be_visible()
    expect(page.locator("#bell-count")).to_have_count(0)
