"""The statistics page in the browser: the charts carry one point per week with marks (counted in the
database), the subjects' figures match the database, and no classmate's name reaches the page."""

import re
from collections import defaultdict
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from mrko_app.models import (
    AlertEvent,
    AlertRule,
    Lesson,
    Mark,
    OutboxMessage,
    ParentChildLink,
    SchoolClass,
    Student,
    StudyPeriod,
    StudyYear,
    Subject,
    TeachingAssignment,
    User,
    WorkKind,
)
from mrko_app.services import clock, school_calendar
from mrko_app.services.alerts import settings as alerts_settings
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.journal import read as journal
from tests.e2e.helpers import login

CHART_READY = "id => { const el = document.getElementById(id); return !!(el && el.querySelector('svg circle.dot')); }"


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


def _open_stats(page: Page, app_url: str, child: Student | None = None) -> None:
    """The statistics page, of `child` when given (chosen with the switcher, then the page opened afresh)."""
    page.goto(f"{app_url}/diary/stats")
    expect(page.locator("#stats-gpa")).to_be_visible(timeout=20000)
    if child is not None:
        switcher = page.locator("#child-switcher")
        switcher.select_option(str(child.id))
        expect(switcher).to_have_value(str(child.id), timeout=15000)
        page.goto(f"{app_url}/diary/stats")
        expect(page.locator("#stats-gpa")).to_be_visible(timeout=20000)
        expect(switcher).to_have_value(str(child.id))


@pytest.mark.postgres
def test_charts_have_a_point_per_week_with_marks(page: Page, app_url, app_db):
    masha = _child(app_db, "parent1", "Мария")
    weeks, per_subject = _weeks_with_marks(app_db, masha, clock.today())
    assert weeks > 0, "the demo child has marks"
    login(page, app_url, "parent1", "parent1pass")
    _open_stats(page, app_url, masha)
    page.wait_for_function(CHART_READY, arg="chart-gpa", timeout=20000)
    page.wait_for_function(CHART_READY, arg="chart-subjects", timeout=20000)
    # the SVG drawn on the server: one line, one dot per week with marks; no chart library in the page
    expect(page.locator("#chart-gpa svg .overlay .series")).to_have_count(1)
    expect(page.locator("#chart-gpa svg circle.dot")).to_have_count(weeks)
    names = page.locator("#chart-subjects svg .legends .legend text").all_text_contents()
    drawn = {name: page.locator(f"#chart-subjects svg .overlay .series.serie-{i} circle.dot").count()
             for i, name in enumerate(names)}
    assert drawn == per_subject
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    # the study periods begun by the end of the current one label the time axis (the months ahead are
    # not drawn), at each period's first day
    periods = app_db.exec(select(StudyPeriod).join(SchoolClass, col(SchoolClass.year_id) == StudyPeriod.year_id)
                          .where(SchoolClass.id == masha.class_id).order_by(StudyPeriod.start_date)).all()
    current = school_calendar.current_period(periods, clock.today())
    expect(page.locator("#chart-gpa svg .axis.x text")).to_have_count(
        sum(1 for p in periods if p.start_date <= current.end_date))
    box = page.locator("#chart-gpa svg").bounding_box()
    assert box and box["width"] > 250  # scaled to the card, on a phone too


def test_subject_figures_match_the_database_and_no_classmate_is_named(page: Page, app_url, app_db):
    masha = _child(app_db, "parent1", "Мария")
    login(page, app_url, "parent1", "parent1pass")
    _open_stats(page, app_url, masha)
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


# ---------------------------------------------------------------- entering marks as a teacher would

PLAN_ITEM = re.compile(r"(\d+) × (.+?) на «(\d)»")


def _teacher_page(browser: Browser, browser_context_args, app_url: str, login_name: str) -> Page:
    """A second browser for the teacher (the parent's stays signed in)."""
    teacher = browser.new_context(**browser_context_args).new_page()
    login(teacher, app_url, login_name, f"{login_name}pass")
    return teacher


def _journal_lessons(db, teacher_login: str, student: Student, subject_id: int) -> tuple[int, list[Lesson]]:
    """The current period of the student's class and its held lessons of the subject, latest first."""
    teacher = db.exec(select(User).where(User.login == teacher_login)).one()
    school_class = db.get(SchoolClass, student.class_id)
    period = journal.current_period(journal.periods_of(db, school_class), clock.today())
    grid = journal.load_grid(db, teacher, school_class.id, subject_id, period.id)
    held = [lesson for lesson in grid.lessons if lesson.date <= clock.today()]
    return period.id, sorted(held, key=lambda x: (x.date, x.lesson_number), reverse=True)


def _open_journal(page: Page, app_url: str, student: Student, subject_id: int, period_id: int) -> None:
    page.goto(f"{app_url}/journal?journal={student.class_id}:{subject_id}&period={period_id}")
    expect(page.locator("#journal-grid")).to_be_visible(timeout=20000)
    expect(page.locator(f"#student-{student.id}")).to_be_visible()


