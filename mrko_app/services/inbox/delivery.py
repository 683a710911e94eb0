"""The centre's share of the lifespan task (services/alerts/runner.py runs it every round): e-mails held
by the quiet hours leave when they end, and each person's daily digest goes once their digest hour has
come (outside their quiet hours). Sending means handing the text to the durable mail queue
(services/notify/mail_queue.py), which delivers it with retries and backoff.

Exactly once per person and day: a digest is recorded as a `NotificationDigest` row whose unique
(user, day) is inserted, in a savepoint, before the notifications are marked sent in the same
transaction. Two workers racing for the same digest: the second insert waits for the first
transaction and fails (PostgreSQL), or finds the row (SQLite writes one at a time); it sends nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mrko_app.i18n import formats, tr
from mrko_app.models import Notification, NotificationDigest, User
from mrko_app.services import clock
from mrko_app.services.clock import to_local
from mrko_app.services.inbox import prefs
from mrko_app.services.inbox.centre import _lang, send_email
from mrko_app.services.notify import messages as notifications

BATCH = 200  # held e-mails per round; the rest wait for the next one


def deliver_due(db: Session, now: dt.datetime | None = None) -> dict:
    """One round: {"held": e-mails released, "digests": digests sent}."""
    now = now or clock.now()
    held = _release_held(db, now)
    digests = sum(1 for user_id in due_digests(db, now) if send_digest(db, user_id, now))
    return {"held": held, "digests": digests}


def _release_held(db: Session, now: dt.datetime) -> int:
    rows = list(db.exec(
        select(Notification).where(Notification.email == "now", Notification.email_due_at <= now)
        .order_by(col(Notification.email_due_at), col(Notification.id)).limit(BATCH)
        .with_for_update(skip_locked=True)  # several workers: each row to one of them (PostgreSQL)
    ).all())
    if not rows:
        return 0
    users = {u.id: u for u in db.exec(select(User).where(col(User.id).in_({r.user_id for r in rows})))}
    quiet, zones = prefs.settings_of(db, users), clock.person_zones(db, users)
    sent = 0
    for note in rows:
        person = users.get(note.user_id)
        zone = zones.get(note.user_id, "")
        if person is None or not person.email or not person.is_active:
            note.email, note.email_due_at = "", None
        elif prefs.in_quiet_hours(quiet[person.id], to_local(now, zone)):  # the hours changed since
            note.email_due_at = prefs.quiet_end_after(quiet[person.id], now, zone)
        else:
            send_email(db, person, note, now)
            sent += 1
        db.add(note)
    db.flush()
    return sent


def due_digests(db: Session, now: dt.datetime | None = None) -> list[int]:
    """The people whose digest should go now: something waits for it, their hour has come, they are
    outside their quiet hours, and none was sent to them today (each on their school's clock, clock.person_zones)."""
    now = now or clock.now()
    waiting = sorted(set(db.exec(select(Notification.user_id).where(
        Notification.email == "digest", Notification.shown_at <= now)).all()))
    if not waiting:
        return []
    zones = clock.person_zones(db, waiting)
    local = {uid: to_local(now, zones.get(uid, "")) for uid in waiting}
    done = set(db.exec(select(NotificationDigest.user_id, NotificationDigest.day).where(
        col(NotificationDigest.user_id).in_(waiting),
        NotificationDigest.day >= min(t.date() for t in local.values()))).all())
    quiet = prefs.settings_of(db, waiting)
    return [uid for uid in waiting if (uid, local[uid].date()) not in done and local[uid].hour >= quiet[uid].digest_hour
            and not prefs.in_quiet_hours(quiet[uid], local[uid])]


def send_digest(db: Session, user_id: int, now: dt.datetime | None = None) -> bool:
    """Today's digest of one person, unless it was sent already (by this worker or another)."""
    now = now or clock.now()
    person = db.get(User, user_id)
    rows = list(db.exec(select(Notification).where(Notification.user_id == user_id, Notification.email == "digest",
                                                   Notification.shown_at <= now)
                        .order_by(col(Notification.shown_at), col(Notification.id))).all())
    if person is None or not rows:
        return False
    zone = clock.person_zones(db, [user_id]).get(user_id, "")  # "today" and the times are the person's school's
    try:
        with db.begin_nested():
            db.add(NotificationDigest(user_id=user_id, day=to_local(now, zone).date(), items=len(rows), sent_at=now))
            db.flush()
    except IntegrityError:
        return False  # another round sent today's digest
    taken = db.exec(update(Notification).where(col(Notification.id).in_([r.id for r in rows]),
                                               col(Notification.email) == "digest")
                    .values(email="sent")).rowcount
    if not taken:
        return False
    if not person.email or not person.is_active:
        return True
    lang = _lang(person)
    lines = []
    for note in rows:
        lines.append(f"{formats.time(to_local(note.shown_at, zone), lang)}  {note.title}")
        if note.body:
            lines.append(f"       {note.body[:300]}")
    notifications.send(db, channel="email", recipient=person.email, user_id=person.id, now=now,
                       subject=tr("inbox.digest.subject", lang, count=len(rows)), body="\n".join(lines))
    for note in rows:
        db.expire(note)  # the bulk update above changed them under the session
    return True
