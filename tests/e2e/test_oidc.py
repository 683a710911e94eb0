"""Signing in with State Services through a real OpenID provider (oidc-provider on 127.0.0.1, its own
login and consent pages), on desktop and phone: a new parent registers with the provider's details
pre-filled; an existing parent links the identity with the password once, then comes straight in and
unlinks it on the profile; a tampered state and a replayed callback are refused with a message."""

import re
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import OidcIdentity, User
from tests.e2e.helpers import logout
from tests.oidc_fixture import sign_in_over_http

pytestmark = pytest.mark.e2e

CODE = re.compile(r"\b(\d{6})\b")
N = {"desktop": 1, "phone": 2}


def provider_login(page: Page, app_url: str, login: str) -> None:
    """Click the button; on the provider's pages sign in (any password) and consent when they ask
    (a second time the provider remembers both and sends the browser straight back)."""
    page.goto(f"{app_url}/login")
    page.locator("#oidc-gosuslugi").click()
    for _ in range(3):
        page.wait_for_url(lambda url: url.startswith(app_url) or "/interaction/" in url, timeout=20000)
        if page.url.startswith(app_url):
            return
        if page.locator("input[name=login]").count():
            page.locator("input[name=login]").fill(login)
            page.locator("input[name=password]").fill("whatever")
        page.locator("button[type=submit]").click()
        page.wait_for_load_state()


def test_a_new_parent_registers_with_prefilled_details(page: Page, app_url, app_db, oidc_provider,
                                                        latest_message, viewport_name):
    register_through_the_provider(page, app_url, app_db, oidc_provider, latest_message, viewport_name, N[viewport_name])


@pytest.mark.postgres
def test_on_postgres_with_several_workers_a_new_parent_registers(page: Page, app_url, app_db, oidc_provider,
                                                                 latest_message, viewport_name):
    """The same on PostgreSQL with Redis holding the state (the ticket and the choice may meet different
    backend workers)."""
    register_through_the_provider(page, app_url, app_db, oidc_provider, latest_message, viewport_name,
                                  N[viewport_name] + 5)


def register_through_the_provider(page, app_url, app_db, oidc_provider, latest_message, viewport_name, n):
    verified = viewport_name == "desktop"  # the phone viewport goes through the SMS code instead
    phone = f"+7916555000{n}"
    oidc_provider.set_account(f"elena{n}", family_name="Кузнецова", given_name="Елена", middle_name="Игоревна",
                              email=f"elena{n}@example.org", phone_number=phone, phone_number_verified=verified)
    provider_login(page, app_url, f"elena{n}")
    expect(page.locator("#form-oidc-register")).to_be_visible(timeout=20000)
    expect(page.locator("#oidc-lead")).to_contain_text("Госуслуги")
    expect(page.locator("#form-oidc-register #field-surname")).to_have_value("Кузнецова")
    expect(page.locator("#form-oidc-register #field-email")).to_have_value(f"elena{n}@example.org")
    expect(page.locator("#form-oidc-register #field-phone")).to_have_value(phone)
    page.locator("#oidc-register-submit").click()
    if not verified:
        expect(page.locator("#field-code")).to_be_visible(timeout=15000)
        page.locator("#field-code").fill(CODE.search(latest_message(phone).body).group(1))
        page.locator("#confirm-submit").click()
    expect(page.locator("#logout")).to_be_visible(timeout=15000)
    user = app_db.exec(select(User).where(User.email == f"elena{n}@example.org")).one()
    assert user.is_active and user.password_hash == "" and user.patronymic == "Игоревна"

    logout(page)
    provider_login(page, app_url, f"elena{n}")  # later: straight in
    expect(page.locator("#logout")).to_be_visible(timeout=20000)
    assert app_db.exec(select(User).where(User.email == f"elena{n}@example.org")).one().id == user.id


