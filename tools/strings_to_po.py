"""Fold old-style catalogue modules (`mrko_app/i18n/<area>.py` with `STRINGS = {"key": ("English", "Русский")}`)
into the gettext catalogues `mrko_app/i18n/locales/{en,ru}/LC_MESSAGES/<area>.po`, then delete the modules.

    .venv/bin/python tools/strings_to_po.py          # fold and delete
    .venv/bin/python tools/strings_to_po.py --check  # only say what would change (exit 1 if anything)

A key not yet in any catalogue is added to `<area>.po`; a key already there (in whichever area) takes the
module's text if it differs (the module is the newer edit); a plural entry is kept as it is (an old module
cannot say plural forms) and a difference is printed. Running it twice changes nothing the second time.
It does not import the app (whose import refuses to start while such a module exists).

During a merge (MERGE_HEAD exists) the module is compared with its version at the merge base, and only what
the merged branch added or changed is folded: a branch that kept an old text of a key does not undo a
change made since on main. `--base REV` names another base; `--base none` folds every key.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import re
import runpy
import subprocess
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "mrko_app" / "i18n"
OLD_LANGUAGES = ("en", "ru")  # the order of the pairs in an old module
STAMP = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)  # fixed header dates: the output depends only on content
COUNT = re.compile(r"\{count[}:!]")
LABEL = re.compile(r"^[^{}]*: \{count\}\.?$")  # "Unread: {count}": a label, no word agrees with the number


def old_modules(i18n: Path = I18N) -> list[Path]:
    found = []
    for path in sorted(i18n.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "STRINGS" for t in n.targets)
               for n in tree.body):
            found.append(path)
    return found


def read_strings(path: Path) -> dict[str, tuple[str, str]]:
    """The module's STRINGS after running it on its own (some modules add to it with STRINGS.update)."""
    return runpy.run_path(str(path))["STRINGS"]


def _git(*args: str) -> str | None:
    run = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return run.stdout if run.returncode == 0 else None


def merge_base() -> str | None:
    """The merge base of a merge in progress (None outside a merge)."""
    if _git("rev-parse", "-q", "--verify", "MERGE_HEAD") is None:
        return None
    base = _git("merge-base", "HEAD", "MERGE_HEAD")
    return base.strip() if base else None


def base_strings(path: Path, base: str | None) -> dict:
    """STRINGS of the module as it was at `base` ({} when it did not exist there, or no base)."""
    if not base:
        return {}
    source = _git("show", f"{base}:{path.relative_to(ROOT).as_posix()}") if path.is_relative_to(ROOT) else None
    if source is None:
        return {}
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - the repository's own data module
    return namespace.get("STRINGS", {})


def po_path(locales: Path, lang: str, area: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{area}.po"


def new_catalog(lang: str, area: str) -> Catalog:
    return Catalog(locale=Locale.parse(lang), domain=area, project="MRKO Diary", version="1",
                   creation_date=STAMP, revision_date=STAMP, fuzzy=False,
                   last_translator="MRKO Diary", language_team=lang)


def load(locales: Path, lang: str, area: str) -> Catalog:
    path = po_path(locales, lang, area)
    if not path.exists():
        return new_catalog(lang, area)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=area)


def save(catalog: Catalog, locales: Path, lang: str, area: str) -> None:
    path = po_path(locales, lang, area)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, include_lineno=False, no_location=True)


def key_areas(locales: Path, lang: str) -> dict[str, str]:
    areas = {}
    for path in sorted((locales / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id:
                    areas[message.id[0] if message.pluralizable else message.id] = path.stem
    return areas


def fold(check: bool = False, i18n: Path = I18N, base: str | None = None) -> int:
    """Returns the number of changed entries (and deletes the folded modules unless check). With `base`, a key
    the module has unchanged since that revision is left as the catalogue says."""
    locales = i18n / "locales"
    modules = old_modules(i18n)
    areas = key_areas(locales, "en") if (locales / "en").exists() else {}
    catalogs: dict[tuple[str, str], Catalog] = {}
    dirty: set[tuple[str, str]] = set()
    changes = 0
    for module in modules:
        strings = read_strings(module)
        before = base_strings(module, base)
        for key, pair in strings.items():
            if len(pair) != 2 or not all(pair):
                raise SystemExit(f"{module.name}: {key!r} needs both English and Russian")
            if key in before and tuple(before[key]) == tuple(pair):
                continue  # not touched by the branch: the catalogue may have moved on since
            area = areas.setdefault(key, module.stem)
            for lang, text in zip(OLD_LANGUAGES, pair):
                catalog = catalogs.get((lang, area)) or catalogs.setdefault((lang, area), load(locales, lang, area))
                message = catalog.get(key)
                if message is None:
                    if all(LABEL.match(t) for t in pair):  # "Attached: {count}": the same words for every number
                        catalog.add((key, key), tuple([text] * catalog.num_plurals))
                        print(f"made {key!r} [{lang}] a plural entry (a label: one text for every form)")
                    else:
                        catalog.add(key, text)
                    if COUNT.search(text) and not LABEL.match(text):
                        print(f"NOTE {area}.po {key!r} [{lang}] has a {{count}}: make it a plural entry "
                              "(msgid_plural + msgstr[N]); tests/i18n fails until it is", file=sys.stderr)
                elif message.pluralizable:
                    if text not in message.string:
                        print(f"KEPT plural {area}.po {key!r} [{lang}]; the module says {text!r}", file=sys.stderr)
                    continue
                elif message.string == text:
                    continue
                else:
                    message.string = text
                changes += 1
                dirty.add((lang, area))
        print(f"{'would fold' if check else 'folded'} {module.name} ({len(strings)} keys)")
    if check:
        return changes
    for lang, area in sorted(dirty):
        save(catalogs[(lang, area)], locales, lang, area)
    for module in modules:
        module.unlink()
    others = sorted(p.name for p in locales.iterdir() if p.is_dir() and p.name not in OLD_LANGUAGES)
    if others and changes:
        print(f"NOTE languages {others} need the new keys too (the app refuses an incomplete language)",
              file=sys.stderr)
    print(f"{changes} entries changed in {len(dirty)} catalogue files")
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 when something would change")
    parser.add_argument("--base", default="auto",
                        help="revision the modules are compared with (auto: the merge base of a merge in progress; "
                             "none: fold every key)")
    args = parser.parse_args()
    base = merge_base() if args.base == "auto" else (None if args.base == "none" else args.base)
    if base:
        print(f"comparing with the modules at {base[:12]}")
    changes = fold(check=args.check, base=base)
    if args.check and (changes or old_modules()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
