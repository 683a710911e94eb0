"""Telling people things, and what they read: `notify` is what every area calls inside its own
transaction (the rows are written there; an e-mail only goes to the durable mail queue, never out
inside the event), `items` / `unread_count` / `mark_read` / `mark_all_read` are the centre's page and
the bell. After the commit the open tabs of the people told refresh their bell (state/push.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mrko_app import config
from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, tr
from mrko_app.models import Notification, User
from mrko_app.models.inbox import NOTIFICATION_KINDS
from mrko_app.services import changes, clock, ids
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.inbox import prefs
from mrko_app.services.notify import messages as notifications

Text = str | Callable[[str], str]  # a text, or the text in a language ("ru", "en")
TITLE_MAX, BODY_MAX, LINK_MAX, KEY_MAX = 200, 1000, 300, 80
LIST_LIMIT = 100


def _lang(user: User) -> str:
    return user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE


def _word(text: Text, lang: str, limit: int) -> str:
    value = text(lang) if callable(text) else str(text or "")
    return value[:limit]


def email_text(lang: str, title: str, body: str, link: str) -> tuple[str, str]:
    """(subject, body) of the e-mail of one notification."""
    lines = [title, "", body] if body else [title]
    if link:
        lines += ["", tr("inbox.email.open", lang, link=config.app_origin().rstrip("/") + link)]
    return tr("inbox.email.subject", lang, title=title[:120]), "\n".join(lines)


def send_email(db: Session, user: User, note: Notification, now: dt.datetime) -> None:
    """Hand one notification's e-mail to the durable queue (services/notify)."""
    subject, body = email_text(_lang(user), note.title, note.body, note.link)
    notifications.send(db, channel="email", recipient=user.email, subject=subject, body=body, user_id=user.id,
                       now=now)
    note.email, note.email_due_at = "sent", None


@dataclass(frozen=True)
class Tell:
    """One thing to tell one person (see `notify` for the fields)."""

    user_id: int
    title: Text
    body: Text = ""
    link: str = ""
    key: str | None = None
    shown_at: dt.datetime | None = None


def notify(db: Session, user_ids: Iterable[int], kind: str, *, title: Text, body: Text = "", link: str = "",
           key: str | None = None, shown_at: dt.datetime | None = None, email: bool = True,
           now: dt.datetime | None = None) -> list[Notification]:
    """Tell these people (ids; duplicates, inactive and unknown ones are skipped) about one thing.

    `title` / `body`: text, or a function of the reader's language. `link`: a route of the app.
    `key` (e.g. "news:12"): each person is told about it once, whoever calls again. `shown_at`: shown
    (and e-mailed) from then on, e.g. a post scheduled for later. `email=False`: in the app only, whatever
    the person chose (the area e-mails itself). Per person the choice for `kind` decides the e-mail: none,
    now (to the mail queue in this transaction, or held until the quiet hours end), or the daily digest.
    Four queries and the inserts, whatever the number of people."""
    wanted = sorted({int(u) for u in user_ids if u is not None})
    return notify_each(db, kind, [Tell(uid, title, body, link, key, shown_at) for uid in wanted], email=email,
                       now=now)


