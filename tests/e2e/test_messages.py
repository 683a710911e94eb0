"""Messages in the browser, desktop and phone, in three browser contexts at once: a parent writes to a
teacher, whose open list (and header counter) shows it without a reload; the teacher answers and the
read receipt reaches the parent's open conversation; a group message reaches two parents live; a
reported message is hidden by the class teacher; a blocked parent cannot write privately. Then a parent
of another class calls the group's handlers directly over the socket and is refused, learning nothing
(not even the members' names). The PostgreSQL + Redis pass: a message reaches a tab held by the other
instance."""

import json
import re
import secrets
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, delete, select

from mrko_app import routes
from mrko_app.i18n import tr
from mrko_app.models import (
    Conversation,
    Message,
    MessageBlock,
    MessageModeration,
    MessageMute,
    MessageReport,
    ParentChildLink,
    SchoolClass,
    Student,
    User,
)
from mrko_app.services import messages
from mrko_app.services.accounts import core as accounts
from mrko_app.state.messages import ConversationState, MessagesState
from tests.async_run import run_async
from tests.e2e.access_steps import free_student, new_parent, sign_in, user
from tests.e2e.helpers import login
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e


def _five_a(db: Session) -> tuple[SchoolClass, Student]:
    """The demo's 5А (other tests build schools with a 5А of their own) and parent1's child in it."""
    klass, masha = db.exec(select(SchoolClass, Student).join(Student, Student.class_id == SchoolClass.id)
                           .join(ParentChildLink, ParentChildLink.student_id == Student.id).where(
        ParentChildLink.parent_id == user(db, "parent1").id, SchoolClass.name == "5А")).one()
    return klass, masha


def _message_id(db: Session, text: str) -> str:
    db.expire_all()
    return str(db.exec(select(Message.id).where(Message.body == text)).one())


def _send(page: Page, text: str) -> None:
    page.locator("#message-body").fill(text)
    page.locator("#send-message").click()
    expect(page.locator("#messages").get_by_text(text)).to_be_visible(timeout=20000)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (12, 8), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def _fresh(db: Session) -> None:
    """The story runs twice (desktop, phone) on one database: last run's block and mutes go."""
    ids = [user(db, "parent1").id, user(db, "parent2").id]
    db.exec(delete(MessageBlock).where(MessageBlock.blocker_id.in_(ids)))
    db.exec(delete(MessageMute).where(MessageMute.user_id.in_(ids)))
    db.commit()


