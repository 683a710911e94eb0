"""A parent's absence notice: validated, seen and acknowledged by the class teacher, shown in the week."""

import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app.models import AbsenceNotice, StudyYear, User
from mrko_app.services import clock
from tests.e2e.diary_data import PARENT, children, choose_child, monday_of, open_week
from tests.e2e.helpers import login, logout


def sign_in_at(page: Page, base: str, identifier: str, password: str, path: str) -> None:
    """Log in, then open `path` (whatever page the role lands on first)."""
    page.goto(f"{base}/login")
    page.locator("#field-identifier").fill(identifier)
    page.locator("#field-password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=15000)
    page.goto(base + path)
    expect(page.locator("#logout")).to_be_visible(timeout=15000)


def test_absence_notice_from_parent_to_class_teacher(page: Page, app_url, app_db):
    kids = children(app_db)
    child = next(k for k in kids if k.klass.class_teacher_id is not None)
    teacher = app_db.get(User, child.klass.class_teacher_id)
    assert teacher.login == "teacher1", "in the demo teacher1 is the class teacher of 5А"
    year = app_db.get(StudyYear, child.klass.year_id)
    today = clock.today()
    start, end = today + timedelta(days=1), today + timedelta(days=2)
    if end > year.end_date:
        pytest.skip("the demo study year is over: no future school days to notify about")
    reason = f"Визит к врачу {uuid.uuid4().hex[:8]}"

    login(page, app_url, *PARENT)
    page.goto(f"{app_url}/diary/absence")
    choose_child(page, child)
    # refused: a start in the past and no reason
    page.locator("#field-start").fill((today - timedelta(days=1)).isoformat())
    page.locator("#field-end").fill(end.isoformat())
    page.locator("#notice-submit").click()
    expect(page.locator("#error-start")).to_be_visible(timeout=15000)
    expect(page.locator("#error-reason")).to_be_visible()
    # accepted
    page.locator("#field-start").fill(start.isoformat())
    page.locator("#field-reason").fill(reason)
    page.locator("#notice-submit").click()
    expect(page.locator("#notice-sent")).to_be_visible(timeout=15000)
    app_db.expire_all()
    notice = app_db.exec(select(AbsenceNotice).where(AbsenceNotice.reason == reason)).one()
    assert (notice.student_id, notice.start_date, notice.end_date, notice.acknowledged_at) == (child.id, start, end, None)
    expect(page.locator(f"[data-notice-id='{notice.id}']")).to_contain_text(reason)
    # the week shows it on its days
    open_week(page, app_url, monday_of(start))
    choose_child(page, child)
    if start.weekday() < 6:
        expect(page.locator(f"#day-{start.isoformat()} .diary-notice").filter(has_text=reason)).to_be_visible()
    logout(page)

    sign_in_at(page, app_url, "teacher1", "teacher1pass", "/journal/absences")
    card = page.locator(f"#notice-{notice.id}")
    expect(card).to_contain_text(reason, timeout=20000)
    expect(card).to_have_attribute("data-acknowledged", "false")
    page.locator(f"#ack-{notice.id}").click()
    expect(card).to_have_attribute("data-acknowledged", "true", timeout=15000)
    app_db.expire_all()
    stored = app_db.get(AbsenceNotice, notice.id)
    assert stored.acknowledged_by == teacher.id and stored.acknowledged_at is not None


def test_a_teacher_who_is_not_a_class_teacher_sees_no_notices(page: Page, app_url, app_db):
    sign_in_at(page, app_url, "staff1", "staff1pass", "/journal/absences")
    # staff1 holds no teacher role in the class-teacher sense: either no access or nothing to see
    expect(page.locator("#no-access, #not-class-teacher")).to_be_visible(timeout=20000)
    expect(page.locator(".notice-card")).to_have_count(0)
