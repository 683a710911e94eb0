"""The timetable as staff edit it: a week grid per class (slots valid from / to), refusing a teacher
or a room booked twice at the same time; each slot's dated lessons (inside the year's periods, not on
holidays) are written at once, so the journal and the diary have them; a lesson on a date may be
cancelled or taught by a substitute (Lesson.cancelled / substitute_teacher_id, stamped updated_at so
that the parents' live diary picks the change up)."""

from datetime import date, time, timedelta

from sqlmodel import Session, col, select

from mrko_app.models import (
    Attendance,
    Holiday,
    Homework,
    Lesson,
    Mark,
    SchoolClass,
    StudyPeriod,
    StudyYear,
    Subject,
    TeachingAssignment,
    TimetableSlot,
    User,
)
from mrko_app.models.base import utcnow
from mrko_app.services import changes
from mrko_app.services.errors import NotFound, ValidationError
from mrko_app.services.ids import parse_id, require_id
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.classes import school_teacher, staff_class
from mrko_app.services.school_admin.dates import fmt, parse_date
from mrko_app.services.school_admin.scope import school_for_staff

WEEKDAYS = range(6)  # Monday .. Saturday
ROOM_MAX = 20


def class_slots(db: Session, staff: User | None, school_id, class_id) -> tuple[SchoolClass, list[TimetableSlot]]:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    slots = db.exec(select(TimetableSlot).where(TimetableSlot.class_id == school_class.id)
                    .order_by(TimetableSlot.weekday, TimetableSlot.lesson_number, TimetableSlot.valid_from)).all()
    return school_class, list(slots)


def _busy(db: Session, school_class: SchoolClass, weekday: int, start: time, end: time, valid_from: date,
          valid_to: date, teacher_id: int, room: str) -> dict[str, tuple[str, dict]]:
    """Who is booked already at that time: the class itself, the teacher (in any class of any school:
    a teacher may work at several), the room (in this school)."""
    rows = db.exec(select(TimetableSlot, SchoolClass).join(SchoolClass, SchoolClass.id == TimetableSlot.class_id)
                   .where(TimetableSlot.weekday == weekday, TimetableSlot.start_time < end,
                          TimetableSlot.end_time > start, TimetableSlot.valid_from <= valid_to,
                          TimetableSlot.valid_to >= valid_from)).all()
    found: dict[str, tuple[str, dict]] = {}
    for slot, other in rows:
        where = {"class_name": other.name, "lesson": slot.lesson_number, "from": fmt(slot.valid_from),
                 "to": fmt(slot.valid_to)}
        if other.id == school_class.id:
            found.setdefault("lesson_number", ("school_admin.class_busy", where))
        if slot.teacher_id == teacher_id:
            found.setdefault("teacher_id", ("school_admin.teacher_busy", where))
        if room and slot.room == room and other.school_id == school_class.school_id:
            found.setdefault("room", ("school_admin.room_busy", where))
    return found


def _year_days(db: Session, school_class: SchoolClass, weekday: int, start: date, end: date) -> list[date]:
    periods = db.exec(select(StudyPeriod).where(StudyPeriod.year_id == school_class.year_id)).all()
    holidays = db.exec(select(Holiday).where(Holiday.year_id == school_class.year_id)).all()
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    days = []
    while day <= end:
        if any(p.start_date <= day <= p.end_date for p in periods) and \
                not any(h.start_date <= day <= h.end_date for h in holidays):
            days.append(day)
        day += timedelta(days=7)
    return days


def save_slot(db: Session, staff: User | None, school_id, class_id, form: dict) -> TimetableSlot:
    """Fields: weekday (0 = Monday), lesson_number (its times from the bell schedule), subject_id,
    teacher_id, room, valid_from, valid_to (inside the class's year). Refused with the clash named."""
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    year = db.get(StudyYear, school_class.year_id)
    errors: dict[str, str] = {}
    weekday, number = parse_id(str(form.get("weekday", "")).strip() or "x"), parse_id(form.get("lesson_number"))
    weekday = 0 if str(form.get("weekday", "")).strip() == "0" else weekday
    if weekday is None or weekday not in WEEKDAYS:
        errors["weekday"] = "error.invalid"
    bell = (school.bells or {}).get(str(number)) if number else None
    if bell is None:
        errors["lesson_number"] = "school_admin.no_bell"
    subject = db.get(Subject, parse_id(form.get("subject_id")) or 0)
    if subject is None or subject.school_id != school.id:
        errors["subject_id"] = "school_admin.subject_unknown"
    teacher = school_teacher(db, school.id, form.get("teacher_id"), "teacher_id", errors)
    room = " ".join(str(form.get("room") or "").split())
    if len(room) > ROOM_MAX:
        errors["room"] = "school_admin.too_long"
    start = parse_date(form.get("valid_from")) if form.get("valid_from") else year.start_date
    end = parse_date(form.get("valid_to")) if form.get("valid_to") else year.end_date
    if start is None:
        errors["valid_from"] = "school_admin.date_invalid"
    if end is None:
        errors["valid_to"] = "school_admin.date_invalid"
    elif start and (start > end or start < year.start_date or end > year.end_date):
        errors["valid_to"] = "school_admin.slot_dates"
    if errors:
        raise ValidationError(errors)
    begins, ends = time.fromisoformat(bell[0]), time.fromisoformat(bell[1])
    clash = _busy(db, school_class, weekday, begins, ends, start, end, teacher.id, room)
    if clash:
        field_name, (key, params) = next(iter(clash.items()))
        raise ValidationError({field_name: key}, **params)
    slot = TimetableSlot(class_id=school_class.id, weekday=weekday, lesson_number=number, start_time=begins,
                         end_time=ends, subject_id=subject.id, teacher_id=teacher.id, room=room, valid_from=start,
                         valid_to=end)
    db.add(slot)
    db.flush()
    if db.exec(select(TeachingAssignment.id).where(TeachingAssignment.class_id == school_class.id,
                                                   TeachingAssignment.subject_id == subject.id,
                                                   TeachingAssignment.teacher_id == teacher.id)).first() is None:
        db.add(TeachingAssignment(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id))
    taken = set(db.exec(select(Lesson.date).where(Lesson.class_id == school_class.id, Lesson.lesson_number == number,
                                                  Lesson.date >= start, Lesson.date <= end)).all())
    for day in _year_days(db, school_class, weekday, start, end):
        if day not in taken:
            db.add(Lesson(class_id=school_class.id, subject_id=subject.id, teacher_id=teacher.id, slot_id=slot.id,
                          date=day, lesson_number=number, start_time=begins, end_time=ends, room=room))
    db.flush()
    changes.announce(db, changes.of_class(school_class.id, "lesson"))  # the class's diary shows the slots
    audit.record(db, staff, school.id, "timetable.add", f"{school_class.name} · {subject.name_ru}", {},
                 {"weekday": weekday, "lesson": number, "teacher": teacher.full_name, "room": room,
                  "from": start, "to": end})
    return slot