def test_an_existing_parent_links_then_signs_in_without_a_password(page: Page, app_url, app_db, oidc_provider,
                                                                   viewport_name):
    login, password = {"desktop": ("parent3", "parent3pass"), "phone": ("parent2", "parent2pass")}[viewport_name]
    subject = f"gu-{login}"
    oidc_provider.set_account(subject, given_name="Someone", email=f"{subject}@gosuslugi.test")
    provider_login(page, app_url, subject)
    expect(page.locator("#form-oidc-link")).to_be_visible(timeout=20000)
    page.locator("#form-oidc-link #field-identifier").fill(login)
    page.locator("#form-oidc-link #field-password").fill("not-the-password1")
    page.locator("#oidc-link-submit").click()
    expect(page.locator("#form-message")).to_be_visible()
    page.locator("#form-oidc-link #field-password").fill(password)
    page.locator("#oidc-link-submit").click()
    expect(page.locator("#logout")).to_be_visible(timeout=15000)

    logout(page)
    provider_login(page, app_url, subject)
    expect(page.locator("#logout")).to_be_visible(timeout=20000)
    user = app_db.exec(select(User).where(User.login == login)).one()
    app_db.expire_all()
    [identity] = app_db.exec(select(OidcIdentity).where(OidcIdentity.user_id == user.id)).all()
    assert identity.subject == subject

    page.goto(f"{app_url}/profile")  # the profile lists the identity; unlinking it leaves the password
    expect(page.locator("#linked-identities")).to_contain_text(f"{subject}@gosuslugi.test")
    page.locator(f"#unlink-{identity.id}").click()
    expect(page.locator("#form-notice")).to_be_visible()
    expect(page.locator(f"#unlink-{identity.id}")).to_have_count(0)
    app_db.expire_all()
    assert app_db.exec(select(OidcIdentity).where(OidcIdentity.user_id == user.id)).all() == []


def callback_over_http(app_url: str, login: str) -> tuple[str, str]:
    """Sign in on the provider without the browser, stopping at the redirect back to the app: the
    callback URL (a valid code and state) and the state cookie the app set for that browser."""
    with httpx.Client(timeout=10) as client:
        start = client.get(f"{app_url}/auth/oidc/gosuslugi/start")
        assert start.status_code == 302
        url = sign_in_over_http(start.headers["location"], login, f"{app_url}/auth/oidc/gosuslugi/callback")
        return url, start.cookies["mrko_oidc_state"]


def test_a_tampered_state_and_a_replayed_callback_are_refused(page: Page, app_url, oidc_provider, viewport_name):
    subject = f"mallory{N[viewport_name]}"
    oidc_provider.set_account(subject, given_name="Mallory")
    callback, state = callback_over_http(app_url, subject)
    page.context.add_cookies([{"name": "mrko_oidc_state", "value": state, "url": f"{app_url}/auth/oidc/"}])
    page.goto(callback.replace(f"state={state}", f"state={state[:-2]}xx"))
    expect(page.locator("#form-message")).to_contain_text("Не удалось проверить вход")
    assert urlparse(page.url).path.rstrip("/") == "/login" and "ticket" not in page.url

    callback, state = callback_over_http(app_url, subject)
    page.context.add_cookies([{"name": "mrko_oidc_state", "value": state, "url": f"{app_url}/auth/oidc/"}])
    page.goto(callback)  # the genuine callback works...
    expect(page.locator("#form-oidc-link")).to_be_visible(timeout=20000)
    page.context.add_cookies([{"name": "mrko_oidc_state", "value": state, "url": f"{app_url}/auth/oidc/"}])
    page.goto(callback)  # ...once: the same code and state again are refused
    expect(page.locator("#form-message")).to_contain_text("уже использована")


def test_cancelling_and_a_provider_that_is_down_are_told_on_the_login_page(page: Page, app_url, oidc_provider):
    page.goto(f"{app_url}/login")
    page.locator("#oidc-gosuslugi").click()
    page.wait_for_url(lambda url: "/interaction/" in url or url.startswith(app_url), timeout=20000)
    if page.url.startswith(app_url):  # the provider remembered an earlier sign-in of this browser: none here
        pytest.fail("a fresh browser context should meet the provider's login page")
    page.get_by_text("Cancel").click()  # the provider's own "[ Cancel ]" link
    expect(page.locator("#form-message")).to_contain_text("Вход отменён", timeout=20000)

    oidc_provider.stop()
    try:
        page.goto(f"{app_url}/login")
        page.locator("#oidc-gosuslugi").click()
        expect(page.locator("#form-message")).to_contain_text("не отвечает", timeout=20000)
    finally:
        oidc_provider.start()
