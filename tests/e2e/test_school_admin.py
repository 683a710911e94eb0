"""School administration in the browser, desktop and phone: the department's administrator creates a
school; its first staff member sets up the account from the set-up link read from the outbox, changes
the rules after seeing what they change, invites a teacher and finds every change in the audit log.
The demo school's staff see the preview count the classes whose proposed marks change. The new
school's staff cannot see or change the demo school, neither through the pages nor by calling the
handlers over the websocket (with the school id forced into the state)."""


import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import AuditEntry, School, StaffInvite, UserRole
from mrko_app.services.accounts import core as accounts
from mrko_app.state.school_admin import AuditState, PeopleState
from mrko_app.state.school_rules import RulesState
from tests.async_run import run_async
from tests.e2e.access_steps import sign_in, user
from tests.e2e.helpers import logout, open_menu_if_phone
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
DEMO_SCHOOL = "School No. 1234"


def _setup_link(latest_message, recipient: str) -> str:
    body = latest_message(recipient).body
    return next(word for word in body.split() if "/setup?token=" in word)


def test_a_department_creates_a_school_whose_staff_run_it(browser, browser_context_args, app_url, app_db,
                                                         latest_message, viewport_name):
    tag = "d" if viewport_name == "desktop" else "p"
    email, login = f"head57{tag}@example.org", f"head57{tag}"
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "dept1", "dept1pass", "/admin/schools")
    page.locator("#field-name").fill(f"Школа № 57 {tag}")
    page.locator("#field-surname").fill("Громова")
    page.locator("#field-first_name").fill("Алла")
    page.locator("#field-contact").fill("not a contact")
    page.locator("#create-school").click()
    expect(page.locator("#error-contact")).to_be_visible()  # beside the field, nothing written
    assert app_db.exec(select(School).where(School.name == f"Школа № 57 {tag}")).first() is None
    page.locator("#field-contact").fill(email)
    page.locator("#create-school").click()
    expect(page.locator("#form-notice")).to_contain_text(email)
    expect(page.locator("#schools")).to_contain_text(f"Школа № 57 {tag}")
    logout(page)

    # the first staff member opens the link from the outbox and creates the account
    page.goto(_setup_link(latest_message, email))
    expect(page.locator("#setup-intro")).to_contain_text("Громова Алла")
    page.locator("#field-phone").fill(f"+7 916 57{'1' if tag == 'd' else '2'}-00-0{'1' if tag == 'd' else '2'}")
    page.locator("#field-login").fill(login)
    page.locator("#field-password").fill("head57pass")
    page.locator("#field-password_confirm").fill("head57pass")
    page.locator("#field-security_answer").fill("Мария Ивановна")
    page.locator("#setup-create").click()
    expect(page.locator("#form-notice")).to_be_visible()
    page.goto(_setup_link(latest_message, email))  # once only
    expect(page.locator("#form-message")).to_be_visible()
    expect(page.locator("#setup-create")).to_have_count(0)

    sign_in(page, app_url, login, "head57pass", "/staff/rules")
    field = page.locator("#field-thresholds")
    expect(field).to_have_value("5: 4.60; 4: 3.60; 3: 2.60")
    field.fill("5: 4.65; 4: 3.60; 3: 2.60")
    page.locator("#field-bells").fill("08:30-09:15\n25:00-26:00")
    page.locator("#rules-preview").click()
    expect(page.locator("#error-bells")).to_be_visible()
    expect(page.locator("#rules-save")).to_have_count(0)
    page.locator("#field-bells").fill("08:30-09:15\n09:25-10:10")
    page.locator("#rules-preview").click()
    expect(page.locator("#rules-impact")).to_be_visible()
    page.locator("#rules-save").click()
    expect(page.locator("#form-notice")).to_be_visible()
    app_db.expire_all()
    school = app_db.exec(select(School).where(School.name == f"Школа № 57 {tag}")).one()
    assert school.thresholds["5"] == 4.65 and school.bells == {"1": ["08:30", "09:15"], "2": ["09:25", "10:10"]}

    page.goto(f"{app_url}/staff/people")
    head = user(app_db, login)  # the school's only staff member keeps the staff role
    expect(page.locator("#people")).to_contain_text("Громова")
    page.locator(f"#role-staff-{head.id}").uncheck()
    page.locator(f"#save-roles-{head.id}").click()
    expect(page.locator("#form-message")).to_contain_text("последний")
    page.locator("#field-surname").fill("Лисицын")
    page.locator("#field-first_name").fill("Олег")
    page.locator("#field-contact").fill(f"lisitsyn{tag}@example.org")
    page.locator("#send-invite").click()
    expect(page.locator("#error-roles")).to_be_visible()
    page.locator("#field-teacher").check()
    page.locator("#send-invite").click()
    expect(page.locator("#invites")).to_contain_text(f"lisitsyn{tag}@example.org")
    assert "/setup?token=" in _setup_link(latest_message, f"lisitsyn{tag}@example.org")

    open_menu_if_phone(page)
    page.locator("#main-nav").get_by_role("link", name="Журнал изменений").click()
    expect(page.locator("#audit")).to_contain_text("Изменены правила")
    page.locator("#field-text").fill("4.65")
    page.locator("#field-text").press("Enter")  # what a phone's keyboard does
    expect(page.locator("#audit tbody tr")).to_have_count(1)
    expect(page.locator("#audit")).to_contain_text("4.65")
    expect(page.locator("#admin-school")).to_have_count(0)  # one school: nothing else to choose

    # by the handlers: the demo school's id forced into the states changes nothing there
    demo = app_db.exec(select(School).where(School.name == DEMO_SCHOOL)).one()
    before = (dict(demo.thresholds), demo.bells, demo.year_rule)
    entries = len(app_db.exec(select(AuditEntry).where(AuditEntry.school_id == demo.id)).all())
    invites = len(app_db.exec(select(StaffInvite).where(StaffInvite.school_id == demo.id)).all())
    staff = user(app_db, login)
    token = accounts.create_session(app_db, staff)
    app_db.commit()
    rules = {"mark_min": "1", "mark_max": "5", "thresholds": "5: 4.9; 4: 4.0; 3: 3.0; 2: 2.0",
             "period_system": "halves", "year_rule": "round", "timezone": "Europe/Moscow", "bells": ""}
    person = {"surname": "Злой", "first_name": "Захватчик", "contact": "evil@example.org", "staff": True}

    async def attack():
        async with EventClient(app_url, token, "/staff/rules") as client:
            await client.call(RulesState, "load", {}, pathname="/staff/rules")
            await client.call(RulesState, "pick_school", {"school_id": demo.id}, pathname="/staff/rules")
            await client.call(RulesState, "setvar", {"var_name": "school_id", "value": str(demo.id)},
                              pathname="/staff/rules")
            await client.call(RulesState, "preview", {"form": rules}, pathname="/staff/rules")
            await client.call(RulesState, "save", {}, pathname="/staff/rules")
            await client.call(RulesState, "save_kind", {"form": {"kind_id": "1", "name_en": "x", "name_ru": "x",
                                                                 "weight": "9"}}, pathname="/staff/rules")
            await client.call(PeopleState, "setvar", {"var_name": "school_id", "value": str(demo.id)},
                              pathname="/staff/people")
            await client.call(PeopleState, "send", {"form": person}, pathname="/staff/people")
            await client.call(AuditState, "setvar", {"var_name": "school_id", "value": str(demo.id)},
                              pathname="/staff/audit")
            await client.call(AuditState, "find", {"form": {"text": ""}}, pathname="/staff/audit")
            await client.settle()
            return json_text(client.updates)

    seen = run_async(attack())
    app_db.expire_all()
    demo = app_db.get(School, demo.id)
    assert (dict(demo.thresholds), demo.bells, demo.year_rule) == before
    assert len(app_db.exec(select(AuditEntry).where(AuditEntry.school_id == demo.id)).all()) == entries
    assert len(app_db.exec(select(StaffInvite).where(StaffInvite.school_id == demo.id)).all()) == invites
    assert "Ответ на уроке" not in seen or f"Школа № 57 {tag}" in seen  # own school's kinds only
    assert DEMO_SCHOOL not in seen and "staff1" not in seen
    roles = {(r.role, r.school_id) for r in app_db.exec(select(UserRole).where(UserRole.user_id == staff.id))}
    assert roles == {("staff", school.id)}


def json_text(updates) -> str:
    import json

    return json.dumps(updates, ensure_ascii=False)


def test_the_preview_counts_the_classes_whose_proposed_marks_change(browser, browser_context_args, app_url,
                                                                   app_db, viewport_name):
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, app_url, "staff1", "staff1pass", "/staff/rules")
    page.locator("#field-thresholds").fill("5: 4.95; 4: 3.60; 3: 2.60")
    page.locator("#rules-preview").click()
    impact = page.locator("#rules-impact")
    expect(impact).to_contain_text("Изменятся предлагаемые оценки")
    expect(impact).to_contain_text("5А")
    app_db.expire_all()
    demo = app_db.exec(select(School).where(School.name == DEMO_SCHOOL)).one()
    assert demo.thresholds["5"] == 4.6  # previewed, not saved
    # the link of someone else's invitation is not theirs to see: the department's page refuses staff
    page.goto(f"{app_url}/admin/schools")
    expect(page.locator("#create-school")).to_have_count(0)