def _enter_marks_in_the_journal(page: Page, app_url: str, db, teacher_login: str, student: Student,
                                subject_id: int, marks: list[tuple[int, int]]) -> None:
    """The teacher opens the journal page and gives the marks (value, kind id) in the cell editor (F2 on a
    cell: the value, the kind of work, "add"), one per held lesson of the current period, latest first."""
    period_id, lessons = _journal_lessons(db, teacher_login, student, subject_id)
    assert lessons, "the current period has held lessons"
    _open_journal(page, app_url, student, subject_id, period_id)
    before = len(db.exec(select(Mark.id).where(Mark.student_id == student.id, col(Mark.deleted).is_(False))).all())
    for i, (value, kind_id) in enumerate(marks):
        lesson = lessons[i % len(lessons)]
        target = page.locator(f"#cell-{student.id}-{lesson.id}")
        target.focus()
        page.keyboard.press("F2")
        dialog = page.locator("#cell-dialog")
        expect(dialog).to_be_visible(timeout=10000)
        if page.locator("#mark-new").is_visible():  # the cell has a mark already: add another one
            page.locator("#mark-new").click()
            # the form is mounted again empty (a new key) when the state arrives: choose only then, or the
            # re-mount clears the choice ("enter a mark")
            expect(page.locator("#mark-new")).to_be_hidden(timeout=10000)
        story = page.locator("#mark-history li")
        shown = story.count()
        page.locator("#field-mark-value").select_option(str(value))
        page.locator("#field-mark-kind").select_option(str(kind_id))
        page.locator("#mark-save").click()
        expect(story).to_have_count(shown + 1, timeout=10000)  # saved: the cell's story has the new mark
        page.locator("#cell-close").click()
        expect(dialog).to_be_hidden(timeout=10000)
    db.expire_all()
    after = len(db.exec(select(Mark.id).where(Mark.student_id == student.id, col(Mark.deleted).is_(False))).all())
    assert after == before + len(marks)


def _plan_text(page: Page, subject: Subject, target: str) -> str:
    """The calculator's answer for this subject (the answer names its subject: a previous answer still
    on screen is not taken for this one)."""
    page.locator("#field-subject").select_option(str(subject.id))
    page.locator("#field-target").select_option(target)
    expect(page.locator("#field-subject")).to_have_value(str(subject.id))
    page.locator("#plan-submit").click()
    result = page.locator("#plan-result")
    expect(result).to_be_visible(timeout=15000)
    expect(result).to_have_text(re.compile("^" + re.escape(subject.name_ru) + "[,:]"), timeout=15000)
    return result.inner_text()


def test_the_calculators_plan_entered_in_the_journal_gives_the_target(page: Page, browser: Browser,
                                                                      browser_context_args, app_url, app_db):
    petya = _child(app_db, "parent1", "Пётр")
    login(page, app_url, "parent1", "parent1pass")
    _open_stats(page, app_url, petya)
    kinds = {k.name_ru: k.id for k in app_db.exec(select(WorkKind).where(WorkKind.school_id == petya.school_id))}
    subjects = app_db.exec(select(Subject).join(TeachingAssignment, col(TeachingAssignment.subject_id) == Subject.id)
                           .where(TeachingAssignment.class_id == petya.class_id).order_by(Subject.id)).all()
    chosen = None
    for subject in subjects:  # the first subject where a 5 still takes a plan (earlier runs may have reached it)
        card = page.locator(f"#stats-subject-{subject.id}")
        expect(card).to_be_visible(timeout=15000)
        if card.locator(".stats-proposed").inner_text() in ("5", "—"):
            continue
        text = _plan_text(page, subject, "5")
        items = PLAN_ITEM.findall(text)
        if items:
            chosen = (subject, text, items)
            break
    assert chosen is not None, "some subject of the demo child is below a 5 with a reachable plan"
    subject, text, items = chosen
    marks = [(int(value), kinds[kind]) for count, kind, value in items for _ in range(int(count))]
    # staff1 (the deputy head) may fill in any journal of the school
    teacher = _teacher_page(browser, browser_context_args, app_url, "staff1")
    _enter_marks_in_the_journal(teacher, app_url, app_db, "staff1", petya, subject.id, marks)
    teacher.context.close()
    page.reload()
    expect(page.locator("#child-switcher")).to_have_value(str(petya.id), timeout=15000)
    card = page.locator(f"#stats-subject-{subject.id}")
    expect(card.locator(".stats-proposed")).to_have_text("5", timeout=20000)
    # the plan said what the average would be: the page shows it now
    expected_average = re.search(r"станет (\d,\d\d)", text).group(1).replace(",", ".")
    expect(card.locator(".stats-average")).to_have_text(expected_average)
    assert "уже даёт «5»" in _plan_text(page, subject, "5")


# ---------------------------------------------------------------- alerts


def _reload_until_visible(page: Page, locator, attempts: int = 30) -> None:
    """The alert arrives from the periodic task: reload the page until it shows (each try waits up to 2 s)."""
    for _ in range(attempts):
        try:
            expect(locator).to_be_visible(timeout=2000)
            return
        except AssertionError:
            page.reload()
    expect(locator).to_be_visible(timeout=2000)


