"""A browser-less Reflex client: the socket.io protocol the front end speaks (see reflex-notes.md,
"Load generation without browsers"), used to call event handlers directly with any arguments.

    async with EventClient(app_url, session_token, "/children") as client:
        deltas = await client.call(ChildrenState, "load")

Each call is followed by a marker event (the menu toggle), and the call returns every update that
arrived before the marker's own: the server handles one tab's events in order.
"""

import asyncio
import json
import uuid

import socketio

from mrko_app.components.layout import MenuState
from mrko_app.state.base import AuthState

NAMESPACE = "/_event"
WAIT = 60  # seconds a marker may take on a busy machine (a wait, not a timed assertion)


def _storage_key(var: str) -> str:
    return f"{AuthState.get_full_name()}.{var}_rx_state_"


class EventClient:
    def __init__(self, app_url: str, session_token: str = "", pathname: str = "/"):
        self.app_url = app_url.rstrip("/")
        self.session_token = session_token
        self.pathname = pathname
        self.client_token = str(uuid.uuid4())
        self.updates: list[dict] = []
        self._marker_key = MenuState.get_full_name()
        self._markers_seen = 0
        self._markers_sent = 0
        self._arrived = asyncio.Event()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, data):
        update = json.loads(data) if isinstance(data, str) else data
        self.updates.append(update)
        if self._marker_key in (update.get("delta") or {}):
            self._markers_seen += 1
        self._arrived.set()

    def router_data(self, pathname: str | None = None) -> dict:
        path = pathname or self.pathname  # may carry a query: "/diary?week=2026-09-07"
        return {"pathname": path.split("?", 1)[0], "asPath": path, "query": {}}

    async def __aenter__(self) -> "EventClient":
        hydrate = {
            "name": f"{AuthState.get_full_name().split('.')[0]}.hydrate_and_load",
            "payload": {"vars": {_storage_key("token"): self.session_token, _storage_key("tab_token"): "",
                                 _storage_key("lang"): "ru", _storage_key("child_choice"): ""}},
            "router_data": self.router_data(),
        }
        await self.sio.connect(f"{self.app_url}?token={self.client_token}", socketio_path=NAMESPACE,
                               transports=["websocket"], namespaces=[NAMESPACE], auth={"event": hydrate},
                               wait_timeout=WAIT)
        await self.settle()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.sio.disconnect()

    async def emit(self, name: str, payload: dict, pathname: str | None = None) -> None:
        await self.sio.emit("event", {"name": name, "payload": payload, "router_data": self.router_data(pathname)},
                            namespace=NAMESPACE)

    async def _marker(self) -> None:
        """Send a marker and wait until its update is back: everything queued before has been handled."""
        self._markers_sent += 1
        await self.emit(f"{self._marker_key}.toggle", {})
        async with asyncio.timeout(WAIT):
            while self._markers_seen < self._markers_sent:
                self._arrived.clear()
                await self._arrived.wait()

    async def settle(self, rounds: int = 6) -> None:
        """Markers until one comes back alone: the events a handler chained (on_load, loaders after a
        child switch) are queued when it ends, behind a marker sent meanwhile, so one is not enough."""
        for _ in range(rounds):
            before = len(self.updates)
            await self._marker()
            if all(set(u.get("delta") or {}) == {self._marker_key} and not u.get("events")
                   for u in self.updates[before:]):
                return

    async def call(self, state_cls, handler: str, payload: dict | None = None,
                   pathname: str | None = None) -> list[dict]:
        """Call `state_cls.handler(**payload)` as a browser would; the updates it produced."""
        start = len(self.updates)
        await self.emit(f"{state_cls.get_full_name()}.{handler}", payload or {}, pathname)
        await self.settle()
        return self.updates[start:]

    def state_value(self, state_cls, var: str):
        """The last value of a var the server sent, or None."""
        key, name = state_cls.get_full_name(), f"{var}_rx_state_"
        for update in reversed(self.updates):
            delta = (update.get("delta") or {}).get(key) or {}
            if name in delta:
                return delta[name]
        return None
