"""Two tabs editing the same lesson's topic: the later save is told what the other wrote, and chooses
(overwrite with mine, or keep theirs); nothing is overwritten silently."""

from playwright.sync_api import Browser, Page, expect

from mrko_app.models import Lesson
from tests.e2e.helpers import login
from tests.e2e.journal_steps import demo_journal, open_journal


def _open_editor(tab: Page, lesson_id: int) -> None:
    tab.locator(f"#lesson-{lesson_id}").focus()
    tab.keyboard.press("Enter")
    expect(tab.locator("#field-lesson-topic")).to_be_focused(timeout=10000)


def _topic(app_db, lesson_id: int) -> str:
    app_db.expire_all()
    return app_db.get(Lesson, lesson_id).topic


def test_a_lesson_changed_in_another_tab_is_reported_then_overwritten_or_kept(
        page: Page, browser: Browser, browser_context_args, app_url, app_db, viewport_name):
    dj = demo_journal(app_db)
    lesson = dj.held()[-3]
    other = browser.new_context(**browser_context_args).new_page()
    for tab in (page, other):
        login(tab, app_url, "teacher1", "teacher1pass")
        open_journal(tab, app_url, dj)
    mine, theirs = f"Моя тема ({viewport_name})", f"Их тема ({viewport_name})"

    _open_editor(page, lesson.id)  # the first tab opens the editor, the second saves meanwhile
    _open_editor(other, lesson.id)
    other.locator("#field-lesson-topic").fill(theirs)
    other.locator("#lesson-save").click()
    expect(other.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
    assert _topic(app_db, lesson.id) == theirs

    page.locator("#field-lesson-topic").fill(mine)
    page.locator("#lesson-save").click()
    expect(page.locator("#lesson-message")).to_contain_text(theirs, timeout=10000)
    expect(page.locator("#field-lesson-topic")).to_have_value(mine)  # the typed text is not lost
    assert _topic(app_db, lesson.id) == theirs  # and nothing was overwritten
    page.locator("#lesson-overwrite").click()  # on purpose, knowing theirs
    expect(page.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
    assert _topic(app_db, lesson.id) == mine
    expect(page.locator(f"#lesson-{lesson.id}")).to_have_attribute("title", mine)

    _open_editor(other, lesson.id)  # the other way round: the second tab is behind and keeps theirs
    _open_editor(page, lesson.id)
    page.locator("#field-lesson-topic").fill(mine + "!")
    page.locator("#lesson-save").click()
    expect(page.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
    other.locator("#field-lesson-topic").fill("Забытое")
    other.locator("#lesson-save").click()
    expect(other.locator("#lesson-keep")).to_be_visible(timeout=10000)
    other.locator("#lesson-keep").click()
    expect(other.locator("#field-lesson-topic")).to_have_value(mine + "!")
    expect(other.locator("#lesson-message")).to_be_hidden()
    assert _topic(app_db, lesson.id) == mine + "!"
    other.context.close()
