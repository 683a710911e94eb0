"""The calendar's day labels and week heading are worded by i18n/formats for the reader's language."""

from datetime import date

from mrko_app.i18n import formats
from mrko_app.state import calendar_views as cv


def test_day_label_and_week_heading_follow_the_language():
    thursday, monday = date(2026, 3, 5), date(2026, 3, 2)
    assert cv.day_label(thursday, "ru") == "Чт 05.03"
    assert cv.week_heading(monday, "ru") == "02.03–08.03.2026"
    assert cv.day_label(thursday, "en").endswith(formats.day_month(thursday, "en"))
    assert cv.week_heading(monday, "en") == f"{formats.day_month(monday, 'en')}–{formats.date(date(2026, 3, 8), 'en')}"
    assert cv.week_heading(monday, "en") != cv.week_heading(monday, "ru")
