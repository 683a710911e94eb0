"""Beyond one machine (PostgreSQL + Redis pass): two app instances behind HAProxy. The teacher works on
instance A, the parent's diary is open on instance B; the teacher's saved mark reaches the parent's open
diary (a change saved in one instance, pushed through Redis to the tab held by the other). Then B stops:
the parent's tab reconnects through the balancer to A, keeps its session and shows what was saved meanwhile.
"""

import pytest
from playwright.sync_api import Browser, expect

from mrko_app.models import Lesson
from mrko_app.models.base import utcnow
from mrko_app.services import changes
from tests.e2e.balancer import COOKIE
from tests.e2e.helpers import login, tell_app
from tests.e2e.journal_steps import cell, cell_marks, demo_journal, free_lessons, open_journal, parent_diary


def _pinned(browser: Browser, browser_context_args, url: str, instance: str):
    context = browser.new_context(**browser_context_args)
    context.add_cookies([{"name": COOKIE, "value": instance, "url": url}])
    return context.new_page()


def _type_mark(journal, student_id: int, lesson_id: int, digit: str) -> None:
    cell(journal, student_id, lesson_id).focus()
    journal.keyboard.press(digit)
    journal.keyboard.press("Enter")
    expect(cell(journal, student_id, lesson_id)).to_have_attribute("data-status", "saved", timeout=10000)


@pytest.mark.postgres
@pytest.mark.parametrize("viewport_name", ["desktop"])  # the layout is not the point here; CI time is
def test_a_mark_saved_on_one_instance_reaches_a_diary_on_the_other_which_survives_its_instance(
        browser: Browser, browser_context_args, balanced, app_db):
    dj = demo_journal(app_db)
    lesson = free_lessons(app_db, dj)[-1]
    old_topic = lesson.topic or ""
    parent = _pinned(browser, browser_context_args, balanced.url, "b")
    teacher = _pinned(browser, browser_context_args, balanced.url, "a")
    try:
        parent_diary(parent, balanced.url, dj, week=lesson.date)
        served = parent.request.get(f"{balanced.url}/ping")  # with the context's cookie, as the page's
        assert served.headers["x-served-by"] == "b"
        row = parent.locator(f"#lesson-l{lesson.id}")
        expect(row).to_be_visible(timeout=20000)
        login(teacher, balanced.url, "teacher1", "teacher1pass")
        assert teacher.request.get(f"{balanced.url}/ping").headers["x-served-by"] == "a"
        open_journal(teacher, balanced.url, dj)

        _type_mark(teacher, dj.student.id, lesson.id, "3")
        [mark] = cell_marks(app_db, dj.student.id, lesson.id)
        expect(row.locator(f"[data-mark-id='{mark.id}'] .diary-mark-value")).to_have_text("3", timeout=20000)

        assert balanced.sockets_on("b") >= 1  # the parent's websocket went to B (the teacher's is pinned to A)

        before_on_a = balanced.sockets_on("a")  # the teacher's
        balanced.stop_b()  # the parent's instance goes away; the teacher changes the lesson meanwhile
        assert parent.request.get(f"{balanced.url}/ping").headers["x-served-by"] == "a"
        teacher.locator(f"#lesson-{lesson.id}").focus()
        teacher.keyboard.press("Enter")
        expect(teacher.locator("#field-lesson-topic")).to_be_focused(timeout=10000)
        teacher.keyboard.press("ControlOrMeta+a")
        teacher.keyboard.type("Тема после остановки узла")
        teacher.keyboard.press("Enter")
        expect(teacher.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
        # the parent's tab reconnected to A by itself: still signed in, and it caught up
        expect(row.locator(".diary-topic")).to_contain_text("Тема после остановки узла", timeout=30000)
        assert balanced.sockets_on("a") > before_on_a  # the parent's new websocket, through the balancer
        expect(parent.locator("#child-switcher")).to_have_value(str(dj.student.id))
        parent.reload()
        expect(parent.locator(f"#lesson-l{lesson.id} .diary-topic")).to_contain_text("Тема после остановки узла",
                                                                                    timeout=20000)
    finally:
        parent.context.close()
        teacher.context.close()
        balanced.start_b()
        app_db.expire_all()
        for m in cell_marks(app_db, dj.student.id, lesson.id):
            app_db.delete(m)
        fresh = app_db.get(Lesson, lesson.id)
        fresh.topic, fresh.updated_at = old_topic, utcnow()
        app_db.add(fresh)
        app_db.commit()
        tell_app(changes.of_child(dj.student.id, "marks"), changes.of_class(lesson.class_id, "lesson"))
