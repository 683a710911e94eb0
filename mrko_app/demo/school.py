"""The demo school "School No. 1234": six classes, named demo logins, a 2026/2027 year with a filled journal.

`load_demo` is idempotent: when the school exists it only reports what is there. It never deletes anything.
"""

import random
import time
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from mrko_app.demo.build import populate
from mrko_app.demo.bulk import Identities, Secrets
from mrko_app.demo.calendar import create_school, data_today
from mrko_app.demo.forum import load_public_info
from mrko_app.demo.messages import add_messages
from mrko_app.demo.names import Namer, Person
from mrko_app.demo.notifications import add_notifications
from mrko_app.demo.people import (
    ClassPlan,
    StudentPlan,
    TeacherPlan,
    UserPlan,
    assign_rooms,
    birth_date,
    insert_classes,
    insert_links,
    insert_students,
    insert_users,
    link_rows,
    make_class_students,
    make_student,
    parents_for,
    teaching_map,
)
from mrko_app.demo.psychologist import add_psychologist
from mrko_app.demo.school_life import add_school_life
from mrko_app.demo.summary import DemoLogin, DemoSummary, count_school, journal_until
from mrko_app.demo.surveys import load_demo_surveys
from mrko_app.models import School, User
from mrko_app.services import school_admin

DEMO_NAME = "School No. 1234"
DEMO_SHORT_NAME = "ГБОУ Школа № 1234"
DEMO_DOMAIN = "demo.school"
DEMO_ANSWER = "Мария Ивановна"  # the answer to "first_teacher" for every demo login
CLASSES = [("5А", 5), ("5Б", 5), ("6А", 6), ("7А", 7), ("8А", 8), ("9А", 9)]
ALL = [name for name, _ in CLASSES]

DEMO_LOGINS = [
    DemoLogin("parent1", "parent1pass", "parent", "Соколова Елена Викторовна: mother of Маша (5А) and Петя (8А)"),
    DemoLogin("parent2", "parent2pass", "parent", "Соколов Андрей Николаевич: Маша's father (English interface)"),
    DemoLogin("parent3", "parent3pass", "parent", "Кузнецова Ольга Игоревна: no child linked yet (apply for access)"),
    DemoLogin("teacher1", "teacher1pass", "teacher", "Петрова Анна Сергеевна: mathematics 5А, 5Б, 6А; "
                                                     "class teacher 5А"),
    DemoLogin("teacher2", "teacher2pass", "teacher", "Белова Ольга Николаевна: Russian and literature 5А, 5Б; "
                                                     "class teacher 5Б"),
    DemoLogin("staff1", "staff1pass", "staff", "Орлова Наталья Викторовна: deputy head, also teaches computer science"),
    DemoLogin("psych1", "psych1pass", "psychologist", "Лебедева Марина Олеговна: school psychologist "
                                                      "(parents' requests: /psychologist/desk)"),
    DemoLogin("dept1", "dept1pass", "department", "Морозов Игорь Петрович: the Department of Education's "
                                                  "administrator (creates schools)"),
]
_DEMO = {x.login: x for x in DEMO_LOGINS}


def _demo_user(login: str, person: Person, roles: tuple[str, ...], language: str = "ru") -> UserPlan:
    x = _DEMO[login]
    return UserPlan(person, roles, login=login, password=x.password, answer=DEMO_ANSWER, language=language,
                    description=x.description)


def _teachers(namer: Namer) -> list[TeacherPlan]:
    """Who teaches what; the class teachers are set in CLASS_TEACHERS by position in this list."""
    def gen(gender: str, groups: dict) -> TeacherPlan:
        return TeacherPlan(UserPlan(namer.adult(gender), ("teacher",)), groups)

    teachers = [
        TeacherPlan(_demo_user("teacher1", Person("Петрова", "Анна", "Сергеевна", "f"), ("teacher",)),
                    {"math": ["5А", "5Б", "6А"]}),
        gen("m", {"math": ["7А", "8А", "9А"]}),
        TeacherPlan(_demo_user("teacher2", Person("Белова", "Ольга", "Николаевна", "f"), ("teacher",)),
                    {"rus": ["5А", "5Б"]}),
        gen("f", {"rus": ["6А", "7А", "8А"]}),
        gen("f", {"rus": ["9А"]}),
        gen("f", {"eng": ["5А", "5Б", "6А"]}),
        gen("f", {"eng": ["7А", "8А", "9А"]}),
        gen("m", {"hist": ALL}),
        gen("f", {"geo": ALL}),
        gen("f", {"bio": ALL}),
        gen("m", {"phys": ["7А", "8А", "9А"]}),
        TeacherPlan(_demo_user("staff1", Person("Орлова", "Наталья", "Викторовна", "f"), ("teacher", "staff")),
                    {"cs": ["7А", "8А", "9А"]}),
        gen("f", {"arts": ["5А", "5Б", "6А", "7А", "8А"]}),
        gen("m", {"tech": ALL}),
        gen("m", {"pe": ALL}),
    ]
    assign_rooms(teachers)
    return teachers


CLASS_TEACHERS = {"5А": 0, "5Б": 2, "6А": 3, "7А": 7, "8А": 6, "9А": 10}


