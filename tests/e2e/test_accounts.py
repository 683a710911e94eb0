"""A new parent registers through the real pages, confirms the phone with the code from the outbox,
logs out and in by login, e-mail and phone, recovers a password, switches the language; bad input is
refused beside the field."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import User
from mrko_app.services.accounts import core as accounts
from tests.e2e.helpers import login, logout, wait_until

CODE = re.compile(r"\b(\d{6})\b")


def _register(page: Page, app_url: str, who: dict) -> None:
    page.goto(f"{app_url}/register")
    for name in ("surname", "first_name", "patronymic", "email", "phone", "login", "password"):
        page.locator(f"#field-{name}").fill(who[name])
    page.locator("#field-password_confirm").fill(who["password"])
    page.locator("#field-security_question").select_option("first_pet")
    page.locator("#field-security_answer").fill("Барсик")
    page.locator("#register-submit").click()


def _person(viewport_name: str) -> dict:
    n = {"desktop": "1", "phone": "2"}[viewport_name]
    return {
        "surname": "Смирнова", "first_name": "Ольга", "patronymic": "Петровна",
        "email": f"olga{n}@example.org", "phone": f"+7 (915) 000-00-0{n}",
        "login": f"olga{n}", "password": "Sunny2026day",
    }


@pytest.mark.postgres
def test_register_confirm_logout_and_login_three_ways(page: Page, app_url, app_db, latest_message, viewport_name):
    who = _person(viewport_name)
    _register(page, app_url, who)
    expect(page.locator("#field-code")).to_be_visible(timeout=15000)
    user = app_db.exec(select(User).where(User.login == who["login"])).one()
    assert not user.is_active and not user.phone_confirmed
    code = CODE.search(latest_message(user.phone).body).group(1)

    page.locator("#field-code").fill("000000" if code != "000000" else "111111")
    page.locator("#confirm-submit").click()
    expect(page.locator("#error-code")).to_be_visible()
    page.locator("#field-code").fill(code)
    page.locator("#confirm-submit").click()
    expect(page.locator("#logout")).to_be_visible(timeout=15000)
    app_db.expire_all()
    assert app_db.get(User, user.id).is_active

    for identifier in (who["login"], who["email"], who["phone"]):
        logout(page)
        login(page, app_url, identifier, who["password"])
        if viewport_name == "desktop":
            expect(page.locator("#user-name")).to_contain_text("Ольга")


def test_the_confirm_page_opened_directly_asks_to_register_again(page: Page, app_url, viewport_name):
    """A bookmarked or shared /register/confirm (no registration waiting in this tab): the page works, and
    a code or a resend is answered with "register again", never an error page."""
    page.goto(f"{app_url}/register/confirm")
    expect(page.locator("#page-title")).to_have_text("Подтверждение телефона")
    expect(page.locator("#form-message")).to_have_count(0)
    page.locator("#field-code").fill("123456")
    page.locator("#confirm-submit").click()
    expect(page.locator("#form-message")).to_contain_text("нет регистрации, ожидающей кода")
    page.locator("#resend-code").click()
    expect(page.locator("#form-message")).to_contain_text("Зарегистрируйтесь снова")
    expect(page.locator("#logout")).to_have_count(0)


def test_bad_registration_is_refused_beside_each_field(page: Page, app_url, app_db):
    page.goto(f"{app_url}/register")
    page.locator("#field-surname").fill("Иванов")
    page.locator("#field-email").fill("not-an-email")
    page.locator("#field-phone").fill("12345")
    page.locator("#field-login").fill("1bad")
    page.locator("#field-password").fill("abcdef")
    page.locator("#field-password_confirm").fill("abcdeg")
    page.locator("#register-submit").click()
    for name in ("first_name", "email", "phone", "login", "password", "password_confirm", "security_answer"):
        expect(page.locator(f"#error-{name}")).to_be_visible()
    expect(page.locator("#error-surname")).to_have_count(0)
    assert app_db.exec(select(User).where(User.surname == "Иванов")).first() is None


def test_wrong_password_is_refused_with_a_message(page: Page, app_url):
    page.goto(f"{app_url}/login")
    page.locator("#field-identifier").fill("parent2")
    page.locator("#field-password").fill("wrong-password1")
    page.locator("#login-submit").click()
    expect(page.locator("#form-message")).to_be_visible()
    expect(page.locator("#logout")).to_have_count(0)


def test_language_switch_is_remembered_for_the_user(page: Page, app_url, app_db):
    login(page, app_url, "parent2", "parent2pass")
    title = page.locator("#page-title")
    app_db.expire_all()
    before_lang = app_db.exec(select(User.language).where(User.login == "parent2")).one()
    after_lang = "en" if before_lang == "ru" else "ru"
    before = title.inner_text()
    page.locator("#lang-switch").click()
    expect(title).not_to_have_text(before)
    app_db.expire_all()
    assert app_db.exec(select(User.language).where(User.login == "parent2")).one() == after_lang
    page.reload()
    expect(title).not_to_have_text(before)
    page.locator("#lang-switch").click()
    expect(title).to_have_text(before)
    app_db.expire_all()
    assert app_db.exec(select(User.language).where(User.login == "parent2")).one() == before_lang


def test_navigation_works_on_every_viewport(page: Page, app_url, viewport_name):
    login(page, app_url, "parent2", "parent2pass")
    nav = page.locator("#main-nav")
    if viewport_name == "phone":
        expect(nav).to_be_hidden()
        page.locator("#menu-button").click()
    expect(nav).to_be_visible()
    nav.locator("a[href='/profile']").click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.locator("#profile-email")).to_contain_text("@")


def test_an_area_of_another_role_answers_no_access(page: Page, app_url):
    login(page, app_url, "parent2", "parent2pass")
    page.goto(f"{app_url}/profile")
    expect(page.locator("#profile-email")).to_be_visible()
    page.goto(f"{app_url}/staff/codes")
    expect(page.locator("#no-access")).to_be_visible()


def test_five_wrong_passwords_lock_the_account_and_say_until_when(page: Page, app_url, app_db, viewport_name):
    login_name = f"unlucky{viewport_name}"
    accounts.register(app_db, {
        "surname": "Неудачин", "first_name": "Иван", "patronymic": "", "email": f"{login_name}@example.org",
        "login": login_name, "password": "Right2026pw", "password_confirm": "Right2026pw",
        "phone": f"+7 917 000 00 {'41' if viewport_name == 'desktop' else '42'}",
        "security_question": "birth_city", "security_answer": "Тула",
    }).is_active = True
    app_db.commit()

    def unlucky():
        app_db.rollback()  # a fresh read of what the app wrote
        return app_db.exec(select(User).where(User.login == login_name)).one()

    page.goto(f"{app_url}/login")
    for attempt in range(1, 6):
        page.locator("#field-identifier").fill(login_name)
        page.locator("#field-password").fill("not-the-password1")
        page.locator("#login-submit").click()
        expect(page.locator("#form-message")).to_be_visible()
        assert wait_until(lambda: unlucky().failed_logins >= attempt or unlucky().locked_until, timeout=20)
    assert unlucky().locked_until is not None
    # even the right password is refused now, and the message names the time the lock ends
    page.locator("#field-password").fill("Right2026pw")
    page.locator("#login-submit").click()
    expect(page.locator("#form-message")).to_contain_text(re.compile(r"\d{2}:\d{2}"))
    expect(page.locator("#logout")).to_have_count(0)
