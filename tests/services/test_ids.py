"""The one id parser: whatever a browser sends, an id in the INTEGER columns' range or nothing."""

import pytest

from mrko_app.services.errors import NotFound, PermissionDenied
from mrko_app.services.ids import MAX_ID, parse_id, require_id


@pytest.mark.parametrize("value, expected", [
    (1, 1), ("1", 1), (" 42 ", 42), (MAX_ID, MAX_ID), (str(MAX_ID), MAX_ID), ("007", 7),
])
def test_whole_numbers_in_range_are_ids(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", [
    None, "", " ", 0, "0", -1, "-1", MAX_ID + 1, str(MAX_ID + 1), 2**63, str(2**63), -(2**70), 10**40,
    True, False, 1.0, 3.5, "1.5", "1e3", "+1", "0x10", "١٢", "1 2", "12abc", [1], {"id": 1}, (1,), b"1",
    "9" * 1_000_000,
])
def test_anything_else_is_refused(value):
    assert parse_id(value) is None


def test_require_id_raises_the_error_the_caller_chooses():
    assert require_id("5") == 5
    with pytest.raises(NotFound):
        require_id(2**63)
    with pytest.raises(PermissionDenied):
        require_id(None, PermissionDenied)