def _students(namer: Namer, classes: list[ClassPlan]) -> tuple[dict[str, list[StudentPlan]], list[StudentPlan]]:
    """25 pupils a class, the Sokolov children placed in 5А and 8А, two who left this autumn, one graduate."""
    rng = namer.rng
    by_class = {c.name: make_class_students(namer, c, 25) for c in classes}
    masha = StudentPlan(Person("Соколова", "Мария", "Андреевна", "f"), "Соколов", birth_date(rng, 5), "5А", 4.55, 0.6)
    petya = StudentPlan(Person("Соколов", "Пётр", "Андреевич", "m"), "Соколов", birth_date(rng, 8), "8А", 3.6, 0.8)
    for child in (masha, petya):
        group = by_class[child.class_name]
        group[rng.randrange(len(group))] = child
        group.sort(key=lambda s: (s.person.surname, s.person.first_name))
    grade = {c.name: c for c in classes}
    left = [make_student(namer, grade["6А"], 6, status="left", left_on=date(2026, 10, 15)),
            make_student(namer, grade["7А"], 7, status="left", left_on=date(2026, 11, 10))]
    for s in left:
        by_class[s.class_name].append(s)
    graduate = make_student(namer, None, 10, status="graduated", left_on=date(2026, 6, 25))
    return by_class, [masha, petya, graduate]


def load_demo(session: Session, *, seed: int = 2026, today: date | None = None) -> DemoSummary:
    """Load the demo school into the session's database (flushes, the caller commits)."""
    started = time.perf_counter()
    existing = session.execute(select(School.id).where(School.name == DEMO_NAME)).scalar()
    if existing is not None:
        load_public_info(session, existing)  # a database from before the forum existed gets it once
        load_demo_surveys(session, existing)  # a school loaded before the surveys existed gets them once
        add_notifications(session)  # and the notification centre's
        return DemoSummary(existing, DEMO_NAME, False, journal_until(session, existing),
                           count_school(session, existing), list(DEMO_LOGINS), time.perf_counter() - started)
    today = data_today(today)
    rng = random.Random(seed)
    namer = Namer(rng)
    ids = Identities(session, domain=DEMO_DOMAIN, phone_base=9990000001)
    for login in _DEMO:
        if ids.taken(login):
            raise ValueError(f"login {login!r} is already taken: the demo school cannot be loaded here")
    cal = create_school(session, DEMO_NAME, DEMO_SHORT_NAME)

    classes = [ClassPlan(name, grade, name[1:], CLASS_TEACHERS[name]) for name, grade in CLASSES]
    teachers = _teachers(namer)
    teaching = teaching_map(classes, teachers)
    by_class, (masha, petya, graduate) = _students(namer, classes)

    parent1 = _demo_user("parent1", Person("Соколова", "Елена", "Викторовна", "f"), ("parent",))
    parent2 = _demo_user("parent2", Person("Соколов", "Андрей", "Николаевич", "m"), ("parent",), language="en")
    parent3 = _demo_user("parent3", Person("Кузнецова", "Ольга", "Игоревна", "f"), ("parent",))
    psych = _demo_user("psych1", Person("Лебедева", "Марина", "Олеговна", "f"), ("psychologist",))
    dept = _demo_user("dept1", Person("Морозов", "Игорь", "Петрович", "m"), ("department",))
    director = UserPlan(namer.adult("f"), ("staff",), description="director")
    others = [s for name, _ in CLASSES for s in by_class[name] if s is not masha and s is not petya] + [graduate]
    parents = parents_for(namer, others)
    users = [teachers[0].user, parent1, parent2, parent3, teachers[2].user, teachers[11].user, psych, dept]  # logins
    users += [t.user for t in teachers if not t.user.password] + [director] + parents
    hashes = Secrets()
    insert_users(session, users, cal.school_id, ids, hashes)

    # the change log starts as a real school's does: the department created it
    school_admin.record(session, session.get(User, dept.id), cal.school_id, "school.create", DEMO_NAME, {},
                        {"name": DEMO_NAME, "short_name": DEMO_SHORT_NAME})
    insert_classes(session, cal, classes, teachers)
    class_ids = {c.name: c.id for c in classes}
    everyone = [s for name, _ in CLASSES for s in by_class[name]] + [graduate]
    insert_students(session, cal, everyone, class_ids)
    links = [link_rows(parent1, masha), link_rows(parent1, petya), link_rows(parent2, masha)]
    links += [link_rows(p, s) for p, s in zip(parents, others)]
    insert_links(session, links)

    populate(session, cal, classes, teachers, teaching, by_class, rng, today, featured={masha.id, petya.id})
    load_public_info(session, cal.school_id)
    load_demo_surveys(session, cal.school_id)
    add_school_life(session, cal.school_id)
    add_psychologist(session, cal.school_id)
    add_messages(session, cal.school_id)
    add_notifications(session)
    return DemoSummary(cal.school_id, DEMO_NAME, True, journal_until(session, cal.school_id),
                       count_school(session, cal.school_id), list(DEMO_LOGINS), time.perf_counter() - started)
