"""Access to a child's diary at school scale: the staff queue, suggestions, approval, redeeming.

Builds a school of 1000 pupils (40 classes), 1000 parents and 300 waiting applications with three scans
each in a throw-away database (SQLite in a temp folder, or BENCH_DATABASE_URL), then prints the time and
the number of SQL statements of each step. No assertions: figures to read.

    python bench/access_bench.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402
from sqlmodel import Session, SQLModel, create_engine, select  # noqa: E402

import mrko_app.models  # noqa: E402,F401
from mrko_app.models import (  # noqa: E402
    AccessApplication,
    ApplicationDocument,
    School,
    SchoolClass,
    Student,
    StudyYear,
    User,
    UserRole,
)
from mrko_app.services.access import (
    applications,
    roster,  # noqa: E402
)
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import rules as access

PUPILS, CLASSES, APPLICATIONS = 1000, 40, 300
NOW = datetime(2026, 2, 2, 9, 0)


class Counter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._hit)

    def _hit(self, *_args):
        self.count += 1


def build(db: Session) -> tuple[User, list[User], list[Student]]:
    school = School(name="Bench school")
    db.add(school)
    db.flush()
    year = StudyYear(school_id=school.id, name="2025/2026", start_date=date(2025, 9, 1), end_date=date(2026, 5, 31))
    db.add(year)
    db.flush()
    classes = [SchoolClass(school_id=school.id, year_id=year.id, grade=5 + i % 5, letter="АБВГДЕЖЗ"[i // 5],
                           name=f"{5 + i % 5}{'АБВГДЕЖЗ'[i // 5]}") for i in range(CLASSES)]
    db.add_all(classes)
    db.flush()
    students = [Student(school_id=school.id, class_id=classes[i % CLASSES].id, surname=f"Фамилия{i % 97}",
                        first_name=f"Имя{i % 53}", birth_date=date(2012, 1, 1) + timedelta(days=i % 900))
                for i in range(PUPILS)]
    db.add_all(students)
    users = [User(surname=f"Родитель{i}", first_name="Т", email=f"p{i}@b.test", login=f"p{i}", phone=f"+7900{i:07d}",
                  password_hash="x", is_active=True) for i in range(PUPILS + 1)]
    db.add_all(users)
    db.flush()
    staff, parents = users[0], users[1:]
    db.add(UserRole(user_id=staff.id, role="staff", school_id=school.id))
    db.add_all(UserRole(user_id=p.id, role="parent") for p in parents)
    db.flush()
    for i in range(APPLICATIONS):
        s = students[i]
        app = AccessApplication(parent_id=parents[i].id, school_id=school.id, child_surname=s.surname,
                                child_first_name=s.first_name, child_birth_date=s.birth_date,
                                class_name=classes[i % CLASSES].name, relation="parent",
                                submitted_at=NOW - timedelta(days=i % 9), due_date=NOW.date())
        db.add(app)
        db.flush()
        db.add_all(ApplicationDocument(application_id=app.id, kind=k, filename="x.png", content_type="image/png",
                                       size=1000, sha256="0" * 64, storage_name=f"{app.id:08x}{j:024x}")
                   for j, k in enumerate(("application", "birth_certificate", "identity")))
    db.flush()
    return staff, parents, students


def measure(label: str, counter: Counter, fn, repeat: int = 5):
    times, statements, result = [], 0, None
    for _ in range(repeat):
        before = counter.count
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
        statements = counter.count - before
    print(f"{label:<52} median {statistics.median(times):7.1f} ms   {statements:3d} SQL statements")
    return result


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/access_bench.db"
    engine = create_engine(url)
    SQLModel.metadata.create_all(engine)
    counter = Counter(engine)
    with Session(engine, expire_on_commit=False) as db:
        started = time.perf_counter()
        staff, parents, students = build(db)
        db.commit()
        print(f"built {PUPILS} pupils, {CLASSES} classes, {APPLICATIONS} applications in "
              f"{time.perf_counter() - started:.1f} s ({url.split(':')[0]})")

        def queue_with_documents():
            apps = applications.queue(db, staff)
            docs = applications.documents_of(db, [a.id for a in apps])
            parents_ = db.exec(select(User).where(User.id.in_({a.parent_id for a in apps}))).all()
            return apps, docs, parents_

        apps, _docs, _p = measure(f"staff queue: {APPLICATIONS} applications + documents", counter,
                                  queue_with_documents)
        assert len(apps) == APPLICATIONS
        found = measure("suggest students (school of 1000)", counter,
                        lambda: applications.suggest_students(db, staff, apps[0].id))
        print(f"{'':<52} best match score {found[0].score}")
        measure("classes of the year + one class list", counter,
                lambda: roster.class_students(db, staff, roster.staff_classes(db, staff, NOW.date())[0].id))
        plain_codes = []
        for i in range(20):
            _a, _c, plain = applications.approve(db, staff, apps[i].id, students[i].id, now=NOW)
            plain_codes.append(plain)
        before = counter.count
        started = time.perf_counter()
        _a, _c, plain = applications.approve(db, staff, apps[20].id, students[20].id, now=NOW)
        print(f"{'approve + issue a code':<52} {'':7}{(time.perf_counter() - started) * 1000:7.1f} ms   "
              f"{counter.count - before:3d} SQL statements")
        plain_codes.append(plain)
        db.commit()
        measure("check a code (parent)", counter, lambda: access_codes.check_code(db, parents[0], plain_codes[0], NOW))
        before = counter.count
        started = time.perf_counter()
        access_codes.redeem_code(db, parents[1], plain_codes[1], "Child", NOW)
        print(f"{'redeem a code (link the child)':<52} {'':7}{(time.perf_counter() - started) * 1000:7.1f} ms   "
              f"{counter.count - before:3d} SQL statements")
        measure("linked children of a parent", counter, lambda: access.linked_children(db, parents[1], NOW.date()))
        db.rollback()
    engine.dispose()


if __name__ == "__main__":
    main()