def test_parents_and_teacher_talk_live(browser: Browser, browser_context_args, app_url, app_db, viewport_name):
    _fresh(app_db)
    tag = f"{viewport_name}-{secrets.token_hex(3)}"
    klass, masha = _five_a(app_db)
    teacher = user(app_db, "teacher1")
    mother, father, teacher_page = (browser.new_context(**browser_context_args).new_page() for _ in range(3))
    try:
        sign_in(mother, app_url, "parent1", "parent1pass", "/messages")
        sign_in(teacher_page, app_url, "teacher1", "teacher1pass", "/messages")
        mother.locator("#start-teacher").select_option(f"{masha.id}:{teacher.id}")
        mother.locator("#start-conversation").click()
        mother.wait_for_url(re.compile(r"/messages/\d+$"), timeout=20000)
        expect(mother.locator("#page-ready")).to_be_attached(timeout=20000)
        direct = mother.url.rsplit("/", 1)[-1]
        row = teacher_page.locator(f"#conversation-{direct}")
        expect(row).to_be_visible(timeout=20000)
        expect(row.locator(".conversation-unread")).to_have_count(0)

        question = f"Здравствуйте! Маша забыла тетрадь ({tag})"
        _send(mother, question)
        # the teacher's open list and header counter move without a reload
        expect(row.locator(".conversation-unread")).to_have_text("1", timeout=20000)
        expect(teacher_page.locator("#messages-counter")).to_be_visible(timeout=20000)
        row.click()
        teacher_page.wait_for_url(re.compile(rf"/messages/{direct}$"), timeout=20000)
        expect(teacher_page.locator("#messages").get_by_text(question)).to_be_visible(timeout=20000)
        answer = f"Ничего страшного, принесёт завтра ({tag})"
        _send(teacher_page, answer)
        expect(mother.locator("#messages").get_by_text(answer)).to_be_visible(timeout=20000)
        mine = mother.locator(f"#message-{_message_id(app_db, question)}")
        expect(mine.locator(".message-read-by")).to_contain_text("Анна Петрова", timeout=20000)

        # the class parents' group: both parents of Маша and the class teacher have it open
        group = str(app_db.exec(select(Conversation.id).where(Conversation.key == f"group:{klass.id}")).one())
        sign_in(father, app_url, "parent2", "parent2pass", f"/messages/{group}")
        for page in (mother, teacher_page):
            page.goto(f"{app_url}/messages/{group}")
        expect(father.locator("#messages")).to_be_visible(timeout=20000)
        rude, second = f"Глупое собрание ({tag})", f"Кто поедет на экскурсию? ({tag})"
        _send(mother, rude)
        _send(mother, second)
        for page in (father, teacher_page):
            expect(page.locator("#messages").get_by_text(second)).to_be_visible(timeout=20000)
        reply = f"Мы поедем ({tag})"
        _send(father, reply)
        expect(mother.locator("#messages").get_by_text(reply)).to_be_visible(timeout=20000)

        # a picture attached in the group: the father's open tab shows it, fetched by its signed /media address
        mother.locator("#message-files-upload input[type=file]").set_input_files(
            {"name": "объявление.png", "mimeType": "image/png", "buffer": _png()})
        expect(mother.locator("#message-files-attached")).to_be_visible(timeout=20000)
        pictured = f"Фото объявления ({tag})"
        _send(mother, pictured)
        picture = father.locator(f"#message-{_message_id(app_db, pictured)} img.message-picture")
        expect(picture).to_be_visible(timeout=20000)
        expect(picture).to_have_attribute("src", re.compile(r"^/media/"))
        expect(picture).to_have_js_property("complete", True, timeout=20000)
        assert picture.evaluate("img => img.naturalWidth") == 12

        # a report, and the class teacher hides the message: gone from the father's tab, marked for its author
        rude_id = _message_id(app_db, rude)
        father.locator(f"#report-open-{rude_id}").click()
        father.locator(f"#report-reason-{rude_id}").fill("Грубость")
        father.locator(f"#report-send-{rude_id}").click()
        expect(father.locator("#form-message")).to_be_visible(timeout=20000)
        teacher_page.locator(f"#hide-{rude_id}").click()
        expect(father.locator(f"#message-{rude_id}")).to_have_count(0, timeout=20000)
        expect(mother.locator(f"#message-{rude_id} .message-hidden")).to_be_visible(timeout=20000)

        # the father blocks the mother: her messages collapse for him; she cannot write to him privately
        father.locator(f"#block-{_message_id(app_db, second)}").click()
        expect(father.locator(f"#message-{_message_id(app_db, second)} details")).to_be_visible(timeout=20000)
        mother.locator(f"#pair-{_message_id(app_db, reply)}").click()
        expect(mother.locator("#form-message")).to_have_text(tr("messages.error.blocked", "ru"), timeout=20000)
        app_db.expire_all()
        actions = [r.action for r in app_db.exec(select(MessageModeration).order_by(MessageModeration.id)).all()]
        assert actions[-3:] == ["report", "hide", "block"]
    finally:
        for page in (mother, father, teacher_page):
            page.context.close()


def _outsider(db: Session) -> User:
    """A parent of a 6А pupil: in no conversation of 5А (made once for the suite; password secret12)."""
    outsider = db.exec(select(User).where(User.login == "msg_outsider")).first() or new_parent(db, "msg_outsider")
    if not db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == outsider.id)).first():
        student, _cls = free_student(db, "6А")
        db.add(ParentChildLink(parent_id=outsider.id, student_id=student.id, page_name="Сын",
                               start_date=date(2026, 8, 1)))
        db.commit()
    return outsider


def test_a_conversation_opened_by_its_address(browser: Browser, browser_context_args, app_url, app_db,
                                              viewport_name, tmp_path):
    """/messages/[conversation] typed in or bookmarked: a member sees the group's title, members and
    messages (a screenshot is kept); signed out, the page asks to sign in; a parent of another class gets
    "not found" and none of the group (no message, no member's name)."""
    klass, _masha = _five_a(app_db)
    group = app_db.exec(select(Conversation).where(Conversation.key == f"group:{klass.id}")).one()
    first = app_db.exec(select(Message).where(Message.conversation_id == group.id, Message.hidden.is_(False))
                        .order_by(Message.id)).first()
    address = app_url + routes.CONVERSATION.replace("[conversation]", str(group.id))
    outsider = _outsider(app_db)
    for who in ("anonymous", "parent1", outsider.login):
        context = browser.new_context(**browser_context_args)
        page = context.new_page()
        if who == "parent1":
            login(page, app_url, "parent1", "parent1pass")
        elif who != "anonymous":
            login(page, app_url, who, "secret12")
        page.goto(address)
        if who == "parent1":
            expect(page.locator("#conversation-title")).to_have_text(klass.name, timeout=20000)
            expect(page.locator("#conversation-members")).to_contain_text("Соколова")
            expect(page.locator("#messages").get_by_text(first.body[:40])).to_be_visible(timeout=20000)
            expect(page.locator("#message-body")).to_be_visible()
            page.screenshot(path=str(tmp_path / f"conversation-{viewport_name}.png"), full_page=True)
        elif who == "anonymous":
            expect(page.locator("#login-required")).to_be_visible(timeout=20000)
        else:
            expect(page.locator("#form-message")).to_have_text(tr("messages.error.not_found", "ru"), timeout=20000)
        if who != "parent1":
            expect(page.locator("#messages")).to_have_count(0)
            assert first.body[:40] not in page.content() and "Соколова" not in page.content()
        context.close()


