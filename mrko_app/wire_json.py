"""The JSON of the websocket's packets (every state delta a tab receives) written by orjson.

Reflex encodes each outgoing Socket.IO packet with the standard library's encoder (reflex/app.py,
`_sio_dumps`). Under the load bench that encoding was a quarter of the worker's event loop for a diary
week (17 KB of nested lists and dicts); orjson writes the same JSON about eight times faster. What
orjson does not write itself (dates, dataclasses, anything Reflex has a serializer for) goes to
Reflex's own serializer, as before; what it refuses (an integer beyond 64 bits, a key that is not a
string) is written by Reflex's encoder, so the wire never differs but for speed.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import orjson
from reflex_base.utils import format, serializers

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS  # to Reflex's serializers


def dumps(obj: Any, **kwargs: Any) -> str:
    """A packet's JSON: compact, UTF-8, as Reflex's encoder writes it."""
    try:
        return orjson.dumps(obj, default=serializers.serialize, option=_OPTIONS).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError: something only the standard encoder writes
        return format.json_dumps(obj, **kwargs)


def use_for(sio) -> None:
    """Encode the packets of Reflex's Socket.IO server `sio` with `dumps` (decoding stays Reflex's)."""
    current = sio.packet_class.json
    sio.packet_class.json = SimpleNamespace(dumps=dumps, loads=current.loads)
