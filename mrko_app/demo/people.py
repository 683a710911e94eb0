"""Users (teachers, staff, parents), classes and students: plans drawn from the seed, then bulk-inserted."""

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlmodel import Session

from mrko_app.demo.bulk import Identities, Secrets, insert_ids
from mrko_app.demo.calendar import YEAR_START, Calendar, stamp
from mrko_app.demo.names import Namer, Person, diminutive, translit
from mrko_app.demo.subjects import CURRICULUM, ROOM_PREFIX, TEACHER_GROUPS
from mrko_app.models import ParentChildLink, SchoolClass, Student, User, UserRole

SECURITY_QUESTION = "first_teacher"
REGISTERED = stamp(date(2026, 8, 25), time(10, 0))


@dataclass
class UserPlan:
    person: Person
    roles: tuple[str, ...]  # school roles ("teacher", "staff", "psychologist"); "parent" is school-independent
    login: str | None = None  # a fixed demo login (must be free) or None: made from the name
    password: str | None = None  # None: an unusable password
    answer: str | None = None  # security answer for the demo logins
    language: str = "ru"
    description: str = ""
    id: int = 0


@dataclass
class TeacherPlan:
    user: UserPlan
    group_classes: dict[str, list[str]]  # teacher group -> class names
    room: str = ""


@dataclass
class ClassPlan:
    name: str
    grade: int
    letter: str
    class_teacher: int = -1  # index into the teacher list
    id: int = 0


@dataclass
class StudentPlan:
    person: Person
    base_surname: str
    birth_date: date
    class_name: str | None
    ability: float  # the mean mark this student tends to get
    spread: float
    status: str = "studying"
    left_on: date | None = None
    id: int = 0
    subject_bias: dict[str, float] = field(default_factory=dict)

    def enrolled(self, day: date) -> bool:
        return self.status == "studying" or (self.left_on is not None and day <= self.left_on)


def teaching_map(classes: list[ClassPlan], teachers: list[TeacherPlan]) -> dict[tuple[str, str], int]:
    """(class name, subject code) -> teacher index, for every subject of every class's curriculum."""
    grade = {c.name: c.grade for c in classes}
    out = {}
    for index, teacher in enumerate(teachers):
        for group, names in teacher.group_classes.items():
            codes = TEACHER_GROUPS[group][0]
            for name in names:
                for code, _hours in CURRICULUM[grade[name]]:
                    if code in codes:
                        out[(name, code)] = index
    missing = [(c.name, code) for c in classes for code, _ in CURRICULUM[c.grade] if (c.name, code) not in out]
    if missing:
        raise ValueError(f"nobody teaches {missing[:5]}")
    return out


def assign_rooms(teachers: list[TeacherPlan]) -> None:
    counters: dict[str, int] = {}
    for teacher in teachers:
        group = next(iter(teacher.group_classes))
        prefix = ROOM_PREFIX[group]
        counters[prefix] = counters.get(prefix, 0) + 1
        n = counters[prefix]
        teacher.room = f"{prefix}{n:02d}" if prefix.startswith("Каб.") else f"{prefix}{n}"


def allocate_teachers(classes: list[ClassPlan], namer: Namer) -> list[TeacherPlan]:
    """Enough teachers for any set of classes: each teacher group filled up to a sensible weekly load."""
    rng = namer.rng
    teachers: list[TeacherPlan] = []
    for group, (codes, max_load) in TEACHER_GROUPS.items():
        current, load = None, 0
        for cls in classes:
            hours = sum(h for code, h in CURRICULUM[cls.grade] if code in codes)
            if not hours:
                continue
            if current is None or load + hours > max_load:
                gender = "m" if rng.random() < (0.7 if group in ("pe", "tech") else 0.2) else "f"
                current = TeacherPlan(UserPlan(namer.adult(gender), ("teacher",)), {group: []})
                teachers.append(current)
                load = 0
            current.group_classes[group].append(cls.name)
            load += hours
    assign_rooms(teachers)
    teaching = teaching_map(classes, teachers)
    taken: set[int] = set()
    for cls in classes:
        hours: dict[int, int] = {}
        for code, h in CURRICULUM[cls.grade]:
            hours[teaching[(cls.name, code)]] = hours.get(teaching[(cls.name, code)], 0) + h
        ranked = sorted(hours, key=lambda t: (t in taken, -hours[t], t))
        cls.class_teacher = ranked[0]
        taken.add(ranked[0])
    return teachers


