"""Topics a page follows for a child: the child's own and their class's."""

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
