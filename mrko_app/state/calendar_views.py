"""The calendar's three views from the entries' display rows (state/school_life_views.entry_row): a
month grid (weeks of seven days, Monday first), a week (seven days with the entries in full) and the
list. An entry lasting several days (a holiday) is shown on each of its days; a study period only on
its first and last day (it would fill every cell)."""

from datetime import date, timedelta

from mrko_app.i18n import formats, tr


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days_of(row: dict, first: date, last: date) -> list[date]:
    start, end = date.fromisoformat(row["start_day"]), date.fromisoformat(row["end_day"])
    if row["kind"] == "period":
        days = [start, end]
    else:
        days = [start + timedelta(days=n) for n in range(min((end - start).days, 62) + 1)]
    return [d for d in dict.fromkeys(days) if first <= d <= last]


def by_day(rows: list[dict], first: date, last: date) -> dict[date, list[dict]]:
    found: dict[date, list[dict]] = {}
    for row in rows:
        for day in _days_of(row, first, last):
            found.setdefault(day, []).append(row)
    return found


def month_grid(rows: list[dict], first: date, today: date, lang: str) -> list[list[dict]]:
    """Weeks of the month (from its Monday to the Sunday after its last day): each day its number,
    whether it is outside the month or today, and short entries (time, title, kind, cancelled)."""
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    start, end = monday(first), monday(last) + timedelta(days=6)
    placed = by_day(rows, start, end)
    weeks, day = [], start
    while day <= end:
        week = []
        for _ in range(7):
            week.append({"day": str(day.day), "date": day.isoformat(), "out": day.month != first.month,
                         "today": day == today, "label": day_label(day, lang),
                         "entries": [{"time": r["time"], "title": r["title"], "kind": r["kind"],
                                      "cancelled": r["cancelled"]} for r in placed.get(day, [])]})
            day += timedelta(days=1)
        weeks.append(week)
    return weeks


def week_days(rows: list[dict], start: date, today: date, lang: str) -> list[dict]:
    placed = by_day(rows, start, start + timedelta(days=6))
    return [{"label": day_label(start + timedelta(days=n), lang), "date": (start + timedelta(days=n)).isoformat(),
             "today": start + timedelta(days=n) == today, "entries": placed.get(start + timedelta(days=n), [])}
            for n in range(7)]


def day_label(day: date, lang: str) -> str:
    return f"{tr(f'events.weekday.{day.weekday()}', lang)} {formats.day_month(day, lang)}"


def weekday_names(lang: str) -> list[str]:
    return [tr(f"events.weekday.{n}", lang) for n in range(7)]


def month_heading(first: date, lang: str) -> str:
    return f"{tr(f'events.month.{first.month}', lang)} {first.year}"


def week_heading(start: date, lang: str) -> str:
    end = start + timedelta(days=6)
    return f"{formats.day_month(start, lang)}–{formats.date(end, lang)}"
