"""All marks, final marks (with the report card PDF), the year grid, the timetable and homework against
the database; switching the child switches every one of them."""

from collections import Counter
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from mrko_app.models import FinalMark, Homework, Mark, StudyYear, Subject, TimetableSlot
from mrko_app.services import clock
from tests.e2e.diary_data import PARENT, average_text, children, choose_child, marks_between, monday_of, periods
from tests.e2e.helpers import login


def _current_range(db, child) -> tuple[date, date]:
    """What the marks page shows first: the current period, or the whole year outside periods."""
    today = clock.today()
    for p in periods(db, child):
        if p.start_date <= today <= p.end_date:
            return p.start_date, p.end_date
    year = db.get(StudyYear, child.klass.year_id)
    return year.start_date, year.end_date


def _year_marks(db, child) -> list[Mark]:
    year = db.get(StudyYear, child.klass.year_id)
    return marks_between(db, child, year.start_date, year.end_date)


def test_all_marks_with_filters(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    child = children(app_db)[0]
    page.goto(f"{app_url}/diary/marks")
    choose_child(page, child)
    first, last = _current_range(app_db, child)
    shown = marks_between(app_db, child, first, last)
    expect(page.locator("#marks-count")).to_have_text(str(len(shown)), timeout=20000)
    expect(page.locator(".mark-card")).to_have_count(len(shown))
    newest = max(shown, key=lambda m: (m.date, -m.id))
    card = page.locator(f".mark-card[data-mark-id='{newest.id}']")
    expect(card.locator(".diary-mark-value")).to_have_text("долг" if newest.is_debt else str(newest.value))
    if newest.comment:
        expect(card.locator(".diary-mark-comment")).to_have_text(newest.comment)

    # one subject over a date range
    subject = Counter(m.subject_id for m in shown).most_common(1)[0][0]
    start, end = first, first + timedelta(days=20)
    expected = [m for m in shown if m.subject_id == subject and start <= m.date <= end]
    page.locator("#field-period_id").select_option("")
    page.locator("#field-start").fill(start.isoformat())
    page.locator("#field-end").fill(end.isoformat())
    page.locator("#field-subject_id").select_option(str(subject))
    page.locator("#marks-apply").click()
    expect(page.locator("#marks-count")).to_have_text(str(len(expected)), timeout=20000)
    name = app_db.get(Subject, subject).name_ru
    expect(page.locator(".mark-card .mark-subject")).to_have_text([name] * len(expected))

    # a single day by the address
    day = newest.date
    page.goto(f"{app_url}/diary/marks?date={day.isoformat()}")
    expect(page.locator("#marks-count")).to_have_text(str(len(marks_between(app_db, child, day, day))), timeout=20000)
    # a bad range is refused beside the field
    page.locator("#field-period_id").select_option("")
    page.locator("#field-start").fill(end.isoformat())
    page.locator("#field-end").fill(start.isoformat())
    page.locator("#marks-apply").click()
    expect(page.locator("#error-end")).to_be_visible()


@pytest.mark.parametrize("child_index", [0, 1])
def test_final_marks_and_report_card(page: Page, app_url, app_db, child_index):
    login(page, app_url, *PARENT)
    child = children(app_db)[child_index]
    page.goto(f"{app_url}/diary/finals")
    choose_child(page, child)
    expect(page.locator("#finals-table")).to_be_visible(timeout=20000)
    confirmed = {(f.subject_id, f.period_id): f.value for f in app_db.exec(
        select(FinalMark).where(FinalMark.student_id == child.id, FinalMark.year_id == child.klass.year_id))}
    marks = _year_marks(app_db, child)
    subject_ids = {m.subject_id for m in marks} | {k[0] for k in confirmed}
    expect(page.locator("#finals-table tbody tr")).to_have_count(len(subject_ids))
    for p in periods(app_db, child):
        for subject_id in subject_ids:
            cell = page.locator(f"#final-{subject_id}-p{p.id}")
            expect(cell).to_have_attribute("data-confirmed", str(confirmed.get((subject_id, p.id), "")))
            in_period = [m for m in marks if m.subject_id == subject_id and p.start_date <= m.date <= p.end_date]
            expect(cell).to_have_attribute("data-average", average_text(in_period))
    for subject_id in subject_ids:
        expect(page.locator(f"#final-{subject_id}-year")).to_have_attribute(
            "data-confirmed", str(confirmed.get((subject_id, None), "")))

    # how a confirmed period mark's average was computed
    (subject_id, period_id), value = next(iter(sorted(confirmed.items(), key=lambda kv: str(kv[0]))))
    p = next(x for x in periods(app_db, child) if x.id == period_id) if period_id else None
    page.locator(f"#final-{subject_id}-{'p%d' % period_id if period_id else 'year'}").click()
    detail = page.locator("#final-detail")
    expect(detail.locator("#detail-confirmed")).to_have_text(str(value))
    if p is not None:
        in_period = [m for m in marks if m.subject_id == subject_id and p.start_date <= m.date <= p.end_date]
        counted = [m for m in in_period if m.value is not None and not m.is_debt]
        expect(detail.locator(".detail-row")).to_have_count(len(in_period))
        products, weights = sum(m.value * m.weight for m in counted), sum(m.weight for m in counted)
        expect(detail.locator("#detail-formula")).to_contain_text(f"= {products} / {weights} = {average_text(in_period)}")

    with page.expect_download(timeout=30000) as download:
        page.locator("#download-report-card").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf") and child.student.surname in pdf.suggested_filename
    with open(pdf.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_year_grid(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    child = children(app_db)[1]
    page.goto(f"{app_url}/diary/year")
    choose_child(page, child)
    expect(page.locator("#year-grid")).to_be_visible(timeout=20000)
    # the switcher shows the child at once; the grid is theirs only when their data has arrived
    expect(page.locator("#year-grid")).to_have_attribute("data-child", str(child.id), timeout=20000)
    expected = Counter((m.subject_id, f"{m.date.year}-{m.date.month:02d}") for m in _year_marks(app_db, child))
    cells = page.locator("#year-grid td[data-marks]")
    expect(cells.first).to_be_attached()
    shown = {cell["id"]: int(cell["marks"]) for cell in cells.evaluate_all(
        "els => els.map(e => ({id: e.id, marks: e.dataset.marks}))")}
    for (subject_id, month), count in expected.items():
        assert shown[f"year-{subject_id}-{month}"] == count
    assert sum(shown.values()) == sum(expected.values())
    for subject_id in {s for s, _m in expected}:
        marks = [m for m in _year_marks(app_db, child) if m.subject_id == subject_id]
        expect(page.locator(f"#year-avg-{subject_id}")).to_have_text(average_text(marks))


def test_timetable_by_week_and_day(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    child = children(app_db)[0]
    day = clock.today()
    page.goto(f"{app_url}/diary/timetable?date={day.isoformat()}")
    choose_child(page, child)
    expect(page.locator("#timetable")).to_have_attribute("data-date", day.isoformat(), timeout=20000)
    slots = list(app_db.exec(select(TimetableSlot).where(TimetableSlot.class_id == child.klass.id)))
    monday = monday_of(day)
    for offset in range(6):
        d = monday + timedelta(days=offset)
        valid = sorted((s for s in slots if s.weekday == d.weekday() and s.valid_from <= d <= s.valid_to),
                       key=lambda s: s.lesson_number)
        box = page.locator(f"#tt-{d.isoformat()}")
        expect(box.locator(".tt-slot")).to_have_count(len(valid))
        if valid:
            names = {s.id: s.name_ru for s in app_db.exec(select(Subject))}
            expect(box.locator(".tt-subject")).to_have_text([names[s.subject_id] for s in valid])
    page.locator("#tt-mode-day").click()
    expect(page.locator("#timetable .diary-day")).to_have_count(1, timeout=20000)
    expect(page.locator(f"#tt-{day.isoformat()}")).to_be_visible()
    page.locator("#tt-next").click()
    expect(page.locator("#timetable")).to_have_attribute("data-date", (day + timedelta(days=1)).isoformat())


def test_homework_due_and_past(page: Page, app_url, app_db):
    login(page, app_url, *PARENT)
    child = children(app_db)[1]
    page.goto(f"{app_url}/diary/homework")
    choose_child(page, child)
    today = clock.today()
    due = list(app_db.exec(select(Homework).where(Homework.class_id == child.klass.id, Homework.due_date >= today)))
    if due:
        expect(page.locator("#hw-due .hw-item")).to_have_count(len(due), timeout=20000)
        first = min(due, key=lambda h: (h.due_date, h.id))
        expect(page.locator(f"#hw-{first.due_date.isoformat()}")).to_contain_text(first.text)
    else:
        expect(page.locator("#hw-due-empty")).to_be_visible(timeout=20000)
    past = list(app_db.exec(select(Homework).where(Homework.class_id == child.klass.id, Homework.due_date < today)
                            .order_by(col(Homework.due_date).desc())))
    expect(page.locator("#hw-past .hw-item")).to_have_count(min(len(past), 60))
    if past:
        expect(page.locator(f"#hw-past [data-homework-id='{past[0].id}']")).to_contain_text(past[0].text)


@pytest.mark.parametrize("route", ["/diary/marks", "/diary/finals", "/diary/year", "/diary/timetable", "/diary/homework"])
def test_switching_the_child_switches_the_view(page: Page, app_url, app_db, route):
    login(page, app_url, *PARENT)
    first, second = children(app_db)
    subjects = {c.id: set(app_db.exec(select(Mark.subject_id).where(Mark.student_id == c.id)).all()) for c in (first, second)}

    def marker(child, other) -> tuple[str, str | None]:
        """(selector, text): something on the page that only this child's view has."""
        if route == "/diary/marks":
            newest = max(marks_between(app_db, child, *_current_range(app_db, child)), key=lambda m: (m.date, m.id))
            return f".mark-card[data-mark-id='{newest.id}']", None
        if route == "/diary/timetable":
            return "#tt-class", child.klass.name
        if route == "/diary/homework":
            hw = app_db.exec(select(Homework).where(Homework.class_id == child.klass.id, Homework.due_date < clock.today())
                             .order_by(col(Homework.due_date).desc(), Homework.id)).first()
            return f"[data-homework-id='{hw.id}']", None
        only_mine = sorted(subjects[child.id] - subjects[other.id])
        assert only_mine, "the two demo classes have different subjects"
        return f"#{'final' if route.endswith('finals') else 'year'}-row-{only_mine[0]}", None

    page.goto(app_url + route)
    for child, other in ((first, second), (second, first), (first, second)):
        choose_child(page, child)
        selector, text = marker(child, other)
        if text is None:
            expect(page.locator(selector)).to_be_attached(timeout=20000)
        else:
            expect(page.locator(selector)).to_contain_text(text, timeout=20000)
        other_selector, other_text = marker(other, child)
        if other_text is None:
            expect(page.locator(other_selector)).to_have_count(0)
        else:
            expect(page.locator(other_selector)).not_to_contain_text(other_text)
