"""Access to a child's diary, walked as people do it: a parent applies with scans, the school approves
and prints the envelope, the parent enters the code and finds the child in the switcher; a rejection;
expired, used and wrong codes; a student who leaves."""

import hashlib
import re
from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mrko_app import config
from mrko_app.models import AccessApplication, AccessCode, ApplicationDocument, ParentChildLink, Student, Throttle
from mrko_app.models.base import utcnow
from mrko_app.services.access import applications
from mrko_app.services.access import codes as access_codes
from tests.e2e.access_steps import free_student, issue_code, new_parent, scan_files, sign_in, user

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_parent(app_db, request):
    """A parent account of this test's own (other tests' parents keep their children as the demo has them)."""
    login = "acct" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:12]
    return new_parent(app_db, login)


@pytest.fixture
def staff_page(browser, browser_context_args):
    """School staff in their own browser (a second context: separate storage, separate session)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def apply_for(page: Page, app_url: str, student: Student, class_name: str, files: dict) -> None:
    page.goto(f"{app_url}/children")
    page.locator("#link-apply").click()
    expect(page.locator("#field-surname")).to_be_visible(timeout=15000)
    page.locator("#field-school_id").select_option(value=str(student.school_id))
    page.locator("#field-surname").fill(student.surname)
    page.locator("#field-first_name").fill(student.first_name)
    page.locator("#field-patronymic").fill(student.patronymic)
    page.locator("#field-birth_date").fill(student.birth_date.isoformat())
    page.locator("#field-class_name").fill(class_name.lower())
    for kind, path in files.items():
        page.locator(f"#upload-{kind} input[type=file]").set_input_files(str(path))
        expect(page.locator(f"#attached-{kind}")).to_contain_text(path.stem, timeout=15000)
    page.locator("#apply-submit").click()
    expect(page.locator("#apply-done")).to_be_visible(timeout=15000)


def newest_application(app_db, parent_login: str) -> AccessApplication:
    app_db.expire_all()
    parent = user(app_db, parent_login)
    return app_db.exec(select(AccessApplication).where(AccessApplication.parent_id == parent.id)
                       .order_by(AccessApplication.id.desc())).first()


def open_application(staff: Page, app_url: str, application_id: int) -> None:
    sign_in(staff, app_url, "staff1", "staff1pass", "/staff/applications")
    card = staff.locator(f"#app-{application_id}")
    expect(card).to_be_visible(timeout=15000)
    staff.locator(f"#review-{application_id}").click()
    expect(staff.locator("#detail")).to_be_visible(timeout=15000)


def redeem(page: Page, app_url: str, typed_code: str, page_name: str) -> None:
    page.goto(f"{app_url}/children/redeem")
    page.locator("#field-code").fill(typed_code)
    page.locator("#redeem-check").click()
    expect(page.locator("#field-page_name")).to_be_visible(timeout=15000)
    page.locator("#field-page_name").fill(page_name)
    page.locator("#redeem-next").click()
    expect(page.locator("#redeem-finish")).to_be_visible(timeout=15000)


@pytest.mark.postgres
def test_apply_approve_envelope_redeem_switch(page: Page, staff_page: Page, app_url, app_db, tmp_path):
    student, school_class = free_student(app_db)
    files = scan_files(tmp_path)
    sign_in(page, app_url, "parent3", "parent3pass", "/children")
    apply_for(page, app_url, student, school_class.name, files)

    application = newest_application(app_db, "parent3")
    assert (application.child_surname, application.child_birth_date) == (student.surname, student.birth_date)
    assert application.status == "submitted" and application.class_name == school_class.name.upper()
    expect(page.locator("#apply-done")).to_contain_text(application.due_date.strftime("%d.%m.%Y"))
    docs = app_db.exec(select(ApplicationDocument).where(ApplicationDocument.application_id == application.id)).all()
    assert sorted(d.kind for d in docs) == ["application", "birth_certificate", "identity"]

    page.locator("#link-children").click()
    card = page.locator(f"#application-{application.id}")
    expect(card).to_contain_text("На рассмотрении", timeout=15000)
    expect(card).to_contain_text(student.surname)

    # the school: the queue with the documents and the due date, the matching student suggested
    open_application(staff_page, app_url, application.id)
    expect(staff_page.locator(f"#app-{application.id}")).to_contain_text(application.due_date.strftime("%d.%m.%Y"))
    identity = next(d for d in docs if d.kind == "identity")
    with staff_page.expect_download() as download:
        staff_page.locator(f"#download-{identity.id}").click()
    assert open(download.value.path(), "rb").read() == files["identity"].read_bytes()
    expect(staff_page.locator("#field-student")).to_have_value(str(student.id))
    staff_page.locator("#approve-submit").click()
    expect(staff_page.locator("#envelope-code")).to_be_visible(timeout=15000)
    code = staff_page.locator("#envelope-code").inner_text().strip()
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", code)
    expect(staff_page.locator("#envelope-student")).to_contain_text(student.surname)

    app_db.expire_all()
    stored = app_db.get(AccessApplication, application.id)
    assert (stored.status, stored.student_id) == ("approved", student.id)
    row = app_db.exec(select(AccessCode).where(AccessCode.application_id == application.id)).one()
    assert row.code_hash == access_codes.hash_code(access_codes.normalize_code(code)) and row.used_at is None

    # the parent types the code (lower case, spaces) and names the page
    page_name = f"{student.first_name} {student.id}"
    redeem(page, app_url, code.lower().replace("-", " "), page_name)
    expect(page.locator("#summary-student")).to_contain_text(f"{student.surname} {student.first_name}")
    expect(page.locator("#summary-class")).to_have_text(school_class.name)
    page.locator("#redeem-finish").click()
    expect(page.locator("#redeem-done")).to_contain_text(page_name, timeout=15000)
    switcher = page.locator("#child-switcher")
    expect(switcher).to_have_value(str(student.id))
    expect(switcher.locator("option", has_text=page_name)).to_have_count(1)

    app_db.expire_all()
    link = app_db.exec(select(ParentChildLink).where(ParentChildLink.student_id == student.id,
                                                     ParentChildLink.parent_id == user(app_db, "parent3").id)).one()
    assert link.page_name == page_name and link.access_code_id == row.id
    # the choice survives a reload, and the children page lists the child with the class
    page.goto(f"{app_url}/children")
    expect(page.locator(f"#kid-{student.id}")).to_contain_text(school_class.name, timeout=15000)
    page.reload()
    expect(page.locator("#child-switcher")).to_have_value(str(student.id), timeout=15000)
    expect(page.locator(f"#application-{application.id}")).to_contain_text("Одобрена")


def test_second_child_is_switched_to(page: Page, app_url, app_db):
    parent = user(app_db, "parent1")
    links = app_db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == parent.id)
                        .order_by(ParentChildLink.id)).all()
    assert len(links) >= 2
    sign_in(page, app_url, "parent1", "parent1pass", "/children")
    switcher = page.locator("#child-switcher")
    expect(switcher.locator("option")).to_have_count(len(links))
    expect(switcher).to_have_value(str(links[0].student_id))
    switcher.select_option(label=links[1].page_name)
    expect(switcher).to_have_value(str(links[1].student_id))
    page.reload()
    expect(page.locator("#child-switcher")).to_have_value(str(links[1].student_id), timeout=15000)
    for link in links:
        expect(page.locator(f"#kid-{link.student_id}")).to_contain_text(link.page_name)


def test_rejection_shows_the_reason_and_allows_applying_again(page: Page, staff_page: Page, app_url, app_db,
                                                              tmp_path, fresh_parent):
    student, school_class = free_student(app_db)
    sign_in(page, app_url, fresh_parent.login, "secret12", "/children/apply")
    # a page of HTML named like a picture is refused by its content
    fake = tmp_path / "passport.png"
    fake.write_bytes(b"<html><body>not a scan</body></html>")
    page.locator("#upload-identity input[type=file]").set_input_files(str(fake))
    expect(page.locator("#error-doc_identity")).to_have_text("Принимаются только файлы PDF, JPEG или PNG",
                                                             timeout=15000)
    expect(page.locator("#attached-identity")).to_have_count(0)
    apply_for(page, app_url, student, school_class.name, scan_files(tmp_path))
    application = newest_application(app_db, fresh_parent.login)

    open_application(staff_page, app_url, application.id)
    staff_page.locator("#reject-submit").click()
    expect(staff_page.locator("#error-reason")).to_be_visible(timeout=15000)
    staff_page.locator("#field-reason").select_option("other")
    staff_page.locator("#field-reject_text").fill("Скан паспорта нечитаемый")
    staff_page.locator("#reject-submit").click()
    expect(staff_page.locator("#notice")).to_be_visible(timeout=15000)
    expect(staff_page.locator(f"#app-{application.id}")).to_have_count(0)

    app_db.expire_all()
    stored = app_db.get(AccessApplication, application.id)
    assert (stored.status, stored.reject_reason, stored.reject_text) == ("rejected", "other", "Скан паспорта нечитаемый")
    assert app_db.exec(select(AccessCode).where(AccessCode.application_id == application.id)).all() == []

    page.goto(f"{app_url}/children")
    card = page.locator(f"#application-{application.id}")
    expect(card).to_contain_text("Отклонена", timeout=15000)
    expect(card.locator(".mrko-reject-reason")).to_contain_text("Другое")
    expect(card.locator(".mrko-reject-reason")).to_contain_text("Скан паспорта нечитаемый")
    card.locator(".mrko-apply-again").click()
    # the new form starts from the rejected one's details; only the scans are uploaded again
    expect(page.locator("#field-surname")).to_have_value(student.surname, timeout=15000)
    expect(page.locator("#field-school_id")).to_have_value(str(student.school_id))
    expect(page.locator("#field-first_name")).to_have_value(student.first_name)
    expect(page.locator("#field-birth_date")).to_have_value(student.birth_date.isoformat())
    expect(page.locator("#field-class_name")).to_have_value(school_class.name)
    expect(page.locator("#field-relation")).to_have_value("parent")
    for kind, path in scan_files(tmp_path).items():
        page.locator(f"#upload-{kind} input[type=file]").set_input_files(str(path))
        expect(page.locator(f"#attached-{kind}")).to_contain_text(path.stem, timeout=15000)
    page.locator("#apply-submit").click()
    expect(page.locator("#apply-done")).to_be_visible(timeout=15000)
    again = newest_application(app_db, fresh_parent.login)
    assert again.id != application.id and again.status == "submitted"
    assert (again.child_surname, again.child_birth_date, again.class_name) == (
        student.surname, student.birth_date, school_class.name)


def test_expired_and_used_codes_are_refused(page: Page, app_url, app_db, fresh_parent):
    student, _cls = free_student(app_db)
    expired = issue_code(app_db, student.id, days_ago=access_codes.VALID_DAYS + 1)
    used_for, _cls = free_student(app_db)
    used = issue_code(app_db, used_for.id)
    first_parent = new_parent(app_db, fresh_parent.login + "u")
    access_codes.redeem_code(app_db, first_parent, used, f"Used {used_for.id}")
    app_db.commit()

    sign_in(page, app_url, fresh_parent.login, "secret12", "/children/redeem")
    page.locator("#field-code").fill(expired)
    page.locator("#redeem-check").click()
    expect(page.locator("#error-code")).to_have_text("Срок действия кода истёк. Попросите в школе новый.",
                                                     timeout=15000)
    page.locator("#field-code").fill(used)
    page.locator("#redeem-check").click()
    expect(page.locator("#error-code")).to_have_text("Этот код уже использован", timeout=15000)
    app_db.expire_all()
    assert app_db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == fresh_parent.id,
                                                     ParentChildLink.student_id.in_([student.id, used_for.id]))
                       ).first() is None


def test_wrong_codes_lock_redeeming(page: Page, app_url, app_db, fresh_parent):
    parent = fresh_parent
    student, _cls = free_student(app_db)
    good = issue_code(app_db, student.id)
    sign_in(page, app_url, parent.login, "secret12", "/children/redeem")
    for left in range(access_codes.MAX_FAILURES - 1, 0, -1):
        page.locator("#field-code").fill(access_codes.generate_code())
        page.locator("#redeem-check").click()
        expect(page.locator("#error-code")).to_have_text(f"Такого кода нет. Осталось попыток до паузы: {left}.",
                                                         timeout=15000)
    page.locator("#field-code").fill(access_codes.generate_code())
    page.locator("#redeem-check").click()
    expect(page.locator("#form-message")).to_contain_text("Слишком много неверных кодов", timeout=15000)
    app_db.expire_all()
    lock = app_db.exec(select(Throttle).where(Throttle.key == f"redeem:{parent.id}")).one()
    until = (lock.locked_until.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(config.school_timezone()))
             .strftime("%H:%M"))  # shown in the school's time zone
    expect(page.locator("#form-message")).to_have_text(f"Слишком много неверных кодов. Повторите после {until}.")
    # while locked, even the right code is refused
    page.locator("#field-code").fill(good)
    page.locator("#redeem-check").click()
    expect(page.locator("#form-message")).to_contain_text(until)
    expect(page.locator("#field-page_name")).to_have_count(0)


def test_code_from_the_codes_page_and_a_student_who_leaves(page: Page, staff_page: Page, app_url, app_db,
                                                           fresh_parent):
    student, school_class = free_student(app_db)
    sign_in(staff_page, app_url, "staff1", "staff1pass", "/staff/codes")
    staff_page.locator("#codes-class").select_option(label=school_class.name)
    staff_page.locator(f"#issue-{student.id}").click()
    expect(staff_page.locator("#envelope-code")).to_be_visible(timeout=15000)
    code = staff_page.locator("#envelope-code").inner_text().strip()
    staff_page.locator("#envelope-done").click()
    expect(staff_page.locator("#codes-class")).to_be_visible(timeout=15000)

    sign_in(page, app_url, fresh_parent.login, "secret12", "/children")
    redeem(page, app_url, code, f"Уйдёт {student.id}")
    page.locator("#redeem-finish").click()
    expect(page.locator("#child-switcher")).to_have_value(str(student.id), timeout=15000)

    # a code is shown once: the envelope page is empty when opened again
    staff_page.goto(f"{app_url}/staff/envelope")
    expect(staff_page.locator("#envelope-none")).to_be_visible(timeout=15000)
    staff_page.goto(f"{app_url}/staff/codes")
    staff_page.locator("#codes-class").select_option(label=school_class.name)
    staff_page.locator(f"#left-{student.id}").click()
    expect(staff_page.locator(f"#status-{student.id}")).to_have_text("Выбыл", timeout=15000)
    app_db.expire_all()
    assert app_db.get(Student, student.id).status == "left"

    page.goto(f"{app_url}/children")
    expect(page.locator("#logout")).to_be_visible(timeout=15000)
    expect(page.locator(f"#kid-{student.id}")).to_have_count(0)
    expect(page.locator(f"#child-switcher option[value='{student.id}']")).to_have_count(0)


def test_overdue_applications_are_flagged_in_the_queue(staff_page: Page, app_url, app_db, fresh_parent):
    student, school_class = free_student(app_db)
    submitted = utcnow() - timedelta(days=10)
    late = AccessApplication(parent_id=fresh_parent.id, school_id=student.school_id, child_surname=student.surname,
                             child_first_name=student.first_name, child_birth_date=student.birth_date,
                             class_name=school_class.name, relation="parent", submitted_at=submitted,
                             due_date=applications.add_working_days(submitted.date()))
    app_db.add(late)
    app_db.commit()
    sign_in(staff_page, app_url, "staff1", "staff1pass", "/staff/applications")
    card = staff_page.locator(f"#app-{late.id}")
    expect(card).to_contain_text(late.due_date.strftime("%d.%m.%Y"), timeout=15000)
    expect(card.locator(".mrko-overdue")).to_have_text("Просрочена")
    app_db.expire_all()
    for other in app_db.exec(select(AccessApplication).where(AccessApplication.status == "submitted",
                                                             AccessApplication.school_id == student.school_id)).all():
        flag = staff_page.locator(f"#app-{other.id} .mrko-overdue")
        expect(flag).to_have_count(1 if applications.is_overdue(other) else 0)
