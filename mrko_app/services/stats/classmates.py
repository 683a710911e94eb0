"""Where a child stands in the class, per subject, as aggregates only.

The classmates' marks are summed in the database (one GROUP BY query: per student and subject, the sum
of value*weight and the sum of weights, gradebook.sql_totals) and reduced here to the class average
(gradebook.mean of the students' averages) and the child's band. What
leaves this module is numbers about the whole class: no student id, no name, no single classmate's
average or mark. A subject with fewer than MIN_STUDENTS students with marks gets no comparison at all
(a class average of two or three children would say too much about each of them).

The reduced standings of a class and period are remembered by the worker (`class_standings`, the one
memo of services/changes) until a mark of the class or of a counted pupil changes: a visit costs a
bisection per subject instead of the GROUP BY and the sums.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from fractions import Fraction

from sqlmodel import Session, col, select

from mrko_app.models import Mark, Student
from mrko_app.services import changes, school_calendar
from mrko_app.services.gradebook.rules import average_of_totals, display_average, mean, sql_totals

MIN_STUDENTS = 5
BANDS = ((Fraction(3, 4), "top"), (Fraction(1, 2), "upper"), (Fraction(1, 4), "lower"), (Fraction(0), "bottom"))
LEVEL_MARGIN = Fraction(1, 100)  # within 0.01 of the class average: "level"


def class_student_averages(db: Session, class_id: int, scope) -> dict[int, dict[int, Fraction]]:
    """subject_id -> {student_id: exact weighted average} over the class's studying students, for the
    marks within `scope` (a span: school_calendar's rule). Private to the services: never hand this to a page."""
    (products, weights), counted = sql_totals(Mark)
    rows = db.exec(
        select(Mark.subject_id, Mark.student_id, products, weights)
        .join(Student, col(Student.id) == Mark.student_id)
        .where(Student.class_id == class_id, Student.status == "studying", *counted,
               school_calendar.within(col(Mark.date), scope))
        .group_by(Mark.subject_id, Mark.student_id)
    ).all()
    out: dict[int, dict[int, Fraction]] = {}
    for subject_id, student_id, p, w in rows:
        average = average_of_totals(p, w)
        if average is not None:
            out.setdefault(subject_id, {})[student_id] = average
    return out


def band_of(mine: Fraction, others: list[Fraction]) -> str:
    """The child's quarter of the class: the share of classmates below them (ties count half)."""
    below = sum(1 for a in others if a < mine) + Fraction(sum(1 for a in others if a == mine), 2)
    share = below / len(others)
    return next(name for floor, name in BANDS if share >= floor)


def compare(averages: dict[int, Fraction], student_id: int) -> dict | None:
    """The aggregates for one subject: class_average (2 decimals), students (how many have marks),
    position of the child against the class average ("above" / "below" / "level", None without marks of
    their own) and band ("top" / "upper" / "lower" / "bottom" quarter, None likewise).
    None when fewer than MIN_STUDENTS students have marks."""
    if len(averages) < MIN_STUDENTS:
        return None
    class_average = mean(averages.values())
    mine = averages.get(student_id)
    position = band = None
    if mine is not None:
        diff = mine - class_average
        position = "level" if abs(diff) < LEVEL_MARGIN else ("above" if diff > 0 else "below")
        band = band_of(mine, [a for sid, a in averages.items() if sid != student_id])
    return {
        "class_average": display_average(class_average),
        "students": len(averages),
        "position": position,
        "band": band,
    }


class SubjectStanding:
    """One subject of a class over a period, reduced once: the class average and the averages sorted,
    so a child's band is two bisections (compare() without summing the class again)."""

    __slots__ = ("averages", "sorted", "class_average", "shown_average")

    def __init__(self, averages: dict[int, Fraction]):
        self.averages = averages
        self.sorted = sorted(averages.values())
        self.class_average = sum(self.sorted, Fraction(0)) / len(self.sorted) if self.sorted else None
        self.shown_average = display_average(self.class_average)  # the same for every pupil asking

    def compare(self, student_id: int) -> dict | None:
        """The same answer as compare(self.averages, student_id)."""
        if len(self.averages) < MIN_STUDENTS:
            return None
        mine = self.averages.get(student_id)
        position = band = None
        if mine is not None:
            diff = mine - self.class_average
            position = "level" if abs(diff) < LEVEL_MARGIN else ("above" if diff > 0 else "below")
            below, upto = bisect_left(self.sorted, mine), bisect_right(self.sorted, mine)
            ties = upto - below - 1  # the child's own average is one of them
            share = (below + Fraction(ties, 2)) / (len(self.sorted) - 1)
            band = next(name for floor, name in BANDS if share >= floor)
        return {"class_average": self.shown_average, "students": len(self.averages),
                "position": position, "band": band}


STANDINGS_KINDS = frozenset({"marks"})
_STANDINGS = changes.Memo("class standings", STANDINGS_KINDS, size=4096)


def class_standings(db: Session, class_id: int, scope) -> dict[int, SubjectStanding]:
    """subject_id -> SubjectStanding of the class over `scope` (a span). Remembered by the worker
    (services/changes/memo.py) until a mark of the class or of one of the counted pupils changes (a
    weight changed by the school announces the pupils'); a pupil moved or leaving shows within the
    memo's time. Else one GROUP BY."""
    def read() -> dict[int, SubjectStanding]:
        return {s: SubjectStanding(a) for s, a in class_student_averages(db, class_id, scope).items()}

    def topics(standings: dict[int, SubjectStanding]) -> list:  # the class's and each counted pupil's
        pupils = {sid for standing in standings.values() for sid in standing.averages}
        return [changes.topic("class", class_id), *(changes.topic("child", p) for p in pupils)]

    return _STANDINGS.remembered((class_id, scope.start_date, scope.end_date), topics, read)


def class_comparison_for_student(db: Session, data, scope) -> dict[int, dict | None]:
    """subject_id -> compare(...) for the child's subjects over the scope (no access check here: the
    caller has checked the child; only aggregates come back)."""
    if data.student.class_id is None:
        return {s: None for s in data.subjects}
    standings = class_standings(db, data.student.class_id, scope)
    empty = SubjectStanding({})
    return {s: standings.get(s, empty).compare(data.student.id) for s in data.subjects}
