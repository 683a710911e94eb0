"""The demo school's messages look alive: parent1 has an unread answer from teacher1 and a new question
in the 5А parents' group, where several parents and the class teacher write; the channel is read-only
for parents; teacher1 has working hours."""

from sqlalchemy import select

from mrko_app.models import Conversation, SchoolClass, User
from mrko_app.services import messages


def _user(session, login):
    return session.execute(select(User).where(User.login == login)).scalar_one()


def test_the_demo_has_conversations_with_something_unread(demo):
    session, _summary = demo
    parent1 = _user(session, "parent1")
    found = {c.kind: c for c in messages.list_conversations(session, parent1)}
    assert set(found) == {"direct", "group", "channel"}
    assert found["direct"].unread == 1 and found["group"].unread == 1
    assert messages.unread_total(session, parent1) == 2
    group = messages.conversation(session, parent1, found["group"].id)
    assert len({m.author_id for m in group.messages}) >= 5 and len(group.members) >= 5
    assert any(m.read_by for m in group.messages if m.mine)
    assert not messages.conversation(session, parent1, found["channel"].id).can_post
    assert messages.working_hours(session, _user(session, "teacher1").id)
    assert messages.unread_total(session, _user(session, "parent2")) == 1  # the Russian teacher's answer
    session.rollback()


def test_the_demo_group_has_been_moderated(demo):
    """The class teacher of 5А finds an open report, a hidden advert whose author is muted, and those
    actions in the moderation log; parent1 does not see the hidden advert."""
    session, _summary = demo
    parent1 = _user(session, "parent1")
    group_id = next(c.id for c in messages.list_conversations(session, parent1) if c.kind == "group")
    klass = session.get(SchoolClass, session.get(Conversation, group_id).class_id)
    teacher = session.get(User, klass.class_teacher_id)
    open_reports = messages.reports(session, teacher)
    assert [r.hidden for r in open_reports if r.conversation_id == group_id] == [False]
    seen = messages.conversation(session, teacher, group_id).messages
    advert = next(m for m in seen if m.hidden)
    assert "Продаю" in advert.body_html
    assert advert.id not in {m.id for m in messages.conversation(session, parent1, group_id).messages}
    assert [name for _id, name, _until in messages.muted(session, teacher, group_id)] == [advert.author]
    actions = [e.action for e in messages.moderation_log(session, teacher)]
    assert {"report", "hide", "mute"} <= set(actions)
    session.rollback()
