"""The statistics page in the browser: the charts carry one point per week with marks (counted in the
database), the subjects' figures match the database, and no classmate's name reaches the page."""

from collections import defaultdict
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from mrko_app.models import Mark, ParentChildLink, SchoolClass, Student, StudyPeriod, StudyYear, Subject, User

CHART_READY = "id => { const el = document.getElementById(id); return !!(el && el.data && el.data.length); }"


def _child(db, parent_login: str, first_name: str) -> Student:
    parent = db.exec(select(User).where(User.login == parent_login)).one()
    return db.exec(
        select(Student).join(ParentChildLink, col(ParentChildLink.student_id) == Student.id)
        .where(ParentChildLink.parent_id == parent.id, Student.first_name == first_name)
    ).one()


def _weeks_with_marks(db, student: Student, today: date) -> tuple[int, dict[str, int]]:
    """Straight from the database: the (period, week) pairs with a counted mark up to today, overall and per
    subject (by Russian name)."""
    year = db.exec(select(StudyYear).join(SchoolClass, col(SchoolClass.year_id) == StudyYear.id)
                   .where(SchoolClass.id == student.class_id)).one()
    starts = sorted(p.start_date for p in db.exec(select(StudyPeriod).where(StudyPeriod.year_id == year.id)))
    rows = db.exec(
        select(Mark.date, Subject.name_ru).join(Subject, col(Subject.id) == Mark.subject_id)
        .where(Mark.student_id == student.id, col(Mark.deleted).is_(False), col(Mark.is_debt).is_(False),
               col(Mark.value).is_not(None), Mark.date >= year.start_date, Mark.date <= min(today, year.end_date))
    ).all()
    overall, per_subject = set(), defaultdict(set)
    for day, subject in rows:
        key = (sum(1 for s in starts if s <= day), day - timedelta(days=day.weekday()))
        overall.add(key)
        per_subject[subject].add(key)
    return len(overall), {name: len(keys) for name, keys in per_subject.items()}


def login(page: Page, app_url: str, identifier: str, password: str) -> None:
    page.goto(f"{app_url}/login")
    page.locator("#field-identifier").fill(identifier)
    page.locator("#field-password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=15000)
    _open_stats(page, app_url)


def _open_stats(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/diary/stats")
    expect(page.locator("#stats-gpa")).to_be_visible(timeout=20000)


@pytest.mark.postgres
def test_charts_have_a_point_per_week_with_marks(page: Page, app_url, app_db):
    masha = _child(app_db, "parent1", "Мария")
    weeks, per_subject = _weeks_with_marks(app_db, masha, date.today())
    assert weeks > 0, "the demo child has marks"
    login(page, app_url, "parent1", "parent1pass")
    page.locator("#child-switcher").select_option(str(masha.id))
    _open_stats(page, app_url)
    page.wait_for_function(CHART_READY, arg="chart-gpa", timeout=20000)
    page.wait_for_function(CHART_READY, arg="chart-subjects", timeout=20000)
    gpa = page.evaluate("() => document.getElementById('chart-gpa').data.map(t => t.x.length)")
    assert gpa == [weeks]
    # what Plotly drew: one marker per point
    expect(page.locator("#chart-gpa .scatterlayer .trace .points path")).to_have_count(weeks)
    traces = page.evaluate("() => document.getElementById('chart-subjects').data.map(t => [t.name, t.x.length])")
    assert dict(traces) == per_subject
    # the study periods are shaded
    shapes = page.evaluate("() => document.getElementById('chart-gpa').layout.shapes.length")
    assert shapes == app_db.exec(select(StudyPeriod).join(SchoolClass, col(SchoolClass.year_id) == StudyPeriod.year_id)
                                 .where(SchoolClass.id == masha.class_id)).all().__len__()


def test_subject_figures_match_the_database_and_no_classmate_is_named(page: Page, app_url, app_db):
    masha = _child(app_db, "parent1", "Мария")
    login(page, app_url, "parent1", "parent1pass")
    page.locator("#child-switcher").select_option(str(masha.id))
    _open_stats(page, app_url)
    page.locator("#field-period").select_option("year")
    maths = app_db.exec(select(Subject).where(Subject.school_id == masha.school_id,
                                              Subject.name_en == "Mathematics")).one()
    marks = app_db.exec(select(Mark.value, Mark.weight).where(
        Mark.student_id == masha.id, Mark.subject_id == maths.id, col(Mark.deleted).is_(False),
        col(Mark.is_debt).is_(False), col(Mark.value).is_not(None))).all()
    card = page.locator(f"#stats-subject-{maths.id}")
    expect(card.locator(".stats-count")).to_have_text(str(len(marks)), timeout=15000)
    average = sum(v * w for v, w in marks) / sum(w for _, w in marks)
    expect(card.locator(".stats-average")).to_have_text(f"{average + 1e-9:.2f}")
    html = page.content()
    classmates = app_db.exec(select(Student).where(Student.class_id == masha.class_id, Student.id != masha.id)).all()
    assert len(classmates) >= 5
    for other in classmates:
        assert f"{other.surname} {other.first_name}" not in html and f"{other.first_name} {other.surname}" not in html
