"""The audit log and the invitations list give their moments on the school's clock, in the reader's
language (Babel), not in one hard-wired Russian pattern on the instance's zone."""

from datetime import datetime

from mrko_app.state.school_admin import fmt_moment


def test_a_moment_is_worded_for_the_reader_on_the_schools_clock():
    at = datetime(2026, 12, 1, 23, 30)  # naive UTC: already 2 December, 09:30, in Vladivostok
    ru, en = fmt_moment(at, "ru", "Asia/Vladivostok"), fmt_moment(at, "en", "Asia/Vladivostok")
    assert (ru, en) == ("02.12.2026 09:30", "12/2/2026 09:30")  # CLDR's day/month order per language
    assert fmt_moment(at, "ru", "Europe/Moscow") == "02.12.2026 02:30"
