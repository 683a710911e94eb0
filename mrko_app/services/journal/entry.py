"""Writing the class journal: marks, attendance, a lesson's topic and homework.

Every call re-checks access and every id (journal_checks), validates the value, and saves at once.
Marks and attendance use optimistic concurrency: the caller passes the `version` it saw (None when it
saw nothing); if the row changed since, Conflict carries what is there now and nothing is written.
Every change of a mark's value or kind (removal included) adds a MarkHistory row; a new mark adds none
(its giver and time are on the Mark itself; the parent's diary reads a history row whose old value is
empty as "a debt replaced by a mark").
Every write bumps `updated_at` (a cleared attendance mark, whose row goes away, bumps its lesson's),
and is announced (services/changes: the child's marks and their class's figures, the child's attendance,
the class's lesson and homework), so the parents' open pages refresh once it is committed. Every change
of a mark or an attendance mark is handed to services/alerts/hooks.py (on_mark_saved / on_attendance_saved),
which queues the parents' alerts in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, update
from sqlmodel import Session, select

from mrko_app.models import Attendance, Homework, Lesson, Mark, MarkHistory, StudyYear, User
from mrko_app.models.base import utcnow
from mrko_app.models.marks import ATTENDANCE_STATUSES
from mrko_app.services import changes, clock
from mrko_app.services.alerts import hooks as alerts
from mrko_app.services.errors import Conflict, PermissionDenied, ValidationError
from mrko_app.services.ids import parse_id
from mrko_app.services.journal.checks import (
    cell_marks,
    class_student,
    clean_text,
    journal_lesson,
    lock_lesson,
    mark_conflict,
    markable_lesson,
    parse_date,
    parse_mark,
    parse_version,
    short_name,
    work_kind,
)
from mrko_app.services.journal.read import journal_context, lesson_homework

ATTENDANCE_CLEAR = ("", "present")


def _mark_changed(db: Session, mark: Mark, class_id: int) -> None:
    changes.announce(db, changes.of_child(mark.student_id, "marks"), changes.of_class(class_id, "marks"))


def _history(db: Session, mark: Mark, user: User, old_value, old_kind, reason: str) -> None:
    db.add(MarkHistory(
        mark_id=mark.id, student_id=mark.student_id, old_value=old_value,
        new_value=None if mark.deleted else mark.value, old_work_kind_id=old_kind,
        new_work_kind_id=None if mark.deleted else mark.work_kind_id, changed_by=user.id, reason=reason,
    ))


def _cell(db, user, class_id, subject_id, period_id, student_id, lesson_id, today, ctx=None):
    """The journal (checked once: `ctx` when the caller has it, see journal_save), the student, the lesson."""
    ctx = ctx or journal_context(db, user, class_id, subject_id, period_id)
    lesson = markable_lesson(db, ctx, lesson_id, today or clock.today(ctx.school))
    student = class_student(db, ctx, student_id)
    return ctx, student, lesson


def _own_mark(db: Session, mark_id, student_id: int, lesson_id: int) -> Mark:
    """The mark, which must be in this very cell (student and lesson), else PermissionDenied."""
    number = parse_id(mark_id)
    mark = db.get(Mark, number) if number else None
    if mark is None or mark.student_id != student_id or mark.lesson_id != lesson_id:
        raise PermissionDenied("journal.mark_not_in_cell")
    return mark


def _write_mark(db: Session, mark: Mark, expected: int, **values) -> None:
    """Update the mark only if it still has the version the client saw; else Conflict."""
    result = db.execute(
        update(Mark)
        .where(Mark.id == mark.id, Mark.version == expected, Mark.deleted == False)  # noqa: E712
        .values(version=expected + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.refresh(mark)
    if result.rowcount != 1:
        raise mark_conflict(db, mark)


def set_mark(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id, lesson_id, value,
             work_kind_id=None, comment=None, mark_id=None, version=None, reason="", expect_empty=False,
             today: date | None = None, ctx=None) -> Mark:
    """Give a new mark (mark_id None) or change one (mark_id + the version the client saw).

    `expect_empty`: the client saw this cell without marks (typing a mark into an empty cell); if
    someone has put a mark there since, Conflict instead of a second mark. The kind of work defaults to
    the school's default kind for a new mark and stays as it was for a changed one; `comment` None
    keeps the comment."""
    ctx, student, lesson = _cell(db, user, class_id, subject_id, period_id, student_id, lesson_id, today, ctx)
    number = parse_mark(value, ctx.rules)
    new_mark = mark_id in (None, "")
    kind = work_kind(db, ctx, work_kind_id) if new_mark or work_kind_id not in (None, "") else None
    comment_text = None if comment is None else clean_text(comment, 500, "comment")
    reason_text = clean_text(reason, 300, "reason")
    lock_lesson(db, lesson)
    if new_mark:
        if expect_empty:
            present = cell_marks(db, student.id, lesson.id)
            if present:
                raise mark_conflict(db, present[0])
        mark = Mark(student_id=student.id, lesson_id=lesson.id, subject_id=ctx.subject_id, date=lesson.date,
                    value=number, work_kind_id=kind.id, weight=kind.weight, comment=comment_text or "",
                    teacher_id=user.id)
        db.add(mark)
        db.flush()
        alerts.on_mark_saved(db, mark, None)
        _mark_changed(db, mark, lesson.class_id)
        return mark
    mark = _own_mark(db, mark_id, student.id, lesson.id)
    expected = parse_version(version)
    if mark.deleted or expected is None or mark.version != expected:
        raise mark_conflict(db, mark)
    old_value, old_kind = mark.value, mark.work_kind_id
    values = {"value": number, "is_debt": False}
    if kind is not None:
        values.update(work_kind_id=kind.id, weight=kind.weight)
    if comment_text is not None:
        values["comment"] = comment_text
    if all(getattr(mark, k) == v for k, v in values.items()):
        return mark
    _write_mark(db, mark, expected, **values)
    _mark_changed(db, mark, lesson.class_id)
    if mark.value != old_value or mark.work_kind_id != old_kind:
        _history(db, mark, user, old_value, old_kind, reason_text)
        db.flush()
        alerts.on_mark_saved(db, mark, old_value)
    return mark


def clear_mark(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id, lesson_id, mark_id,
               version, reason="", today: date | None = None, ctx=None) -> Mark:
    """Remove a mark (kept as deleted, with a history row), if it still has the version the client saw."""
    _ctx, student, lesson = _cell(db, user, class_id, subject_id, period_id, student_id, lesson_id, today, ctx)
    reason_text = clean_text(reason, 300, "reason")
    lock_lesson(db, lesson)
    mark = _own_mark(db, mark_id, student.id, lesson.id)
    expected = parse_version(version)
    if mark.deleted or expected is None or mark.version != expected:
        raise mark_conflict(db, mark)
    old_value, old_kind = mark.value, mark.work_kind_id
    _write_mark(db, mark, expected, deleted=True)
    _mark_changed(db, mark, lesson.class_id)
    _history(db, mark, user, old_value, old_kind, reason_text)
    db.flush()
    alerts.on_mark_saved(db, mark, old_value)
    return mark


def _attendance_conflict(db: Session, row: Attendance | None) -> Conflict:
    if row is None:
        return Conflict("journal.conflict_attendance", current={"status": "", "version": 0, "by": ""},
                        by="", status="")
    by = short_name(db.get(User, row.set_by))
    return Conflict("journal.conflict_attendance", current={"status": row.status, "version": row.version, "by": by},
                    by=by, status=row.status)


def set_attendance(db: Session, user: User | None, *, class_id, subject_id, period_id, student_id, lesson_id, status,
                   version=None, today: date | None = None, ctx=None) -> Attendance | None:
    """Set a student's attendance mark at a lesson (absent, valid, ill, late), or clear it ("" or
    "present": no row means present). `version`: the version the client saw, None if it saw no mark."""
    _ctx, student, lesson = _cell(db, user, class_id, subject_id, period_id, student_id, lesson_id, today, ctx)
    code = "" if status is None else str(status).strip()
    if code not in ATTENDANCE_STATUSES and code not in ATTENDANCE_CLEAR:
        raise ValidationError({"status": "journal.attendance_unknown"})
    expected = parse_version(version)
    lock_lesson(db, lesson)
    row = db.exec(select(Attendance).where(Attendance.student_id == student.id,
                                           Attendance.lesson_id == lesson.id)).first()
    now = utcnow()
    if row is None:
        if expected is not None:
            raise _attendance_conflict(db, None)
        if code in ATTENDANCE_CLEAR:
            return None
        row = Attendance(student_id=student.id, lesson_id=lesson.id, date=lesson.date, status=code,
                         set_by=user.id, updated_at=now)
        db.add(row)
        db.flush()
        alerts.on_attendance_saved(db, row, None)
        changes.announce(db, changes.of_child(student.id, "attendance"))
        return row
    if expected != row.version:
        raise _attendance_conflict(db, row)
    if code in ATTENDANCE_CLEAR:
        gone = db.execute(delete(Attendance).where(Attendance.id == row.id, Attendance.version == expected)
                          .execution_options(synchronize_session=False))
        if gone.rowcount != 1:
            db.refresh(row)
            raise _attendance_conflict(db, row)
        db.expunge(row)
        lesson.updated_at = now
        db.add(lesson)
        db.flush()
        alerts.on_attendance_saved(db, row, row.status, deleted=True)
        changes.announce(db, changes.of_child(student.id, "attendance"))
        return None
    if row.status == code:
        return row
    old_status = row.status
    changed = db.execute(
        update(Attendance).where(Attendance.id == row.id, Attendance.version == expected)
        .values(status=code, set_by=user.id, version=expected + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.refresh(row)
    if changed.rowcount != 1:
        raise _attendance_conflict(db, row)
    alerts.on_attendance_saved(db, row, old_status)
    changes.announce(db, changes.of_child(student.id, "attendance"))
    return row


def set_topic(db: Session, user: User | None, *, class_id, subject_id, lesson_id, topic) -> Lesson:
    """The topic of a lesson of this journal (any date: teachers plan ahead)."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    lesson = journal_lesson(db, ctx, lesson_id)
    text = clean_text(topic, 300, "topic")
    if lesson.topic != text:
        lesson.topic = text
        lesson.updated_at = utcnow()
        db.add(lesson)
        db.flush()
        changes.announce(db, changes.of_class(lesson.class_id, "lesson"))
    return lesson


