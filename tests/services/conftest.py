"""TEMPORARY shim, until the models agree with the "naive UTC" convention (reported to the lead).

The installed sqlmodel (0.0.50) maps every `datetime` field to `UTCDateTime` (timestamptz), which
refuses naive values ("Datetime values must have timezone information") and returns aware ones, while
`models.base.utcnow()` and every `default_factory=utcnow` produce naive UTC. So no row with a
timestamp can be inserted. Until the models say `NaiveDatetime` / `sa_type=DateTime()` (with a
migration) or the convention becomes aware UTC, this fixture makes `UTCDateTime` take naive values
as UTC and give back naive UTC, as HACKING.md describes. It turns itself off once either fix lands.

Session scope, before any engine exists: SQLAlchemy caches a type's bind/result processors per dialect.
"""

from datetime import UTC

import pytest

from mrko_app.models import User
from mrko_app.models.base import utcnow


def _needs_shim() -> bool:
    try:
        from sqlmodel.sql.sqltypes import UTCDateTime
    except ImportError:
        return False
    return utcnow().tzinfo is None and isinstance(User.__table__.c.created_at.type, UTCDateTime)


@pytest.fixture(scope="session", autouse=True)
def naive_utc_timestamps():
    if not _needs_shim():
        yield
        return
    from sqlmodel.sql.sqltypes import UTCDateTime

    def bind(self, value, dialect):
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def result(self, value, dialect):
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    mp = pytest.MonkeyPatch()
    mp.setattr(UTCDateTime, "process_bind_param", bind)
    mp.setattr(UTCDateTime, "process_result_value", result)
    yield
    mp.undo()
