"""A parent who forgot the password recovers it by the e-mailed link and by the security answer plus
a phone code; a forgotten login is sent to the phone."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import User
from mrko_app.services.accounts import core as accounts
from tests.e2e.helpers import login

LINK = re.compile(r"https?://\S+/recover/reset\?token=([\w\-]+)")
CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def forgetful(app_db, viewport_name):
    """A confirmed parent made through the services (registration itself is tested elsewhere)."""
    n = {"desktop": "31", "phone": "32"}[viewport_name]
    login_name = f"forgetful{n}"
    user = app_db.exec(select(User).where(User.login == login_name)).first()
    if user is None:
        user = accounts.register(app_db, {
            "surname": "Забывчивый", "first_name": "Пётр", "patronymic": "", "email": f"{login_name}@example.org",
            "login": login_name, "password": "Start2026x", "password_confirm": "Start2026x",
            "phone": f"+7 916 000 00 {n}", "security_question": "birth_city", "security_answer": "Тверь",
        })
        user.is_active = user.phone_confirmed = True
        app_db.add(user)
        app_db.commit()
    return user


def test_password_by_email_link(page: Page, app_url, forgetful, latest_message):
    page.goto(f"{app_url}/recover")
    page.locator("#field-email").fill(forgetful.email)
    page.locator("#email-submit").click()
    expect(page.locator("#form-notice")).to_be_visible()
    token = LINK.search(latest_message(forgetful.email).body).group(1)

    page.goto(f"{app_url}/recover/reset?token={token}")
    page.locator("#field-password").fill("short")
    page.locator("#field-password_confirm").fill("short")
    page.locator("#reset-submit").click()
    expect(page.locator("#error-password")).to_be_visible()
    page.locator("#field-password").fill("NewLink2026a")
    page.locator("#field-password_confirm").fill("NewLink2026a")
    page.locator("#reset-submit").click()
    expect(page.locator("#login-submit")).to_be_visible(timeout=15000)
    login(page, app_url, forgetful.login, "NewLink2026a")

    # the link works once
    page.goto(f"{app_url}/recover/reset?token={token}")
    expect(page.locator("#form-message")).to_be_visible()
    expect(page.locator("#reset-submit")).to_have_count(0)


def test_password_by_security_answer_and_phone_code(page: Page, app_url, app_db, forgetful, latest_message):
    page.goto(f"{app_url}/recover")
    page.locator("#tab-question").click()
    page.locator("#field-who").fill(forgetful.login)
    page.locator("#who-submit").click()
    expect(page.locator("#security-question")).to_be_visible()
    page.locator("#field-answer").fill("Москва")
    page.locator("#answer-submit").click()
    expect(page.locator("#error-answer")).to_be_visible()
    page.locator("#field-answer").fill("  тверь ")
    page.locator("#answer-submit").click()
    expect(page.locator("#field-code")).to_be_visible()
    code = CODE.search(latest_message(forgetful.phone).body).group(1)
    page.locator("#field-code").fill(code)
    page.locator("#field-password").fill("ByCode2026b")
    page.locator("#field-password_confirm").fill("ByCode2026b")
    page.locator("#code-submit").click()
    expect(page.locator("#after-reset-login")).to_be_visible()
    login(page, app_url, forgetful.phone, "ByCode2026b")


def test_forgotten_login_is_sent_to_the_phone(page: Page, app_url, forgetful, latest_message):
    page.goto(f"{app_url}/recover")
    page.locator("#tab-login").click()
    page.locator("#field-contact").fill(forgetful.phone)
    page.locator("#contact-submit").click()
    expect(page.locator("#form-notice")).to_be_visible()
    assert forgetful.login in latest_message(forgetful.phone).body