def test_a_parent_of_another_class_learns_nothing_of_the_group(app_url, app_db):
    """No browser: the socket as a hostile script would use it."""
    klass, _masha = _five_a(app_db)
    group = app_db.exec(select(Conversation).where(Conversation.key == f"group:{klass.id}")).one()
    target = app_db.exec(select(Message).where(Message.conversation_id == group.id).order_by(Message.id)).first()
    mother = user(app_db, "parent1")
    outsider = _outsider(app_db)
    token = accounts.create_session(app_db, outsider)
    app_db.commit()
    before = (app_db.exec(select(Message.id).order_by(Message.id.desc())).first(),
              len(app_db.exec(select(MessageReport.id)).all()), len(app_db.exec(select(MessageModeration.id)).all()))
    path = f"/messages/{group.id}"

    async def attack():
        async with EventClient(app_url, token, path) as client:
            await client.call(ConversationState, "load", pathname=path)
            for handler, payload in (
                    ("send", {"form": {"body": "Здравствуйте, соседи"}}),
                    ("report", {"form": {"message_id": target.id, "reason": "x"}}),
                    ("hide", {"message_id": target.id}), ("unhide", {"message_id": target.id}),
                    ("mute", {"form": {"user_id": mother.id, "minutes": "60"}}),
                    ("block", {"user_id": mother.id}), ("write_privately", {"user_id": mother.id}),
                    ("add_parent", {"parent_id": mother.id}), ("start_edit", {"message_id": target.id}),
                    ("delete", {"message_id": target.id})):
                await client.call(ConversationState, handler, payload, pathname=path)
            await client.call(MessagesState, "open_group", {"class_id": klass.id}, pathname="/messages")
            await client.call(MessagesState, "hide", {"message_id": target.id}, pathname="/messages")
            return client.updates, client.state_value(ConversationState, "message"), \
                client.state_value(ConversationState, "members")

    updates, message, members = run_async(attack())
    text = json.dumps(updates, ensure_ascii=False)
    for name in (mother.surname, mother.first_name, user(app_db, "teacher1").surname, target.body[:20]):
        assert name not in text
    assert message in (tr(messages.NOT_FOUND, "ru"), tr("error.no_access", "ru"))
    assert not members
    app_db.expire_all()
    assert before == (app_db.exec(select(Message.id).order_by(Message.id.desc())).first(),
                      len(app_db.exec(select(MessageReport.id)).all()),
                      len(app_db.exec(select(MessageModeration.id)).all()))
    assert app_db.get(Message, target.id).hidden is False


@pytest.mark.postgres
@pytest.mark.parametrize("viewport_name", ["desktop"])
def test_a_message_reaches_a_tab_held_by_the_other_instance(browser: Browser, browser_context_args, balanced, app_db):
    from tests.e2e.test_balanced import _pinned

    klass, masha = _five_a(app_db)
    teacher = user(app_db, "teacher1")
    tag = secrets.token_hex(3)
    parent = _pinned(browser, browser_context_args, balanced.url, "b")
    teacher_page = _pinned(browser, browser_context_args, balanced.url, "a")
    try:
        sign_in(parent, balanced.url, "parent1", "parent1pass", "/messages")
        parent.locator("#start-teacher").select_option(f"{masha.id}:{teacher.id}")
        parent.locator("#start-conversation").click()
        parent.wait_for_url(re.compile(r"/messages/\d+$"), timeout=20000)
        direct = parent.url.rsplit("/", 1)[-1]
        sign_in(teacher_page, balanced.url, "teacher1", "teacher1pass", f"/messages/{direct}")
        answer = f"Ответ с другого экземпляра ({tag})"
        _send(teacher_page, answer)
        expect(parent.locator("#messages").get_by_text(answer)).to_be_visible(timeout=20000)
    finally:
        parent.context.close()
        teacher_page.context.close()
