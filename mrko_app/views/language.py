"""Display fields for every language at once, for pages whose language the browser switches itself.

A state keeps `{"<name>_<lang>": text}` for each language of the catalogue and the page reads
`components.i18n.per_language(item, "<name>")`: a third language is one more key, no code change.
"""

from __future__ import annotations

from collections.abc import Callable

from mrko_app.i18n import LANGUAGES


def per_language(name: str, make: Callable[[str], str]) -> dict[str, str]:
    """{"<name>_en": make("en"), "<name>_ru": make("ru"), ...}."""
    return {f"{name}_{lang}": make(lang) for lang in LANGUAGES}
