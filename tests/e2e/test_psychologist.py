"""The psychologist in the browser, desktop and phone, in three contexts at once: a parent reads the
confidentiality notice and the answer time before the form and sends an anonymous request; the
psychologist's open desk shows it without a reload, opens it (logged) and answers; the parent's open
page shows the answer without a reload. The other parent of the child, a teacher and staff see nothing:
on the pages, and calling the desk's and the parent page's handlers directly over the websocket."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mrko_app.models import PsychologistAccess, PsychologistReply, PsychologistRequest, PsychologistShare
from mrko_app.services.accounts import core as accounts
from mrko_app.state.psychologist import PsychologistState, PsyDeskState
from tests.async_run import run_async
from tests.e2e.access_steps import sign_in, user
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
DESK, PAGE = "/psychologist/desk", "/psychologist"


def test_a_private_request_reaches_the_psychologist_only(browser, browser_context_args, app_url, app_db,
                                                         viewport_name):
    topic = f"Сложности с адаптацией ({viewport_name})"
    secret = f"Дочь плачет по утрам, не хочет идти в школу — {viewport_name}"
    psych = browser.new_context(**browser_context_args).new_page()
    sign_in(psych, app_url, "psych1", "psych1pass", DESK)
    expect(psych.locator("#psy-desk-list")).to_be_visible()

    parent = browser.new_context(**browser_context_args).new_page()
    sign_in(parent, app_url, "parent1", "parent1pass", PAGE)
    notice, form = parent.locator("#psy-notice"), parent.locator("#psy-form")
    expect(notice).to_contain_text("Конфиденциальность заканчивается")
    expect(parent.locator("#psy-answer-time")).to_contain_text("3 дней")
    # the notice comes before the form, in the reading order and on the screen
    assert notice.evaluate("(n, f) => !!(n.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING)",
                           form.element_handle())
    assert notice.bounding_box()["y"] < form.bounding_box()["y"]
    parent.locator("#psy-kind-question").check()
    parent.locator("#field-topic").fill(topic)
    parent.locator("#field-text").fill(secret + "\n\n**Очень** нужен совет. <img src=x onerror=\"window.__xss=1\">")
    parent.locator("#field-anonymous").check()
    parent.locator("#psy-send").click()
    expect(parent.locator("#psy-sent")).to_be_visible()
    app_db.expire_all()
    request = app_db.exec(select(PsychologistRequest).where(PsychologistRequest.topic == topic)).one()
    assert request.anonymous and request.kind == "question" and request.status == "new"
    mine = parent.locator(f"#psy-request-{request.id}")
    expect(mine.locator("strong", has_text="Очень")).to_be_visible()
    assert mine.locator("img").count() == 0 and parent.evaluate("window.__xss") is None

    # the desk shows it live; opening it is logged; the psychologist sees who wrote (to answer)
    row = psych.locator(f"#psy-open-{request.id}")
    expect(row).to_be_visible()
    row.click()
    current = psych.locator("#psy-current")
    expect(current).to_contain_text(secret)
    expect(current).to_contain_text("Соколова Елена Викторовна")
    answer = f"Здравствуйте! Давайте встретимся в четверг — {viewport_name}."
    psych.locator("#field-body").fill(answer)
    psych.locator("#psy-reply-send").click()
    expect(current.locator(".psy-reply")).to_contain_text(answer)
    expect(psych.locator("#psy-log")).to_contain_text("Лебедева Марина Олеговна")

    # the parent's open page gets the answer without a reload
    expect(mine.locator(".psy-reply")).to_contain_text(answer)
    expect(mine.locator(".psy-status")).to_have_text("В работе")

    # the other parent of Маша, a teacher (her class teacher) and staff: nothing on the pages
    outsiders = {"parent2": "parent2pass", "teacher1": "teacher1pass", "staff1": "staff1pass"}
    for login, password in outsiders.items():
        page = browser.new_context(**browser_context_args).new_page()
        sign_in(page, app_url, login, password, PAGE)
        expect(page.locator("#psy-shared-empty, #psy-shared").first).to_be_visible()
        assert topic not in page.content() and secret not in page.content()
        page.goto(f"{app_url}{DESK}")
        expect(page.locator("#no-access")).to_be_visible()
        assert topic not in page.content()
        page.context.close()

    # and nothing calling the handlers directly: every call answers as for a missing id
    tokens = {login: accounts.create_session(app_db, user(app_db, login)) for login in outsiders}
    app_db.commit()
    rid = request.id

    async def attack(token):
        async with EventClient(app_url, token, DESK) as client:
            await client.call(PsyDeskState, "load", pathname=DESK)
            for bad in (rid, str(rid), [rid], {"id": rid}, 2**63, None):
                await client.call(PsyDeskState, "open", {"request_id": bad}, pathname=DESK)
            await client.call(PsyDeskState, "reply", {"form": {"body": "взлом"}}, pathname=DESK)
            await client.call(PsyDeskState, "set_status", {"status": "closed"}, pathname=DESK)
            await client.call(PsyDeskState, "share", {"person_id": user(app_db, "teacher1").id}, pathname=DESK)
            await client.call(PsyDeskState, "save_settings", {"form": {"answer_days": "30", "notice": "взлом"}},
                              pathname=DESK)
            await client.call(PsychologistState, "load", pathname=PAGE)
            await client.call(PsychologistState, "reply", {"form": {"request_id": rid, "body": "взлом"}},
                              pathname=PAGE)
            await client.call(PsychologistState, "book", {"request_id": rid, "slot_id": 1}, pathname=PAGE)
            return (client.state_value(PsyDeskState, "current"), client.state_value(PsyDeskState, "items"),
                    str(client.updates))

    for login, token in tokens.items():
        current, items, everything = run_async(attack(token))
        assert not current and not items, login
        assert topic not in everything and secret not in everything and answer not in everything, login
        assert "Соколова Елена" not in everything, login  # not even who wrote
    app_db.expire_all()
    assert app_db.get(PsychologistRequest, rid).status == "in_progress"
    replies = app_db.exec(select(PsychologistReply).where(PsychologistReply.request_id == rid)).all()
    assert [r.body for r in replies] == [answer]
    assert app_db.exec(select(PsychologistShare).where(PsychologistShare.request_id == rid)).all() == []
    readers = {a.user_id for a in app_db.exec(select(PsychologistAccess).where(PsychologistAccess.request_id == rid))}
    assert readers == {user(app_db, "psych1").id}
    psych.context.close()
    parent.context.close()
