"""Steps shared by the forum browser tests: more people in their own browser contexts, posts made
through the services (the part a test is not about)."""

from contextlib import contextmanager

from playwright.sync_api import Browser, Page
from sqlmodel import Session

from mrko_app.services import forum
from tests.e2e.access_steps import new_parent, sign_in, user


@contextmanager
def person(browser: Browser, context_args: dict, app_url: str, login: str | None, password: str, route: str):
    """A page of its own for another person (signed in as `login`, or anonymous when None)."""
    context = browser.new_context(**context_args)
    page: Page = context.new_page()
    try:
        if login:
            sign_in(page, app_url, login, password, route)
        else:
            page.goto(f"{app_url}{route}")
        yield page
    finally:
        context.close()


def question_by(db: Session, login: str, title: str, body: str = "Подробности вопроса здесь.") -> int:
    db.expire_all()
    post = forum.ask(db, user(db, login), {"title": title, "body": body, "tags": ["other"]})
    db.commit()
    return post.id


def parents(db: Session, prefix: str, count: int) -> list[str]:
    """Fresh parent logins (password "secret12")."""
    return [new_parent(db, f"{prefix}{i}").login for i in range(count)]
