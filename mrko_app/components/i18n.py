"""T(key): a catalogue string that follows the language switch, with no round trip to the server.

Every language's text is compiled into the page and the browser picks by `AuthState.lang`, so a language
added under `mrko_app/i18n/locales/` shows up here with no code change. `Tn(key, count)` does the same for a
plural entry, choosing the form with the language's CLDR rule (Babel's gettext expression, which is also
valid JavaScript) in the browser.
"""

import json
from typing import Any

import reflex as rx
from reflex.vars.base import VarData

from mrko_app.i18n import BOOK, FALLBACK_LANGUAGE, LANGUAGES, texts
from mrko_app.state.base import AuthState


def pick(options: dict[str, Any]) -> rx.Var:
    """options[lang] for the reader's language (plain strings or Vars); English for a language not given."""
    fallback = options[FALLBACK_LANGUAGE]
    cases = [(lang, value) for lang, value in options.items() if lang != FALLBACK_LANGUAGE]
    return rx.match(AuthState.lang, *cases, fallback) if cases else rx.Var.create(fallback)


def bilingual(en, ru) -> rx.Var:
    """A pair from the school's own data (name_en / name_ru); a third language reads the English one."""
    return pick({"en": en, "ru": ru})


def T(key: str) -> rx.Var:
    """The text for `key` in the current language (a key missing from the catalogue fails at compile)."""
    return pick(texts(key))


def plural_js(key: str, lang: str, count_js: str) -> str:
    """A JavaScript expression: the form of plural entry `key` in `lang` for the number `count_js`, with
    {count} filled in."""
    language = BOOK.language(lang)
    forms = json.dumps(list(BOOK.forms(key, lang)), ensure_ascii=False)
    expr = language.plural_expr if key in language.plurals else BOOK.language(FALLBACK_LANGUAGE).plural_expr
    return (f"((c) => {{ const n = Math.abs(Math.trunc(Number(c))); "
            f"return {forms}[Number({expr})].replaceAll(\"{{count}}\", String(c)); }})({count_js})")


def Tn(key: str, count: rx.Var) -> rx.Var:
    """The plural entry `key` for `count` (a Var of a number) in the current language."""
    if not BOOK.is_plural(key):
        raise KeyError(f"{key!r} is not a plural entry of the catalogue")
    count_var = rx.Var.create(count)
    data = VarData.merge(count_var._get_all_var_data())
    options = {lang: rx.Var(_js_expr=plural_js(key, lang, str(count_var)), _var_type=str, _var_data=data)
               for lang in LANGUAGES}
    return pick(options)


def per_language(item, name: str) -> rx.Var:
    """item["<name>_<lang>"] for the reader's language (the fields `views.language.per_language` makes)."""
    return pick({lang: item[f"{name}_{lang}"] for lang in LANGUAGES})
