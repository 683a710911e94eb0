"""What the attack suite throws at the running app: every event handler of the states behind the parent
and staff pages (found from the pages' loaders, so new pages join by themselves), plus AuthState's
child switch and `setvar`, each called with other students' ids and malformed arguments.

To add a case by hand, append (state class, handler name, payload dict) to EXTRA_CALLS.
"""

import importlib
import inspect
import pkgutil

from mrko_app import pages
from mrko_app.state.base import PAGE_LOADERS, PAGE_ROLES, AuthState

for _info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda i: i.name):
    importlib.import_module(f"{pages.__name__}.{_info.name}")

# handlers that end the attacker's own session or only change their own display language
SKIP = {(AuthState, "logout"), (AuthState, "toggle_language"), (AuthState, "load_page")}

MALFORMED = ["-1", -1, 0, 2**63, -(2**70), 10**40, "1e9", "1; DROP TABLE student", "' OR '1'='1",
             "../../etc/passwd", {"id": 1}, [1, 2], None, True, 3.5, "", "🙂" * 50, "x" * 10000]

FORM_FIELDS = ("code", "page_name", "student", "student_id", "reason", "reject_text", "school_id", "surname",
               "first_name", "patronymic", "birth_date", "class_name", "relation", "status", "class_id",
               "application_id", "id", "person_id", "kind_id")

# (state class, handler name, payload) added by hand; ids are filled in by the test (see `explicit_calls`)
EXTRA_CALLS: list[tuple[type, str, dict]] = []


def _psychologist_calls() -> list[tuple[type, str, dict]]:
    """The demo's psychologist requests (ids 1-5 on a fresh demo database): opened, answered, triaged,
    shared and booked by someone who is not their psychologist or parent (the same NotFound as no id)."""
    from mrko_app.state.psychologist import PsychologistState, PsyDeskState

    calls: list[tuple[type, str, dict]] = []
    for rid in range(1, 6):
        calls += [(PsyDeskState, "open", {"request_id": rid}),
                  (PsyDeskState, "reply", {"form": {"body": "взлом"}}),
                  (PsyDeskState, "set_status", {"status": "closed"}),
                  (PsyDeskState, "share", {"person_id": rid}),
                  (PsyDeskState, "offer", {"slot_id": rid}),
                  (PsychologistState, "reply", {"form": {"request_id": rid, "body": "взлом"}}),
                  (PsychologistState, "book", {"request_id": rid, "slot_id": rid})]
    return calls


EXTRA_CALLS += _psychologist_calls()

def _messages_calls() -> list[tuple[type, str, dict]]:
    """The messages pages' handlers (their route is also the teachers', so route_states() leaves them
    out): the demo's first conversations and messages, which the attackers are no members of."""
    from mrko_app.state.messages import ConversationState, MessagesState

    calls: list[tuple[type, str, dict]] = [(ConversationState, "load", {}), (ConversationState, "clear_files", {})]
    for ident in (1, 2, 3, 2**40, "1e3"):
        calls += [(MessagesState, "open_group", {"class_id": ident}), (MessagesState, "open_channel", {"class_id": ident}),
                  (MessagesState, "hide", {"message_id": ident}), (MessagesState, "dismiss", {"report_id": ident}),
                  (MessagesState, "start", {"form": {"teacher": f"{ident}:{ident}"}}),
                  (ConversationState, "report", {"form": {"message_id": ident, "reason": "x"}}),
                  (ConversationState, "hide", {"message_id": ident}), (ConversationState, "delete", {"message_id": ident}),
                  (ConversationState, "save_edit", {"form": {"message_id": ident, "body": "x"}}),
                  (ConversationState, "block", {"user_id": ident}), (ConversationState, "write_privately", {"user_id": ident}),
                  (ConversationState, "mute", {"form": {"user_id": ident, "minutes": "60"}}),
                  (ConversationState, "send", {"form": {"body": "x", "reply_to": ident}}),
                  (ConversationState, "unmute", {"user_id": ident}), (MessagesState, "unblock", {"user_id": ident}),
                  (ConversationState, "save_channel", {"form": {"title": "x" * 5000, "replies_allowed": ident}})]
    return calls


EXTRA_CALLS += _messages_calls()


AREAS = {"parent", "staff", "department"}


def protected_routes() -> dict[str, tuple[str, ...]]:
    """The pages of the parent area and of the staff area (not the profile every role has, nor the
    teacher's journal, whose handlers a teacher may rightly use)."""
    return {route: roles for route, roles in PAGE_ROLES.items() if roles and set(roles) <= AREAS}


def route_states() -> list[tuple[str, type]]:
    """(route, state class) for every state that loads a protected page."""
    found: dict[type, str] = {}
    for route in protected_routes():
        for loader in PAGE_LOADERS.get(route, []):
            state = getattr(loader, "state", None)
            if state is not None and state not in found:
                found[state] = route
    return sorted(((route, state) for state, route in found.items()), key=lambda x: x[1].get_full_name())


def own_handlers(state: type) -> list[tuple[str, list[str]]]:
    """(handler name, parameter names) of the handlers the state class itself defines."""
    result = []
    for name, handler in state.event_handlers.items():
        if name == "setvar" or (state, name) in SKIP:
            continue
        params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
        result.append((name, params))
    return sorted(result)


def public_vars(state: type) -> list[str]:
    return sorted(name for name in state.base_vars if not name.startswith("_") and not name.startswith("rx_"))


def payloads(params: list[str], other_ids: list[int]) -> list[dict]:
    """Argument sets for a handler: each malformed value and each other student's id in every
    parameter, and form dicts naming other students."""
    if not params:
        return [{}]
    values = [*MALFORMED, *other_ids, *[str(i) for i in other_ids]]
    sets = [{p: v for p in params} for v in values]
    for other in other_ids:
        form = {f: str(other) for f in FORM_FIELDS}
        sets.append({p: form for p in params})
        sets.append({p: {**form, "status": "left", "reason": "other", "reject_text": "x"} for p in params})
    if len(params) == 2:  # e.g. (student_id, status): another student and a real status
        for other in other_ids:
            for status in ("left", "graduated", "studying"):
                sets.append({params[0]: other, params[1]: status})
    return sets


def explicit_calls(other_ids: list[int], application_ids: list[int], document_ids: list[int],
                   code_ids: list[int]) -> list[tuple[type, str, dict]]:
    """The cases that matter most, spelled out (they are also covered by the generated ones)."""
    from mrko_app.state.applications import ApplicationsState
    from mrko_app.state.codes import CodesState
    from mrko_app.state.inbox import NotificationsState

    calls: list[tuple[type, str, dict]] = []
    for other in other_ids:
        calls += [
            (AuthState, "select_child", {"student_id": str(other)}),
            (AuthState, "select_child", {"student_id": other}),
            (CodesState, "issue", {"student_id": other}),
            (CodesState, "mark_student", {"student_id": other, "status": "left"}),
            (CodesState, "pick_student", {"student_id": str(other)}),
            # the notification centre (every role's page): another person's notification is refused alike
            (NotificationsState, "mark_read", {"notification_id": other}),
            (NotificationsState, "set_mode", {"kind": str(other), "mode": "email_now"}),
        ]
    for app_id in application_ids:
        calls += [(ApplicationsState, "open", {"application_id": app_id}),
                  (ApplicationsState, "reissue", {"application_id": app_id})]
    for doc_id in document_ids:
        calls.append((ApplicationsState, "download", {"document_id": doc_id}))
    for code_id in code_ids:
        calls.append((CodesState, "revoke", {"code_id": code_id}))
    return calls + EXTRA_CALLS
