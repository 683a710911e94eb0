"""People: one user may hold several roles (parent, teacher, staff, psychologist)."""


from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel, UniqueConstraint

from mrko_app.models.base import utcnow

# "department": the Department of Education's administrator (school_id None), who creates schools
ROLES = ("parent", "teacher", "staff", "psychologist", "department")


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    surname: str = Field(max_length=80)
    first_name: str = Field(max_length=80)
    patronymic: str = Field(default="", max_length=80)
    email: str = Field(max_length=254, unique=True, index=True)
    login: str = Field(max_length=40, unique=True, index=True)
    phone: str = Field(max_length=20, unique=True, index=True)
    password_hash: str = Field(max_length=100)
    security_question: str = Field(default="", max_length=40)
    security_answer_hash: str = Field(default="", max_length=100)
    phone_confirmed: bool = Field(default=False)
    is_active: bool = Field(default=False)
    language: str = Field(default="ru", max_length=2)
    failed_logins: int = Field(default=0)
    locked_until: NaiveDatetime | None = None
    created_at: NaiveDatetime = Field(default_factory=utcnow)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)


class UserRole(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "role", "school_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=20)
    school_id: int | None = Field(default=None, foreign_key="school.id")