def _next_lesson_date(db: Session, lesson: Lesson) -> date | None:
    return db.exec(
        select(Lesson.date)
        .where(Lesson.class_id == lesson.class_id, Lesson.subject_id == lesson.subject_id,
               Lesson.date > lesson.date, Lesson.cancelled == False)  # noqa: E712
        .order_by(Lesson.date)
    ).first()


def set_homework(db: Session, user: User | None, *, class_id, subject_id, lesson_id, text, due_date=None
                 ) -> Homework | None:
    """The homework set at a lesson: text and due date (by default the subject's next lesson; not
    before the lesson, not after the study year). Empty text removes it."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    lesson = journal_lesson(db, ctx, lesson_id)
    body = clean_text(text, 2000, "homework")
    due = parse_date(due_date, "due_date")
    existing = lesson_homework(db, lesson.id)
    now = utcnow()
    if not body:
        if existing is not None:
            db.delete(existing)
            lesson.updated_at = now
            db.add(lesson)
            db.flush()
            changes.announce(db, changes.of_class(lesson.class_id, "homework"))
        return None
    if due is None:
        due = _next_lesson_date(db, lesson)
        if due is None:
            raise ValidationError({"due_date": "journal.hw_due_required"})
    if due < lesson.date:
        raise ValidationError({"due_date": "journal.hw_due_before_lesson"})
    year = db.get(StudyYear, ctx.school_class.year_id)
    if year is not None and due > year.end_date:
        raise ValidationError({"due_date": "journal.hw_due_after_year"})
    if existing is None:
        existing = Homework(lesson_id=lesson.id, class_id=lesson.class_id, subject_id=lesson.subject_id,
                            text=body, due_date=due, created_by=user.id, created_at=now, updated_at=now)
    elif existing.text == body and existing.due_date == due:
        return existing
    else:
        existing.text, existing.due_date, existing.updated_at = body, due, now
    db.add(existing)
    db.flush()
    changes.announce(db, changes.of_class(lesson.class_id, "homework"))
    return existing


def lesson_content(lesson: Lesson, homework: Homework | None) -> dict[str, str]:
    """What the lesson editor shows: {"topic", "homework", "due_date" (ISO or "")}."""
    return {"topic": lesson.topic or "", "homework": homework.text if homework else "",
            "due_date": homework.due_date.isoformat() if homework else ""}


def save_lesson(db: Session, user: User | None, *, class_id, subject_id, lesson_id, topic, homework,
                due_date=None, seen: dict | None = None) -> Lesson:
    """The lesson editor's save: the topic and the homework together, all or nothing. `seen` is what the
    editor showed (lesson_content); if someone has changed the lesson since, to something other than what
    is being saved, Conflict carries what is there now and nothing is written (None: no check)."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    lesson = journal_lesson(db, ctx, lesson_id)
    lock_lesson(db, lesson)
    mine = (clean_text(topic, 300, "topic"), clean_text(homework, 2000, "homework"))
    if seen is not None:
        db.refresh(lesson)
        now = lesson_content(lesson, lesson_homework(db, lesson.id))
        if now != {k: str(seen.get(k) or "") for k in now} and (now["topic"], now["homework"]) != mine:
            raise Conflict("journal.conflict_lesson", current=now, topic=now["topic"] or "—",
                           homework=now["homework"] or "—")
    common = {"class_id": class_id, "subject_id": subject_id, "lesson_id": lesson.id}
    # the homework first: its checks raise before anything is written, and the topic's already passed
    set_homework(db, user, **common, text=homework, due_date=due_date)
    set_topic(db, user, **common, topic=topic)
    return lesson


