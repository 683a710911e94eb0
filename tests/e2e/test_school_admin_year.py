"""A school set up and run by its staff in the browser (desktop): the rules and the year, subjects and
classes, 50 students imported from an XLSX file (one bad row reported, nothing imported until it is
fixed), two teachers invited (one new, one who teaches at the demo school already), a timetable with a
double-booked teacher refused, a lesson cancelled for a date and seen in a parent's diary, a teacher
marking the new class in the journal, a parent redeeming a code printed from the class envelopes, and
the year-end promotion. Along the way: a parent's e-mail in the roster gets an access code, the people's
roles change (the only staff member keeps the staff role), a substitute marks the lesson they cover, a new
weight and a new period system are previewed. The demo school's staff, the new teacher and the parent
cannot see or change any of it by calling the handlers with the school's ids, and the demo school's staff
see nothing of it on any staff page opened with its ids in the address."""

import io
import re
from datetime import timedelta

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlmodel import select

from mrko_app.models import Lesson, Mark, SchoolClass, Student, StudyPeriod, Subject, UserRole
from mrko_app.services import clock
from mrko_app.services import school_admin as sa
from mrko_app.services.accounts import core as accounts
from mrko_app.state.school_classes import ClassesState
from mrko_app.state.school_import import ImportState
from mrko_app.state.school_timetable import TimetableAdminState
from tests.async_run import run_async
from tests.e2e.access_steps import new_parent, sign_in, user
from tests.e2e.helpers import logout
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
NAME = "Школа № 90"
PERIODS = "01.09.2026-24.10.2026\n05.11.2026-27.12.2026\n12.01.2027-20.03.2027\n30.03.2027-31.05.2027"


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _roster(bad: bool) -> bytes:
    rows = [["Класс", "Фамилия", "Имя", "Отчество", "Дата рождения", "E-mail родителя"]]
    for i in range(50):
        rows.append(["5А" if i < 25 else "5Б", f"Девяностова{chr(0x430 + i % 25)}{chr(0x430 + i // 25)}", "Вера",
                     "", "12.03.2015", "mama90@example.org" if i == 1 else ""])
    if bad:
        rows[12][4] = "31.02.2015"  # row 13 of the file
    return _xlsx(rows)


def _link(latest_message, recipient: str) -> str:
    return next(w for w in latest_message(recipient).body.split() if "/setup?token=" in w)


def _fill(page, values: dict, form: str = "") -> None:
    for name, value in values.items():
        page.locator(f"{form} #field-{name}".strip()).fill(value)


