"""Every public event handler of every state of the app, called with hostile arguments (null, text,
numbers, lists, dicts of wrong types, ids outside the database's range, a 1 MB string) as an anonymous
visitor and as each demo role. No call may raise (Reflex would log a traceback and show the person its
generic "An error occurred") nor log an error: bad input gets a message, never an exception.

The handlers are found by introspection (every substate of rx.State defined in mrko_app), so the
handlers of future pages are fuzzed without touching this file. It runs in-process, through Reflex's
own payload preparation (`_prepare_event_payload`, which coerces by type hints exactly as for a
websocket event) on a real state tree over the demo school, so it takes seconds, not a front-end build.
"""

import inspect
import logging
import uuid

import pytest
import reflex as rx
from reflex_base.event.processor.base_state_processor import _check_valid_yield, _prepare_event_payload

import mrko_app.mrko_app  # noqa: F401  (imports every page, so every state class exists)
from tests.async_run import run_async
from tests.state.conftest import ROLES

DEEP = {"teacher1": {"JournalPanelState", "JournalFinalState"}, "staff1": {"ApplicationsState", "CodesState"},
        "psych1": {"PsyDeskState"}}
HUGE = "x" * 1_000_000
# handlers whose only effect is on the caller's own session, or that loop for minutes by design
SKIP = {"AuthState.logout"}
FIELDS = ("identifier", "password", "remember", "email", "phone", "code", "contact", "who", "answer",
          "password_confirm", "old_password", "new_password", "new_password_confirm", "recipient", "period_id",
          "subject_id", "sort", "start", "end", "reason", "login", "surname", "first_name", "patronymic",
          "security_question", "security_answer", "value", "kind", "comment", "attendance", "topic", "homework",
          "due_date", "student", "reject_text", "page_name", "school_id", "birth_date", "class_name", "relation",
          "subject", "target", "on_low_mark", "low_mark_at_most", "digest_hour", "email_mode")


def values() -> list:
    wrong = [[1, "a"], {"nested": [None, {"x": 2**63}]}, 2**63, -1, None, 3.5, True, HUGE]
    return [None, "some text", 42, 3.5, True, [1, "2", None], {"a": {"b": [1]}}, {}, 2**63, -1, "-1",
            str(2**63), "1.5", HUGE, *({f: w for f in FIELDS} for w in wrong)]


def app_states() -> list[type]:
    found, todo = [], [rx.State]
    while todo:
        cls = todo.pop()
        todo.extend(cls.get_substates())
        if cls.__module__.startswith("mrko_app"):
            found.append(cls)
    return sorted(found, key=lambda c: c.get_full_name())


def own_handlers(cls) -> list[tuple[str, list[str]]]:
    """(name, parameters) of the handlers defined by the app on this very class (not inherited ones,
    which are fuzzed on the class defining them, nor Reflex's built-ins such as setvar)."""
    result = []
    for name, handler in cls.event_handlers.items():
        fn = handler.fn
        if name.startswith("_") or not fn.__module__.startswith("mrko_app") \
                or fn.__qualname__.split(".")[0] != cls.__name__ or f"{cls.__name__}.{name}" in SKIP:
            continue
        result.append((name, [p for p in inspect.signature(fn).parameters if p != "self"]))
    return sorted(result)


def payloads(params: list[str]) -> list[dict]:
    """Each hostile value in every argument at once, and in each argument alone (others plausible)."""
    if not params:
        return [{}]
    sets = [{p: v for p in params} for v in values()]
    if len(params) > 1:
        for p in params:
            sets += [{q: (v if q == p else "1") for q in params} for v in values()]
    return sets


def route_of(cls) -> str:
    from mrko_app.state.base import PAGE_LOADERS

    for route, loaders in PAGE_LOADERS.items():
        if any(getattr(loader, "state", None) is not None and issubclass(cls, loader.state) for loader in loaders):
            return route
    return "/"


def set_route(root, route: str) -> None:
    data = {"pathname": route, "asPath": route, "query": {}, "token": root.router_data.get("token") or str(uuid.uuid4()),
            "ip": "127.0.0.1", "headers": {"origin": "http://localhost"}}
    root.router_data = root._update_router_vars(data, root.router_data or {})


async def call(state, handler, payload) -> None:
    args = _prepare_event_payload(handler, payload)
    events = await handler.fn(state, **args) if handler._is_coroutine_function else handler.fn(state, **args)
    if events is not None:
        _check_valid_yield(events, handler_name=handler.fn.__qualname__)


def _first(rows: list, key: str = "id") -> str:
    return rows[0][key] if rows else ""


# Steps that put a state where a person would be before the hostile call (an editor open, a code
# typed, a pending account), so that the calls reach the code behind those first checks too:
# state class name -> (state -> [(handler, payload)]) with real values read from the state itself.
PREPARE = {
    "JournalPanelState": lambda s: [("open_cell", {"key": f"{_first(s.students)}-{_first(s.lessons)}"}),
                                    ("open_lesson", {"lesson_id": _first(s.lessons)})],
    "JournalFinalState": lambda s: [("open_final", {"student_id": _first(s.students)})],
    "ApplicationsState": lambda s: [("open", {"application_id": _first(s.rows)})],
    "CodesState": lambda s: [("pick_class", {"class_id": _first(s.classes)}),
                             ("pick_student", {"student_id": _first(s.students)})],
    "PsyDeskState": lambda s: [("open", {"request_id": _first(s.items)})],
}
BACKEND = {  # backend vars a previous step would have set
    "RegisterState": {"_pending_user_id": 1},
    "RecoverState": {"_who": "parent1", "_link_token": "not-a-real-link"},
    "RedeemState": {"step": "name", "_code": "ABCDEFGHJKLMNPQR"},
}