@pytest.mark.postgres
def test_a_two_in_the_journal_reaches_the_parents_alerts_and_outbox(page: Page, browser: Browser,
                                                                    browser_context_args, app_url, app_db):
    masha = _child(app_db, "parent2", "Мария")
    parent = app_db.exec(select(User).where(User.login == "parent2")).one()
    login(page, app_url, "parent2", "parent2pass")  # Masha's father, English interface
    page.goto(f"{app_url}/diary/alerts")
    expect(page.locator("#alerts-save")).to_be_visible(timeout=20000)
    page.locator("#field-on_low_mark").check()
    page.locator("#field-low_mark_at_most").fill("2")
    page.locator("#field-email_mode").select_option("each")
    page.locator("#field-quiet_start").fill("")
    page.locator("#field-quiet_end").fill("")
    page.locator("#field-delay_minutes").fill("500")  # refused beside the field
    page.locator("#alerts-save").click()
    expect(page.locator("#error-delay_minutes")).to_be_visible(timeout=15000)
    page.locator("#field-delay_minutes").fill("0")
    page.locator("#alerts-save").click()
    expect(page.locator("#alerts-saved")).to_be_visible(timeout=15000)
    expect(page.locator("#error-delay_minutes")).to_have_count(0)
    rule = app_db.exec(select(AlertRule).where(AlertRule.parent_id == parent.id,
                                               AlertRule.student_id == masha.id)).one()
    assert (rule.delay_minutes, rule.by_email, rule.digest, rule.quiet_start == rule.quiet_end) == (0, True, False, True)

    before = len(app_db.exec(select(OutboxMessage).where(OutboxMessage.recipient == parent.email)).all())
    last_event = max(app_db.exec(select(AlertEvent.id)).all(), default=0)
    maths = app_db.exec(select(Subject).where(Subject.school_id == masha.school_id,
                                              Subject.name_en == "Mathematics")).one()
    # teacher1 types a 2 into an empty cell of Маша's and presses Enter
    period_id, lessons = _journal_lessons(app_db, "teacher1", masha, maths.id)
    marked = set(app_db.exec(select(Mark.lesson_id).where(Mark.student_id == masha.id,
                                                          col(Mark.deleted).is_(False))).all())
    free = [lesson for lesson in lessons if lesson.id not in marked]
    assert free, "the demo journal leaves some cells empty"
    teacher = _teacher_page(browser, browser_context_args, app_url, "teacher1")
    _open_journal(teacher, app_url, masha, maths.id, period_id)
    target = teacher.locator(f"#cell-{masha.id}-{free[0].id}")
    target.focus()
    teacher.keyboard.press("2")
    teacher.keyboard.press("Enter")
    expect(target).to_have_attribute("data-status", "saved", timeout=10000)
    teacher.context.close()
    # the journal's save queued the alert (delay 0: due at once) ...
    app_db.expire_all()
    [event] = app_db.exec(select(AlertEvent).where(AlertEvent.parent_id == parent.id,
                                                   AlertEvent.id > last_event)).all()
    assert (event.kind, event.payload["to"], event.student_id) == ("low_mark", 2, masha.id)
    # ... and the periodic task delivers it: in the app ...
    page.reload()
    _reload_until_visible(page, page.locator(f"#alert-{event.id}"))
    expect(page.locator(f"#alert-{event.id}")).to_contain_text("a 2 in Mathematics")
    expect(page.locator("#alerts-unread")).to_be_visible()
    # the notification centre's bell in the header counts it on every page, until the alerts are marked seen
    page.goto(f"{app_url}/diary")
    app_db.expire_all()
    unread = inbox.unread_count(app_db, parent)
    assert unread >= 1
    bell = page.locator("#notifications-bell #bell-count")
    expect(bell).to_have_text(str(unread), timeout=15000)
    page.goto(f"{app_url}/diary/alerts")
    page.locator("#alerts-mark-seen").click()
    expect(page.locator("#alerts-unread")).to_have_count(0, timeout=15000)
    app_db.expire_all()
    assert alerts_settings.unread_count(app_db, parent) == 0
    left = inbox.unread_count(app_db, parent)  # the alert is read in the centre too
    assert left < unread
    if left:
        expect(bell).to_have_text(str(left), timeout=15000)
    else:
        expect(bell).to_have_count(0, timeout=15000)
    messages = app_db.exec(select(OutboxMessage).where(OutboxMessage.recipient == parent.email)
                           .order_by(OutboxMessage.id)).all()
    assert len(messages) == before + 1
    assert "a 2 in Mathematics" in messages[-1].body and messages[-1].user_id == parent.id
    # the development outbox page shows it too, to the parent it was sent to (who cannot search others')
    page.goto(f"{app_url}/dev/outbox")
    expect(page.locator("#field-recipient")).to_have_count(0)
    expect(page.locator("#outbox").get_by_text(messages[-1].body).first).to_be_visible(timeout=15000)