def notify_each(db: Session, kind: str, tells: list[Tell], *, email: bool = True,
                now: dt.datetime | None = None) -> list[Notification]:
    """`notify` for several things at once, each to its own person (the alerts of a delivery round)."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")  # a typo in a service, not user input
    now = now or clock.now()
    tells = [replace(t, key=t.key[:KEY_MAX] if t.key else None) for t in tells]
    wanted = sorted({t.user_id for t in tells})
    if not wanted:
        return []
    people = {p.id: p for p in db.exec(select(User).where(col(User.id).in_(wanted), col(User.is_active).is_(True)))}
    keys = {t.key for t in tells if t.key}
    told = set(db.exec(select(Notification.user_id, Notification.dedup_key).where(
        col(Notification.user_id).in_(wanted), col(Notification.dedup_key).in_(keys))).all()) if keys else set()
    tells = [t for t in tells if t.user_id in people and (t.user_id, t.key) not in told]
    if not tells:
        return []
    modes = prefs.modes_of(db, people)
    quiet, zones = prefs.settings_of(db, people), clock.person_zones(db, people)
    made = []
    for tell in tells:
        if tell.key and (tell.user_id, tell.key) in told:
            continue  # twice in this batch
        person = people[tell.user_id]
        lang = _lang(person)
        shown = max(tell.shown_at or now, now)
        note = Notification(user_id=person.id, kind=kind, title=_word(tell.title, lang, TITLE_MAX),
                            body=_word(tell.body, lang, BODY_MAX), link=str(tell.link or "")[:LINK_MAX],
                            dedup_key=tell.key, created_at=now, shown_at=shown)
        mode = modes[person.id][kind] if email and person.email else "app"
        if mode == "email_digest":
            note.email = "digest"
        elif mode == "email_now":
            due = prefs.quiet_end_after(quiet[person.id], shown, zones.get(person.id, ""))
            if due <= now:
                send_email(db, person, note, now)
            else:
                note.email, note.email_due_at = "now", due
        made.append(note)
        if tell.key:
            told.add((tell.user_id, tell.key))
    _insert(db, made)
    changes.announce(db, *(changes.of_user(n.user_id, "notifications") for n in made))
    return made


def _insert(db: Session, rows: list[Notification]) -> None:
    """All at once; when another transaction told someone about the same key meanwhile, one by one
    (the unique key keeps the first)."""
    try:
        with db.begin_nested():
            db.add_all(rows)
            db.flush()
    except IntegrityError:
        for row in rows:
            try:
                with db.begin_nested():
                    db.add(Notification(**row.model_dump(exclude={"id"})))
                    db.flush()
            except IntegrityError:
                pass


# ---------------------------------------------------------------- the centre and the bell


def _kind(kind) -> str | None:
    if kind in (None, "", "all"):
        return None
    if kind not in NOTIFICATION_KINDS:
        raise ValidationError({"kind": "inbox.error.kind"})
    return kind


def items(db: Session, user: User | None, kind=None, *, now: dt.datetime | None = None,
          limit: int = LIST_LIMIT) -> list[Notification]:
    """The person's notifications shown by now, unread first, then newest first."""
    access.require_user(user)
    now = now or clock.now()
    query = select(Notification).where(Notification.user_id == user.id, Notification.shown_at <= now)
    if (chosen := _kind(kind)) is not None:
        query = query.where(Notification.kind == chosen)
    query = query.order_by(col(Notification.read_at).is_not(None), col(Notification.shown_at).desc(),
                           col(Notification.id).desc()).limit(limit)
    return list(db.exec(query).all())


def unread_count(db: Session, user: User | None, *, now: dt.datetime | None = None) -> int:
    """The bell's number: one statement over the person's own rows."""
    access.require_user(user)
    now = now or clock.now()
    return int(db.exec(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, col(Notification.read_at).is_(None), Notification.shown_at <= now)).one())


def mark_read(db: Session, user: User | None, notification_id, *, now: dt.datetime | None = None) -> None:
    """One of the person's own (anyone else's, or none: NotFound, the same answer)."""
    access.require_user(user)
    note = db.get(Notification, ids.require_id(notification_id))
    if note is None or note.user_id != user.id:
        raise NotFound()
    if note.read_at is None:
        note.read_at = now or clock.now()
        db.add(note)
        db.flush()
        changes.announce(db, changes.of_user(user.id, "notifications"))


def mark_all_read(db: Session, user: User | None, kind=None, *, now: dt.datetime | None = None) -> int:
    """Every shown unread one (of a kind); how many."""
    access.require_user(user)
    now = now or clock.now()
    query = update(Notification).where(col(Notification.user_id) == user.id, col(Notification.read_at).is_(None),
                                       col(Notification.shown_at) <= now)
    if (chosen := _kind(kind)) is not None:
        query = query.where(col(Notification.kind) == chosen)
    count = db.exec(query.values(read_at=now)).rowcount or 0
    if count:
        changes.announce(db, changes.of_user(user.id, "notifications"))
    return count


def withdraw(db: Session, key: str, *, now: dt.datetime | None = None) -> int:
    """The thing told about is gone before it was shown (a scheduled post withdrawn): its notifications
    not shown yet are deleted (nobody saw them, no e-mail left). How many."""
    now = now or clock.now()
    rows = db.exec(select(Notification).where(Notification.dedup_key == key[:KEY_MAX],
                                              Notification.shown_at > now)).all()
    for row in rows:
        db.delete(row)
    db.flush()
    return len(rows)


def mark_read_keys(db: Session, user: User, keys: Iterable[str], *, now: dt.datetime | None = None) -> int:
    """The person's notifications about these things are read (they read them where they are, e.g. a
    conversation); how many. Their bells refresh after the commit."""
    wanted = sorted({k[:KEY_MAX] for k in keys if k})
    if not wanted:
        return 0
    now = now or clock.now()
    count = db.exec(update(Notification).where(col(Notification.user_id) == user.id,
                                               col(Notification.read_at).is_(None),
                                               col(Notification.dedup_key).in_(wanted)).values(read_at=now)).rowcount or 0
    if count:
        changes.announce(db, changes.of_user(user.id, "notifications"))
    return count
