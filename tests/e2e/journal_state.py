"""The journal's Reflex states instantiated in the test process, to call their event handlers directly
with whatever a tampering browser could send (every public handler is callable by name with any args)."""

from reflex.state import State

from mrko_app.state.journal import JournalState
from mrko_app.state.journal_final import JournalFinalState
from mrko_app.state.journal_panel import JournalPanelState


def journal_states(token: str):
    """(grid, cell/lesson editors, final-mark editor) of one browser tab signed in with `token`."""
    root = State(_reflex_internal_init=True)
    states = tuple(root.get_substate(cls.get_full_name().split("."))
                   for cls in (JournalState, JournalPanelState, JournalFinalState))
    for state in states:
        state.tab_token = token
    return states


def call(state, handler: str, *args):
    """Run an event handler as the app would for an event named `handler` with these arguments."""
    result = type(state).event_handlers[handler].fn(state, *args)
    if hasattr(result, "__next__"):  # a generator handler: run it through
        for _ in result:
            pass
    return result
