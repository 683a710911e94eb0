"""Validation of the host's "offer slots" form: every problem at once, per field."""

from __future__ import annotations

from datetime import date, datetime, time

from mrko_app.services import clock
from mrko_app.services.errors import ValidationError

MINUTES = (5, 10, 15, 20, 30, 45, 60)
PLACE_MAX = 300
MAX_SLOTS = 60


def _time(value) -> time | None:
    try:
        return time.fromisoformat(str(value or "").strip()[:5])
    except ValueError:
        return None


def slot_form(form, now: datetime, zone: str = "") -> tuple[date, time, time, int, str]:
    if not isinstance(form, dict):
        form = {}
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(str(form.get("day") or "").strip()[:10])
    except ValueError:
        day = None
    start, end = _time(form.get("start")), _time(form.get("end"))
    try:
        minutes = int(str(form.get("minutes") or "")[:4])
    except ValueError:
        minutes = 0
    place = " ".join(str(form.get("place") or "").split())
    if day is None:
        errors["day"] = "error.required"
    elif day < clock.to_local(now, zone).date():
        errors["day"] = "meetings.error.past"
    if start is None:
        errors["start"] = "error.required"
    if end is None:
        errors["end"] = "error.required"
    elif start is not None and end <= start:
        errors["end"] = "meetings.error.end_before_start"
    if minutes not in MINUTES:
        errors["minutes"] = "meetings.error.minutes"
    elif start and end and (end.hour * 60 + end.minute - start.hour * 60 - start.minute) // minutes > MAX_SLOTS:
        errors["end"] = "meetings.error.too_many"
    if not place:
        errors["place"] = "error.required"
    elif len(place) > PLACE_MAX or (place.lower().startswith(("javascript:", "data:", "vbscript:"))):
        errors["place"] = "meetings.error.place"
    if errors:
        raise ValidationError(errors, max=PLACE_MAX, slots=MAX_SLOTS)
    return day, start, end, minutes, place
