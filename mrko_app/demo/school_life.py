"""The demo school's term of school life: news over the term (school and 5А, one pinned, one scheduled,
three with pictures drawn by Pillow at load time), events (school-wide, a cancelled one, a 5А parents'
meeting), and two meeting days of teacher1 with 15-minute slots, a few booked by other parents of 5А.
The holidays are the study year's (demo/calendar.py). Called by load_demo only when it creates the
school (so idempotent)."""

from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from mrko_app.demo import pictures
from mrko_app.models import (
    MeetingBooking,
    MeetingSlot,
    NewsPicture,
    NewsPost,
    ParentChildLink,
    SchoolClass,
    SchoolEvent,
    Student,
    User,
    UserRole,
)
from mrko_app.services import clock, news
from mrko_app.services.markdown import render_article as render

SCHOOL_NEWS = [
    ("Добро пожаловать в новый учебный год", "Поздравляем всех с началом учебного года! Расписание кружков — "
     "на стенде у входа.", -85, False),
    ("Осенний кросс", "Итоги осеннего кросса: спасибо всем участникам и родителям!", -60, False),
    ("Прививки в сентябре", "Медицинский кабинет проводит плановые прививки. Согласие родителей — у классного "
     "руководителя.", -75, False),
    ("Осенние каникулы", "Каникулы продлятся с 25 октября по 4 ноября. Хорошего отдыха!", -40, False),
    ("Начало второй четверти", "Вторая четверть началась. **Расписание** звонков не изменилось.", -25, False),
    ("Школьная олимпиада", "Школьный этап олимпиады по математике пройдёт в субботу в 10:00.", -14, False),
    ("Режим работы в каникулы", "В каникулы школа открыта с 9:00 до 15:00.\n\n- кружки работают\n- столовая закрыта",
     -6, True),
    ("Новогодний концерт", "Приглашаем на новогодний концерт в актовом зале.", -1, False),
]
CLASS_NEWS = [("Экскурсия 5А", "В пятницу едем в Планетарий, сбор у школы в 9:00.", -3),
              ("Тетради на четверть", "Подпишите, пожалуйста, тетради для контрольных работ.", -10),
              ("Дежурство в классе", "График дежурств на четверть — в дневниках.", -50)]
# news title -> the scenes of its pictures (mrko_app/demo/pictures.py)
PICTURES = {"Осенний кросс": ("race",), "Новогодний концерт": ("concert",), "Экскурсия 5А": ("planetarium",)}
EVENTS = [("Осенний кросс", "Стадион", -60, 10, 3, None, "event", "Для всех классов; форма спортивная."),
          ("День открытых дверей", "Актовый зал", 5, 11, 2, None, "event", "Для будущих первоклассников и их родителей."),
          ("Ярмарка кружков", "Рекреация 2 этажа", 12, 15, 2, None, "event", "Перенесена на весну."),
          ("Новогодний концерт", "Актовый зал", 20, 17, 2, None, "event", "Выступают 1–11 классы."),
          ("Родительское собрание 5А", "Кабинет 21", 8, 18, 1, "5А", "meeting", "Итоги четверти, экскурсии.")]
CANCELLED = {"Ярмарка кружков"}


def _at(day, hour: int, minute: int = 0) -> datetime:
    return clock.to_utc(datetime.combine(day, time(hour, minute)))


def add_school_life(session: Session, school_id: int) -> None:
    today = clock.today()
    staff = session.exec(select(User).join(UserRole, UserRole.user_id == User.id).where(
        UserRole.role == "staff", UserRole.school_id == school_id).order_by(User.id)).first()
    klass = session.exec(select(SchoolClass).where(SchoolClass.school_id == school_id, SchoolClass.name == "5А")).one()
    teacher = session.get(User, klass.class_teacher_id)
    posts = []
    for title, body, days, pinned in SCHOOL_NEWS:
        posts.append(NewsPost(school_id=school_id, author_id=staff.id, title=title, body=body, body_html=render(body),
                              pinned=pinned, publish_at=_at(today + timedelta(days=days), 9)))
    for title, body, days in CLASS_NEWS:
        posts.append(NewsPost(school_id=school_id, class_id=klass.id, author_id=teacher.id, title=title, body=body,
                              body_html=render(body), publish_at=_at(today + timedelta(days=days), 12)))
    session.add_all(posts)
    session.flush()
    for post in posts:
        for n, scene in enumerate(PICTURES.get(post.title, ())):
            drawn = pictures.picture(scene, news.PICTURE_FOLDER)
            session.add(NewsPicture(post_id=post.id, position=n, storage_name=drawn["storage_name"],
                                    content_type=drawn["content_type"], width=drawn["width"], height=drawn["height"],
                                    size=drawn["size"]))
    later = "Итоги четверти будут опубликованы после педсовета."
    session.add(NewsPost(school_id=school_id, author_id=staff.id, title="Итоги четверти", body=later,
                         body_html=render(later), publish_at=_at(today + timedelta(days=25), 9)))
    for title, place, days, hour, hours, class_name, kind, description in EVENTS:
        start = _at(today + timedelta(days=days), hour)
        session.add(SchoolEvent(school_id=school_id, class_id=klass.id if class_name else None, kind=kind, title=title,
                                place=place, description=description, starts_at=start,
                                ends_at=start + timedelta(hours=hours), author_id=staff.id,
                                cancelled=title in CANCELLED))
    slots = []
    for days in (3, 10):
        for n in range(8):
            slots.append(MeetingSlot(school_id=school_id, host_id=teacher.id, minutes=15, place="Кабинет 21",
                                     starts_at=_at(today + timedelta(days=days), 15) + timedelta(minutes=15 * n)))
    session.add_all(slots)
    session.flush()
    # other families of 5А booked every third slot (not the demo parents' Маша: she is left to book)
    others = session.exec(select(ParentChildLink.parent_id, Student.id).join(Student, Student.id == ParentChildLink.student_id)
                          .where(Student.class_id == klass.id).order_by(Student.id)).all()
    demo_parents = set(session.exec(select(User.id).where(User.login.in_(("parent1", "parent2")))).all())
    families = [(p, s) for p, s in others if p not in demo_parents]
    for slot, (parent_id, student_id) in zip(slots[1::3], families[-4:]):
        session.add(MeetingBooking(slot_id=slot.id, host_id=teacher.id, student_id=student_id, parent_id=parent_id))
    session.flush()
