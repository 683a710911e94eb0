"""Reading the dates staff type: 2026-09-01 or 01.09.2026."""

import re
from datetime import date

_RU = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text) -> date | None:
    if isinstance(text, date):
        return text
    text = str(text or "")
    if m := _ISO.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _RU.match(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def require_date(text, field_name: str, errors: dict) -> date | None:
    value = parse_date(text)
    if value is None:
        errors[field_name] = "school_admin.date_invalid"
    return value


def fmt(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""
