"""Gettext catalogues, compiled by Babel into memory when the app starts.

`locales/<language>/LC_MESSAGES/<area>.po` holds one area's strings in one language; the msgid is the key
(`"diary.week.title"`), the msgstr the text with `{name}` placeholders (`str.format`). An entry with a count
is a gettext plural entry (`msgid_plural`, `msgstr[0..n]`), chosen by the language's CLDR plural rule
(Babel's `Plural-Forms` for that locale; a catalogue whose header says otherwise is refused).

The languages are the directories under `locales/`: a new language is one more directory of `.po` files and
no code change. A language other than the fallback (English) may leave keys out only when it is loaded as
`partial` (the tests' extra language); the app's own languages must be complete (tests/i18n).
"""

from __future__ import annotations

import ast
import gettext
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# where the languages live: the package's own, or another directory of the same shape (MRKO_LOCALES)
LOCALES = Path(os.environ.get("MRKO_LOCALES") or Path(__file__).with_name("locales"))
FALLBACK_LANGUAGE = "en"


class CatalogueError(ValueError):
    """The catalogue on disk is not usable (fails at import, loudly, not at the first page view)."""


def old_style_modules(package_dir: Path) -> list[Path]:
    """Modules of the retired format (`STRINGS = {"key": ("English", "Русский")}`) still in the package."""
    found = []
    for path in sorted(package_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "STRINGS" for t in n.targets)
               for n in tree.body):
            found.append(path)
    return found


def expected_plural_forms(lang: str) -> str:
    return Catalog(locale=Locale.parse(lang)).plural_forms


@dataclass
class Language:
    code: str
    translations: gettext.GNUTranslations
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> forms, for plural entries
    singulars: dict[str, str] = field(default_factory=dict)
    plural_expr: str = ""  # the rule as gettext's C expression of `n` (also valid JavaScript: components.i18n.Tn)
    num_plurals: int = 2
    domains: dict[str, str] = field(default_factory=dict)  # key -> area (the .po file's name)

    @property
    def keys(self) -> set[str]:
        return set(self.singulars) | set(self.plurals)


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=path.stem)
    if catalog.plural_forms != expected_plural_forms(lang):
        raise CatalogueError(f"{path}: Plural-Forms {catalog.plural_forms!r} is not the CLDR rule for {lang!r} "
                             f"({expected_plural_forms(lang)!r})")
    return catalog


def load_language(directory: Path, lang: str) -> Language:
    """Every `.po` of one language, each compiled to a .mo in memory and chained into one translation."""
    merged = Catalog(locale=lang, domain="mrko")
    domains: dict[str, str] = {}
    for path in sorted(directory.glob("LC_MESSAGES/*.po")):
        for message in _read(path, lang):
            if not message.id:
                continue
            key = message.id[0] if message.pluralizable else message.id
            if key in domains:
                raise CatalogueError(f"{lang}: key {key!r} is in both {domains[key]}.po and {path.stem}.po")
            domains[key] = path.stem
            strings = message.string if message.pluralizable else (message.string,)
            if message.fuzzy or not all(strings):
                raise CatalogueError(f"{path}: {key!r} has an empty or fuzzy translation")
            merged.add(message.id, message.string)
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    plurals, singulars = {}, {}
    for message in merged:
        if not message.id:
            continue
        if message.pluralizable:
            plurals[message.id[0]] = tuple(message.string)
        else:
            singulars[message.id] = message.string
    return Language(lang, translations, plurals, singulars, merged.plural_expr, merged.num_plurals, domains)


class Catalogue:
    """All languages found under `root`; `partial` languages fall back to English for missing keys."""

    def __init__(self, root: Path = LOCALES, partial: tuple[str, ...] = ()):
        codes = sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("LC_MESSAGES/*.po")))
        if FALLBACK_LANGUAGE not in codes:
            raise CatalogueError(f"{root}: no {FALLBACK_LANGUAGE!r} catalogue to fall back on")
        self.languages = tuple(codes)
        self.by_code = {code: load_language(root / code, code) for code in codes}
        fallback = self.by_code[FALLBACK_LANGUAGE]
        self.keys = fallback.keys
        for code, language in self.by_code.items():
            if code != FALLBACK_LANGUAGE:
                language.translations.add_fallback(fallback.translations)
            extra = language.keys - self.keys
            if extra:
                raise CatalogueError(f"{code}: keys not in the English catalogue: {sorted(extra)[:5]}")
            missing = self.keys - language.keys
            if missing and code not in partial:
                raise CatalogueError(f"{code}: {len(missing)} keys missing, e.g. {sorted(missing)[:5]}")
            for key in (set(language.plurals) ^ set(fallback.plurals)) & language.keys:
                raise CatalogueError(f"{code}: {key!r} is a plural entry in one language and not in another")

    def language(self, lang: str) -> Language:
        return self.by_code.get(lang) or self.by_code[FALLBACK_LANGUAGE]

    def is_plural(self, key: str) -> bool:
        return key in self.by_code[FALLBACK_LANGUAGE].plurals

    def text(self, key: str, lang: str, count: int | None = None) -> str:
        """The raw text (placeholders unfilled); for a plural entry the form for `count` (the "other" form when
        no count is given, as for a heading)."""
        if key not in self.keys:
            raise KeyError(f"missing translation key {key!r}")
        language = self.language(lang)
        if self.is_plural(key):
            n = 5 if count is None else count  # 5 is "many"/"other" in every rule we ship
            return language.translations.ngettext(key, key, abs(int(n)))
        return language.translations.gettext(key)

    def forms(self, key: str, lang: str) -> tuple[str, ...]:
        """Every form of a plural entry in `lang` (the fallback's when the language lacks the key)."""
        language = self.language(lang)
        if key in language.plurals:
            return language.plurals[key]
        return self.by_code[FALLBACK_LANGUAGE].plurals[key]
