"""The demo school's psychologist desk (psych1): requests of other families in every state (a new
anonymous one, one in progress with an answer, one with a meeting booked from slots offered, a closed
one shared with the class teacher of 5Б (teacher2) without the anonymous parent's name), a closed request of
parent1 about Петя with the answers, and two afternoons of free consultation slots. Called by
load_demo only when it creates the school (so idempotent)."""

from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from mrko_app.models import (
    MeetingBooking,
    MeetingSlot,
    ParentChildLink,
    PsychologistAccess,
    PsychologistOffer,
    PsychologistReply,
    PsychologistRequest,
    PsychologistShare,
    SchoolClass,
    Student,
    User,
    UserRole,
)
from mrko_app.services import clock
from mrko_app.services.markdown import render

# (kind, topic, text, anonymous, status, days ago, [(from the psychologist?, text, hours after)])
REQUESTS = [
    ("question", "Не хочет идти в школу по понедельникам",
     "Здравствуйте. Дочь (5 класс) третью неделю по понедельникам жалуется на живот и просит остаться дома. "
     "Врач ничего не нашёл. В классе, по её словам, всё нормально. Подскажите, на что обратить внимание?",
     True, "new", 1, []),
    ("consultation", "Конфликт с одноклассниками",
     "Сын рассказал, что на переменах его дразнят и прячут вещи. Классному руководителю пока не говорили — "
     "сын просит никому не рассказывать. Хотели бы посоветоваться, как быть.",
     False, "in_progress", 3,
     [(True, "Здравствуйте! Спасибо, что написали. Хорошо, что сын вам доверился — это главное.\n\n"
             "Предлагаю встретиться, чтобы обсудить, как поддержать его и **как говорить** со школой так, "
             "чтобы ему не стало хуже. Время предложу в ближайшие дни.", 20)]),
    ("consultation", "Тревога перед ОГЭ",
     "Дочь в 9 классе очень переживает из-за экзаменов, плохо спит, стала раздражительной. Можно ли записаться "
     "на консультацию вместе с ней?",
     False, "meeting_booked", 6,
     [(True, "Да, конечно, приходите вдвоём. Выберите удобное время из предложенных ниже.", 8),
      (False, "Спасибо, записались на четверг.", 30)]),
    ("question", "Частые слёзы после уроков",
     "Ребёнок часто плачет после школы, говорит, что «ничего не получается». Оценки обычные. Это возрастное?",
     True, "closed", 20,
     [(True, "Такое бывает в период адаптации к средней школе. Несколько советов:\n\n"
             "- спрашивайте не об оценках, а о том, что было интересного;\n"
             "- помогите разбить большие задания на маленькие шаги;\n"
             "- хвалите за старание, а не только за результат.\n\n"
             "С вашего согласия я поговорю с классным руководителем — без вашего имени.", 26),
      (False, "Да, пожалуйста. Спасибо!", 40)]),
]
PARENT1 = ("consultation", "Петя стал замкнутым",
           "Петя (8А) в последний месяц почти не разговаривает дома, много времени проводит в телефоне. "
           "Хотелось бы понять, стоит ли беспокоиться.",
           False, "closed", 35,
           [(True, "Здравствуйте, Елена Викторовна. В 13–14 лет это частая ситуация, но ваше внимание правильное. "
                   "Давайте поговорим на встрече, а потом, если понадобится, я побеседую с Петей.", 18),
            (False, "Спасибо за встречу, стало понятнее, что делать.", 24 * 9)])


def _at(day, hour: int, minute: int = 0) -> datetime:
    return clock.to_utc(datetime.combine(day, time(hour, minute)))


def add_psychologist(session: Session, school_id: int) -> None:
    psych = session.exec(select(User).where(User.login == "psych1")).first()
    if psych is None or not session.exec(select(UserRole.id).where(
            UserRole.user_id == psych.id, UserRole.role == "psychologist", UserRole.school_id == school_id)).first():
        return
    now, today = clock.now(), clock.today()
    slots = [MeetingSlot(school_id=school_id, host_id=psych.id, minutes=30, place="Кабинет психолога, 2 этаж",
                         starts_at=_at(today + timedelta(days=days), 14) + timedelta(minutes=30 * n))
             for days in (2, 4) for n in range(4)]
    session.add_all(slots)
    session.flush()
    demo = set(session.exec(select(User.id).where(User.login.in_(("parent1", "parent2")))).all())
    families = [(p, s) for p, s in session.exec(
        select(ParentChildLink.parent_id, Student.id).join(Student, Student.id == ParentChildLink.student_id)
        .where(Student.school_id == school_id, Student.status == "studying").order_by(Student.id)).all()
        if p not in demo]
    # the closed one is a 5Б family's, shared with their class teacher (teacher2; teacher1 of 5А, whom the
    # attack tests play, has nothing shared); the others from further up the school
    klass = session.exec(select(SchoolClass).where(SchoolClass.school_id == school_id, SchoolClass.name == "5Б")).one()
    in_5b = [(p, s) for p, s in families if session.get(Student, s).class_id == klass.id]
    chosen = [families[-1], families[-10], families[-20], in_5b[0]]
    petya = session.exec(select(Student.id).join(ParentChildLink, ParentChildLink.student_id == Student.id)
                         .join(User, User.id == ParentChildLink.parent_id)
                         .where(User.login == "parent1", Student.first_name == "Пётр")).first()
    parent1 = session.exec(select(User.id).where(User.login == "parent1")).one()
    plan = list(zip(chosen, REQUESTS)) + ([((parent1, petya), PARENT1)] if petya else [])
    for (parent_id, student_id), (kind, topic, text, anonymous, status, days, thread) in plan:
        created = now - timedelta(days=days, hours=3)
        answered = created + timedelta(hours=thread[0][2]) if thread else None
        request = PsychologistRequest(school_id=school_id, student_id=student_id, parent_id=parent_id, kind=kind,
                                      topic=topic, text=text, text_html=render(text), anonymous=anonymous,
                                      status=status, created_at=created, answered_at=answered,
                                      updated_at=created + timedelta(hours=thread[-1][2]) if thread else created)
        session.add(request)
        session.flush()
        session.add(PsychologistAccess(request_id=request.id, user_id=psych.id, action="read",
                                       at=created + timedelta(hours=2)))
        for by_psych, body, hours in thread:
            session.add(PsychologistReply(request_id=request.id, author_id=psych.id if by_psych else parent_id,
                                          body=body, body_html=render(body), created_at=created + timedelta(hours=hours)))
            if by_psych:
                session.add(PsychologistAccess(request_id=request.id, user_id=psych.id, action="reply",
                                               at=created + timedelta(hours=hours)))
        if status == "meeting_booked":
            offered = slots[5:7]
            for slot in offered:
                session.add(PsychologistOffer(request_id=request.id, slot_id=slot.id, created_at=answered))
            session.add(MeetingBooking(slot_id=offered[0].id, host_id=psych.id, student_id=student_id,
                                       parent_id=parent_id, created_at=answered + timedelta(hours=20)))
        if status == "closed" and anonymous and klass.class_teacher_id:
            session.add(PsychologistShare(request_id=request.id, person_id=klass.class_teacher_id,
                                          relation="class_teacher", shared_by=psych.id,
                                          created_at=created + timedelta(hours=27)))
            session.add(PsychologistAccess(request_id=request.id, user_id=psych.id, action="share",
                                           at=created + timedelta(hours=27)))
    session.flush()