@pytest.mark.parametrize("viewport_name", ["desktop"])
def test_a_school_is_set_up_and_run_through_a_year(browser, browser_context_args, app_url, app_db, latest_message):
    # the department's administrator created the school and its head set up the account (as the other
    # browser test does through the pages)
    dept = user(app_db, "dept1")
    school, _invite = sa.create_school(app_db, dept, {"name": NAME, "surname": "Девятова", "first_name": "Ирина",
                                                      "contact": "head90@example.org"})
    token = _link(latest_message, "head90@example.org").split("token=")[1]
    app_db.commit()
    sa.accept_new(app_db, token, {"login": "head90", "password": "head90pass", "password_confirm": "head90pass",
                                  "phone": "+79169000001", "security_question": "first_teacher",
                                  "security_answer": "Мария"})
    app_db.commit()
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "head90", "head90pass", "/staff/rules")

    page.locator("#field-bells").fill("08:30-09:15\n09:25-10:10")
    page.locator("#rules-preview").click()
    page.locator("#rules-save").click()
    expect(page.locator("#form-notice")).to_be_visible()

    page.goto(f"{app_url}/staff/year")
    expect(page.locator("#no-year")).to_be_visible()
    _fill(page, {"year_name": "2026/2027", "year_start": "01.09.2026", "year_end": "31.05.2027"})
    page.locator("#create-year").click()
    expect(page.locator("#field-periods")).to_be_visible()
    page.locator("#field-periods").fill("01.09.2026-24.10.2026")
    page.locator("#save-periods").click()
    expect(page.locator("#error-periods")).to_contain_text("4")
    page.locator("#field-periods").fill(PERIODS)
    page.locator("#save-periods").click()
    expect(page.locator("#form-notice")).to_be_visible()

    page.goto(f"{app_url}/staff/classes")
    _fill(page, {"name_ru": "Математика", "name_en": "Mathematics"})
    page.locator("#add-subject").click()
    expect(page.locator("#subjects")).to_contain_text("Математика")
    for name in ("5А", "5Б"):
        page.locator("#field-name").fill(name)
        page.locator("#add-class").click()
        expect(page.locator("#classes")).to_contain_text(name)

    # 50 students from an XLSX file: one bad row, nothing imported until it is fixed
    page.goto(f"{app_url}/staff/import")
    upload = page.locator("#import-upload input[type=file]")
    upload.set_input_files(files=[{"name": "roster.xlsx", "mimeType": "application/octet-stream",
                                   "buffer": _roster(bad=True)}])
    expect(page.locator("#import-row-13")).to_contain_text("birth_date")
    expect(page.locator("#import-commit")).to_have_count(0)
    assert app_db.exec(select(Student).where(Student.school_id == school.id)).all() == []
    upload.set_input_files(files=[{"name": "roster.xlsx", "mimeType": "application/octet-stream",
                                   "buffer": _roster(bad=False)}])
    page.locator("#import-commit").click()
    expect(page.locator("#form-notice")).to_contain_text("50")
    app_db.expire_all()
    assert len(app_db.exec(select(Student).where(Student.school_id == school.id)).all()) == 50
    # the parent's e-mail in row 3 got an access code
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", latest_message("mama90@example.org").body)

    # two teachers: a new one (account from the link) and teacher1 of the demo school (accepts signed in)
    page.goto(f"{app_url}/staff/people")
    for contact in ("novikova90@example.org", user(app_db, "teacher1").email):
        _fill(page, {"surname": "Учитель", "first_name": "Новый", "contact": contact})
        page.locator("#field-teacher").check()
        page.locator("#send-invite").click()
        expect(page.locator("#invites")).to_contain_text(contact)
    other = browser.new_context(**browser_context_args).new_page()
    other.goto(_link(latest_message, "novikova90@example.org"))
    _fill(other, {"phone": "+79169000002", "login": "novikova90", "password": "novik90pass",
                  "password_confirm": "novik90pass", "security_answer": "Мария"})
    other.locator("#setup-create").click()
    expect(other.locator("#form-notice")).to_be_visible()
    sign_in(other, app_url, "teacher1", "teacher1pass", "/journal")
    other.goto(_link(latest_message, user(app_db, "teacher1").email))
    other.locator("#setup-accept").click()
    other.wait_for_url(re.compile("/journal"))
    logout(other)
    teacher1, novikova = user(app_db, "teacher1"), user(app_db, "novikova90")
    # roles of people already set up: the new teacher is also the psychologist; the head, the school's
    # only staff member, keeps the staff role
    page.reload()
    page.locator(f"#role-psychologist-{novikova.id}").check()
    page.locator(f"#save-roles-{novikova.id}").click()
    expect(page.locator("#form-notice")).to_be_visible()
    head = user(app_db, "head90")
    page.locator(f"#role-staff-{head.id}").uncheck()
    page.locator(f"#save-roles-{head.id}").click()
    expect(page.locator("#form-message")).to_contain_text("последний")
    assert {r.role for r in app_db.exec(select(UserRole).where(UserRole.user_id == novikova.id,
                                                               UserRole.school_id == school.id))} == {
        "teacher", "psychologist"}
    assert {r.school_id for r in app_db.exec(select(UserRole).where(UserRole.user_id == teacher1.id,
                                                                    UserRole.role == "teacher"))} >= {school.id}

    # the timetable: Monday lesson 1 in 5А; the same teacher at the same time in 5Б is refused
    classes = {c.name: c for c in app_db.exec(select(SchoolClass).where(SchoolClass.school_id == school.id))}
    maths = app_db.exec(select(Subject).where(Subject.school_id == school.id)).one()
    page.goto(f"{app_url}/staff/timetable")
    page.locator("#tt-class").select_option(str(classes["5А"].id))
    page.locator("#form-slot #field-weekday").select_option("0")
    page.locator("#form-slot #field-subject_id").select_option(str(maths.id))
    page.locator("#form-slot #field-teacher_id").select_option(str(novikova.id))
    page.locator("#field-room").fill("101")
    page.locator("#add-slot").click()
    expect(page.locator("#week-grid")).to_contain_text("Математика")
    page.locator("#tt-class").select_option(str(classes["5Б"].id))
    expect(page.locator("#slots")).not_to_contain_text("Математика")
    page.locator("#form-slot #field-subject_id").select_option(str(maths.id))
    page.locator("#form-slot #field-teacher_id").select_option(str(novikova.id))
    page.locator("#field-room").fill("102")
    page.locator("#add-slot").click()
    expect(page.locator("#error-teacher_id")).to_contain_text("5А")
    app_db.expire_all()
    assert app_db.exec(select(Lesson).where(Lesson.class_id == classes["5Б"].id)).first() is None

    # cancel the latest Monday lesson of 5А
    today = clock.today()
    lessons = app_db.exec(select(Lesson).where(Lesson.class_id == classes["5А"].id, Lesson.date <= today)
                          .order_by(Lesson.date)).all()
    cancelled, held = lessons[-1], lessons[-2]
    page.locator("#tt-class").select_option(str(classes["5А"].id))
    page.locator("#field-date").fill(cancelled.date.strftime("%d.%m.%Y"))
    page.locator("#form-lesson #field-action").select_option("cancel")
    page.locator("#change-lesson").click()
    expect(page.locator("#form-notice")).to_be_visible()

    # a parent redeems a code printed from the class envelopes and sees the cancelled lesson
    page.goto(f"{app_url}/staff/classes")
    page.locator(f"#class-{classes['5А'].id}").click()
    expect(page.locator("#roster")).to_contain_text("Девяностова")
    with page.expect_download(timeout=30000) as download:
        page.locator("#class-envelopes").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    codes = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text)
    assert len(codes) == 25
    new_parent(app_db, "parent90")
    diary = browser.new_context(**browser_context_args).new_page()
    sign_in(diary, app_url, "parent90", "secret12", "/children/redeem")
    diary.locator("#field-code").fill(codes[0])
    diary.locator("#redeem-check").click()
    diary.locator("#field-page_name").fill("Вера")
    diary.locator("#redeem-next").click()
    diary.locator("#redeem-finish").click()
    monday = cancelled.date - timedelta(days=cancelled.date.weekday())
    diary.goto(f"{app_url}/diary?week={monday.isoformat()}")
    expect(diary.locator(f"#lesson-l{cancelled.id} .diary-cancelled")).to_be_visible(timeout=20000)

    # the new teacher marks the class in the journal
    child = app_db.exec(select(Student).where(Student.class_id == classes["5А"].id)
                        .order_by(Student.surname, Student.first_name)).first()
    period = app_db.exec(select(StudyPeriod).where(StudyPeriod.year_id == classes["5А"].year_id,
                                                   StudyPeriod.start_date <= held.date,
                                                   StudyPeriod.end_date >= held.date)).one()
    sign_in(other, app_url, "novikova90", "novik90pass", "/journal")
    other.goto(f"{app_url}/journal?journal={classes['5А'].id}:{maths.id}&period={period.id}")
    cell = other.locator(f"#cell-{child.id}-{held.id}")
    cell.focus()
    other.keyboard.press("4")
    other.keyboard.press("Enter")
    expect(cell).to_have_attribute("data-status", "saved", timeout=10000)
    app_db.expire_all()
    assert [m.value for m in app_db.exec(select(Mark).where(Mark.lesson_id == held.id))] == [4]

    # teacher1 substitutes an earlier lesson: it is in their journal and they mark it
    covered = lessons[-3]
    page.goto(f"{app_url}/staff/timetable")
    page.locator("#tt-class").select_option(str(classes["5А"].id))
    page.locator("#field-date").fill(covered.date.strftime("%d.%m.%Y"))
    page.locator("#form-lesson #field-action").select_option("substitute")
    page.locator("#form-lesson #field-substitute_teacher_id").select_option(str(teacher1.id))
    page.locator("#change-lesson").click()
    expect(page.locator("#form-notice")).to_be_visible()
    logout(other)
    sign_in(other, app_url, "teacher1", "teacher1pass", "/journal")
    covered_period = app_db.exec(select(StudyPeriod).where(StudyPeriod.year_id == classes["5А"].year_id,
                                                           StudyPeriod.start_date <= covered.date,
                                                           StudyPeriod.end_date >= covered.date)).one()
    other.goto(f"{app_url}/journal?journal={classes['5А'].id}:{maths.id}&period={covered_period.id}")
    cell = other.locator(f"#cell-{child.id}-{covered.id}")
    cell.focus()
    other.keyboard.press("5")
    other.keyboard.press("Enter")
    expect(cell).to_have_attribute("data-status", "saved", timeout=10000)
    app_db.expire_all()
    assert [(m.value, m.teacher_id) for m in app_db.exec(select(Mark).where(Mark.lesson_id == covered.id))] == [
        (5, teacher1.id)]

    # a new weight for the kind of these marks is previewed (how many marks take it), then saved; a new
    # period system previews the periods it would make
    kind_id = app_db.exec(select(Mark.work_kind_id).where(Mark.lesson_id == held.id)).one()
    page.goto(f"{app_url}/staff/rules")
    page.locator(f"#kind-weight-{kind_id}").fill("3")
    page.locator(f"#kind-save-{kind_id}").click()
    expect(page.locator("#rules-impact")).to_contain_text("(2)")
    page.locator("#rules-save").click()
    expect(page.locator("#form-notice")).to_be_visible()
    app_db.expire_all()
    assert [m.weight for m in app_db.exec(select(Mark).where(Mark.work_kind_id == kind_id))] == [3, 3]
    page.locator("#field-period_system").select_option("trimesters")
    page.locator("#rules-preview").click()
    expect(page.locator("#rules-impact")).to_contain_text("2026/2027 —")

    # staff of another school, the teacher and the parent: the handlers refuse this school's ids
    seen = _attack(app_url, app_db, school, classes, cancelled)
    assert NAME not in seen and "Девяностова" not in seen
    _pages_with_its_ids(browser, browser_context_args, app_url, school, classes["5А"], child, maths, period)

    # year end: 5А, 5Б move into 2027/2028 as 6А, 6Б
    page.goto(f"{app_url}/staff/year")
    _fill(page, {"year_name": "2027/2028", "year_start": "01.09.2027", "year_end": "31.05.2028"})
    page.locator("#create-year").click()
    expect(page.locator("#pick-year")).to_be_visible()
    page.locator("#pick-year").select_option(str(classes["5А"].year_id))
    page.locator("#promote-preview").click()
    expect(page.locator("#promotion-plan")).to_contain_text("5А → 6А")
    page.locator("#promote").click()
    expect(page.locator("#form-notice")).to_be_visible()
    app_db.expire_all()
    moved = {c.name: c for c in app_db.exec(select(SchoolClass).where(SchoolClass.school_id == school.id,
                                                                      SchoolClass.grade == 6))}
    assert set(moved) == {"6А", "6Б"}
    assert len(app_db.exec(select(Student).where(Student.class_id == moved["6А"].id)).all()) == 25


