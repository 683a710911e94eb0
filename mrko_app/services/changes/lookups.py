"""Topics a page follows for a child: the child's own and their class's; and what a remembered view of
a child shows (services/changes/memo.py): theirs, their class's and their school's."""

from __future__ import annotations

from mrko_app.services.changes.topics import Topic, topic


def child_topics(student_id, class_id) -> list[Topic]:
    """What a page showing the child follows: ("child", id) and ("class", their class), from the ids its
    view was read with (no statement)."""
    found = [topic("child", int(student_id))]
    if class_id:
        found.append(topic("class", int(class_id)))
    return found


def child_view_topics(student_id, class_id, school_id) -> list[Topic]:
    """The topics whose changes make a view of the child stale (a week, final marks, statistics): the
    child's, their class's (lessons, homework, the class figures) and their school's (periods, holidays)."""
    found = [topic("child", student_id), topic("school", school_id)]
    if class_id:
        found.append(topic("class", class_id))
    return found
