"""The school's clock: today's date and local times come from the school's time zone, not the server's."""

import datetime as dt

from mrko_app.services import clock


def test_today_is_the_date_at_the_school(monkeypatch):
    monkeypatch.setenv("MRKO_TIMEZONE", "Pacific/Kiritimati")  # UTC+14
    ahead = clock.today()
    monkeypatch.setenv("MRKO_TIMEZONE", "Etc/GMT+12")  # UTC-12: 26 hours behind, always another date
    behind = clock.today()
    assert (ahead - behind).days in (1, 2)


def test_late_evening_utc_is_already_tomorrow_in_moscow(monkeypatch):
    monkeypatch.setenv("MRKO_TIMEZONE", "Europe/Moscow")
    utc = dt.datetime(2026, 11, 28, 22, 30)
    assert clock.to_local(utc) == dt.datetime(2026, 11, 29, 1, 30)
    assert clock.to_utc(dt.datetime(2026, 11, 29, 1, 30)) == utc