def mark_history(db: Session, user: User | None, *, class_id, subject_id, student_id, lesson_id) -> list[dict]:
    """The story of the marks in one cell (removed marks included), oldest first: for each mark, who gave
    it and when (from the Mark: its first value is the first change's old value), then every change:
    {mark_id, old, new, old_kind, new_kind (WorkKind ids), by (name), at (naive UTC), reason}."""
    ctx = journal_context(db, user, class_id, subject_id, None)
    lesson = journal_lesson(db, ctx, lesson_id)
    student = class_student(db, ctx, student_id)
    marks = list(db.exec(select(Mark, User).join(User, User.id == Mark.teacher_id)
                         .where(Mark.student_id == student.id, Mark.lesson_id == lesson.id).order_by(Mark.id)))
    changes = db.exec(
        select(MarkHistory, User)
        .join(User, User.id == MarkHistory.changed_by)
        .where(MarkHistory.mark_id.in_([m.id for m, _ in marks]))
        .order_by(MarkHistory.changed_at, MarkHistory.id)
    ).all()
    first: dict[int, MarkHistory] = {}
    for h, _ in changes:
        first.setdefault(h.mark_id, h)
    story = []
    for m, giver in marks:
        given = first[m.id] if m.id in first else None
        value = given.old_value if given else (None if m.deleted else m.value)
        kind = given.old_work_kind_id if given else m.work_kind_id
        story.append({"mark_id": m.id, "old": None, "new": value, "old_kind": None, "new_kind": kind,
                      "by": short_name(giver), "at": m.created_at, "reason": ""})
    story += [
        {"mark_id": h.mark_id, "old": h.old_value, "new": h.new_value, "old_kind": h.old_work_kind_id,
         "new_kind": h.new_work_kind_id, "by": short_name(u), "at": h.changed_at, "reason": h.reason}
        for h, u in changes
    ]
    return sorted(story, key=lambda r: (r["at"], r["old"] is not None))
