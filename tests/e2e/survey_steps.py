"""Steps for the surveys browser tests: build one in the editor, answer, read what is stored."""

import uuid

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mrko_app.models import SchoolClass, Survey
from tests.e2e.access_steps import sign_in

SETTLE_MS = 600  # controlled inputs send their change after a short debounce; a person types slower


def class_id(db: Session, name: str) -> int:
    db.expire_all()
    return db.exec(select(SchoolClass.id).where(SchoolClass.name == name)).first()


def add(page: Page, kind: str, index: int, text: str, **fields) -> None:
    """Add a question of `kind` (it becomes question `index`, counted from 0) and fill its fields."""
    page.locator(f"#add-{kind}").click()
    expect(page.locator(f"#q-{index}-text")).to_be_visible(timeout=15000)
    page.locator(f"#q-{index}-text").fill(text)
    for name, value in fields.items():
        if isinstance(value, bool):
            click_checked(page, f"#q-{index}-{name}")
        else:
            page.locator(f"#q-{index}-{name}").fill(str(value))


def build_every_kind(page: Page, app_url: str, db: Session) -> tuple[int, str]:
    """staff1 builds a two-page survey for 5А with every question type (q2 only when q1 is "Нет"),
    saves and publishes it. Returns (survey id, title)."""
    title = f"Столовая {uuid.uuid4().hex[:6]}"
    sign_in(page, app_url, "staff1", "staff1pass", "/surveys/build/edit")
    page.locator("#survey-title").fill(title)
    click_checked(page, f"#class-{class_id(db, '5А')}")
    add(page, "single", 0, "Нравится ли столовая?", options_text="Да\nНет", required=True)
    add(page, "long", 1, "Почему нет?", cond_question="q1", cond_value="Нет")
    add(page, "multiple", 2, "Что ест ребёнок?", options_text="Завтрак\nОбед\nПолдник", picks_max=2)
    add(page, "scale", 3, "Общая оценка", min_label="плохо", max_label="отлично")
    page.locator("#add-section").click()
    add(page, "matrix", 4, "Оцените", options_text="Вкус\nЦена")
    add(page, "number", 5, "Рублей в день", min=0, max=1000)
    add(page, "date", 6, "Когда ели последний раз?")
    add(page, "short", 7, "Любимое блюдо")
    page.wait_for_timeout(SETTLE_MS)
    page.locator("#survey-save-edit").click()
    page.wait_for_url(lambda url: "?id=" in url, timeout=20000)
    survey_id = int(page.url.split("?id=")[1])
    page.goto(f"{app_url}/surveys/build")
    card = page.locator(f".survey-card[data-survey-id='{survey_id}']")
    card.locator(".survey-publish").click()
    expect(card.locator(".survey-close")).to_be_visible(timeout=15000)
    db.expire_all()
    assert db.get(Survey, survey_id).status == "published"
    return survey_id, title


def click_checked(page: Page, selector: str) -> None:
    """Click a checkbox or radio whose checked state comes back from the server (a controlled input:
    Playwright's check() would look before the answer arrives)."""
    page.locator(selector).click()
    expect(page.locator(selector)).to_be_checked(timeout=15000)


def pick(page: Page, key: str, option: str) -> None:
    click_checked(page, f"#answer-{key}-{option}")
