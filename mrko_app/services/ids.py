"""The one reading of a record id sent by a browser.

Ids are INTEGER columns: PostgreSQL's int4 (1 .. 2**31-1 for a serial key); SQLite would raise
OverflowError past 2**63-1 and PostgreSQL an out-of-range error. So anything that is not a whole
number in that range (negative, zero, a float, a bool, a list, "1e3", "١٢" in other scripts, a 1 MB
string) is refused here, before any query.
"""

from mrko_app.services.errors import NotFound, ServiceError

MAX_ID = 2**31 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(value) -> int | None:
    """The id as an int, or None when `value` cannot be one. Takes an int or its decimal text."""
    if isinstance(value, bool):  # True is an int to Python, never an id to us
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
            return None
        number = int(text)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def require_id(value, error: type[ServiceError] = NotFound) -> int:
    """The id, else `error` (NotFound unless the caller must not tell "no such" from "not yours")."""
    number = parse_id(value)
    if number is None:
        raise error()
    return number
