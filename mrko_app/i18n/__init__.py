"""The translation catalogue: every visible string, in English and Russian.

The catalogue is one dict, assembled from one module per area (common, accounts, access, diary,
journal, stats) so that each area keeps its own strings. Each module defines
`STRINGS = {"key": ("English", "Русский"), ...}`; keys are unique across modules.
"""

import importlib
import pkgutil

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "ru"


def _load() -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in catalogue:
                raise ValueError(f"translation key {key!r} defined twice (in {info.name})")
            if len(pair) != 2 or not all(pair):
                raise ValueError(f"translation key {key!r} needs both English and Russian")
            catalogue[key] = pair
    return catalogue


CATALOGUE = _load()


def tr(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from params."""
    pair = CATALOGUE.get(key)
    if pair is None:
        raise KeyError(f"missing translation key {key!r}")
    text = pair[1] if lang == "ru" else pair[0]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in CATALOGUE
