"""The argument gate over the real websocket: the same hostile calls the in-process fuzz makes
(tests/state/test_handler_fuzz.py) reach the running app as a browser would send them, and the person
gets a message in the state's delta, the app logs no traceback and Reflex shows no generic error."""

import asyncio
import concurrent.futures
import json

import pytest
from sqlmodel import Session

from mrko_app.i18n import tr
from mrko_app.services.accounts import core as accounts
from mrko_app.state.absence import AbsencesState
from mrko_app.state.inbox import NotificationsState
from mrko_app.state.login import LoginState
from tests.e2e.access_steps import user
from tests.e2e.socket_client import EventClient

pytestmark = pytest.mark.e2e
BIG = "x" * 200_000
# the notification centre's handlers with arguments that are no id, kind, mode or form
CENTRE_CALLS = [("mark_read", {"notification_id": v}) for v in (2**63, -1, "1e3", 1.5, True, None, [1])] + [
    ("set_filter", {"kind": v}) for v in ({"k": 1}, [1], BIG)] + [
    ("set_mode", {"kind": k, "mode": m}) for k, m in (([1], "app"), ("news", {"x": 1}), (BIG, "app"))] + [
    ("save_settings", {"form": v}) for v in (None, "text", 42, [1, 2], BIG)]  # the in-process fuzz sends 1 MB; over the socket Reflex's own frame limit comes first


def run_async(coroutine):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _log(tmp_path_factory):
    found = sorted(tmp_path_factory.getbasetemp().glob("app*/reflex.log"))
    assert found, "the app's log was not found"
    return found[-1]


async def answer(client: EventClient, state, handler: str, payload: dict, pathname: str) -> dict:
    """Send one call and wait for the state's delta carrying a message (a refused call always sends
    one): the client's marker events may come back before it, and the page's on_load may still be
    clearing the message when the first call goes out."""
    key = state.get_full_name()

    def deltas() -> list[dict]:
        return [u["delta"][key] for u in client.updates
                if ((u.get("delta") or {}).get(key) or {}).get("message_rx_state_")]

    before = len(deltas())
    await client.emit(f"{key}.{handler}", payload, pathname)
    async with asyncio.timeout(60):
        while len(deltas()) <= before:
            await asyncio.sleep(0.05)
    return deltas()[-1]


def test_hostile_arguments_get_messages_not_tracebacks(app_url, app_engine, tmp_path_factory):
    log = _log(tmp_path_factory)
    logged_before = len(log.read_text())
    with Session(app_engine) as db:
        teacher_token = accounts.create_session(db, user(db, "teacher1"))
        db.commit()

    async def attack():
        seen = []
        async with EventClient(app_url, "", "/login") as client:
            for form in (None, "text", 42, [1, 2], BIG, {"identifier": [1], "password": {"x": 1}}):
                delta = await answer(client, LoginState, "submit", {"form": form}, "/login")
                seen.append((delta.get("message_rx_state_"), delta.get("errors_rx_state_")))
            updates = list(client.updates)
        async with EventClient(app_url, teacher_token, "/journal/absences") as client:
            for notice_id in (2**63, -1, "1e3", 1.5, True, None, [1]):
                delta = await answer(client, AbsencesState, "acknowledge", {"notice_id": notice_id},
                                     "/journal/absences")
                seen.append((delta.get("message_rx_state_"), None))
            await client.settle()
            updates += client.updates
        async with EventClient(app_url, teacher_token, "/notifications") as client:  # the centre's handlers
            for handler, payload in CENTRE_CALLS:
                delta = await answer(client, NotificationsState, handler, payload, "/notifications")
                seen.append((delta.get("message_rx_state_"), None))
            await client.settle()
            updates += client.updates
        return seen, updates

    answers, updates = run_async(attack())
    unreadable, invalid = tr("form.unreadable", "ru"), tr("error.invalid", "ru")
    assert answers[:5] == [(unreadable, {})] * 5
    assert answers[5] == (invalid, {"identifier": tr("form.field_unreadable", "ru"),
                                    "password": tr("form.field_unreadable", "ru")})
    assert [message for message, _ in answers[6:13]] == [unreadable] * 7
    assert [message for message, _ in answers[13:]] == [unreadable] * len(CENTRE_CALLS)
    text = json.dumps(updates, ensure_ascii=False)
    assert "An error occurred" not in text and tr("error.generic", "ru") not in text
    logged = log.read_text()[logged_before:]
    assert "Traceback" not in logged, logged[-3000:]
