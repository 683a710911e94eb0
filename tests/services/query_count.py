"""Counting the SQL statements a service runs (a SQLAlchemy before_cursor_execute listener)."""

from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def counting(db):
    """`with counting(db) as n: ...` then n[0] is the number of statements executed inside."""
    db.flush()
    bind = db.get_bind()
    count = [0]

    def listener(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            count[0] += 1

    event.listen(bind, "before_cursor_execute", listener)
    try:
        yield count
    finally:
        event.remove(bind, "before_cursor_execute", listener)
