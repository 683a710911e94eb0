"""Messages: who may read and post (computed from the links at every read and post), posting, edits and
deletes within 10 minutes, read receipts, unread counts, the announcements to every member, working
hours, moderation and attachments. On SQLite and PostgreSQL (the `db` fixture)."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from mrko_app.models import MessageModeration, MessagingSettings, ParentChildLink, Student, TeachingAssignment
from mrko_app.services import changes, clock, messages, uploads
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user


@pytest.fixture
def s(db, tmp_path, monkeypatch):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    # the child's second parent, and a classmate's parent (two parents of 5А besides `parent`)
    school.father = make_user(db, "Иванов", "Сергей", "", "parent")
    db.add(ParentChildLink(parent_id=school.father.id, student_id=school.student.id, page_name="Петя",
                           start_date=date(2026, 8, 1)))
    school.classmate = Student(school_id=school.school.id, class_id=school.klass.id, surname="Смирнов",
                               first_name="Коля", birth_date=date(2015, 6, 1))
    db.add(school.classmate)
    db.flush()
    school.neighbour = make_user(db, "Смирнова", "Ольга", "", "parent")
    db.add(ParentChildLink(parent_id=school.neighbour.id, student_id=school.classmate.id, page_name="Коля",
                           start_date=date(2026, 8, 1)))
    db.flush()
    return school


def _topics(db):
    return {c.topic for c in changes.pending(db)}


def test_a_parent_writes_to_a_teacher_of_their_child_only(s):
    teachers = {t.teacher_id for t in messages.teachers_of_children(s.db, s.parent)}
    assert teachers == {s.math_teacher.id, s.russian_teacher.id, s.class_teacher.id}
    conv = messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id)
    assert messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id).id == conv.id
    with pytest.raises(PermissionDenied):
        messages.open_direct(s.db, s.parent, s.student.id, s.substitute.id)  # does not teach 5А
    with pytest.raises(PermissionDenied):
        messages.open_direct(s.db, s.other_parent, s.student.id, s.math_teacher.id)  # not their child
    message = messages.post(s.db, s.parent, conv.id, "Здравствуйте! **Петя** болеет.")
    assert "<strong>Петя</strong>" in message.body_html
    assert {("user", s.parent.id), ("user", s.math_teacher.id)} <= _topics(s.db)
    assert ("user", s.other_parent.id) not in _topics(s.db)
    assert messages.unread_total(s.db, s.math_teacher) == 1
    assert messages.unread_total(s.db, s.parent) == 0
    for stranger in (s.other_parent, s.russian_teacher, s.staff):
        with pytest.raises(NotFound) as err:
            messages.conversation(s.db, stranger, conv.id)
        assert err.value.key == messages.NOT_FOUND
        with pytest.raises(NotFound):
            messages.post(s.db, stranger, conv.id, "x")
    with pytest.raises(NotFound) as missing:
        messages.conversation(s.db, s.other_parent, 999999)
    assert missing.value.key == messages.NOT_FOUND


def test_read_receipts_per_person_and_unread_counts(s):
    group = messages.open_group(s.db, s.parent, s.klass.id)
    first = messages.post(s.db, s.parent, group.id, "Кто идёт на экскурсию?")
    assert messages.unread_total(s.db, s.neighbour) == 1
    view = messages.conversation(s.db, s.parent, group.id)
    assert {r.user_id for r in view.messages[0].read_by} == set()
    messages.mark_read(s.db, s.neighbour, group.id)
    assert messages.unread_total(s.db, s.neighbour) == 0
    view = messages.conversation(s.db, s.parent, group.id)
    assert [r.name for r in view.messages[0].read_by] == ["Ольга Смирнова"]
    assert ("user", s.parent.id) in _topics(s.db)  # the author's open tab learns about the receipt
    reply = messages.post(s.db, s.neighbour, group.id, "Мы идём", reply_to=first.id)
    assert messages.conversation(s.db, s.father, group.id).messages[-1].reply_excerpt.startswith("Кто идёт")
    assert reply.reply_to_id == first.id
    summaries = {c.id: c for c in messages.list_conversations(s.db, s.father)}
    assert summaries[group.id].unread == 2 and summaries[group.id].title == "5А"
    assert {m.user_id for m in messages.conversation(s.db, s.parent, group.id).members} == {
        s.parent.id, s.father.id, s.neighbour.id, s.class_teacher.id}


def test_membership_follows_the_links_and_history_stays_read_only(s):
    conv = messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id)
    messages.post(s.db, s.parent, conv.id, "Первое")
    link = s.db.exec(select(ParentChildLink).where(ParentChildLink.parent_id == s.parent.id)).first()
    link.end_date = clock.today()  # the parent's access ended today
    s.db.add(link)
    s.db.flush()
    messages.post(s.db, s.math_teacher, conv.id, "Ответ после конца доступа")
    view = messages.conversation(s.db, s.parent, conv.id)
    assert view.read_only and not view.can_post
    assert [m.body_html for m in view.messages] == ["<p>Первое</p>\n"]  # nothing after they left
    with pytest.raises(PermissionDenied):
        messages.post(s.db, s.parent, conv.id, "ещё")
    s.db.add(MessagingSettings(school_id=s.school.id, former_member_history="hidden"))
    s.db.flush()
    with pytest.raises(NotFound):
        messages.conversation(s.db, s.parent, conv.id)
    # a teacher who no longer teaches the class leaves the group of directs with them
    conv2 = messages.open_direct(s.db, s.neighbour, s.classmate.id, s.russian_teacher.id)
    assignment = s.db.exec(select(TeachingAssignment).where(TeachingAssignment.teacher_id == s.russian_teacher.id)).one()
    assignment.end_date = clock.today() - timedelta(days=1)
    s.db.add(assignment)
    s.db.flush()
    with pytest.raises(NotFound):
        messages.post(s.db, s.russian_teacher, conv2.id, "x")


def test_edit_and_delete_within_ten_minutes(s, monkeypatch):
    conv = messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id)
    message = messages.post(s.db, s.parent, conv.id, "Опечатка")
    messages.edit(s.db, s.parent, message.id, "Исправлено")
    view = messages.conversation(s.db, s.math_teacher, conv.id).messages[0]
    assert view.edited and "Исправлено" in view.body_html and not view.editable
    with pytest.raises(PermissionDenied):
        messages.edit(s.db, s.math_teacher, message.id, "чужое")
    later = clock.now() + timedelta(minutes=11)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(PermissionDenied):
        messages.delete(s.db, s.parent, message.id)
    monkeypatch.undo()
    second = messages.post(s.db, s.parent, conv.id, "Удалю")
    messages.delete(s.db, s.parent, second.id)
    shown = messages.conversation(s.db, s.math_teacher, conv.id).messages[-1]
    assert shown.deleted and shown.body_html == ""
    with pytest.raises(ValidationError):
        messages.post(s.db, s.parent, conv.id, "x" * (messages.BODY_MAX + 1))
    with pytest.raises(ValidationError):
        messages.post(s.db, s.parent, conv.id, "   ")
    assert "<script" not in messages.post(s.db, s.parent, conv.id, "<script>alert(1)</script>").body_html


def test_the_other_parent_joins_when_added(s):
    conv = messages.open_direct(s.db, s.parent, s.student.id, s.class_teacher.id)
    with pytest.raises(NotFound):
        messages.conversation(s.db, s.father, conv.id)
    assert messages.other_parents(s.db, s.parent, conv.id) == [(s.father.id, "Сергей Иванов")]
    with pytest.raises(PermissionDenied):
        messages.add_other_parent(s.db, s.parent, conv.id, s.neighbour.id)
    messages.add_other_parent(s.db, s.parent, conv.id, s.father.id)
    messages.post(s.db, s.father, conv.id, "Я тоже здесь")
    assert messages.open_direct(s.db, s.father, s.student.id, s.class_teacher.id).id == conv.id


def test_channel_replies_can_be_off(s):
    channel = messages.open_channel(s.db, s.class_teacher, s.klass.id, "Объявления 5А", replies_allowed=False)
    messages.post(s.db, s.class_teacher, channel.id, "Завтра собрание в 18:00")
    with pytest.raises(PermissionDenied):
        messages.post(s.db, s.parent, channel.id, "Спасибо")
    assert not messages.conversation(s.db, s.parent, channel.id).can_post
    with pytest.raises(NotFound):
        messages.open_channel(s.db, s.substitute, s.klass.id)
    with pytest.raises(NotFound):
        messages.conversation(s.db, s.other_parent, channel.id)
    # the channel's settings (the conversation page's form opens it again with them)
    again = messages.open_channel(s.db, s.class_teacher, s.klass.id, "Новости 5А", replies_allowed=True)
    assert again.id == channel.id and again.title == "Новости 5А" and again.replies_allowed
    messages.post(s.db, s.parent, channel.id, "Спасибо")
    with pytest.raises(ValidationError):
        messages.open_channel(s.db, s.class_teacher, s.klass.id, "я" * 500)


def test_working_hours_and_the_expected_answer(s):
    messages.set_working_hours(s.db, s.math_teacher, {0: ("09:00", "17:00"), 2: ("09:00", "17:00")})
    monday_noon = clock.to_utc(datetime(2026, 11, 30, 12, 0))
    assert messages.next_working_start(s.db, s.math_teacher.id, monday_noon) is None
    monday_night = clock.to_utc(datetime(2026, 11, 30, 20, 0))
    assert messages.next_working_start(s.db, s.math_teacher.id, monday_night) == clock.to_utc(datetime(2026, 12, 2, 9, 0))
    assert messages.next_working_start(s.db, s.russian_teacher.id, monday_night) is None  # no hours set
    with pytest.raises(ValidationError):
        messages.set_working_hours(s.db, s.math_teacher, {0: ("18:00", "09:00")})
    with pytest.raises(PermissionDenied):
        messages.set_working_hours(s.db, s.parent, {})


def test_working_hours_are_on_the_teachers_schools_clock(s, monkeypatch):
    """09:00-17:00 in Vladivostok (UTC+10): 12:00 Moscow time is 19:00 there, after hours; the answer is
    expected at 09:00 there the next working day, and the conversation page says so on that clock."""
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    s.school.timezone = "Asia/Vladivostok"
    s.db.add(s.school)
    s.db.flush()
    messages.set_working_hours(s.db, s.math_teacher, {0: ("09:00", "17:00"), 2: ("09:00", "17:00")})
    monday_noon_moscow = clock.to_utc(datetime(2026, 11, 30, 12, 0), "Europe/Moscow")
    expected = messages.next_working_start(s.db, s.math_teacher.id, monday_noon_moscow)
    assert expected == clock.to_utc(datetime(2026, 12, 2, 9, 0), "Asia/Vladivostok")
    morning_there = clock.to_utc(datetime(2026, 11, 30, 10, 0), "Asia/Vladivostok")  # 03:00 in Moscow
    assert messages.next_working_start(s.db, s.math_teacher.id, morning_there) is None


def test_report_hide_mute_block_and_the_log(s):
    group = messages.open_group(s.db, s.neighbour, s.klass.id)
    rude = messages.post(s.db, s.neighbour, group.id, "Грубость")
    messages.report(s.db, s.parent, rude.id, "Оскорбление")
    assert ("user", s.class_teacher.id) in _topics(s.db)
    with pytest.raises(NotFound):
        messages.report(s.db, s.other_parent, rude.id, "x")  # not in the class
    assert [r.text for r in messages.reports(s.db, s.class_teacher)] == ["Грубость"]
    assert [r.reason for r in messages.reports(s.db, s.staff)] == ["Оскорбление"]
    assert messages.reports(s.db, s.math_teacher) == []
    with pytest.raises(NotFound):
        messages.set_hidden(s.db, s.parent, rude.id, True)
    messages.set_hidden(s.db, s.class_teacher, rude.id, True, "правила группы")
    assert rude.id not in [m.id for m in messages.conversation(s.db, s.parent, group.id).messages]
    author_view = [m for m in messages.conversation(s.db, s.neighbour, group.id).messages if m.id == rude.id]
    assert author_view and author_view[0].hidden
    assert messages.reports(s.db, s.class_teacher) == []
    polite = messages.post(s.db, s.neighbour, group.id, "Извините")
    messages.mute(s.db, s.class_teacher, group.id, s.neighbour.id, 60)
    with pytest.raises(PermissionDenied):
        messages.post(s.db, s.neighbour, group.id, "ещё")
    with pytest.raises(PermissionDenied):
        messages.mute(s.db, s.parent, group.id, s.neighbour.id, 60)
    pair = messages.open_pair(s.db, s.neighbour, s.klass.id, s.parent.id)
    messages.post(s.db, s.neighbour, pair.id, "Привет")
    messages.block(s.db, s.parent, s.neighbour.id)
    with pytest.raises(PermissionDenied):
        messages.post(s.db, s.neighbour, pair.id, "Ответь")
    with pytest.raises(PermissionDenied):
        messages.open_pair(s.db, s.neighbour, s.klass.id, s.parent.id)
    with pytest.raises(NotFound):
        messages.block(s.db, s.parent, s.other_parent.id)  # no shared class
    messages.post(s.db, s.father, group.id, "Сообщение отца")
    collapsed = {m.id: m.collapsed for m in messages.conversation(s.db, s.parent, group.id).messages}
    assert collapsed[polite.id] and not any(v for k, v in collapsed.items() if k != polite.id)
    actions = [row.action for row in s.db.exec(select(MessageModeration).order_by(MessageModeration.id)).all()]
    assert actions == ["report", "hide", "mute", "block"]
    assert [e.action for e in messages.log(s.db, s.staff, s.school.id)] == ["block", "mute", "hide", "report"]



def test_unmute_unblock_and_the_moderators_log(s):
    group = messages.open_group(s.db, s.neighbour, s.klass.id)
    messages.mute(s.db, s.class_teacher, group.id, s.neighbour.id, 60)
    assert [(uid, name) for uid, name, _until in messages.muted(s.db, s.class_teacher, group.id)] == [
        (s.neighbour.id, f"{s.neighbour.first_name} {s.neighbour.surname}")]
    assert messages.muted(s.db, s.parent, group.id) == []  # not a moderator: nothing to see
    with pytest.raises(PermissionDenied):
        messages.unmute(s.db, s.parent, group.id, s.neighbour.id)
    with pytest.raises(NotFound):
        messages.unmute(s.db, s.other_parent, group.id, s.neighbour.id)  # no member: learns nothing
    messages.unmute(s.db, s.class_teacher, group.id, s.neighbour.id)
    messages.unmute(s.db, s.class_teacher, group.id, s.neighbour.id)  # nothing left to lift: not logged again
    assert messages.muted(s.db, s.class_teacher, group.id) == []
    messages.post(s.db, s.neighbour, group.id, "Снова могу писать")
    messages.block(s.db, s.parent, s.neighbour.id)
    assert [uid for uid, _n in messages.blocked(s.db, s.parent)] == [s.neighbour.id]
    messages.unblock(s.db, s.parent, s.neighbour.id)
    assert messages.blocked(s.db, s.parent) == []
    messages.open_pair(s.db, s.neighbour, s.klass.id, s.parent.id)  # allowed again
    staff_log = messages.moderation_log(s.db, s.staff)
    assert [e.action for e in staff_log] == ["unblock", "block", "unmute", "mute"]
    assert staff_log[-1].actor == f"{s.class_teacher.first_name} {s.class_teacher.surname}"
    assert staff_log[-1].target == f"{s.neighbour.first_name} {s.neighbour.surname}"
    # the class teacher sees their group's actions (not the parents' blocks, which belong to no conversation)
    assert [e.action for e in messages.moderation_log(s.db, s.class_teacher)] == ["unmute", "mute"]
    assert messages.moderation_log(s.db, s.parent) == []
    assert messages.moderation_log(s.db, s.math_teacher) == []

def test_attachments_are_private_to_members(s):
    conv = messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id)
    pdf = b"%PDF-1.4\n% a small file\n%%EOF\n"
    row = messages.upload(s.db, s.parent, conv.id, pdf, "../../справка.pdf")
    assert row.filename == "справка.pdf" and row.content_type == "application/pdf"
    with pytest.raises(ValidationError):
        messages.upload(s.db, s.parent, conv.id, b"MZ\x90\x00 not a pdf", "x.pdf")
    with pytest.raises(NotFound):
        messages.upload(s.db, s.other_parent, conv.id, pdf, "x.pdf")
    message = messages.post(s.db, s.parent, conv.id, "Справка во вложении", attachment_ids=[row.id])
    (url, name, kind), = messages.conversation(s.db, s.math_teacher, conv.id).messages[0].attachments
    grant = uploads.verify(url.removeprefix("/media/"))
    assert messages.file_for_reader(s.db, grant) == (pdf, "application/pdf")
    stranger = uploads.verify(uploads.sign_url(messages.PURPOSE, row.id, s.other_parent.id).removeprefix("/media/"))
    assert messages.file_for_reader(s.db, stranger) is None
    messages.delete(s.db, s.parent, message.id)
    assert messages.file_for_reader(s.db, grant) is None


def test_a_new_message_reaches_the_notification_centre_held_until_working_hours(s):
    """The other members are told through services/inbox (kind "messages"); a teacher outside working
    hours is told when they start; reading the conversation marks the notification read."""
    from mrko_app.models import Notification
    from mrko_app.services import inbox

    other_day = (clock.to_local(clock.now()).weekday() + 3) % 7  # today is outside the math teacher's hours
    messages.set_working_hours(s.db, s.math_teacher, {other_day: ("09:00", "17:00")})
    held = messages.open_direct(s.db, s.parent, s.student.id, s.math_teacher.id)
    messages.post(s.db, s.parent, held.id, "Петя завтра к врачу")
    assert inbox.unread_count(s.db, s.math_teacher) == 0  # not now
    start = messages.next_working_start(s.db, s.math_teacher.id)
    [note] = s.db.exec(select(Notification).where(Notification.user_id == s.math_teacher.id)).all()
    assert note.kind == "messages" and note.shown_at == start and note.link == f"/messages/{held.id}"
    assert inbox.unread_count(s.db, s.math_teacher, now=start + timedelta(minutes=1)) == 1

    direct = messages.open_direct(s.db, s.parent, s.student.id, s.russian_teacher.id)  # no hours set
    messages.post(s.db, s.parent, direct.id, "Где взять учебник?")
    assert inbox.unread_count(s.db, s.russian_teacher) == 1
    assert inbox.unread_count(s.db, s.parent) == 0  # the author is not told of their own message
    messages.mark_read(s.db, s.russian_teacher, direct.id)
    assert inbox.unread_count(s.db, s.russian_teacher) == 0
