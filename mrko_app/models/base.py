"""Small helpers shared by the table modules.

Every timestamp column is declared `NaiveDatetime` (sqlmodel would otherwise make it a time-zone-aware
column that refuses naive values) and holds naive UTC from `utcnow()`."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC now: every timestamp column stores UTC without tzinfo."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
