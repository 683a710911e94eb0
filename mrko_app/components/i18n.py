"""T(key): a catalogue string that follows the language switch, with no round trip to the server."""

import reflex as rx

from mrko_app.i18n import CATALOGUE
from mrko_app.state.base import AuthState


def bilingual(en, ru) -> rx.Var:
    """`en` or `ru` (plain strings or Vars), following the language switch in the browser."""
    return rx.cond(AuthState.lang == "en", en, ru)


def T(key: str) -> rx.Var:
    """The text for `key` in the current language (a key missing from the catalogue fails at compile)."""
    return bilingual(*CATALOGUE[key])
