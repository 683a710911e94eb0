"""The websocket packets' JSON written by orjson (mrko_app/wire_json.py) says what Reflex's own encoder
says, for any JSON-like value and for what only Reflex's serializers know (dates, dataclasses)."""

import dataclasses
import json
from datetime import date, datetime, timezone

import socketio
from hypothesis import given, settings
from hypothesis import strategies as st
from reflex_base.utils import format

from mrko_app import wire_json


def _reflex(obj) -> str:
    return format.json_dumps(obj, separators=(",", ":"))


_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text())
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=5)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_any_json_value_is_written_as_reflex_writes_it(value):
    assert json.loads(wire_json.dumps(value)) == json.loads(_reflex(value))


@dataclasses.dataclass
class _Lesson:
    day: date
    subject: str


def test_what_only_reflex_serializes_is_written_by_reflex_s_serializers():
    value = {"day": date(2026, 12, 3), "at": datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc),
             "lesson": _Lesson(date(2026, 12, 4), "Математика"), "marks": ("5", "4")}
    assert wire_json.dumps(value) == _reflex(value)


def test_what_orjson_refuses_is_written_by_reflex_s_encoder():
    for value in ({"n": 2**70}, {1: "a key that is not a string"}):
        assert wire_json.dumps(value, separators=(",", ":")) == _reflex(value)


def test_the_app_s_socket_server_writes_its_packets_with_it():
    from mrko_app.mrko_app import app

    assert app.sio.packet_class.json.dumps is wire_json.dumps
    packet = socketio.packet.Packet(socketio.packet.EVENT, data=["event", {"left_days": [{"subject": "Химия"}]}],
                                    namespace="/_event")
    assert packet.encode() == '2/_event,["event",{"left_days":[{"subject":"Химия"}]}]'