STAFF_PAGES = ("/staff/rules", "/staff/year", "/staff/classes", "/staff/timetable", "/staff/import", "/staff/people",
               "/staff/audit", "/staff/codes", "/staff/applications")


def _pages_with_its_ids(browser, browser_context_args, app_url, school, school_class, child, subject, period) -> None:
    """The demo school's staff open every staff page with this school's ids in the address: nothing of it."""
    ids = {"school_id": school.id, "school": school.id, "year": school_class.year_id, "year_id": school_class.year_id,
           "class": school_class.id, "class_id": school_class.id, "student": child.id, "student_id": child.id}
    query = "&".join(f"{k}={v}" for k, v in ids.items())
    spy = browser.new_context(**browser_context_args).new_page()
    sign_in(spy, app_url, "staff1", "staff1pass", "/staff/rules")
    for route in (*STAFF_PAGES, f"/journal?journal={school_class.id}:{subject.id}&period={period.id}"):
        spy.goto(f"{app_url}{route}{'&' if '?' in route else '?'}{query}")
        expect(spy.locator("main")).to_be_visible()
        text = spy.locator("main").inner_text()
        assert NAME not in text and "Девяностова" not in text and "novikova90" not in text, route
    spy.context.close()


def _attack(app_url, app_db, school, classes, lesson) -> str:
    import json

    tokens = [accounts.create_session(app_db, user(app_db, login)) for login in ("staff1", "novikova90", "parent90")]
    app_db.commit()
    students = len(app_db.exec(select(Student).where(Student.school_id == school.id)).all())
    target = app_db.exec(select(Student).where(Student.class_id == classes["5Б"].id)).first()
    sid, cid = str(school.id), str(classes["5Б"].id)

    async def calls(token: str) -> list:
        async with EventClient(app_url, token, "/staff/classes") as client:
            for state, route in ((ClassesState, "/staff/classes"), (TimetableAdminState, "/staff/timetable"),
                                 (ImportState, "/staff/import")):
                await client.call(state, "load", {}, pathname=route)
                await client.call(state, "pick_school", {"school_id": school.id}, pathname=route)
                await client.call(state, "setvar", {"var_name": "school_id", "value": sid}, pathname=route)
            await client.call(ClassesState, "setvar", {"var_name": "class_id", "value": cid}, pathname="/staff/classes")
            await client.call(ClassesState, "load", {}, pathname="/staff/classes")
            await client.call(ClassesState, "enrol", {"form": {"surname": "Чужой", "first_name": "Ученик",
                                                               "birth_date": "01.01.2015"}}, pathname="/staff/classes")
            await client.call(ClassesState, "change_student", {"form": {"student_id": str(target.id),
                                                                        "change": "left"}}, pathname="/staff/classes")
            await client.call(ClassesState, "envelopes", {}, pathname="/staff/classes")
            await client.call(TimetableAdminState, "setvar", {"var_name": "class_id", "value": str(lesson.class_id)},
                              pathname="/staff/timetable")
            await client.call(TimetableAdminState, "change_lesson", {"form": {
                "date": lesson.date.isoformat(), "lesson_number": str(lesson.lesson_number), "action": "restore"}},
                pathname="/staff/timetable")
            await client.settle()
            return client.updates

    seen = [run_async(calls(token)) for token in tokens]
    app_db.expire_all()
    assert len(app_db.exec(select(Student).where(Student.school_id == school.id)).all()) == students
    assert app_db.get(Student, target.id).status == "studying"
    assert app_db.get(Lesson, lesson.id).cancelled
    return json.dumps(seen, ensure_ascii=False)
