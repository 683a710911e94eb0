"""The demo school for the in-process state tests (the handler fuzz, the push tests)."""

import pytest
from sqlmodel import Session, create_engine, select

from tests.conftest import migrate

ROLES = ("anonymous", "parent1", "teacher1", "staff1", "psych1", "dept1")


def _application(db, private: str) -> None:
    """A submitted access application (the demo has none), so the staff's review handlers have one open."""
    from mrko_app.models import User
    from mrko_app.services.access import applications, documents
    from tests.e2e.access_steps import free_student, pdf_bytes, png_bytes

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MRKO_PRIVATE_DIR", private)
        files = {kind: documents.store(data, name).as_dict() for kind, data, name in (
            ("application", pdf_bytes(), "a.pdf"), ("birth_certificate", png_bytes(), "b.png"),
            ("identity", png_bytes(b"\x01\x02\x03"), "c.png"))}
        student, school_class = free_student(db)
        form = {"school_id": str(student.school_id), "surname": student.surname, "first_name": student.first_name,
                "patronymic": student.patronymic, "birth_date": student.birth_date.isoformat(),
                "class_name": school_class.name, "relation": "parent"}
        applications.submit(db, db.exec(select(User).where(User.login == "parent3")).one(), form, files)


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The demo school in a migrated SQLite file that the app's own engine uses; session tokens per role."""
    from mrko_app import db as database
    from mrko_app.demo import load_demo
    from mrko_app.models import User
    from mrko_app.services.accounts import core as accounts

    folder = tmp_path_factory.mktemp("fuzz")
    url, private = f"sqlite:///{folder / 'fuzz.db'}", str(folder / "private")
    migrate(url)
    engine = create_engine(url)
    with Session(engine) as db:
        load_demo(db)
        _application(db, private)
        db.commit()
        tokens = {"anonymous": ""}
        for login in ROLES[1:]:
            tokens[login] = accounts.create_session(db, db.exec(select(User).where(User.login == login)).one())
        db.commit()
    engine.dispose()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        mp.setenv("MRKO_PRIVATE_DIR", private)
        database.engine.cache_clear()
        yield tokens
        database.engine().dispose()
        database.engine.cache_clear()
