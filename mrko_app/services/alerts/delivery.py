"""Delivering queued alerts: in the app (delivered_at), by e-mail one by one, or in a daily digest.

`deliver_due(db, now)` runs every minute (services/alerts/runner.py). A fixed number of queries per run,
whatever the number of alerts: the due events, the digest candidates, and once for all of them the
parents' settings, the parents, the subjects and the children's page names.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from mrko_app import routes
from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, formats, localized, tr
from mrko_app.models import AlertEvent, AlertRule, ParentChildLink, School, Student, Subject, User
from mrko_app.models.base import utcnow
from mrko_app.services.alerts.hooks import default_rule, in_quiet_hours, quiet_end_after
from mrko_app.services.clock import to_local
from mrko_app.services.inbox import centre as inbox
from mrko_app.services.notify import messages as notifications

DIGEST_WINDOW = dt.timedelta(days=1)  # a digest covers the alerts delivered in the last day at most


def _send_email(db: Session, user: User, subject: str, body: str, now: dt.datetime) -> None:
    """Through the notification service (it stores an OutboxMessage and sends it when SMTP is set)."""
    notifications.send(db, channel="email", recipient=user.email, subject=subject, body=body, user_id=user.id, now=now)


def _lang(user: User) -> str:
    return user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE


def _date(iso: str | None, lang: str) -> str:
    return formats.date(dt.date.fromisoformat(iso), lang) if iso else ""


def _num(value, lang: str) -> str:
    return formats.number(float(value), lang)


def alert_text(event: AlertEvent, child: str, subjects: dict[int, Subject], lang: str) -> str:
    """One alert as a sentence in `lang`."""
    p = event.payload
    subject = subjects.get(p.get("subject_id"))
    name = localized(subject, "name", lang) if subject else "—"
    day = _date(p.get("date"), lang)
    if event.kind == "absence":
        return tr("alerts.text.absence", lang, child=child, subject=name, date=day,
                  lesson=p.get("lesson_number") or "—")
    if event.kind == "low_average":
        return tr("alerts.text.low_average", lang, child=child, subject=name, average=_num(p["average"], lang),
                  threshold=_num(p["threshold"], lang))
    if event.kind == "mark_changed" or p.get("from") is not None:
        if p.get("to") is None:
            return tr("alerts.text.mark_removed", lang, child=child, subject=name, date=day, old=p.get("from"))
        return tr("alerts.text.mark_changed", lang, child=child, subject=name, date=day, old=p.get("from"),
                  new=p.get("to"))
    return tr("alerts.text.low_mark", lang, child=child, subject=name, date=day, value=p.get("to"))


class _Lookup:
    """The rows needed to word and address a set of events, loaded with four queries."""

    def __init__(self, db: Session, events: list[AlertEvent]):
        pairs = {(e.parent_id, e.student_id) for e in events}
        parent_ids = {p for p, _ in pairs}
        student_ids = {s for _, s in pairs}
        self.rules = {
            (r.parent_id, r.student_id): r
            for r in db.exec(select(AlertRule).where(col(AlertRule.parent_id).in_(parent_ids),
                                                     col(AlertRule.student_id).in_(student_ids)))
        } if pairs else {}
        self.users = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(parent_ids)))} if pairs else {}
        subject_ids = {e.payload.get("subject_id") for e in events} - {None}
        self.subjects = {s.id: s for s in db.exec(select(Subject).where(col(Subject.id).in_(subject_ids)))} \
            if subject_ids else {}
        links = db.exec(select(ParentChildLink, School.timezone)
                        .join(Student, col(Student.id) == ParentChildLink.student_id)
                        .join(School, col(School.id) == Student.school_id)
                        .where(col(ParentChildLink.parent_id).in_(parent_ids),
                               col(ParentChildLink.student_id).in_(student_ids))).all() if pairs else []
        self.names = {(link.parent_id, link.student_id): link.page_name for link, _zone in links}
        # the child's school's zone: the parent's quiet hours and digest hour are read on its clock
        self.zones = {link.student_id: zone or "" for link, zone in links}

    def rule(self, e: AlertEvent) -> AlertRule:
        return self.rules.get((e.parent_id, e.student_id)) or default_rule(e.parent_id, e.student_id)

    def text(self, e: AlertEvent, lang: str) -> str:
        return alert_text(e, self.names.get((e.parent_id, e.student_id), ""), self.subjects, lang)


def deliver_due(db: Session, now: dt.datetime | None = None) -> dict:
    """Deliver every alert whose time has come and send the daily digests that are due.
    Returns counts: {"delivered", "emailed", "digests", "postponed"}."""
    now = now or utcnow()
    due = list(db.exec(
        select(AlertEvent).where(col(AlertEvent.delivered_at).is_(None), col(AlertEvent.cancelled).is_(False),
                                 AlertEvent.deliver_after <= now).order_by(AlertEvent.id)
        .with_for_update(skip_locked=True)  # several workers: each alert to one of them (PostgreSQL)
    ).all())
    digest_rows = list(db.exec(
        select(AlertEvent).join(AlertRule, (col(AlertRule.parent_id) == AlertEvent.parent_id)
                                & (col(AlertRule.student_id) == AlertEvent.student_id))
        .where(col(AlertRule.digest).is_(True), col(AlertRule.by_email).is_(True),
               col(AlertEvent.emailed).is_(False), col(AlertEvent.cancelled).is_(False),
               col(AlertEvent.delivered_at).is_not(None), AlertEvent.delivered_at >= now - DIGEST_WINDOW)
        .order_by(AlertEvent.id)
        .with_for_update(skip_locked=True, of=AlertEvent)
    ).all())
    counts = {"delivered": 0, "emailed": 0, "digests": 0, "postponed": 0}
    if not due and not digest_rows:
        return counts
    look = _Lookup(db, due + digest_rows)
    for event in due:
        rule, zone = look.rule(event), look.zones.get(event.student_id, "")
        if in_quiet_hours(rule, to_local(now, zone)):  # the settings changed since it was queued
            event.deliver_after = quiet_end_after(rule, now, zone)
            db.add(event)
            counts["postponed"] += 1
            continue
        event.delivered_at = now
        counts["delivered"] += 1
        parent = look.users.get(event.parent_id)
        if rule.by_email and not rule.digest and parent is not None:
            lang = _lang(parent)
            text = look.text(event, lang)
            _send_email(db, parent, tr("alerts.email.subject", lang, text=text[:120]), text, now)
            event.emailed = True
            counts["emailed"] += 1
        elif rule.by_email and rule.digest:
            digest_rows.append(event)
        db.add(event)
    counts["digests"] = _send_digests(db, look, digest_rows, now)
    _to_centre(db, look, [e for e in due if e.delivered_at is not None], now)
    db.flush()
    return counts


def _to_centre(db: Session, look: _Lookup, delivered: list[AlertEvent], now: dt.datetime) -> None:
    """Every delivered alert also reaches the notification centre and the bell. In the app only: the
    alert's e-mail is the parent's per-child choice on the alerts page (sent above)."""
    inbox.notify_each(db, "alerts", [
        inbox.Tell(e.parent_id, lambda lang, e=e: look.text(e, lang), link=routes.ALERTS, key=f"alert:{e.id}")
        for e in delivered], email=False, now=now)


def _digest_due(rule: AlertRule, local_now: dt.datetime) -> bool:
    return (local_now.hour >= rule.digest_hour and rule.last_digest_on != local_now.date().isoformat()
            and not in_quiet_hours(rule, local_now))


def _send_digests(db: Session, look: _Lookup, events: list[AlertEvent], now: dt.datetime) -> int:
    groups: dict[tuple[int, int], list[AlertEvent]] = {}
    for e in events:
        if e.delivered_at is not None and not e.emailed:
            groups.setdefault((e.parent_id, e.student_id), [])
            if e not in groups[(e.parent_id, e.student_id)]:
                groups[(e.parent_id, e.student_id)].append(e)
    sent = 0
    for (parent_id, student_id), items in groups.items():
        rule = look.rules.get((parent_id, student_id))
        parent = look.users.get(parent_id)
        zone = look.zones.get(student_id, "")
        local_now = to_local(now, zone)
        if rule is None or parent is None or not _digest_due(rule, local_now):
            continue
        lang = _lang(parent)
        child = look.names.get((parent_id, student_id), "")
        lines = [f"{formats.time(to_local(e.created_at, zone), lang)}  {look.text(e, lang)}" for e in items]
        _send_email(db, parent, tr("alerts.email.digest_subject", lang, child=child, count=len(items)),
                    "\n".join(lines), now)
        for e in items:
            e.emailed = True
            db.add(e)
        rule.last_digest_on = local_now.date().isoformat()
        db.add(rule)
        sent += 1
    return sent