def _used(db: Session, lesson_ids: list[int]) -> set[int]:
    used = set()
    for model in (Mark, Attendance, Homework):
        used |= set(db.exec(select(model.lesson_id).where(col(model.lesson_id).in_(lesson_ids))).all())
    return used


def end_slot(db: Session, staff: User | None, school_id, slot_id, last_day=None) -> TimetableSlot:
    """The slot stops after `last_day` (default: removed from its start); its later lessons go unless
    something was written at them (marks, attendance, homework): those stay."""
    school = school_for_staff(db, staff, school_id)
    slot = db.get(TimetableSlot, require_id(slot_id))
    school_class = db.get(SchoolClass, slot.class_id) if slot else None
    if school_class is None or school_class.school_id != school.id:
        raise NotFound()
    last = parse_date(last_day) if last_day else slot.valid_from - timedelta(days=1)
    if last is None:
        raise ValidationError({"valid_to": "school_admin.date_invalid"})
    lessons = db.exec(select(Lesson).where(Lesson.slot_id == slot.id, Lesson.date > last)).all()
    used = _used(db, [x.id for x in lessons])
    for lesson in lessons:
        if lesson.id not in used:
            db.delete(lesson)
    before = {"to": slot.valid_to}
    if last < slot.valid_from:
        for lesson in lessons:
            if lesson.id in used:
                lesson.slot_id = None
                db.add(lesson)
        db.flush()
        db.delete(slot)
    else:
        slot.valid_to = last
        db.add(slot)
    db.flush()
    changes.announce(db, changes.of_class(school_class.id, "lesson"))
    audit.record(db, staff, school.id, "timetable.end", school_class.name, before, {"to": last})
    return slot


def lesson_on(db: Session, staff: User | None, school_id, class_id, day, lesson_number) -> Lesson:
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    when, number = parse_date(day), parse_id(lesson_number)
    lesson = None
    if when and number:
        lesson = db.exec(select(Lesson).where(Lesson.class_id == school_class.id, Lesson.date == when,
                                              Lesson.lesson_number == number)).first()
    if lesson is None:
        raise ValidationError({"lesson": "school_admin.no_lesson"})
    return lesson


def change_lesson(db: Session, staff: User | None, school_id, class_id, form: dict) -> Lesson:
    """Fields: date, lesson_number, action (cancel | restore | substitute), substitute_teacher_id."""
    school = school_for_staff(db, staff, school_id)
    lesson = lesson_on(db, staff, school.id, class_id, form.get("date"), form.get("lesson_number"))
    action = form.get("action")
    before = {"cancelled": lesson.cancelled, "substitute": lesson.substitute_teacher_id}
    errors: dict[str, str] = {}
    if action == "cancel":
        lesson.cancelled = True
    elif action == "restore":
        lesson.cancelled, lesson.substitute_teacher_id = False, None
    elif action == "substitute":
        teacher = school_teacher(db, school.id, form.get("substitute_teacher_id"), "substitute_teacher_id", errors)
        if teacher is not None and teacher.id == lesson.teacher_id:
            errors["substitute_teacher_id"] = "school_admin.substitute_same"
        if not errors:
            lesson.cancelled, lesson.substitute_teacher_id = False, teacher.id
    else:
        errors["action"] = "error.invalid"
    if errors:
        raise ValidationError(errors)
    lesson.updated_at = utcnow()
    db.add(lesson)
    db.flush()
    school_class = db.get(SchoolClass, lesson.class_id)
    changes.announce(db, changes.of_class(school_class.id, "lesson"))
    audit.record(db, staff, school.id, f"lesson.{action}", f"{school_class.name} {fmt(lesson.date)} "
                 f"#{lesson.lesson_number}", before,
                 {"cancelled": lesson.cancelled, "substitute": lesson.substitute_teacher_id})
    return lesson
