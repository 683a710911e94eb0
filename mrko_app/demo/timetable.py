"""The weekly timetable (no teacher in two places at once) and the dated lessons of the whole year."""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session

from mrko_app.demo.bulk import insert_ids
from mrko_app.demo.calendar import YEAR_END, YEAR_START, Calendar, stamp
from mrko_app.demo.people import ClassPlan, TeacherPlan
from mrko_app.demo.subjects import BELLS, BY_CODE, CURRICULUM, GROUP_OF
from mrko_app.demo.texts import lesson_topic, topics
from mrko_app.models import Lesson, TeachingAssignment, TimetableSlot

TIMES = [(time.fromisoformat(a), time.fromisoformat(b)) for a, b in BELLS]
@dataclass
class SlotPlan:
    class_name: str
    weekday: int
    number: int
    code: str
    teacher: int
    id: int = 0


@dataclass(slots=True)
class LessonInfo:
    class_name: str
    grade: int
    code: str
    teacher: int
    substitute: int | None
    slot: SlotPlan
    date: date
    cancelled: bool
    seq: int = -1  # position among the class's non-cancelled lessons of this subject
    topic: str = ""  # the subject-matter topic ("Обыкновенные дроби")
    title: str = ""  # what the journal shows ("Контрольная работа №2: Обыкновенные дроби")
    kind: str | None = None  # whole-class work: independent | test | control | exam
    id: int = 0


def day_counts(total: int) -> list[int]:
    base, extra = divmod(total, 5)
    counts = [base] * 5
    for day in (1, 2, 3, 0, 4)[:extra]:
        counts[day] += 1
    if max(counts) > len(TIMES):
        raise ValueError(f"{total} lessons a week do not fit in {len(TIMES)} a day")
    return counts


def _place(items, counts, busy, rng: random.Random):
    """Put one class's lessons into its day grid, or None when the greedy pass gets stuck."""
    free = {(d, n) for d in range(5) for n in range(1, counts[d] + 1)}
    placed: dict[tuple[int, int], tuple[str, int]] = {}
    per_day: Counter = Counter()
    hours = Counter(code for code, _ in items)
    remaining = list(items)
    rng.shuffle(remaining)
    while remaining:
        options = [[p for p in sorted(free) if p not in busy[t]] for _code, t in remaining]
        best = min(range(len(remaining)), key=lambda i: len(options[i]))
        code, teacher = item = remaining.pop(best)
        opts = options[best]
        if not opts:  # move a placed lesson whose teacher is free elsewhere
            for q in sorted(placed):
                if q in busy[teacher]:
                    continue
                other = placed[q]
                spot = next((r for r in sorted(free) if r not in busy[other[1]]), None)
                if spot is not None:
                    placed[spot] = other
                    free.remove(spot)
                    per_day[(spot[0], other[0])] += 1
                    per_day[(q[0], other[0])] -= 1
                    placed[q] = item
                    per_day[(q[0], code)] += 1
                    break
            else:
                return None
            continue
        limit = 1 if hours[code] <= 5 else 2

        def score(p):
            same = per_day[(p[0], code)]
            return same * 10 + (50 if same >= limit else 0) + rng.random()

        spot = min(opts, key=score)
        placed[spot] = item
        free.remove(spot)
        per_day[(spot[0], code)] += 1
    return placed


def _repeats(placed: dict, items: list) -> int:
    """How many lessons repeat a subject on a day more often than it should (once; twice at 6+ a week)."""
    hours = Counter(code for code, _ in items)
    per_day = Counter((day, code) for (day, _n), (code, _t) in placed.items())
    return sum(max(0, n - (1 if hours[code] <= 5 else 2)) for (_day, code), n in per_day.items())


def build_timetable(classes: list[ClassPlan], teaching: dict, rng: random.Random, tries: int = 200) -> list[SlotPlan]:
    busy: dict[int, set] = defaultdict(set)
    slots: list[SlotPlan] = []
    for cls in classes:
        items = [(code, teaching[(cls.name, code)]) for code, h in CURRICULUM[cls.grade] for _ in range(h)]
        counts = day_counts(len(items))
        best, best_penalty = None, None
        for _ in range(tries):
            placed = _place(items, counts, busy, rng)
            if placed is None:
                continue
            penalty = _repeats(placed, items)
            if best is None or penalty < best_penalty:
                best, best_penalty = placed, penalty
            if penalty == 0:
                break
        if best is None:
            raise RuntimeError(f"could not build a timetable for {cls.name}")
        placed = best
        for (day, number), (code, teacher) in sorted(placed.items()):
            busy[teacher].add((day, number))
            slots.append(SlotPlan(cls.name, day, number, code, teacher))
    return slots


