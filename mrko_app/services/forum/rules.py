"""What the forum allows: input checks, tags, who is a moderator, rate limits, how people are named."""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from mrko_app.models import ForumFlag, ForumPost, User, UserRole
from mrko_app.services import ids, markdown, ratelimit
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError

TAGS = ("access", "login", "marks", "timetable", "homework", "journal", "privacy", "other")
FLAG_REASONS = ("spam", "rude", "off_topic", "personal_data", "other")
FLAGS_TO_HIDE = 3  # flags from this many different users hide a post until staff review it
TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = {"question": 10, "answer": 5, "comment": 2}, {"question": 5000, "answer": 5000, "comment": 600}
REASON_MAX = 300
NEW_ACCOUNT = timedelta(days=1)
# posts per 24 hours: (new account, everyone else); links per post likewise
DAILY_LIMITS = {"question": (3, 20), "answer": (10, 60), "comment": (20, 150)}
FLAGS_PER_DAY = 50
LINKS_PER_POST = (2, 10)



def text_field(value, field: str, low: int, high: int, errors: dict[str, str]) -> str:
    """A trimmed string between `low` and `high` characters; otherwise the error is noted."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = "forum.error.invalid"
        return ""
    value = value.strip()
    if not value:
        if low:
            errors[field] = "error.required"
    elif len(value) < low:
        errors[field] = "forum.error.too_short"
    elif len(value) > high:
        errors[field] = "forum.error.too_long"
    return value


def tag_list(value) -> list[str]:
    """Known tag codes from a list or a comma-separated string; anything else is dropped."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return []
    return [t for t in TAGS if t in {str(v).strip() for v in value[:20] if isinstance(v, (str, int))}]


def member(user: User | None) -> User:
    """A registered, active user (any role): the one who may write."""
    return access.require_user(user)


def is_moderator(db: Session, user: User | None) -> bool:
    return bool(access.staff_school_ids(db, user))


def require_moderator(db: Session, user: User | None) -> User:
    member(user)
    if not is_moderator(db, user):
        raise PermissionDenied()
    return user


def can_see(db: Session, user: User | None, post: ForumPost, moderator: bool | None = None) -> bool:
    if not post.hidden:
        return True
    if user is not None and post.author_id == user.id:
        return True
    return is_moderator(db, user) if moderator is None else moderator


def visible_post(db: Session, user: User | None, value, kinds: tuple[str, ...] = ("question", "answer", "comment"),
                 ) -> ForumPost:
    post = db.get(ForumPost, ids.require_id(value))
    if post is None or post.kind not in kinds or not can_see(db, user, post):
        raise NotFound()
    return post


def check_rate(db: Session, user: User, kind: str, source: str, now: datetime, client_ip: str | None = None) -> None:
    """Raise when the user has posted their share of `kind` in the last day, puts too many links in, or
    their client address has posted its share of the hour (services/ratelimit.py)."""
    new = user.created_at > now - NEW_ACCOUNT
    limit = DAILY_LIMITS[kind][0 if new else 1]
    done = db.exec(select(func.count()).select_from(ForumPost).where(
        ForumPost.author_id == user.id, ForumPost.kind == kind, ForumPost.created_at > now - timedelta(days=1))).one()
    if done >= limit:
        raise ServiceError("forum.error.rate", limit=limit)
    links = LINKS_PER_POST[0 if new else 1]
    if markdown.link_count(source) > links:
        raise ValidationError({"body": "forum.error.links"}, links=links)
    ratelimit.count_post(db, client_ip, now)  # last: a refused post counts against nobody


def check_flag_rate(db: Session, user: User, now: datetime) -> None:
    done = db.exec(select(func.count()).select_from(ForumFlag).where(
        ForumFlag.user_id == user.id, ForumFlag.created_at > now - timedelta(days=1))).one()
    if done >= FLAGS_PER_DAY:
        raise ServiceError("forum.error.rate", limit=FLAGS_PER_DAY)


def display_name(user: User) -> str:
    """What the forum shows of a person: the first name and the surname's initial, nothing more."""
    return f"{user.first_name} {user.surname[:1]}.".strip()


def badges(db: Session, user_ids: set[int]) -> dict[int, str]:
    """'staff' or 'teacher' per user who is one (nothing about parents or children)."""
    if not user_ids:
        return {}
    rows = db.exec(select(UserRole.user_id, UserRole.role).where(
        UserRole.user_id.in_(user_ids), UserRole.role.in_(("teacher", "staff")))).all()
    out: dict[int, str] = {}
    for uid, role in rows:
        if role == "staff" or uid not in out:
            out[uid] = role
    return out
