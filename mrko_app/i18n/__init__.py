"""The translation catalogue: every visible string, in every language of `locales/` (gettext `.po` files).

`tr(key, lang, **params)` on the server; `components.i18n.T(key)` in the UI. An entry with a `{count}` is a
plural entry: `tr(key, lang, count=n)` picks the form by the language's CLDR rule. Dates and numbers for
the reader come from `i18n.formats` (Babel). The catalogue is compiled by Babel into memory at import
(no .mo files on disk, nothing to rebuild). `tools/strings_to_po.py` folds a module of the old format
(`STRINGS = {"key": ("English", "Русский")}`) into the `.po` files; the import fails while one is left.
"""

from pathlib import Path

from mrko_app.i18n.catalogue import FALLBACK_LANGUAGE, Catalogue, CatalogueError, old_style_modules

_left = old_style_modules(Path(__file__).parent)
if _left:
    raise CatalogueError(f"old-style STRINGS modules left in mrko_app/i18n: {[p.name for p in _left]}; "
                         "fold them into the .po catalogues: python tools/strings_to_po.py")

BOOK = Catalogue()
LANGUAGES: tuple[str, ...] = BOOK.languages
DEFAULT_LANGUAGE = "ru"

# key -> its text in each language, in the order of LANGUAGES (plural entries: the "other" form)
CATALOGUE: dict[str, tuple[str, ...]] = {key: tuple(BOOK.text(key, lang) for lang in LANGUAGES)
                                         for key in sorted(BOOK.keys)}


def tr(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from params (`count` also picks the
    plural form of a plural entry)."""
    text = BOOK.text(key, lang, params.get("count"))
    return text.format(**params) if params else text


def texts(key: str) -> dict[str, str]:
    """{language: text} for `key` (placeholders unfilled)."""
    return {lang: BOOK.text(key, lang) for lang in LANGUAGES}


def in_every_language(key: str, **params) -> dict[str, str]:
    """{language: tr(key, language, **params)}: what a state keeps when the browser switches language itself."""
    return {lang: tr(key, lang, **params) for lang in LANGUAGES}


def localized(obj, field: str, lang: str) -> str:
    """A school's own name in the reader's language: `obj.<field>_<lang>` (or the dict's key), else English.
    Subjects, kinds of work and holidays carry `name_en` / `name_ru` columns."""
    get = obj.get if isinstance(obj, dict) else (lambda name, default=None: getattr(obj, name, default))
    return get(f"{field}_{lang}") or get(f"{field}_{FALLBACK_LANGUAGE}") or ""


def has(key: str) -> bool:
    return key in BOOK.keys


def is_plural(key: str) -> bool:
    return has(key) and BOOK.is_plural(key)


__all__ = ["CATALOGUE", "DEFAULT_LANGUAGE", "FALLBACK_LANGUAGE", "LANGUAGES", "BOOK", "CatalogueError", "has",
           "in_every_language", "is_plural", "localized", "texts", "tr"]