def birth_date(rng: random.Random, grade: int, year: int = 2026) -> date:
    """Children start school at 6.5-8, so a grade g pupil in September `year` was born about year-g-7."""
    start = date(year - grade - 7, 9, 1)
    end = date(year - grade - 6, 12, 31)
    return start + timedelta(days=rng.randint(0, (end - start).days))


def ability(rng: random.Random) -> tuple[float, float]:
    r = rng.random()
    if r < 0.15:
        return rng.gauss(4.85, 0.08), 0.5  # an excellent pupil
    if r < 0.5:
        return rng.gauss(4.2, 0.15), 0.7
    if r < 0.88:
        return rng.gauss(3.6, 0.15), 0.75
    return rng.gauss(3.0, 0.15), 0.75  # a weak pupil


def make_student(namer: Namer, cls: ClassPlan | None, grade: int, **kw) -> StudentPlan:
    person, base = namer.child()
    mean, spread = ability(namer.rng)
    return StudentPlan(person, base, birth_date(namer.rng, grade), cls.name if cls else None, mean, spread, **kw)


def make_class_students(namer: Namer, cls: ClassPlan, count: int) -> list[StudentPlan]:
    return sorted((make_student(namer, cls, cls.grade) for _ in range(count)),
                  key=lambda s: (s.person.surname, s.person.first_name))


def login_for(person: Person) -> str:
    base = translit(person.surname)[:20]
    return f"{base}.{translit(person.first_name)[:1]}{translit(person.patronymic)[:1]}"


def insert_users(session: Session, plans: list[UserPlan], school_id: int, ids: Identities,
                 hashes: Secrets) -> None:
    """Insert users and their roles; fills plan.id (and plan.login for generated people)."""
    rows = []
    for plan in plans:
        if plan.login:
            if ids.taken(plan.login):
                raise ValueError(f"login {plan.login!r} is already taken: the demo cannot be loaded here")
            login, email, phone = ids.claim(plan.login)
        else:
            login, email, phone = ids.claim(login_for(plan.person))
            plan.login = login
        password = hashes.hash(plan.password) if plan.password else hashes.unusable()
        answer = hashes.hash(plan.answer) if plan.answer else hashes.unusable()
        rows.append({
            "surname": plan.person.surname, "first_name": plan.person.first_name,
            "patronymic": plan.person.patronymic, "email": email, "login": login, "phone": phone,
            "password_hash": password, "security_question": SECURITY_QUESTION, "security_answer_hash": answer,
            "phone_confirmed": True, "is_active": True, "language": plan.language, "failed_logins": 0,
            "created_at": REGISTERED,
        })
    for plan, uid in zip(plans, insert_ids(session, User, rows)):
        plan.id = uid
    role_rows = [{"user_id": p.id, "role": role, "school_id": None if role in ("parent", "department") else school_id}
                 for p in plans for role in p.roles]
    insert_ids(session, UserRole, role_rows)


def insert_classes(session: Session, cal: Calendar, classes: list[ClassPlan], teachers: list[TeacherPlan]) -> None:
    rows = [{"school_id": cal.school_id, "year_id": cal.year_id, "grade": c.grade, "letter": c.letter,
             "name": c.name, "class_teacher_id": teachers[c.class_teacher].user.id} for c in classes]
    for cls, cid in zip(classes, insert_ids(session, SchoolClass, rows)):
        cls.id = cid


def insert_students(session: Session, cal: Calendar, students: list[StudentPlan], class_ids: dict[str, int]) -> None:
    rows = [{"school_id": cal.school_id, "class_id": class_ids.get(s.class_name) if s.class_name else None,
             "surname": s.person.surname, "first_name": s.person.first_name, "patronymic": s.person.patronymic,
             "birth_date": s.birth_date, "status": s.status, "left_on": s.left_on} for s in students]
    for student, sid in zip(students, insert_ids(session, Student, rows)):
        student.id = sid


def link_rows(parent: UserPlan, student: StudentPlan, page_name: str | None = None) -> dict:
    start = YEAR_START if student.status != "graduated" else date(YEAR_START.year - 5, 9, 1)
    return {"parent_id": parent.id, "student_id": student.id,
            "page_name": page_name or diminutive(student.person.first_name),
            "start_date": start, "end_date": student.left_on, "access_code_id": None}


def insert_links(session: Session, links: list[dict]) -> None:
    insert_ids(session, ParentChildLink, links)


def parents_for(namer: Namer, students: list[StudentPlan]) -> list[UserPlan]:
    """One parent (mother or father, named to agree with the child) per student."""
    return [UserPlan(namer.parent_of(s.person, s.base_surname), ("parent",)) for s in students]
