"""The pages do not tell a stranger which accounts exist: an unknown login gets a security question
like a known one, and a registration with a taken login goes on to "enter the code" like a new one."""

from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import User


def test_an_unknown_login_gets_a_question_and_then_a_wrong_answer(page: Page, app_url):
    page.goto(f"{app_url}/recover")
    page.locator("#tab-question").click()
    page.locator("#field-who").fill("no-such-parent-77")
    page.locator("#who-submit").click()
    expect(page.locator("#security-question")).to_be_visible()
    expect(page.locator("#error-who")).to_have_count(0)
    page.locator("#field-answer").fill("Тверь")
    page.locator("#answer-submit").click()
    expect(page.locator("#error-answer")).to_be_visible()


def test_a_registration_with_a_taken_login_looks_like_a_new_one(page: Page, app_url, app_db, viewport_name):
    n = {"desktop": "51", "phone": "52"}[viewport_name]
    page.goto(f"{app_url}/register")
    who = {"surname": "Повторова", "first_name": "Анна", "patronymic": "", "email": f"again{n}@example.org",
           "phone": f"+7 (915) 000-00-{n}", "login": "parent1", "password": "Sunny2026day"}
    for name, value in who.items():
        page.locator(f"#field-{name}").fill(value)
    page.locator("#field-password_confirm").fill(who["password"])
    page.locator("#field-security_question").select_option("first_pet")
    page.locator("#field-security_answer").fill("Барсик")
    page.locator("#register-submit").click()
    expect(page.locator("#field-code")).to_be_visible(timeout=15000)  # "enter the code", as for a new login
    page.locator("#field-code").fill("123456")
    page.locator("#confirm-submit").click()
    expect(page.locator("#error-code")).to_be_visible()
    app_db.expire_all()
    assert app_db.exec(select(User).where(User.email == who["email"])).first() is None
