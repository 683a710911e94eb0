"""The week view against the database: lessons, marks, attendance, changes; navigation and date jumps;
switching the child; live updates while the page is open."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from mrko_app.models import Attendance, Holiday, Lesson, Mark, MarkHistory, User
from mrko_app.models.base import utcnow
from mrko_app.services import changes, clock
from tests.e2e.diary_data import (
    PARENT,
    children,
    choose_child,
    latest_marked_monday,
    marks_between,
    monday_of,
    open_week,
    periods,
    week_lessons,
)
from tests.e2e.helpers import login, tell_app
from tests.e2e.journal_steps import cell, cell_marks, demo_journal, free_lessons, open_journal, parent_diary


def _check_week(page: Page, db, child, monday: date) -> None:
    lessons = week_lessons(db, child, monday)
    assert lessons, "the demo class has lessons in this week"
    marks = marks_between(db, child, monday, monday + timedelta(days=6))
    attendance = {a.lesson_id: a.status for a in db.exec(
        select(Attendance).where(Attendance.student_id == child.id, col(Attendance.lesson_id).in_([x.id for x in lessons])))}
    for offset in range(6):
        day = monday + timedelta(days=offset)
        box = page.locator(f"#day-{day.isoformat()}")
        expect(box).to_be_attached()
        expected_count = sum(1 for x in lessons if x.date == day)
        if expected_count:
            expect(box.locator(".diary-lesson")).to_have_count(expected_count)
        if day == clock.today():
            expect(box).to_have_class(re.compile(r"\btoday\b"))
        else:
            expect(box).not_to_have_class(re.compile(r"\btoday\b"))
    for lesson in lessons:
        row = page.locator(f"#lesson-l{lesson.id}")
        expected = [("долг" if m.is_debt else str(m.value)) for m in marks if m.lesson_id == lesson.id]
        expect(row.locator(".diary-mark-value")).to_have_text(expected)
        expect(row.locator(".diary-cancelled")).to_have_count(1 if lesson.cancelled else 0)
        if lesson.topic:
            expect(row.locator(".diary-topic")).to_contain_text(lesson.topic)
        if lesson.id in attendance:
            expect(row.locator(".diary-att")).to_have_attribute("data-status", attendance[lesson.id])
        else:
            expect(row.locator(".diary-att")).to_have_count(0)


@pytest.mark.postgres
def test_week_shows_each_childs_lessons_marks_and_attendance(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    kids = children(app_db)
    assert len(kids) == 2 and kids[0].klass.id != kids[1].klass.id
    for child in kids:
        monday = latest_marked_monday(app_db, child)
        open_week(page, app_url, monday)
        choose_child(page, child)
        _check_week(page, app_db, child, monday)


def test_week_shows_changed_cancelled_and_substituted_lessons(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    for child in children(app_db):
        changed = app_db.exec(select(MarkHistory, Mark).join(Mark, Mark.id == MarkHistory.mark_id)
                              .where(Mark.student_id == child.id, col(MarkHistory.old_value).is_not(None),
                                     col(Mark.deleted).is_(False))
                              .order_by(MarkHistory.id)).first()
        assert changed is not None, "the demo has a changed mark for each of parent1's children"
        history, mark = changed
        open_week(page, app_url, monday_of(mark.date))
        choose_child(page, child)
        row = page.locator(f"#lesson-l{mark.lesson_id} [data-mark-id='{mark.id}']")
        expect(row.locator(".diary-mark-value")).to_have_text(str(mark.value))
        expect(row.locator(".diary-mark-was")).to_have_text(f"было {history.old_value}")

    def first_lesson(condition):
        for kid in children(app_db):
            lesson = app_db.exec(select(Lesson).where(Lesson.class_id == kid.klass.id, condition)
                                 .order_by(Lesson.date)).first()
            if lesson is not None:
                return kid, lesson
        raise AssertionError("the demo has such a lesson in a class of parent1's children")

    kid, cancelled = first_lesson(col(Lesson.cancelled).is_(True))
    open_week(page, app_url, monday_of(cancelled.date))
    choose_child(page, kid)
    row = page.locator(f"#lesson-l{cancelled.id}")
    expect(row.locator(".diary-cancelled")).to_be_visible()
    expect(row.locator(".diary-subject")).to_have_class(re.compile("cancelled"))
    kid, substituted = first_lesson(col(Lesson.substitute_teacher_id).is_not(None))
    open_week(page, app_url, monday_of(substituted.date))
    choose_child(page, kid)
    substitute = app_db.get(User, substituted.substitute_teacher_id)
    expect(page.locator(f"#lesson-l{substituted.id} .diary-substitute")).to_contain_text(substitute.surname)


def test_week_navigation_and_date_jumps(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    child = children(app_db)[0]
    first, *_rest, last = periods(app_db, child)
    all_periods = periods(app_db, child)

    def kind_expected(day: date) -> str:
        if any(p.start_date <= day <= p.end_date for p in all_periods):
            return "study"
        return "vacation"

    # the first week of the year: the days before 1 September are not school days
    open_week(page, app_url, monday_of(first.start_date))
    for offset in range(6):
        day = monday_of(first.start_date) + timedelta(days=offset)
        if not app_db.exec(select(Holiday).where(Holiday.start_date <= day, Holiday.end_date >= day)).first():
            expect(page.locator(f"#day-{day.isoformat()}")).to_have_attribute("data-kind", kind_expected(day))
    # next and previous week
    page.locator("#week-next").click()
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", (monday_of(first.start_date) + timedelta(days=7)).isoformat())
    page.locator("#week-prev").click()
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", monday_of(first.start_date).isoformat())
    page.locator("#week-prev").click()
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", (monday_of(first.start_date) - timedelta(days=7)).isoformat())

    # the last week of the 1st period, then the vacation week after it
    open_week(page, app_url, monday_of(first.end_date))
    page.locator("#week-next").click()
    after = monday_of(first.end_date) + timedelta(days=7)
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", after.isoformat())
    expect(page.locator(f"#day-{after.isoformat()}")).to_have_attribute("data-kind", kind_expected(after))
    # the last week of the year
    open_week(page, app_url, monday_of(last.end_date))
    expect(page.locator(f"#day-{last.end_date.isoformat()}")).to_have_attribute("data-kind", "study")

    # a holiday: jump there with the date input
    holiday = next(h for h in app_db.exec(select(Holiday).where(Holiday.year_id == child.klass.year_id)
                                          .order_by(Holiday.start_date)) if h.start_date.weekday() < 6)
    page.locator("#week-date").fill(holiday.start_date.isoformat())
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", monday_of(holiday.start_date).isoformat(),
                                                          timeout=20000)
    day = page.locator(f"#day-{holiday.start_date.isoformat()}")
    expect(day).to_have_attribute("data-kind", "holiday")
    expect(day.locator(".diary-day-status")).to_have_text(holiday.name_ru)
    expect(day.locator(".diary-lesson")).to_have_count(0)
    # back to this week
    page.locator("#week-today").click()
    expect(page.locator("#diary-week")).to_have_attribute("data-monday", monday_of(clock.today()).isoformat())


def test_switching_the_child_switches_the_week(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    first, second = children(app_db)
    monday = latest_marked_monday(app_db, first)
    open_week(page, app_url, monday)
    choose_child(page, first)
    mine, theirs = week_lessons(app_db, first, monday), week_lessons(app_db, second, monday)
    expect(page.locator(f"#lesson-l{mine[0].id}")).to_be_attached()
    choose_child(page, second)
    expect(page.locator(f"#lesson-l{theirs[0].id}")).to_be_attached()
    expect(page.locator(f"#lesson-l{mine[0].id}")).to_have_count(0)
    _check_week(page, app_db, second, monday)


def _teacher_saves_and_the_open_diary_shows_it(page: Page, browser: Browser, browser_context_args, app_url, app_db):
    """The parent has the week open; teacher1, in another browser, types a mark into the journal and
    changes the lesson's topic: both appear in the open diary, pushed (no reload, no polling)."""
    dj = demo_journal(app_db)
    lesson = free_lessons(app_db, dj)[-1]
    old_topic = lesson.topic or ""
    parent_diary(page, app_url, dj, week=lesson.date)
    expect(page.locator("#live-badge")).to_be_visible(timeout=20000)
    row = page.locator(f"#lesson-l{lesson.id}")
    expect(row).to_be_visible(timeout=20000)
    expect(row.locator(".diary-mark")).to_have_count(0)
    journal = browser.new_context(**browser_context_args).new_page()
    try:
        login(journal, app_url, "teacher1", "teacher1pass")
        open_journal(journal, app_url, dj)
        cell(journal, dj.student.id, lesson.id).focus()
        journal.keyboard.press("2")
        journal.keyboard.press("Enter")
        expect(cell(journal, dj.student.id, lesson.id)).to_have_attribute("data-status", "saved", timeout=10000)
        [mark] = cell_marks(app_db, dj.student.id, lesson.id)
        expect(row.locator(f"[data-mark-id='{mark.id}'] .diary-mark-value")).to_have_text("2", timeout=20000)
        journal.locator(f"#lesson-{lesson.id}").focus()
        journal.keyboard.press("Enter")
        expect(journal.locator("#field-lesson-topic")).to_be_focused(timeout=10000)
        journal.keyboard.press("ControlOrMeta+a")
        journal.keyboard.type("Тема, изменённая учителем")
        journal.keyboard.press("Enter")
        expect(journal.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
        expect(row.locator(".diary-topic")).to_contain_text("Тема, изменённая учителем", timeout=20000)
    finally:
        journal.context.close()
        app_db.expire_all()
        for m in cell_marks(app_db, dj.student.id, lesson.id):
            app_db.delete(m)
        fresh = app_db.get(Lesson, lesson.id)
        fresh.topic, fresh.updated_at = old_topic, utcnow()
        app_db.add(fresh)
        app_db.commit()
        tell_app(changes.of_child(dj.student.id, "marks"), changes.of_class(lesson.class_id, "lesson"))


def test_marks_and_topics_appear_without_a_reload(page: Page, browser: Browser, browser_context_args, app_url,
                                                  app_db):
    _teacher_saves_and_the_open_diary_shows_it(page, browser, browser_context_args, app_url, app_db)


@pytest.mark.postgres
def test_marks_and_topics_appear_without_a_reload_on_postgres_with_redis(page: Page, browser: Browser,
                                                                         browser_context_args, app_url, app_db):
    """The same with several workers: the teacher's save and the parent's tab may sit in different ones."""
    _teacher_saves_and_the_open_diary_shows_it(page, browser, browser_context_args, app_url, app_db)
