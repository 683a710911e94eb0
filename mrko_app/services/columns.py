"""A few named columns of a table read as one light object, not an ORM instance.

A view that reads many joined rows only to word them (a child's week: lessons with their subject,
teachers, attendance; marks with their kind and changes) spends most of its time making ORM instances:
identity map, instance state, attribute events. `Columns("lesson", Lesson.id, Lesson.topic, ...)` in a
select gives, per row, a named tuple with those attributes (`lesson.id`, `lesson.topic`) at a fraction of
the cost; None where an outer join found no row (its first column, the id, is null). Such an object is
only read: nothing tracks it, nothing flushes it.
"""

from __future__ import annotations

from collections import namedtuple

from sqlalchemy.orm import Bundle


class Columns(Bundle):
    single_entity = False

    def __init__(self, name: str, *columns, **kw):
        super().__init__(name, *columns, **kw)
        self._row = namedtuple(name, [c.key for c in columns])  # noqa: PYI024 (made once per module constant)

    def create_row_processor(self, query, procs, labels):
        make = self._row._make

        def proc(row):
            values = [p(row) for p in procs]
            return None if values[0] is None else make(values)

        return proc
