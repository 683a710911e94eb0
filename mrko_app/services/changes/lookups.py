"""Topics a page follows for a child: the child's own and their class's; and what a remembered view of
a child shows (services/changes/memo.py): theirs, their class's and their school's."""

from __future__ import annotations

from sqlmodel import Session

from mrko_app.models import Student
from mrko_app.services.changes.topics import Topic, topic


def child_topics(db: Session, student_id) -> list[Topic]:
    """("child", id) and ("class", the child's class). The student is normally in the session already
    (the page's loader checked access to them): no statement then."""
    student = db.get(Student, int(student_id))
    if student is None:
        return []
    found = [topic("child", student.id)]
    if student.class_id:
        found.append(topic("class", student.class_id))
    return found


def child_view_topics(student_id, class_id, school_id) -> list[Topic]:
    """The topics whose changes make a view of the child stale (a week, final marks, statistics): the
    child's, their class's (lessons, homework, the class figures) and their school's (periods, holidays)."""
    found = [topic("child", student_id), topic("school", school_id)]
    if class_id:
        found.append(topic("class", class_id))
    return found
