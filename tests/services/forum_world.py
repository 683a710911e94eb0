"""People for the forum tests: a school, its staff, a teacher, three parents, an account made today."""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from mrko_app.models import School, User
from mrko_app.models.base import utcnow
from tests.services.access_world import make_user


@dataclass
class Forum:
    school: School
    staff: User
    teacher: User
    parents: list[User]
    newcomer: User  # registered less than a day ago


def make_forum(db: Session) -> Forum:
    school = School(name="Forum school", short_name="FS")
    db.add(school)
    db.flush()
    old = utcnow() - timedelta(days=30)
    people = []
    for login, roles in (("fstaff", [("staff", school.id)]), ("fteacher", [("teacher", school.id)]),
                         ("fpar1", [("parent", None)]), ("fpar2", [("parent", None)]), ("fpar3", [("parent", None)]),
                         ("fpar4", [("parent", None)])):
        user = make_user(db, login, *roles)
        user.created_at = old
        db.add(user)
        people.append(user)
    newcomer = make_user(db, "fnew", ("parent", None))
    db.flush()
    return Forum(school, people[0], people[1], people[2:], newcomer)
