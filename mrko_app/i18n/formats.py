"""Dates, times and numbers for the reader, in the conventions of their language (CLDR data through Babel).

Services return `date` / `datetime` / numbers; presentation modules (`mrko_app/views/`, `state/*_views.py`)
call these. Russian reads 05.03.2026, 05.03, 14:30 and 4,62; English 3/5/2026, 3/5, 14:30 and 4.62.
Datetimes are naive UTC in the database: put them on the school's clock (`services.clock.to_local`) first.
This module imports nothing of the app (services use the catalogue too).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_skeleton, get_day_names, get_month_names
from babel.numbers import format_decimal

DASH = "—"


@lru_cache(maxsize=None)
def _locale(lang: str | None) -> Locale:
    """The language's CLDR locale; the school's default language for an unknown one (an old account)."""
    from mrko_app.i18n import DEFAULT_LANGUAGE, LANGUAGES

    return Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


class DayMonth(dt.date):
    """A date a view shows as day and month only (a day of the shown week, a column): a service's typed value."""

    @classmethod
    def of(cls, value: dt.date) -> "DayMonth":
        return cls(value.year, value.month, value.day)


@lru_cache(maxsize=8192)
def _skeleton(skeleton: str, value: dt.date | dt.datetime, lang: str | None) -> str:
    """Babel's answer, remembered: matching a skeleton to the locale's patterns costs ~0.3 ms a call, and a
    page shows the same few dozen school days and lesson times to everyone (the diary's week: 60 dates)."""
    return format_skeleton(skeleton, value, locale=_locale(lang))


def date(value: dt.date | None, lang: str) -> str:
    """Day, month and year (05.03.2026); "" for None."""
    # a plain date in the key: a DayMonth equals its date, and a datetime would not repeat
    return _skeleton("yMMdd", dt.date(value.year, value.month, value.day), lang) if value else ""


def day_month(value: dt.date | None, lang: str) -> str:
    """Day and month (05.03), for a column or a week's range."""
    return _skeleton("MMdd", dt.date(value.year, value.month, value.day), lang) if value else ""


def time(value: dt.time | dt.datetime | None, lang: str) -> str:
    """Hours and minutes on the 24-hour clock (a school's timetable reads so in every language)."""
    if value is None:
        return ""
    # only hours and minutes matter: 1,440 keys at most per language
    moment = dt.datetime(2000, 1, 1, value.hour, value.minute)
    return _skeleton("Hm", moment, lang)


def datetime(value: dt.datetime | None, lang: str) -> str:
    """A moment already on the school's clock: date and time (05.03.2026 14:30)."""
    return f"{date(value.date(), lang)} {time(value, lang)}" if value else ""


def week_range(monday: dt.date, sunday: dt.date, lang: str) -> str:
    return f"{day_month(monday, lang)} – {date(sunday, lang)}"


def number(value: float | None, lang: str, places: int = 2) -> str:
    """A decimal with `places` digits (an average: 4,62); a dash for None."""
    if value is None:
        return DASH
    return format_decimal(value, "0." + "0" * places if places else "0", locale=_locale(lang))


def weekday_short(value: dt.date | int, lang: str) -> str:
    """Mo / Пн: the stand-alone short name of the weekday (Monday is 0)."""
    day = value if isinstance(value, int) else value.weekday()
    name = get_day_names("short", context="stand-alone", locale=_locale(lang))[day]
    return name[:1].upper() + name[1:]


def weekday(value: dt.date | int, lang: str) -> str:
    day = value if isinstance(value, int) else value.weekday()
    name = get_day_names("wide", context="stand-alone", locale=_locale(lang))[day]
    return name[:1].upper() + name[1:]


def month_name(month: int, lang: str) -> str:
    name = get_month_names("wide", context="stand-alone", locale=_locale(lang))[month]
    return name[:1].upper() + name[1:]


def language_name(lang: str) -> str:
    """The language's own name (Русский, English), for the language switch."""
    name = _locale(lang).get_display_name(_locale(lang)) or lang
    return name[:1].upper() + name[1:]
