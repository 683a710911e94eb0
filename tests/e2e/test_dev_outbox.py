"""The takeover chain in the browser: an anonymous visitor asks for a password-reset link for
parent1 and opens /dev/outbox to read it. The e2e app is a development instance, so the page exists,
but it shows an anonymous visitor nothing and offers no search; calling the filter handler by name
over the websocket reveals nothing either. (That production has no such page at all is tested in
tests/services/test_dev_outbox.py.)"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import User
from mrko_app.state.outbox import OutboxState
from tests.e2e.helpers import login
from tests.e2e.socket_client import EventClient


def test_an_anonymous_visitor_cannot_read_a_reset_link_from_the_outbox(page: Page, app_url, app_db, latest_message):
    victim = app_db.exec(select(User).where(User.login == "parent1")).one()
    page.goto(f"{app_url}/recover")
    page.locator("#field-email").fill(victim.email)
    page.locator("#email-submit").click()
    expect(page.locator("#form-notice")).to_be_visible()
    link = latest_message(victim.email)
    assert "/recover/reset?token=" in link.body  # sent (a development instance keeps the text) ...

    page.goto(f"{app_url}/dev/outbox")
    expect(page.locator("#outbox-message")).to_be_visible()  # "please log in first"
    expect(page.locator("#field-recipient")).to_have_count(0)
    expect(page.locator("#outbox")).not_to_contain_text(victim.email)
    expect(page.locator("#outbox")).not_to_contain_text("token=")

    # ... a staff member sees it (the demo's way to read codes for people not signed in)
    login(page, app_url, "staff1", "staff1pass")
    page.goto(f"{app_url}/dev/outbox")
    page.locator("#field-recipient").fill(victim.email)
    page.locator("#field-recipient").press("Enter")
    expect(page.locator("#outbox")).to_contain_text("token=", timeout=15000)


def test_the_filter_handler_called_by_name_shows_an_anonymous_client_nothing(app_url, app_db, latest_message):
    victim = app_db.exec(select(User).where(User.login == "parent1")).one()
    latest_message(victim.email)  # the previous test (or the demo) sent parent1 something

    async def attack():
        async with EventClient(app_url, "", "/dev/outbox") as client:
            await client.call(OutboxState, "filter", {"form": {"recipient": victim.email}}, "/dev/outbox")
            return client.state_value(OutboxState, "messages"), client.state_value(OutboxState, "message")

    with ThreadPoolExecutor(1) as pool:  # a loop of its own (Playwright's sync API may hold this thread's)
        messages, message = pool.submit(asyncio.run, attack()).result()
    assert not messages and message  # nothing, and "please log in first"


def test_the_tab_that_registered_reads_its_own_code_in_the_outbox(page: Page, app_url, viewport_name):
    """The demo's registration works without staff: the tab that registered sees its own SMS."""
    n = {"desktop": "61", "phone": "62"}[viewport_name]
    page.goto(f"{app_url}/register")
    who = {"surname": "Новикова", "first_name": "Вера", "patronymic": "", "email": f"vera{n}@example.org",
           "phone": f"+7 (915) 000-00-{n}", "login": f"vera{n}", "password": "Sunny2026day"}
    for name, value in who.items():
        page.locator(f"#field-{name}").fill(value)
    page.locator("#field-password_confirm").fill(who["password"])
    page.locator("#field-security_question").select_option("first_pet")
    page.locator("#field-security_answer").fill("Барсик")
    page.locator("#register-submit").click()
    expect(page.locator("#field-code")).to_be_visible(timeout=15000)
    page.goto(f"{app_url}/dev/outbox")
    expect(page.locator("#outbox")).to_contain_text(f"+791500000{n}", timeout=15000)
    expect(page.locator("#outbox")).not_to_contain_text("token=")  # nobody else's messages
