"""The teacher's class journal in the browser: keyboard entry of marks, attendance, topic and homework
(then what the parent's diary reads), a conflicting edit from a second tab, final marks, and refusals."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from mrko_app.models import Attendance, FinalMark, Homework, Lesson, MarkHistory, WorkKind
from mrko_app.models.base import utcnow
from mrko_app.services import clock
from mrko_app.services.access import rules as access
from mrko_app.services.gradebook.rules import year_mark
from mrko_app.services.journal import finals as final_marks
from tests.e2e.helpers import login, logout
from tests.e2e.journal_steps import (
    cell,
    cell_marks,
    demo_journal,
    free_lessons,
    open_journal,
    other_class_teacher,
    parent_diary,
)

# whether the page asks the browser to confirm leaving (a cancelled beforeunload)
LEAVING_ASKS = """() => { const e = new Event("beforeunload", {cancelable: true});
                         window.dispatchEvent(e); return e.defaultPrevented; }"""


def _parent_reads(app_db, dj, lesson_id: int):
    """The rows the parent's diary reads for the child at one lesson: only a linked parent may read them
    (the marks with their history, the attendance, the topic and the homework)."""
    app_db.expire_all()
    child = access.require_child(app_db, dj.parent, dj.student.id)
    marks = cell_marks(app_db, child.id, lesson_id)
    history = app_db.exec(select(MarkHistory).where(MarkHistory.student_id == child.id,
                                                    MarkHistory.mark_id.in_([m.id for m in marks]))
                          .order_by(MarkHistory.id)).all()
    attendance = app_db.exec(select(Attendance).where(Attendance.student_id == child.id,
                                                      Attendance.lesson_id == lesson_id)).first()
    homework = app_db.exec(select(Homework).where(Homework.lesson_id == lesson_id)).first()
    return marks, list(history), attendance, app_db.get(Lesson, lesson_id), homework


@pytest.mark.postgres
def test_a_teacher_enters_marks_attendance_topic_and_homework_with_the_keyboard_and_the_parent_sees_them(
        page: Page, browser: Browser, browser_context_args, app_url, app_db):
    dj = demo_journal(app_db)
    free = free_lessons(app_db, dj)
    assert len(free) >= 2, "the demo journal leaves some cells empty"
    first = free[-1]
    same_week = [x for x in free[:-1] if x.date.isocalendar()[:2] == first.date.isocalendar()[:2]]
    second = (same_week or free[:-1])[-1]
    started = utcnow()
    # the parent has the child's diary open at that week, in another browser, the whole time
    diary = browser.new_context(**browser_context_args).new_page()
    parent_diary(diary, app_url, dj, week=first.date)
    expect(diary.locator(f"#lesson-l{first.id}")).to_be_visible(timeout=20000)

    default_kind = app_db.exec(select(WorkKind).where(WorkKind.school_id == dj.school_class.school_id,
                                                      WorkKind.active == True)  # noqa: E712
                               .order_by(WorkKind.weight, WorkKind.id)).first()
    login(page, app_url, "teacher1", "teacher1pass")
    open_journal(page, app_url, dj)
    sid = dj.student.id

    # a digit, then Enter: a mark of the default kind, saved at once (and the focus goes down a row)
    cell(page, sid, first.id).focus()
    page.keyboard.press("5")
    expect(cell(page, sid, first.id)).to_contain_text("5")
    page.keyboard.press("Enter")
    expect(cell(page, sid, first.id)).to_have_attribute("data-status", "saved", timeout=10000)
    [mark] = cell_marks(app_db, sid, first.id)
    assert (mark.value, mark.work_kind_id, mark.weight, mark.teacher_id) == (5, default_kind.id, default_kind.weight,
                                                                             dj.teacher.id)

    # back up, across to the other lesson with the arrows; "n" marks an absence, Tab saves and moves on
    page.keyboard.press("ArrowUp")
    for _ in range(dj.column(first) - dj.column(second)):
        page.keyboard.press("ArrowLeft")
    expect(cell(page, sid, second.id)).to_be_focused()
    page.keyboard.press("n")
    page.keyboard.press("Tab")
    expect(cell(page, sid, second.id)).to_have_attribute("data-status", "saved", timeout=10000)
    expect(cell(page, sid, second.id)).to_contain_text("Н")

    # change the mark: 4 over the 5, with its history kept
    cell(page, sid, first.id).focus()
    page.keyboard.press("4")
    page.keyboard.press("Enter")
    expect(cell(page, sid, first.id)).to_contain_text("4", timeout=10000)
    expect(cell(page, sid, first.id)).to_have_attribute("data-status", "saved", timeout=10000)

    # the lesson's topic and homework: Enter on its date, type, Tab, type, Enter
    page.locator(f"#lesson-{first.id}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#field-lesson-topic")).to_be_focused(timeout=10000)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Сложение дробей")
    page.keyboard.press("Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("№ 214, 215")
    page.keyboard.press("Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")  # no due date: the next lesson
    page.keyboard.press("Enter")
    expect(page.locator("#lesson-dialog")).to_be_hidden(timeout=10000)
    expect(page.locator(f"#lesson-{first.id}")).to_have_attribute("title", "Сложение дробей")

    # the open diary shows it all without a reload: the mark with "was 5", the topic, the homework
    row = diary.locator(f"#lesson-l{first.id}")
    expect(row.locator(".diary-mark-value")).to_have_text("4", timeout=20000)
    expect(row.locator(".diary-mark-was")).to_contain_text("5")
    expect(row.locator(".diary-topic")).to_contain_text("Сложение дробей", timeout=20000)
    expect(row.locator(".diary-homework")).to_contain_text("№ 214, 215")
    if second.date.isocalendar()[:2] != first.date.isocalendar()[:2]:
        diary.goto(f"{app_url}/diary?week={(second.date - timedelta(days=second.date.weekday())).isoformat()}")
    expect(diary.locator(f"#lesson-l{second.id} .diary-att")).to_have_attribute("data-status", "absent",
                                                                                timeout=20000)
    diary.context.close()

    # and the rows the diary reads are the ones written
    marks, history, _, lesson, homework = _parent_reads(app_db, dj, first.id)
    assert [m.value for m in marks] == [4] and marks[0].version == 2 and marks[0].updated_at >= started
    assert [(h.old_value, h.new_value, h.changed_by) for h in history] == [(5, 4, dj.teacher.id)]  # "was 5"
    next_lesson = min(x.date for x in dj.lessons if x.date > first.date)
    assert lesson.topic == "Сложение дробей" and lesson.updated_at >= started
    assert (homework.text, homework.due_date) == ("№ 214, 215", next_lesson) and homework.updated_at >= started
    _, _, absence, _, _ = _parent_reads(app_db, dj, second.id)
    assert absence.status == "absent" and absence.set_by == dj.teacher.id and absence.updated_at >= started


def test_bad_values_are_refused_next_to_the_cell_and_change_nothing(page: Page, app_url, app_db):
    dj = demo_journal(app_db)
    target = free_lessons(app_db, dj)[-1]
    login(page, app_url, "teacher1", "teacher1pass")
    open_journal(page, app_url, dj)
    sid = dj.student.id
    key = f"{sid}-{target.id}"
    cell(page, sid, target.id).focus()
    page.keyboard.press("7")
    page.keyboard.press("Enter")
    expect(cell(page, sid, target.id)).to_have_attribute("data-status", "failed", timeout=10000)
    expect(page.locator(f"#problem-{key}")).to_contain_text("от 2 до 5")
    assert cell_marks(app_db, sid, target.id) == []
    # leaving the page now would ask first (headless Chromium shows no such question, so the test asks
    # the page what it would tell the browser on leaving)
    assert page.evaluate(LEAVING_ASKS)
    # the typed value stays until dropped or retried
    page.locator(f"#discard-{key}").click()
    expect(page.locator(f"#problem-{key}")).to_be_hidden()
    assert not page.evaluate(LEAVING_ASKS)  # nothing unsaved any more
    # a lesson ahead takes no marks: its cells answer with a message
    ahead = next((x for x in dj.lessons if x.date > clock.today()), None)
    if ahead is not None:
        cell(page, sid, ahead.id).focus()
        page.keyboard.press("5")
        page.keyboard.press("Enter")
        expect(page.locator(f"#problem-{sid}-{ahead.id}")).to_contain_text("ещё не прошёл", timeout=10000)
        assert cell_marks(app_db, sid, ahead.id) == []


def test_a_conflicting_edit_from_a_second_tab_is_reported_not_lost(page: Page, browser: Browser,
                                                                   browser_context_args, app_url, app_db):
    dj = demo_journal(app_db)
    target = free_lessons(app_db, dj)[-1]
    sid = dj.student.id
    key = f"{sid}-{target.id}"
    other = browser.new_context(**browser_context_args).new_page()
    for tab in (page, other):
        login(tab, app_url, "teacher1", "teacher1pass")
        open_journal(tab, app_url, dj)

    cell(page, sid, target.id).focus()  # the first tab gives a 3
    page.keyboard.press("3")
    page.keyboard.press("Enter")
    expect(cell(page, sid, target.id)).to_have_attribute("data-status", "saved", timeout=10000)

    cell(other, sid, target.id).focus()  # the second tab still sees the cell empty and types a 5
    other.keyboard.press("5")
    other.keyboard.press("Enter")
    expect(cell(other, sid, target.id)).to_have_attribute("data-status", "conflict", timeout=10000)
    problem = other.locator(f"#problem-{key}")
    expect(problem).to_contain_text("Петрова А.С.")
    expect(problem).to_contain_text("3")
    expect(problem).to_contain_text("(5)")
    assert [m.value for m in cell_marks(app_db, sid, target.id)] == [3]  # nothing overwritten silently

    other.locator(f"#overwrite-{key}").click()  # on purpose, knowing about the 3
    expect(cell(other, sid, target.id)).to_have_attribute("data-status", "saved", timeout=10000)
    expect(cell(other, sid, target.id)).to_contain_text("5")
    [mark] = cell_marks(app_db, sid, target.id)
    assert (mark.value, mark.version) == (5, 2)

    cell(page, sid, target.id).focus()  # now the first tab is behind: it keeps theirs
    page.keyboard.press("4")
    page.keyboard.press("Enter")
    expect(page.locator(f"#problem-{key}")).to_contain_text("5", timeout=10000)
    page.locator(f"#keep-{key}").click()
    expect(page.locator(f"#problem-{key}")).to_be_hidden()
    expect(cell(page, sid, target.id)).to_contain_text("5")
    app_db.expire_all()
    values = [(h.old_value, h.new_value) for h in app_db.exec(
        select(MarkHistory).where(MarkHistory.mark_id == mark.id).order_by(MarkHistory.id))]
    assert values == [(3, 5)] and cell_marks(app_db, sid, target.id)[0].value == 5
    other.context.close()


def test_a_final_mark_is_proposed_overridden_with_a_reason_and_is_what_the_parent_sees(page: Page, app_url, app_db):
    dj = demo_journal(app_db)
    sid = dj.student.id
    prop = final_marks.final_proposal(app_db, dj.teacher, class_id=dj.school_class.id, subject_id=dj.subject.id,
                                      period_id=dj.period_id, student_id=sid)
    login(page, app_url, "teacher1", "teacher1pass")
    open_journal(page, app_url, dj)
    expect(page.locator(f"#proposed-{sid}")).to_have_text(str(prop.proposed))

    page.locator(f"#final-{sid}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#final-proposed")).to_have_text(str(prop.proposed), timeout=10000)
    current = prop.current.value if prop.current else None
    chosen = next(v for v in (5, 4, 3, 2) if v not in (prop.proposed, current))
    page.locator("#field-final-value").select_option(str(chosen))
    page.locator("#final-save").click()
    expect(page.locator("#error-final-reason")).to_be_visible(timeout=10000)
    app_db.expire_all()
    before = app_db.exec(select(FinalMark).where(FinalMark.student_id == sid, FinalMark.subject_id == dj.subject.id,
                                                 FinalMark.period_id == dj.period_id)).first()
    assert (before.value if before else None) == current
    page.locator("#field-final-reason").fill("Победитель олимпиады")
    page.locator("#final-save").click()
    expect(page.locator("#final-dialog")).to_be_hidden(timeout=10000)
    expect(page.locator(f"#final-{sid}")).to_contain_text(str(chosen))

    # the year: proposed from the period marks, confirmed as proposed
    page.locator("#journal-period").select_option("year")
    expect(page.locator("#journal-year")).to_be_visible(timeout=20000)
    app_db.expire_all()
    year = final_marks.load_year(app_db, dj.teacher, dj.school_class.id, dj.subject.id)
    periods = [year.period_marks[(sid, p.id)].value if (sid, p.id) in year.period_marks else None
               for p in year.periods]
    expected_year = year_mark(periods, year.context.rules)
    expect(page.locator(f"#proposed-{sid}")).to_have_text(str(expected_year))
    page.locator(f"#final-{sid}").click()
    expect(page.locator("#final-proposed")).to_have_text(str(expected_year), timeout=10000)
    page.locator("#field-final-value").select_option("")
    page.locator("#final-save").click()
    expect(page.locator("#final-dialog")).to_be_hidden(timeout=10000)

    logout(page)
    parent_diary(page, app_url, dj, path="/diary/finals")
    expect(page.locator(f"#final-{dj.subject.id}-p{dj.period_id} .diary-final-confirmed")).to_have_text(
        str(chosen), timeout=20000)
    expect(page.locator(f"#final-{dj.subject.id}-year .diary-final-confirmed")).to_have_text(str(expected_year))
    app_db.expire_all()
    child = access.require_child(app_db, dj.parent, sid)
    rows = {r.period_id: r for r in app_db.exec(select(FinalMark).where(
        FinalMark.student_id == child.id, FinalMark.subject_id == dj.subject.id,
        FinalMark.year_id == dj.school_class.year_id))}
    period_row = rows[dj.period_id]
    assert (period_row.value, period_row.proposed_value, period_row.reason) == (chosen, prop.proposed,
                                                                                "Победитель олимпиады")
    assert period_row.confirmed_by == dj.teacher.id
    assert (rows[None].value, rows[None].proposed_value) == (expected_year, expected_year)


def test_a_teacher_of_another_class_and_a_parent_are_refused(page: Page, app_url, app_db):
    dj = demo_journal(app_db)
    before = len(cell_marks(app_db, dj.student.id, dj.held()[-1].id))
    other, password = other_class_teacher(app_db, dj)
    login(page, app_url, other.login, password)
    page.goto(f"{app_url}/journal{dj.url_query}")
    expect(page.locator("#journal-message")).to_contain_text("Нет доступа", timeout=20000)
    expect(page.locator("#journal-grid")).to_have_count(0)
    expect(page.locator(f"#student-{dj.student.id}")).to_have_count(0)
    expect(page.locator("#journal-choice option")).to_have_count(1)  # their own journal only
    logout(page)
    login(page, app_url, "parent1", "parent1pass")
    page.goto(f"{app_url}/journal{dj.url_query}")
    expect(page.locator("#no-access")).to_be_visible(timeout=20000)
    expect(page.locator("#journal-grid")).to_have_count(0)
    assert len(cell_marks(app_db, dj.student.id, dj.held()[-1].id)) == before


def test_staff_may_open_any_journal_of_their_school(page: Page, app_url, app_db):
    dj = demo_journal(app_db)
    login(page, app_url, "staff1", "staff1pass")
    open_journal(page, app_url, dj)
    expect(page.locator("#journal-choice")).to_have_value(f"{dj.school_class.id}:{dj.subject.id}")
    expect(page.locator("#journal-message")).to_have_count(0)


# the latest held lesson's header is inside the visible part of the scrolled grid
LATEST_HELD_IN_VIEW = """() => {
    const wrap = document.querySelector(".mrko-jwrap[data-scroll]");
    if (!wrap) return false;
    const held = wrap.querySelectorAll("th.mrko-jhead:not([data-ahead='1'])");
    const last = held[held.length - 1];
    return !!last && last.offsetLeft + last.offsetWidth <= wrap.scrollLeft + wrap.clientWidth + 60;
}"""


def test_opening_a_journal_scrolls_to_its_latest_held_lesson(page: Page, app_url, app_db):
    """JournalState bumps data-scroll, journal.js scrolls (the server sends no script: the CSP has no eval)."""
    dj = demo_journal(app_db)
    login(page, app_url, "teacher1", "teacher1pass")
    open_journal(page, app_url, dj)
    page.wait_for_function(LATEST_HELD_IN_VIEW, timeout=15000)


def test_the_journal_scrolls_even_when_its_script_arrives_after_the_journal(page: Page, app_url, app_db):
    """The page puts journal.js in the head, fetched beside the journal's data: when the data wins, no
    mutation tells the script of that opening, so it looks at the tick it finds (a CI run once lost it)."""
    dj = demo_journal(app_db)
    login(page, app_url, "teacher1", "teacher1pass")
    held_back = []

    def late(route):
        held_back.append(route)  # answered once the grid is on the page

    page.route("**/journal.js*", late)
    page.goto(f"{app_url}/journal{dj.url_query}", wait_until="domcontentloaded")  # "load" would wait for it
    expect(page.locator(f"#student-{dj.student.id}")).to_be_visible(timeout=20000)
    page.wait_for_function("() => document.querySelector('.mrko-jwrap[data-scroll]')"
                           "?.getAttribute('data-scroll') !== '0'")
    assert held_back, "the page asked for journal.js"
    assert page.evaluate("() => document.querySelector('.mrko-jwrap').scrollLeft") == 0
    for route in held_back:
        route.continue_()
    page.wait_for_function(LATEST_HELD_IN_VIEW, timeout=15000)


def test_the_handlers_refuse_whatever_the_browser_sends(app_db, app_db_url, monkeypatch):
    """The journal's event handlers called directly, in process, as a tampering browser would: a teacher of
    another class with a state pointing at 5А's mathematics, cells, lessons and marks of that journal."""
    from mrko_app import db as database
    from mrko_app.services.accounts import core as accounts
    from tests.e2e.journal_state import call, journal_states

    dj = demo_journal(app_db)
    other, _ = other_class_teacher(app_db, dj)
    token = accounts.create_session(app_db, other)
    app_db.commit()
    monkeypatch.setenv("DATABASE_URL", app_db_url)
    database.engine.cache_clear()
    try:
        grid, panel, final = journal_states(token)
        target = dj.held()[-1]
        key = f"{dj.student.id}-{target.id}"
        before = [(m.id, m.value, m.version) for m in cell_marks(app_db, dj.student.id, target.id)]

        call(grid, "choose_journal", f"{dj.school_class.id}:{dj.subject.id}")
        assert grid.message == "Нет доступа" and grid.students == [] and grid.marks == {}
        # a state tampered with to point at 5А mathematics: every save is refused by the services
        ref = {"class_id": dj.school_class.id, "subject_id": dj.subject.id, "period_id": dj.period_id}
        for state in (grid, panel, final):
            state._ref, state._names, state._days = dict(ref), {str(dj.student.id): "Маша"}, {str(target.id): "1.1"}
        call(grid, "cell_key", key, "5")
        call(grid, "cell_key", key, "Enter")
        assert grid.status[key] == "failed" and "Нет доступа" in grid.problems[-1]["text"]
        call(panel, "open_cell", key)
        assert panel.cell_open is False and panel.panel_message == "Нет доступа"
        panel.cell_key_open = key
        call(panel, "save_mark", {"value": "5", "kind": "", "comment": "", "reason": ""})
        call(panel, "save_attendance", {"attendance": "absent"})
        panel.lessons, panel.lesson_id_open = [{"id": str(target.id)}], str(target.id)
        call(panel, "save_lesson", {"topic": "Взлом", "homework": "Взлом", "due_date": ""})
        assert panel.panel_message == "Нет доступа"
        call(panel, "keep_theirs_lesson")  # re-reading the lesson after a "conflict" reveals nothing either
        assert panel.panel_message == "Нет доступа" and panel.lesson_open is False and panel.lesson_topic == ""
        final.students = [{"id": str(dj.student.id), "name": "Маша", "avg": "", "proposed": "", "final": "",
                           "override": ""}]
        final.final_student = str(dj.student.id)
        call(final, "save_final", {"value": "5", "reason": "Взлом"})
        assert final.final_message == "Нет доступа"
    finally:
        database.engine.cache_clear()
    app_db.expire_all()
    assert [(m.id, m.value, m.version) for m in cell_marks(app_db, dj.student.id, target.id)] == before
    assert app_db.get(Lesson, target.id).topic != "Взлом"
    assert app_db.exec(select(Attendance).where(Attendance.student_id == dj.student.id,
                                                Attendance.lesson_id == target.id,
                                                Attendance.set_by == other.id)).first() is None
    assert app_db.exec(select(FinalMark).where(FinalMark.confirmed_by == other.id)).first() is None
