"""Alerts for parents: what the journal's write services call, and the queue they fill.

The journal calls ONE hook after saving (in the same transaction, before the commit):

    alerts.on_mark_saved(db, mark, old_value)          # a mark created, changed or deleted (mark.deleted)
    alerts.on_marks_saved(db, [(mark, old_value), ...])  # the same for a batch (fixed number of queries)
    alerts.on_attendance_saved(db, attendance, old_status, deleted=False)

`old_value` is the mark's value before this save (None for a new mark or a debt); `old_status` the
attendance status before (None when there was no row, i.e. present); `deleted=True` when the row was
removed (the child is marked present again).

Each hook queues an AlertEvent per parent (who has an active link to the child), to be delivered
`delay_minutes` later and never inside the parent's quiet hours. There is one pending event per parent
and subject of the alert (`key`): a correction before delivery rewrites the pending event, or cancels it
when the parent would no longer be told anything (a 2 changed back to a 4, a mark deleted, an absence
turned into "present"). `deliver_due(db, now)` (services/alerts/delivery.py, run every minute by the
lifespan task in services/alerts/runner.py) delivers what is due: in the app, and by e-mail (each alert,
or a daily digest) when the parent chose so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from mrko_app.models import (
    AlertEvent,
    AlertRule,
    Lesson,
    Mark,
    ParentChildLink,
    School,
    Student,
    StudyPeriod,
    StudyYear,
)
from mrko_app.models.base import utcnow
from mrko_app.services import clock, school_calendar
from mrko_app.services.clock import to_local, to_utc
from mrko_app.services.gradebook.rules import MarkEntry, Totals, display_average, exact, sql_totals

ABSENT = "absent"  # the status that alerts (unexcused); valid / ill / late do not


def default_rule(parent_id: int, student_id: int) -> AlertRule:
    """The settings of a parent who never saved any (not added to the session)."""
    return AlertRule(parent_id=parent_id, student_id=student_id)


# ---------------------------------------------------------------- who is told, and when


def recipients(db: Session, student_ids: Iterable[int], today: dt.date | None = None,
               zones: dict[int, str] | None = None) -> dict[int, list[AlertRule]]:
    """student_id -> the alert settings of every parent with an active link to them (defaults for a
    parent without saved settings). Two queries. `zones`, if given, is filled with student_id -> the zone
    of the child's school, whose clock the parent's quiet hours are read on."""
    ids = sorted(set(student_ids))
    if not ids:
        return {}
    today = today or clock.today()
    links = db.exec(
        select(ParentChildLink.parent_id, ParentChildLink.student_id, School.timezone)
        .join(Student, col(Student.id) == ParentChildLink.student_id)
        .join(School, col(School.id) == Student.school_id)
        .where(col(ParentChildLink.student_id).in_(ids), Student.status == "studying",
               (col(ParentChildLink.end_date).is_(None)) | (col(ParentChildLink.end_date) > today))
    ).all()
    saved = {
        (r.parent_id, r.student_id): r
        for r in db.exec(select(AlertRule).where(col(AlertRule.student_id).in_(ids)))
    }
    out: dict[int, list[AlertRule]] = {}
    for parent_id, student_id, zone in sorted(set(links)):
        out.setdefault(student_id, []).append(saved.get((parent_id, student_id)) or default_rule(parent_id, student_id))
        if zones is not None:
            zones[student_id] = zone or ""
    return out


def in_quiet_hours(rule: AlertRule, local: dt.datetime) -> bool:
    start, end = rule.quiet_start, rule.quiet_end
    if start == end:  # no quiet hours
        return False
    minute = local.hour * 60 + local.minute
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end  # over midnight, e.g. 22:00-07:00


def quiet_end_after(rule: AlertRule, moment: dt.datetime, zone: str = "") -> dt.datetime:
    """`moment` (naive UTC) if it is outside the quiet hours (on the clock of `zone`, the child's
    school's), else when they end (naive UTC)."""
    local = to_local(moment, zone)
    if not in_quiet_hours(rule, local):
        return moment
    end = dt.datetime.combine(local.date(), dt.time(rule.quiet_end // 60, rule.quiet_end % 60))
    if end <= local:
        end += dt.timedelta(days=1)
    return to_utc(end, zone)


def schedule(rule: AlertRule, now: dt.datetime, zone: str = "") -> dt.datetime:
    """When an alert raised now is delivered: after the correction delay, outside the quiet hours."""
    return quiet_end_after(rule, now + dt.timedelta(minutes=max(rule.delay_minutes, 0)), zone)


# ---------------------------------------------------------------- the queue


def _pending(db: Session, parent_ids: set[int], keys: set[str]) -> dict[tuple[int, str], AlertEvent]:
    if not parent_ids or not keys:
        return {}
    rows = db.exec(
        select(AlertEvent).where(col(AlertEvent.parent_id).in_(parent_ids), col(AlertEvent.key).in_(keys),
                                 col(AlertEvent.delivered_at).is_(None), col(AlertEvent.cancelled).is_(False))
    ).all()
    return {(e.parent_id, e.key): e for e in rows}


def _put(db: Session, pending: dict, rule: AlertRule, key: str, kind: str, payload: dict, now: dt.datetime,
         zones: dict[int, str]) -> AlertEvent:
    """Queue an alert, or rewrite the pending one with the same key (its delay starts again)."""
    event = pending.get((rule.parent_id, key))
    if event is None:
        event = AlertEvent(parent_id=rule.parent_id, student_id=rule.student_id, key=key, kind=kind,
                           payload=payload, created_at=now, deliver_after=now)
        pending[(rule.parent_id, key)] = event
    event.kind, event.payload, event.updated_at = kind, dict(payload), now
    event.deliver_after = schedule(rule, now, zones.get(rule.student_id, ""))
    db.add(event)
    return event


def _cancel(db: Session, pending: dict, parent_id: int, key: str, now: dt.datetime) -> None:
    event = pending.pop((parent_id, key), None)
    if event is not None:
        event.cancelled, event.updated_at = True, now
        db.add(event)


# ---------------------------------------------------------------- marks


def on_mark_saved(db: Session, mark: Mark, old_value: int | None, *, now: dt.datetime | None = None) -> None:
    """Call after a mark is created, changed or deleted (see the module docstring)."""
    on_marks_saved(db, [(mark, old_value)], now=now)


def _value(mark: Mark) -> int | None:
    return None if mark.deleted or mark.is_debt else mark.value


def on_marks_saved(db: Session, changes: list[tuple[Mark, int | None]], *, now: dt.datetime | None = None) -> None:
    """The batch form of on_mark_saved: a fixed number of queries whatever the number of marks."""
    changes = [(m, old) for m, old in changes if m.id is not None]
    if not changes:
        return
    now = now or utcnow()
    db.flush()
    zones: dict[int, str] = {}
    rules = recipients(db, {m.student_id for m, _ in changes}, now.date(), zones)
    parent_ids = {r.parent_id for rs in rules.values() for r in rs}
    pending = _pending(db, parent_ids, {f"mark:{m.id}" for m, _ in changes})
    for mark, old in changes:
        key, new = f"mark:{mark.id}", _value(mark)
        for rule in rules.get(mark.student_id, []):
            event = pending.get((rule.parent_id, key))
            baseline = event.payload.get("from") if event is not None else old
            low = new is not None and rule.on_low_mark and new <= rule.low_mark_at_most
            payload = {"subject_id": mark.subject_id, "date": mark.date.isoformat(), "from": baseline, "to": new}
            if new == baseline:
                _cancel(db, pending, rule.parent_id, key, now)
            elif baseline is None:
                if low:
                    _put(db, pending, rule, key, "low_mark", payload, now, zones)
                else:
                    _cancel(db, pending, rule.parent_id, key, now)
            elif rule.on_mark_changed or low:
                _put(db, pending, rule, key, "mark_changed" if rule.on_mark_changed else "low_mark", payload, now, zones)
            else:
                _cancel(db, pending, rule.parent_id, key, now)
    _check_averages(db, changes, rules, now, zones)


def _periods_for(db: Session, school_ids: set[int], first: dt.date, last: dt.date) -> list:
    """The study periods of these schools that overlap first..last, with their school."""
    return db.exec(
        select(StudyYear.school_id, StudyPeriod)
        .join(StudyYear, col(StudyYear.id) == StudyPeriod.year_id)
        .where(col(StudyYear.school_id).in_(school_ids), StudyPeriod.end_date >= first,
               StudyPeriod.start_date <= last)
        .order_by(StudyPeriod.start_date)
    ).all()


def _check_averages(db: Session, changes, rules: dict[int, list[AlertRule]], now: dt.datetime,
                    zones: dict[int, str]) -> None:
    """An average that has just fallen below a parent's threshold queues "low_average"; one back at or
    above it cancels the pending alert. Three queries for the whole batch. The average is the period's
    (school_calendar's rule), computed by the gradebook as everywhere else."""
    watched = [(m, old) for m, old in changes if any(r.on_low_average for r in rules.get(m.student_id, []))]
    if not watched:
        return
    student_ids = {m.student_id for m, _ in watched}
    schools = dict(db.exec(select(Student.id, Student.school_id).where(col(Student.id).in_(student_ids))).all())
    dates = [m.date for m, _ in watched]
    periods: dict[int, list[StudyPeriod]] = {}
    for school_id, period in _periods_for(db, set(schools.values()), min(dates), max(dates)):
        periods.setdefault(school_id, []).append(period)
    groups: dict[tuple[int, int, int], list] = {}  # (student, subject, period) -> [(mark, old)]
    spans: dict[int, StudyPeriod] = {}
    for mark, old in watched:
        period = school_calendar.period_of(periods.get(schools.get(mark.student_id), []), mark.date)
        if period is not None:
            groups.setdefault((mark.student_id, mark.subject_id, period.id), []).append((mark, old))
            spans[period.id] = period
    if not groups:
        return
    _counted_columns, counted = sql_totals(Mark)
    rows = db.exec(
        select(Mark.student_id, Mark.subject_id, Mark.date, Mark.value, Mark.weight)
        .where(col(Mark.student_id).in_({g[0] for g in groups}), col(Mark.subject_id).in_({g[1] for g in groups}),
               *counted, Mark.date >= min(p.start_date for p in spans.values()),
               Mark.date <= max(p.end_date for p in spans.values()))
    ).all()
    keys = {f"avg:{s}:{subj}:{p}" for s, subj, p in groups}
    pending = _pending(db, {r.parent_id for rs in rules.values() for r in rs}, keys)
    for (student_id, subject_id, period_id), items in groups.items():
        period = spans[period_id]
        after = Totals()
        for s, subj, day, value, weight in rows:
            if s == student_id and subj == subject_id and school_calendar.holds(period, day):
                after.add(MarkEntry(value, weight, day))
        before = Totals(after.products, after.weights)
        for mark, old in items:  # undo this batch's changes to get the average before it
            before.remove(MarkEntry(_value(mark), mark.weight, mark.date))
            before.add(MarkEntry(old, mark.weight, mark.date))
        key = f"avg:{student_id}:{subject_id}:{period_id}"
        for rule in rules.get(student_id, []):
            if not rule.on_low_average:
                continue
            threshold = exact(rule.average_below)
            if after.average is None or after.average >= threshold:
                _cancel(db, pending, rule.parent_id, key, now)
            elif before.average is None or before.average >= threshold or (rule.parent_id, key) in pending:
                payload = {"subject_id": subject_id, "average": display_average(after.average),
                           "threshold": float(rule.average_below), "date": items[-1][0].date.isoformat()}
                _put(db, pending, rule, key, "low_average", payload, now, zones)


# ---------------------------------------------------------------- attendance


def on_attendance_saved(db: Session, attendance, old_status: str | None, *, deleted: bool = False,
                        now: dt.datetime | None = None) -> None:
    """Call after an attendance mark is set, changed or removed (see the module docstring)."""
    on_attendances_saved(db, [(attendance, old_status, deleted)], now=now)


def on_attendances_saved(db: Session, changes: list[tuple], *, now: dt.datetime | None = None) -> None:
    """The batch form: changes are (attendance, old_status, deleted). Four queries for the batch."""
    if not changes:
        return
    now = now or utcnow()
    db.flush()
    zones: dict[int, str] = {}
    rules = recipients(db, {a.student_id for a, _, _ in changes}, now.date(), zones)
    lessons = {
        row[0]: row
        for row in db.exec(
            select(Lesson.id, Lesson.subject_id, Lesson.lesson_number)
            .where(col(Lesson.id).in_({a.lesson_id for a, _, _ in changes}))
        ).all()
    }
    keys = {f"att:{a.student_id}:{a.lesson_id}" for a, _, _ in changes}
    pending = _pending(db, {r.parent_id for rs in rules.values() for r in rs}, keys)
    for attendance, old_status, deleted in changes:
        key = f"att:{attendance.student_id}:{attendance.lesson_id}"
        absent = not deleted and attendance.status == ABSENT
        lesson = lessons.get(attendance.lesson_id)
        for rule in rules.get(attendance.student_id, []):
            if not absent or not rule.on_absence:
                _cancel(db, pending, rule.parent_id, key, now)
            elif old_status != ABSENT or (rule.parent_id, key) in pending:
                payload = {"subject_id": lesson[1] if lesson else None, "date": attendance.date.isoformat(),
                           "lesson_number": lesson[2] if lesson else None}
                _put(db, pending, rule, key, "absence", payload, now, zones)