def insert_timetable(session: Session, cal: Calendar, classes: list[ClassPlan], teachers: list[TeacherPlan],
                     teaching: dict, slots: list[SlotPlan]) -> None:
    class_ids = {c.name: c.id for c in classes}
    insert_ids(session, TeachingAssignment, [
        {"class_id": class_ids[name], "subject_id": cal.subjects[code], "teacher_id": teachers[t].user.id}
        for (name, code), t in sorted(teaching.items())])
    rows = [{"class_id": class_ids[s.class_name], "weekday": s.weekday, "lesson_number": s.number,
             "start_time": TIMES[s.number - 1][0], "end_time": TIMES[s.number - 1][1],
             "subject_id": cal.subjects[s.code], "teacher_id": teachers[s.teacher].user.id,
             "room": teachers[s.teacher].room, "valid_from": YEAR_START, "valid_to": YEAR_END} for s in slots]
    for slot, sid in zip(slots, insert_ids(session, TimetableSlot, rows)):
        slot.id = sid


def _substitute(rng, slot: SlotPlan, day: date, busy: set, taken: set, teachers: list[TeacherPlan]) -> int | None:
    group = GROUP_OF[slot.code]
    free = [i for i in range(len(teachers)) if i != slot.teacher and (i, slot.weekday, slot.number) not in busy
            and (i, day, slot.number) not in taken]
    same = [i for i in free if group in teachers[i].group_classes]
    pool = same or free
    if not pool:
        return None
    choice = rng.choice(pool)
    taken.add((choice, day, slot.number))
    return choice


def plan_lessons(cal: Calendar, classes: list[ClassPlan], teachers: list[TeacherPlan], slots: list[SlotPlan],
                 rng: random.Random) -> dict[str, dict[str, list[LessonInfo]]]:
    """Every lesson of the year, per class and subject in date order (cancelled ones included)."""
    grade = {c.name: c.grade for c in classes}
    by_day: dict[tuple[str, int], list[SlotPlan]] = defaultdict(list)
    for slot in slots:
        by_day[(slot.class_name, slot.weekday)].append(slot)
    busy = {(s.teacher, s.weekday, s.number) for s in slots}
    taken: set = set()
    out: dict[str, dict[str, list[LessonInfo]]] = {c.name: defaultdict(list) for c in classes}
    for day in cal.school_days:
        for cls in classes:
            for slot in by_day[(cls.name, day.weekday())]:
                cancelled = rng.random() < 0.004
                sub = None
                if not cancelled and rng.random() < 0.006:
                    sub = _substitute(rng, slot, day, busy, taken, teachers)
                out[cls.name][slot.code].append(
                    LessonInfo(cls.name, grade[cls.name], slot.code, slot.teacher, sub, slot, day, cancelled))
    for per_class in out.values():
        for seq in per_class.values():
            _plan_topics(cal, seq)
    return out


def _plan_topics(cal: Calendar, seq: list[LessonInfo]) -> None:
    """Spread the subject's topics over its lessons and mark which lessons are whole-class work."""
    held = [lesson for lesson in seq if not lesson.cancelled]
    if not held:
        return
    first = held[0]
    spec = BY_CODE[first.code]
    names = topics(first.code, first.grade)
    n, m = len(held), len(names)
    exams = set()
    if spec.exam:
        for number in ((2, 4) if first.grade == 9 else (4,)):
            inside = [i for i, lesson in enumerate(held) if cal.period_of[lesson.date] == number]
            if inside:
                exams.add(inside[-1])
    controls = tests = 0
    last_topic, position = -1, 0
    for i, lesson in enumerate(held):
        lesson.seq = i
        j = i * m // n
        position = position + 1 if j == last_topic else 0
        last_topic = j
        lesson.topic = names[j]
        if i in exams:
            lesson.kind = "exam"
            lesson.title = "Пробный ОГЭ" if first.grade == 9 else "Промежуточная аттестация"
        elif spec.control_every and i % spec.control_every == spec.control_every - 1:
            controls += 1
            lesson.kind = "control"
            lesson.title = f"{spec.control_label} №{controls}: {names[j]}"
        elif spec.test_every and i % spec.test_every == spec.test_every // 2:
            tests += 1
            lesson.kind = spec.test_kind
            lesson.title = f"{spec.test_label} №{tests}: {names[j]}"
        else:
            lesson.title = lesson_topic(first.code, names[j], position)


def insert_lessons(session: Session, cal: Calendar, classes: list[ClassPlan], teachers: list[TeacherPlan],
                   lessons: dict[str, dict[str, list[LessonInfo]]], today: date) -> list[LessonInfo]:
    class_ids = {c.name: c.id for c in classes}
    flat = sorted((lesson for per_class in lessons.values() for seq in per_class.values() for lesson in seq),
                  key=lambda x: (x.date, class_ids[x.class_name], x.slot.number))
    rows = []
    for x in flat:
        start, end = TIMES[x.slot.number - 1]
        rows.append({
            "class_id": class_ids[x.class_name], "subject_id": cal.subjects[x.code],
            "teacher_id": teachers[x.teacher].user.id, "slot_id": x.slot.id, "date": x.date,
            "lesson_number": x.slot.number, "start_time": start, "end_time": end, "room": teachers[x.teacher].room,
            "topic": x.title if x.date <= today and not x.cancelled else "", "cancelled": x.cancelled,
            "substitute_teacher_id": teachers[x.substitute].user.id if x.substitute is not None else None,
            "updated_at": stamp(min(x.date, today), start),
        })
    for x, lid in zip(flat, insert_ids(session, Lesson, rows)):
        x.id = lid
    return flat
