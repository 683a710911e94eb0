"""Demo tests: the full demo is loaded once per module on SQLite (PostgreSQL: the `db` fixture)."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from mrko_app import models as m
from mrko_app.demo import load_demo

TODAY = date(2026, 11, 28)


def sqlite_engine():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    from mrko_app.services.search import SQLITE_FTS_DDL

    with engine.begin() as conn:  # the full-text index is not a model (see migration 0201)
        conn.exec_driver_sql(SQLITE_FTS_DDL)
    return engine


@pytest.fixture(scope="session", autouse=True)
def demo_private_dir(tmp_path_factory):
    """The demo draws news pictures and stores them privately: in a folder of the test run, not var/."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MRKO_PRIVATE_DIR", str(tmp_path_factory.mktemp("demo_private")))
        yield


@pytest.fixture(scope="module")
def demo():
    """(session, summary) of the demo loaded once into an in-memory SQLite database."""
    engine = sqlite_engine()
    with Session(engine, expire_on_commit=False) as session:
        summary = load_demo(session, today=TODAY)
        session.commit()
        yield session, summary
    engine.dispose()


def fingerprint(session: Session, school_id: int) -> dict:
    """Figures that two loads with the same seed must share, whatever the database."""
    students = select(m.Student.id).where(m.Student.school_id == school_id)
    classes = select(m.SchoolClass.id).where(m.SchoolClass.school_id == school_id)
    marks = session.execute(select(func.count(), func.sum(m.Mark.value), func.sum(m.Mark.weight))
                            .where(m.Mark.student_id.in_(students))).one()
    finals = session.execute(select(func.count(), func.sum(m.FinalMark.value))
                             .where(m.FinalMark.student_id.in_(students))).one()
    attendance = session.execute(select(m.Attendance.status, func.count()).where(m.Attendance.student_id.in_(students))
                                 .group_by(m.Attendance.status).order_by(m.Attendance.status)).all()
    lessons = session.execute(select(func.count(), func.sum(m.Lesson.lesson_number))
                              .where(m.Lesson.class_id.in_(classes), m.Lesson.cancelled.is_(False))).one()
    names = session.execute(select(m.Student.surname, m.Student.first_name).where(m.Student.school_id == school_id)
                            .order_by(m.Student.surname, m.Student.first_name)).all()
    return {"marks": tuple(marks), "finals": tuple(finals), "attendance": [tuple(a) for a in attendance],
            "lessons": tuple(lessons), "names": [tuple(n) for n in names]}