REACHED = {  # how to tell that the preparation worked (checked per role in the test)
    "JournalPanelState": lambda s: s.cell_open and bool(s.lesson_id_open),
    "JournalFinalState": lambda s: s.final_open,
    "ApplicationsState": lambda s: bool(s.selected),
    "CodesState": lambda s: bool(s.student_id),
    "PsyDeskState": lambda s: bool(s.current),
}


async def prepare(cls, state) -> None:
    for name, value in BACKEND.get(cls.__name__, {}).items():
        setattr(state, name, value)
    for name, payload in PREPARE.get(cls.__name__, lambda s: [])(state):
        if all(payload.values()):
            await call(state, cls.event_handlers[name], payload)


async def fuzz_role(token: str) -> tuple[int, list[str], set[str]]:
    from mrko_app.state.base import AuthState

    root = rx.State(_reflex_internal_init=True)
    set_route(root, "/")
    auth = await root.get_state(AuthState)
    auth.token = token
    await AuthState.event_handlers["load_page"].fn(auth)
    failures, calls, reached = [], 0, set()
    for cls in app_states():
        state = await root.get_state(cls)
        set_route(root, route_of(cls))
        handlers = own_handlers(cls)
        if "load" in cls.event_handlers:  # the page as a person would have it before they act
            await call(state, cls.event_handlers["load"], {})
        for name, params in handlers:
            await prepare(cls, state)
            if cls.__name__ in REACHED and REACHED[cls.__name__](state):
                reached.add(cls.__name__)
            for payload in payloads(params):
                calls += 1
                try:
                    await call(state, cls.event_handlers[name], payload)
                except Exception as exc:  # what Reflex would log and show as "An error occurred"
                    shown = {k: (repr(v)[:40]) for k, v in payload.items()}
                    failures.append(f"{cls.__name__}.{name}({shown}): {exc.__class__.__name__}: {str(exc)[:120]}")
        auth.token = token  # a handler may have signed the tab out (e.g. a new sign-in attempt)
    return calls, failures, reached


@pytest.mark.parametrize("role", ROLES)
def test_every_handler_answers_hostile_arguments_without_an_exception(role, demo_app, caplog):
    caplog.set_level(logging.ERROR)
    calls, failures, reached = run_async(fuzz_role(demo_app[role]))
    logged = [f"{r.name}: {r.getMessage()[:200]}" for r in caplog.records if r.levelno >= logging.ERROR]
    assert calls > 500, "the handlers were not found"
    assert reached >= DEEP.get(role, set()), "the editors were not open: the calls stopped at the first checks"
    assert failures == [], f"{len(failures)} calls raised, e.g.:\n" + "\n".join(sorted(set(failures))[:60])
    assert logged == [], f"errors were logged: {logged[:10]}"


def test_the_fuzz_finds_every_state_and_handler():
    names = {f"{cls.__name__}.{name}" for cls in app_states() for name, _ in own_handlers(cls)}
    for expected in ("LoginState.submit", "RegisterState.submit", "RecoverState.by_email", "ProfileState.start_phone",
                     "OutboxState.filter", "MarksState.apply", "AbsenceState.submit", "AbsencesState.acknowledge",
                     "JournalPanelState.save_mark", "JournalFinalState.save_final", "AuthState.select_child",
                     "ApplyState.upload_identity", "MenuState.toggle"):
        assert expected in names


def test_the_person_sees_a_clear_message_not_an_error(demo_app):
    """On real states: a null form gets the general message, a bad field its message beside it, an id
    beyond the database's range the general message (not an OverflowError)."""
    from mrko_app.i18n import tr
    from mrko_app.state.absence import AbsencesState
    from mrko_app.state.base import AuthState
    from mrko_app.state.journal_panel import JournalPanelState
    from mrko_app.state.login import LoginState

    async def run():
        root = rx.State(_reflex_internal_init=True)
        set_route(root, "/login")
        login = await root.get_state(LoginState)
        await call(login, LoginState.event_handlers["submit"], {"form": None})
        general = (login.message, dict(login.errors))
        await call(login, LoginState.event_handlers["submit"], {"form": {"identifier": [1], "password": "x"}})
        field = (login.message, dict(login.errors))
        auth = await root.get_state(AuthState)
        auth.token = demo_app["teacher1"]
        absences = await root.get_state(AbsencesState)
        await call(absences, AbsencesState.event_handlers["acknowledge"], {"notice_id": 2**63})
        panel = await root.get_state(JournalPanelState)
        await call(panel, JournalPanelState.event_handlers["save_mark"], {"form": {"comment": "x" * 10_001}})
        return general, field, absences.message, (panel.panel_message, panel.panel_errors, panel.message)

    general, field, overflow, editor = run_async(run())
    assert general == (tr("form.unreadable", "ru"), {})
    assert field == (tr("error.invalid", "ru"), {"identifier": tr("form.field_unreadable", "ru")})
    assert overflow == tr("form.unreadable", "ru")
    # the journal's cell editor has its own message and fields: a refused form is shown there
    assert editor == (tr("error.invalid", "ru"), {"comment": tr("form.too_long", "ru", limit=10_000)}, "")
