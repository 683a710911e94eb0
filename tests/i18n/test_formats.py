"""Dates, times and numbers for the reader (Babel), and views.present over a service's view."""

import datetime as dt

from mrko_app.i18n import formats
from mrko_app.views.present import present

DAY = dt.date(2026, 3, 5)
MOMENT = dt.datetime(2026, 3, 5, 9, 7)


def test_each_language_its_own_conventions():
    assert (formats.date(DAY, "ru"), formats.day_month(DAY, "ru"), formats.datetime(MOMENT, "ru")) == (
        "05.03.2026", "05.03", "05.03.2026 09:07")
    assert (formats.date(DAY, "en"), formats.day_month(DAY, "en"), formats.datetime(MOMENT, "en")) == (
        "3/5/2026", "3/5", "3/5/2026 09:07")
    assert (formats.number(4.625, "ru"), formats.number(4.6, "en"), formats.number(None, "en")) == ("4,62", "4.60", "—")
    assert [formats.weekday_short(DAY + dt.timedelta(days=i), "ru") for i in range(4, 7)] == ["Пн", "Вт", "Ср"]
    assert formats.weekday_short(0, "en") == "Mo" and formats.month_name(3, "ru") == "Март"
    assert (formats.language_name("ru"), formats.language_name("en")) == ("Русский", "English")


def test_an_unknown_language_reads_the_default_one():
    assert formats.date(DAY, None) == formats.date(DAY, "xx") == "05.03.2026"


def test_present_words_every_typed_value_of_a_view():
    view = {"range_text": (dt.date(2026, 3, 2), dt.date(2026, 3, 8)), "days": [
        {"date": "2026-03-05", "date_text": formats.DayMonth.of(DAY), "start": dt.time(8, 30),
         "marks": [{"date_text": DAY, "changed_at": MOMENT, "value": "5", "weight": 2}]}]}
    assert present(view, "ru") == {"range_text": "02.03 – 08.03.2026", "days": [
        {"date": "2026-03-05", "date_text": "05.03", "start": "08:30",
         "marks": [{"date_text": "05.03.2026", "changed_at": "05.03.2026 09:07", "value": "5", "weight": 2}]}]}
    assert present(view, "en")["days"][0]["marks"][0]["date_text"] == "3/5/2026"
