"""Every message key the journal's services and states can raise or show is in the catalogue."""

import re
from pathlib import Path

import pytest

from mrko_app.i18n import has

ROOT = Path(__file__).resolve().parents[2] / "mrko_app"
FILES = ["services/journal/read.py", "services/journal/checks.py", "services/journal/entry.py", "services/journal/finals.py",
         "state/journal.py", "state/journal_panel.py", "state/journal_final.py", "components/journal_grid.py",
         "components/journal_dialogs.py", "pages/journal.py"]
KEY = re.compile(r"""["']((?:journal|final)\.[a-z_]+(?:\.[a-z_]+)?)["']""")


def test_every_key_used_is_translated():
    keys = {(name, key) for name in FILES for key in KEY.findall((ROOT / name).read_text())}
    assert len(keys) > 40
    assert sorted((name, key) for name, key in keys if not has(key)) == []


@pytest.mark.parametrize("prefix", ["journal.att.", "journal.att_short."])
def test_every_attendance_status_has_its_words(prefix):
    from mrko_app.models.marks import ATTENDANCE_STATUSES

    assert all(has(prefix + status) for status in ATTENDANCE_STATUSES)
