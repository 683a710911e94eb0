"""The demo school's messages: parent1 (Соколова) and teacher1 (Петрова, mathematics, class teacher of
5А) about Маша, with the teacher's last answer still unread; parent2 and teacher2 about Маша's Russian;
the 5А parents' group with several parents and the class teacher; teacher1's announcement channel for
5А with replies off; teacher1's working hours; in the group, an advert reported, hidden and its author muted
for a day, and an open report waiting for the class teacher. Called by load_demo when it creates the school."""

from datetime import time, timedelta

from sqlmodel import Session, select

from mrko_app.models import (
    Conversation,
    ConversationMember,
    Message,
    ParentChildLink,
    SchoolClass,
    Student,
    User,
    WorkingHours,
)
from mrko_app.services import clock
from mrko_app.services.markdown import render

DIRECT = [  # (who: "parent" | "teacher", hours ago, text)
    ("parent", 50, "Анна Сергеевна, здравствуйте! Маша говорит, что не поняла тему «Дроби». Можно ли "
                   "прийти на консультацию?"),
    ("teacher", 49, "Здравствуйте, Елена Викторовна! Конечно. Консультации по средам после 6-го урока, "
                    "кабинет 21."),
    ("parent", 30, "Спасибо! В среду придём."),
    ("teacher", 3, "Маша сегодня отлично решила самостоятельную — **пять**! Видно, что консультация помогла."),
]
RUSSIAN = [
    ("parent", 26, "Good afternoon! Masha was ill on Monday. Could you tell me the homework for Thursday?"),
    ("teacher", 25, "Здравствуйте! Упражнение 112 и словарные слова на стр. 40. Выздоравливайте!"),
]
GROUP = [  # (author index: 0..2 other parents, "p1" parent1, "t" the class teacher; hours ago; text)
    (0, 70, "Добрый вечер! Кто знает, экскурсия в Планетарий в эту пятницу или в следующую?"),
    ("t", 69, "В эту пятницу, сбор у школы в 9:00. Не забудьте подписанные согласия."),
    (1, 68, "Спасибо! А обед брать с собой?"),
    ("p1", 67, "Нам говорили, что будет перекус в кафе Планетария, но воду лучше взять."),
    (1, 40, "Всем привет! Продаю курсы «Отличник за месяц» по всем предметам, скидка 50% только сегодня, "
            "пишите в личку!"),
    (2, 20, "Родители, напоминаю: до среды сдаём по 300 ₽ на подарки к Новому году. Перевод — мне в личные."),
    (0, 10, "Опять задали три параграфа на выходные. Может, всем чатом напишем директору?"),
    (0, 4, "Сдали! Подскажите, ёлка в классе будет 27-го?"),
]
CHANNEL = [(90, "Уважаемые родители! Родительское собрание 5А — в четверг в 18:30, кабинет 21."),
           (5, "Итоги четверти выставлены. Оценки за контрольную по математике — в дневнике.")]


def _conversation(db: Session, key: str, **fields) -> Conversation:
    conv = Conversation(key=key, **fields)
    db.add(conv)
    db.flush()
    return conv


def _say(db: Session, conv: Conversation, author_id: int, hours_ago: float, text: str) -> Message:
    message = Message(conversation_id=conv.id, author_id=author_id, body=text, body_html=render(text),
                      created_at=clock.now() - timedelta(hours=hours_ago))
    db.add(message)
    db.flush()
    conv.last_message_id = message.id
    db.add(conv)
    return message


def _members(db: Session, conv: Conversation, roles: dict[int, str], read: dict[int, int]) -> None:
    for user_id, role in roles.items():
        db.add(ConversationMember(conversation_id=conv.id, user_id=user_id, role=role, last_read_id=read.get(user_id, 0),
                                  read_at=clock.now() if read.get(user_id) else None))
    db.flush()


