"""The class journal up to `today`: attendance, marks (with debts and corrected marks), homework, period marks."""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlmodel import Session

from mrko_app.demo.bulk import Writer, insert_ids, insert_rows
from mrko_app.demo.calendar import Calendar, proposed_mark, stamp
from mrko_app.demo.people import ClassPlan, StudentPlan
from mrko_app.demo.subjects import BY_CODE, CURRICULUM
from mrko_app.demo.texts import ABSENCE_NOTES, CHANGE_REASONS, OVERRIDE_REASON, homework_text, mark_comment
from mrko_app.demo.timetable import TIMES, LessonInfo
from mrko_app.models import Attendance, FinalMark, Homework, Mark, MarkHistory
from mrko_app.services.gradebook import rules as gradebook

KIND_SHIFT = {"answer": 0.0, "homework": 0.15, "independent": -0.1, "test": -0.1, "control": -0.25, "exam": -0.3}
CHANGEABLE = ("answer", "homework", "independent", "test")
DEBT_WINDOW = timedelta(days=14)


@dataclass
class Journal:
    session: Session
    cal: Calendar
    today: date
    rng: random.Random
    teacher_ids: list[int]
    featured: set[int] = field(default_factory=set)  # students who get one corrected mark for the demo
    overrides: int = 1  # period marks the teacher sets one above the proposal (with a reason)
    writer: Writer | None = None
    sums: dict = field(default_factory=lambda: defaultdict(gradebook.Totals))
    changed: list = field(default_factory=list)  # (mark row, history row without mark_id)

    def __post_init__(self):
        self.writer = self.writer or Writer(self.session)

    # --- marks -----------------------------------------------------------------------------------
    def _value(self, student: StudentPlan, code: str, kind: str) -> int:
        bias = student.subject_bias.get(code)
        if bias is None:
            bias = student.subject_bias[code] = self.rng.gauss(0, 0.25)
        raw = self.rng.gauss(student.ability + bias + KIND_SHIFT[kind], student.spread)
        return max(self.cal.mark_min, min(self.cal.mark_max, math.floor(raw + 0.5)))

    def _mark(self, student: StudentPlan, lesson: LessonInfo, kind: str, teacher_id: int, comment: str,
              debt: bool = False) -> None:
        kind_id, weight = self.cal.kinds[kind]
        created = stamp(lesson.date, TIMES[lesson.slot.number - 1][1])
        value = None if debt else self._value(student, lesson.code, kind)
        row = {
            "student_id": student.id, "lesson_id": lesson.id, "subject_id": self.cal.subjects[lesson.code],
            "date": lesson.date, "value": value, "is_debt": debt,
            "debt_due": lesson.date + DEBT_WINDOW if debt else None, "work_kind_id": kind_id, "weight": weight,
            "comment": comment, "teacher_id": teacher_id, "version": 1, "deleted": False,
            "created_at": created, "updated_at": created,
        }
        if value == 3 and kind in CHANGEABLE and (student.id in self.featured or self.rng.random() < 0.002):
            self.featured.discard(student.id)
            changed_at = created + timedelta(days=self.rng.randint(1, 3), hours=self.rng.randint(1, 5))
            if changed_at.date() > self.today:
                changed_at = created + timedelta(hours=2)
            row.update(value=4, version=2, updated_at=changed_at)
            history = {"student_id": student.id, "old_value": 3, "new_value": 4, "old_work_kind_id": kind_id,
                       "new_work_kind_id": kind_id, "changed_by": teacher_id, "changed_at": changed_at,
                       "reason": self.rng.choice(CHANGE_REASONS)}
            self.changed.append((row, history))
            value = 4
        else:
            self.writer.add(Mark, row)
        if value is not None:
            self.sums[(student.id, lesson.code, self.cal.period_of[lesson.date])].add(
                gradebook.MarkEntry(value, weight, lesson.date))

    # --- one class -------------------------------------------------------------------------------
    def _day_statuses(self, students: list[StudentPlan], days: list[date]) -> dict:
        """Whole days missed: illnesses of 2-5 school days, and the odd competition or family day."""
        rng, out = self.rng, {}
        for s in students:
            sick = 0
            for day in days:
                if not s.enrolled(day):
                    continue
                if sick:
                    out[(s.id, day)] = "ill"
                    sick -= 1
                    continue
                x = rng.random()
                if x < 0.008:
                    out[(s.id, day)] = "ill"
                    sick = rng.randint(1, 4)
                elif x < 0.011:
                    out[(s.id, day)] = "valid"
        return out

    def run_class(self, cls: ClassPlan, students: list[StudentPlan], lessons: dict[str, list[LessonInfo]]) -> None:
        rng, today, cal, writer = self.rng, self.today, self.cal, self.writer
        days = sorted({x.date for seq in lessons.values() for x in seq if x.date <= today})
        statuses = self._day_statuses(students, days)
        for code in sorted(lessons):
            seq = [x for x in lessons[code] if not x.cancelled]
            spec = BY_CODE[code]
            weekly = dict(CURRICULUM[cls.grade])[code]
            counts = {s.id: 0 for s in students}
            homework_set, previous_topic = False, ""
            for i, lesson in enumerate(seq):
                if lesson.date > today:
                    break
                teacher = lesson.substitute if lesson.substitute is not None else lesson.teacher
                tid = self.teacher_ids[teacher]
                start = TIMES[lesson.slot.number - 1][0]
                present, missing = [], []
                for s in students:
                    if not s.enrolled(lesson.date):
                        continue
                    status = statuses.get((s.id, lesson.date))
                    if status is None:
                        x = rng.random()
                        p_absent = 0.004 if s.ability > 3.3 else 0.012
                        status = "absent" if x < p_absent else "late" if x < p_absent + 0.006 else None
                    if status:
                        notes = ABSENCE_NOTES.get(status)
                        writer.add(Attendance, {
                            "student_id": s.id, "lesson_id": lesson.id, "date": lesson.date, "status": status,
                            "note": rng.choice(notes) if notes else "", "set_by": tid, "version": 1,
                            "updated_at": stamp(lesson.date, start)})
                    (present if status in (None, "late") else missing).append(s)
                if lesson.kind:
                    for s in present:
                        self._mark(s, lesson, lesson.kind, tid, lesson.title)
                        counts[s.id] += 1
                    if lesson.kind in ("control", "exam") and today - lesson.date <= DEBT_WINDOW:
                        for s in missing:
                            self._mark(s, lesson, lesson.kind, tid, f"Не написана работа: {lesson.title}", debt=True)
                else:
                    k = rng.randint(3, 6) + (4 if weekly <= 2 else 0) + (4 if not spec.test_every else 0)
                    k = max(1, round(k * len(present) / 25))
                    order = sorted(present, key=lambda s: counts[s.id] + rng.random() * 1.5)
                    for s in order[:k]:
                        self._mark(s, lesson, "answer", tid, mark_comment(rng, "answer", lesson.topic))
                        counts[s.id] += 1
                    if homework_set:
                        for s in order[k:k + rng.choice((0, 1, 2, 2, 3))]:
                            self._mark(s, lesson, "homework", tid, mark_comment(rng, "homework", previous_topic))
                            counts[s.id] += 1
                homework_set = rng.random() < spec.homework_share
                due = next((x.date for x in seq[i + 1:] if x.date > lesson.date), None)
                if homework_set and due:
                    at = stamp(lesson.date, start) + timedelta(minutes=40)
                    writer.add(Homework, {
                        "lesson_id": lesson.id, "class_id": cls.id, "subject_id": cal.subjects[code],
                        "text": homework_text(rng, code, lesson.seq), "due_date": due, "created_by": tid,
                        "created_at": at, "updated_at": at})
                homework_set = homework_set and due is not None
                previous_topic = lesson.topic

    # --- after every class -----------------------------------------------------------------------
    def write_changed(self) -> None:
        if not self.changed:
            return
        ids = insert_ids(self.session, Mark, [row for row, _ in self.changed])
        insert_rows(self.session, MarkHistory, [dict(h, mark_id=mid) for (_, h), mid in zip(self.changed, ids)])

    def finals(self, classes: list[ClassPlan], students: dict[str, list[StudentPlan]], teaching: dict) -> None:
        """Period marks for every period already over, confirmed by the subject teacher; a year mark at the end."""
        cal, rng = self.cal, self.rng
        ended = [p for p in cal.periods if p.end < self.today]
        rows = []
        for cls in classes:
            for code, _hours in CURRICULUM[cls.grade]:
                teacher = self.teacher_ids[teaching[(cls.name, code)]]
                subject = cal.subjects[code]
                for s in students[cls.name]:
                    values = []
                    for period in ended:
                        acc = self.sums.get((s.id, code, period.number))
                        if not s.enrolled(period.end) or not acc or acc.average is None:
                            continue
                        average = float(acc.average)
                        proposed = proposed_mark(acc.average, cal.thresholds, cal.mark_min, cal.mark_max)
                        value, reason = proposed, ""
                        if self.overrides and proposed < cal.mark_max:
                            bound = cal.thresholds[str(proposed + 1)]
                            if bound - 0.06 <= average < bound:
                                value, reason = proposed + 1, OVERRIDE_REASON
                                self.overrides -= 1
                        values.append(value)
                        rows.append(self._final(s, subject, period.id, value, proposed, average, reason, teacher,
                                                period.end + timedelta(days=rng.randint(0, 2))))
                    if len(ended) == len(cal.periods) and len(values) == len(ended) and s.status == "studying":
                        average = float(gradebook.mean(values))
                        proposed = gradebook.year_mark(
                            values, gradebook.GradingRules(cal.mark_min, cal.mark_max, cal.thresholds))
                        rows.append(self._final(s, subject, None, proposed, proposed, average, "", teacher,
                                                cal.periods[-1].end + timedelta(days=2)))
        insert_rows(self.session, FinalMark, rows)

    def _final(self, s, subject, period_id, value, proposed, average, reason, teacher, day) -> dict:
        return {"student_id": s.id, "subject_id": subject, "year_id": self.cal.year_id, "period_id": period_id,
                "value": value, "proposed_value": proposed, "average": average, "reason": reason,
                "confirmed_by": teacher, "confirmed_at": stamp(day, time(15, 0)), "version": 1}
