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
