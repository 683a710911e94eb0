"""The demo families' notification centre: a few things of different kinds told over the last days
(a mark alert, class news, an event, a meeting reminder, an answer on the forum, a survey invitation,
the answer to a feedback message), the older ones read. Idempotent: once per database."""

from datetime import timedelta

from sqlmodel import Session, select

from mrko_app import routes
from mrko_app.models import Notification, User
from mrko_app.services import clock
from mrko_app.services.inbox import centre as inbox

# (kind, title, body, link, hours ago, read)
PARENT_ITEMS = [
    ("alerts", "Маша: оценка 2 по математике (самостоятельная работа)", "", routes.ALERTS, 3, False),
    ("news", "Экскурсия 5А", "В пятницу едем в Планетарий, сбор у школы в 9:00.", routes.NEWS, 20, False),
    ("surveys", "Приглашение пройти опрос «Школьное питание»",
     "Расскажите, как вашему ребёнку кормят в столовой: 5 вопросов, 3 минуты.", routes.SURVEYS, 26, False),
    ("meetings", "Завтра встреча: 15:15", "Напоминание: завтра встреча с учителем, кабинет 21.", routes.MEETINGS,
     30, False),
    ("forum", "Новый ответ на ваш вопрос «Когда начинается запись в кружки?»",
     "Запись открыта до 15 сентября, заявление подаётся классному руководителю.", routes.FORUM, 50, True),
    ("events", "Новое событие: День открытых дверей", "Актовый зал, 11:00", routes.CALENDAR, 70, True),
    ("feedback", "Ответ на обращение ОС-2026-00012",
     "Здравствуйте! Код подтверждения отправлен повторно, проверьте папку «Спам».", "", 96, True),
]
TEACHER_ITEMS = [
    ("meetings", "Запись на встречу: пятница, 15:15", "Кабинет 21", routes.HOST_MEETINGS, 5, False),
    ("surveys", "Приглашение пройти опрос «Нагрузка учителя»", "", routes.SURVEYS, 40, False),
]


def add_notifications(session: Session) -> int:
    """How many were added (0: there were some already, or no demo people)."""
    people = {u.login: u for u in session.exec(select(User).where(User.login.in_(("parent1", "teacher1"))))}
    if not people or session.exec(select(Notification.id).where(  # the demo's own, not what the areas told
            Notification.user_id.in_([u.id for u in people.values()]), Notification.dedup_key.startswith("demo:"))
    ).first():
        return 0
    now = clock.now()
    added = 0
    for login, items in (("parent1", PARENT_ITEMS), ("teacher1", TEACHER_ITEMS)):
        person = people.get(login)
        if person is None:
            continue
        for n, (kind, title, body, link, hours, read) in enumerate(items):
            moment = now - timedelta(hours=hours)
            [note] = inbox.notify(session, [person.id], kind, title=title, body=body, link=link,
                                  key=f"demo:{kind}:{n}", email=False, now=moment)
            note.read_at = moment + timedelta(hours=1) if read else None
            session.add(note)
            added += 1
    session.flush()
    return added
