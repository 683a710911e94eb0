"""Steps a person takes, shared by the browser tests."""

from playwright.sync_api import Page, expect


def login(page: Page, base_url: str, identifier: str, password: str, *, remember: bool = False) -> None:
    page.goto(f"{base_url}/login")
    page.locator("#field-identifier").fill(identifier)
    page.locator("#field-password").fill(password)
    if remember:
        page.locator("#field-remember").check()
    page.locator("#login-submit").click()
    expect(page.locator("#logout")).to_be_visible(timeout=15000)


def open_menu_if_phone(page: Page) -> None:
    """On a phone the navigation hides behind the menu button."""
    button = page.locator("#menu-button")
    if button.is_visible() and not page.locator("#main-nav").is_visible():
        button.click()


def logout(page: Page) -> None:
    page.locator("#logout").click()
    expect(page.locator("#nav-login")).to_be_visible(timeout=15000)


def wait_until(check, timeout: float = 10.0, interval: float = 0.2):
    """Poll `check()` until it returns something truthy (for effects the page does not show)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def tell_app(*found) -> None:
    """Changes (services.changes records) a test wrote behind the app's back, announced to the app as a
    service would announce them, so that its workers forget what they remembered of them
    (services/changes/memo.py). The PostgreSQL + Redis app hears Redis; the SQLite app hears only itself,
    so it runs with MRKO_MEMO_SECONDS=0 (tests/e2e/conftest.py) and needs nothing."""
    import json
    import os

    if os.environ.get("MRKO_E2E_DB") != "postgres" or not found:
        return
    import redis

    from mrko_app.services.changes import bus

    client = redis.Redis.from_url("redis://127.0.0.1:6379")
    try:
        client.publish(bus.CHANNEL, json.dumps([c.to_list() for c in found]))
    finally:
        client.close()