def _direct(db: Session, school_id: int, parent: User, teacher: User, student: Student, lines) -> None:
    conv = _conversation(db, f"direct:{parent.id}:{teacher.id}:{student.id}", kind="direct", school_id=school_id,
                         student_id=student.id, teacher_id=teacher.id, parent_id=parent.id)
    said = [_say(db, conv, parent.id if who == "parent" else teacher.id, ago, text) for who, ago, text in lines]
    # the parent has read everything but the teacher's last answer; the teacher has read everything
    _members(db, conv, {parent.id: "parent", teacher.id: "teacher"},
             {parent.id: said[-2].id if len(said) > 1 else 0, teacher.id: said[-1].id})


def _moderate(db: Session, parent: User, teacher: User | None, advert: Message, heated: Message,
              group: Conversation) -> None:
    """Through the moderation service, so the log is the real one: parent2 reported the advert, the class
    teacher hid it and muted its author for a day; the heated message is reported and waits for her."""
    from mrko_app.services.messages import moderation

    if teacher is None:
        return
    moderation.report(db, parent, advert.id, "Реклама в родительском чате")
    moderation.set_hidden(db, teacher, advert.id, True, "Реклама")
    moderation.mute(db, teacher, group.id, advert.author_id, 24 * 60)
    moderation.report(db, parent, heated.id, "Предлагают жаловаться, не разобравшись; пусть классный руководитель посмотрит")
    db.flush()


def add_messages(db: Session, school_id: int) -> None:
    users = {u.login: u for u in db.exec(select(User).where(User.login.in_(("parent1", "parent2", "teacher1",
                                                                            "teacher2")))).all()}
    klass = db.exec(select(SchoolClass).where(SchoolClass.school_id == school_id, SchoolClass.name == "5А")).one()
    masha = db.exec(select(Student).join(ParentChildLink, ParentChildLink.student_id == Student.id).where(
        ParentChildLink.parent_id == users["parent1"].id, Student.class_id == klass.id)).first()
    if masha is None:
        return
    _direct(db, school_id, users["parent1"], users["teacher1"], masha, DIRECT)
    _direct(db, school_id, users["parent2"], users["teacher2"], masha, RUSSIAN)

    others = list(db.exec(select(ParentChildLink.parent_id).join(Student, Student.id == ParentChildLink.student_id)
                                      .where(Student.class_id == klass.id, Student.id != masha.id)
                                      .order_by(ParentChildLink.id).limit(3)).all())
    if len(others) < 3:
        return
    group = _conversation(db, f"group:{klass.id}", kind="group", school_id=school_id, class_id=klass.id)
    authors = {"p1": users["parent1"].id, "t": klass.class_teacher_id, 0: others[0], 1: others[1], 2: others[2]}
    said = [_say(db, group, authors[who], ago, text) for who, ago, text in GROUP]
    # parent1 read up to the weekend homework: the last question is new to her
    _members(db, group, {users["parent1"].id: "parent", users["parent2"].id: "parent",
                         klass.class_teacher_id: "moderator", **{pid: "parent" for pid in others}},
             {users["parent1"].id: said[-2].id, users["parent2"].id: said[-1].id, klass.class_teacher_id: said[-1].id,
              others[0]: said[-1].id,
              others[1]: said[3].id, others[2]: said[5].id})
    _moderate(db, users["parent2"], db.get(User, klass.class_teacher_id), said[4], said[6], group)

    channel = _conversation(db, f"channel:{users['teacher1'].id}:{klass.id}", kind="channel", school_id=school_id,
                            class_id=klass.id, teacher_id=users["teacher1"].id, title="Объявления 5А",
                            replies_allowed=False)
    said = [_say(db, channel, users["teacher1"].id, ago, text) for ago, text in CHANNEL]
    _members(db, channel, {users["teacher1"].id: "teacher", users["parent1"].id: "parent", users["parent2"].id: "parent"},
             {users["teacher1"].id: said[-1].id, users["parent1"].id: said[-1].id, users["parent2"].id: said[-1].id})

    for weekday in range(5):
        db.add(WorkingHours(teacher_id=users["teacher1"].id, weekday=weekday, start=time(8, 30), end=time(16, 30)))
    db.flush()
