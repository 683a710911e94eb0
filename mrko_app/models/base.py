"""Small helpers shared by the table modules."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC now: every timestamp column stores UTC without tzinfo."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
