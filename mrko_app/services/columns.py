"""A few named columns of a table read as one light object, not an ORM instance.

A view that reads many joined rows only to word them (a child's week: lessons with their subject,
teachers, attendance; marks with their kind and changes) spends most of its time making ORM instances:
identity map, instance state, attribute events. `Columns("lesson", Lesson.id, Lesson.topic, ...)` in a
select gives, per row, a named tuple with those attributes (`lesson.id`, `lesson.topic`) at a fraction of
the cost; None where an outer join found no row (its first column, the id, is null). Such an object is
only read: nothing tracks it, nothing flushes it.

`rows(db, statement, params)` runs such a select as Core on the session's connection and cuts each flat
row back into its Columns; `run(db, statement, params)` runs a select of plain columns so. The ORM's
result machinery around plain columns cost more than the rows: in a worker holding 200 tabs, the
parent's access check by keys ran 3x as long through `Session.exec` as through the connection.
"""

from __future__ import annotations

import threading
from collections import namedtuple

from sqlalchemy.orm import Bundle, Session


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


_SHAPES: dict[int, tuple] = {}  # id(statement) -> (statement, [(start, end, make)]): statements made once
_shapes_lock = threading.Lock()


def _shape(statement) -> list[tuple]:
    kept = _SHAPES.get(id(statement))
    if kept is not None and kept[0] is statement:
        return kept[1]
    shape, start = [], 0
    for described in statement.column_descriptions:
        columns = described["expr"]
        if not isinstance(columns, Columns):
            raise TypeError("rows() reads selects of Columns only")
        width = len(columns.exprs)
        shape.append((start, start + width, columns._row._make))
        start += width
    with _shapes_lock:
        if len(_SHAPES) < 256:  # a statement built per call would fill it: those are cut afresh
            _SHAPES[id(statement)] = (statement, shape)
    return shape


def run(db: Session, statement, params: dict):
    """The Core result of a select naming no ORM rows to load (columns, aggregates), on the session's
    connection and transaction."""
    return db.connection().execute(statement, params)


def rows(db: Session, statement, params: dict) -> list:
    """The rows of a select of Columns (a module constant), each a tuple of its named tuples (None for an
    outer join's missing row), or the named tuple itself when the select has one Columns."""
    shape = _shape(statement)
    result = run(db, statement, params)
    if len(shape) == 1:
        (start, end, make), = shape
        return [make(row[start:end]) for row in result]
    return [tuple(None if row[a] is None else make(row[a:b]) for a, b, make in shape) for row in result]
