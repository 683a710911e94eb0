"""Accessibility in the browser, judged by axe-core: every page of the route table, on the desktop and the
phone, signed out and signed in as each kind of person, has no serious or critical violation, one main
landmark and nothing outside the landmarks; so do the states a click opens (the journal's editors, the
phone menu). The skip link comes first, and the journal grid announces pupils and dates as headers.

One page load and one axe run per walked (route, person, viewport): on the desktop each person's pages and
one "no access" notice; on the phone every page once (a11y_steps.walk_for); each person signs in once per
viewport.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.a11y_steps import PEOPLE, concrete, describe, route_table, violations, walk_for
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.helpers import login
from tests.e2e.journal_steps import demo_journal, open_journal

# outer loops first, so that one signed-in context serves a whole (viewport, person) run of routes
WALK = [(v, who, route) for v in VIEWPORTS for who in PEOPLE for route in walk_for(who, v)]
# read at collection, as WALK was (the tests' own environment is a development one, the collection's need not be)
ROUTES = set(route_table())


def test_the_walk_opens_every_page_on_both_viewports():
    """Every route of the route table (a page added later included) is walked on the desktop and the phone;
    a restricted one by someone who may open it; /register/confirm with no registration waiting (as a
    bookmark opens it) by everyone on the desktop (test_accounts checks what it answers)."""
    from mrko_app import routes
    from mrko_app.state.base import PAGE_ROLES

    for v in VIEWPORTS:
        walked = {route for v2, who, route in WALK if v2 == v and (who != "anonymous" or PAGE_ROLES.get(route) is None)}
        assert walked == ROUTES, f"{v}: not walked {ROUTES - walked}"
    assert all(("desktop", who, routes.CONFIRM_PHONE) in WALK for who in PEOPLE)


def _context(browser: Browser, viewport: str):
    # reduced motion: axe measures the colours of a dialog at rest, not half-way through its fade-in
    return browser.new_context(**VIEWPORTS[viewport], locale="ru-RU", reduced_motion="reduce")


@pytest.fixture(scope="module")
def looker(browser: Browser, app_url):
    """A page signed in as `who` on `viewport`, kept open until another (viewport, person) is asked for."""
    current: dict = {}

    def get(viewport: str, who: str) -> Page:
        if current.get("key") != (viewport, who):
            if current:
                current["context"].close()
            context = _context(browser, viewport)
            page = context.new_page()
            if PEOPLE[who]:
                login(page, app_url, who, PEOPLE[who], remember=True)
            current.update(key=(viewport, who), context=context, page=page)
        return current["page"]

    yield get
    if current:
        current["context"].close()


def _assert_clean(page: Page, where: str, context: str | None = None) -> None:
    found = violations(page, context)
    assert not found, f"{where}: {describe(found)}"


@pytest.mark.parametrize(("viewport", "who", "route"), WALK, ids=[f"{v}-{w}-{r}" for v, w, r in WALK])
def test_every_page_has_no_serious_violation(looker, app_url, app_db, viewport, who, route):
    page = looker(viewport, who)
    page.goto(app_url + concrete(route, app_db))
    expect(page.locator("#page-title")).to_be_visible()
    found = violations(page)
    mains = page.get_by_role("main").count()
    assert not found and mains == 1, f"{route} as {who} on {viewport}: {mains} main landmarks; {describe(found)}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_journal_editors_and_year_have_no_serious_violation(browser: Browser, app_url, app_db, viewport):
    dj = demo_journal(app_db)
    page = _context(browser, viewport).new_page()
    login(page, app_url, "teacher1", "teacher1pass", remember=True)
    open_journal(page, app_url, dj)
    lesson = dj.held()[-1]
    editors = [
        (f"#cell-{dj.student.id}-{lesson.id}", "dblclick", "#cell-dialog"),
        (f"#lesson-{lesson.id}", "click", "#lesson-dialog"),
        (f"#final-{dj.student.id}", "click", "#final-dialog"),
    ]
    for opener, how, dialog in editors:
        getattr(page.locator(opener), how)()
        expect(page.locator(dialog)).to_be_visible()
        _assert_clean(page, f"{dialog} on {viewport}")
        page.keyboard.press("Escape")
        expect(page.locator(dialog)).to_have_count(0)
    # the year's grid (periods in the columns), chosen from the period list
    page.locator("#journal-period").select_option("year")
    expect(page.locator("#journal-year")).to_be_visible(timeout=20000)
    _assert_clean(page, f"the journal's year on {viewport}")
    page.context.close()


@pytest.mark.parametrize("who", [w for w, password in PEOPLE.items() if password])
def test_the_open_phone_menu_has_no_serious_violation(looker, app_url, who):
    page = looker("phone", who)
    page.goto(app_url + "/profile")
    page.locator("#menu-button").click()
    expect(page.locator("#main-nav")).to_be_visible()
    _assert_clean(page, f"the phone menu of {who}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_skip_link_comes_first_and_leads_to_the_content(browser: Browser, app_url, viewport):
    page = _context(browser, viewport).new_page()
    page.goto(app_url + "/login")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Перейти к содержимому")
    expect(skip).to_be_visible()  # hidden until focused, then on screen
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "the focus is in the main content"
    page.locator("#lang-switch").click()
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    page.context.close()


def test_the_journal_grid_announces_pupils_and_dates_as_headers(page: Page, app_url, app_db, viewport_name):
    dj = demo_journal(app_db)
    login(page, app_url, "teacher1", "teacher1pass")
    open_journal(page, app_url, dj)
    grid = page.get_by_role("table")
    expect(grid).to_have_count(1)
    # a row header per pupil, named by the pupil
    pupil = page.locator(f"#student-{dj.student.id}")
    expect(pupil).to_have_role("rowheader")
    expect(pupil).to_have_accessible_name(pupil.inner_text())
    expect(grid.get_by_role("rowheader")).to_have_count(page.locator("#journal-grid tbody tr").count())
    # a column header per lesson, named by its date and weekday (the pupil column and three summaries besides)
    expect(grid.get_by_role("columnheader")).to_have_count(len(dj.lessons) + 4)
    weekdays = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    for lesson in (dj.lessons[0], dj.lessons[-1]):
        header = page.locator(f"#lesson-{lesson.id}")
        expect(header).to_have_role("columnheader")
        expect(header).to_have_accessible_name(f"{lesson.date:%d.%m} {weekdays[lesson.date.weekday()]}")
    # what a screen reader walks: the tree holds the pupils' and the dates' headers
    tree = grid.aria_snapshot()
    assert f'rowheader "{pupil.inner_text()}"' in tree
    assert f'columnheader "{dj.lessons[0].date:%d.%m} ' in tree


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_calendar_views_and_the_news_editor_have_no_serious_violation(browser: Browser, app_url, viewport):
    """The states the month grid (walked above) switches to, and a news post opened for editing."""
    page = _context(browser, viewport).new_page()
    login(page, app_url, "teacher1", PEOPLE["teacher1"], remember=True)
    page.goto(f"{app_url}/calendar")
    for view in ("week", "list"):
        page.locator(f"#view-{view}").click()
        expect(page.locator(f"#view-{view}")).to_have_attribute("data-state", "on")
        _assert_clean(page, f"the calendar's {view} view on {viewport}")
    page.goto(f"{app_url}/news")
    page.locator("[id^=edit-]").first.click()
    expect(page.locator("#news-stop-editing")).to_be_visible()
    _assert_clean(page, f"the news editor on {viewport}")
