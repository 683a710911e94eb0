"""The gettext catalogue: complete in every language, plural entries for every count, keys used exist."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mrko_app.i18n import BOOK, CATALOGUE, LANGUAGES, has, is_plural, tr
from mrko_app.i18n.catalogue import LOCALES, Catalogue

APP = Path(__file__).resolve().parents[2] / "mrko_app"


def test_every_language_has_every_key_and_no_other():
    assert set(LANGUAGES) >= {"en", "ru"}
    english = BOOK.language("en").keys
    assert len(english) > 1000
    for lang in LANGUAGES:
        assert BOOK.language(lang).keys == english, lang
        assert {k for k in english if is_plural(k)} == set(BOOK.language(lang).plurals), lang
    assert all(all(texts) for texts in CATALOGUE.values())


def test_every_count_is_a_plural_entry():
    counted = {k for k in BOOK.keys if any("{count" in BOOK.text(k, lang, n) for lang in LANGUAGES for n in (1, 2, 5))}
    assert counted and {k for k in counted if not is_plural(k)} == set()


@pytest.mark.parametrize(("lang", "count", "expected"), [
    ("ru", 1, "ещё 1 оценка «5»"), ("ru", 2, "ещё 2 оценки «5»"), ("ru", 5, "ещё 5 оценок «5»"),
    ("ru", 11, "ещё 11 оценок «5»"), ("ru", 21, "ещё 21 оценка «5»"), ("ru", 24, "ещё 24 оценки «5»"),
    ("en", 1, "Even 1 more Control work mark of 5"), ("en", 2, "Even 2 more Control work marks of 5"),
])
def test_plural_forms_follow_the_cldr_rule(lang, count, expected):
    text = tr("stats.plan.unreachable", lang, subject="Maths", target=5, count=count, top=5, kind="Control work",
              average="2.88", mark=3)
    assert expected in text


def test_one_alert_is_not_one_alerts():
    assert tr("alerts.email.digest_subject", "en", count=1, child="Kid") == "MRKO Diary: 1 alert for Kid today"
    assert tr("alerts.email.digest_subject", "en", count=2, child="Kid") == "MRKO Diary: 2 alerts for Kid today"
    assert "3 уведомления" in tr("alerts.email.digest_subject", "ru", count=3, child="Маша")


def test_the_browser_picks_the_same_plural_form_as_the_server():
    """components.i18n.Tn compiles the rule to JavaScript: run it in node for every plural entry and count."""
    from mrko_app.components.i18n import plural_js

    counts = list(range(0, 130)) + [1001, 1011, 1021]
    cases = [(key, lang) for key in sorted(k for k in BOOK.keys if is_plural(k)) for lang in LANGUAGES]
    script = "const out = [];\n" + "".join(
        f"for (const c of {counts}) out.push({plural_js(key, lang, 'c')});\n" for key, lang in cases
    ) + "process.stdout.write(JSON.stringify(out));"
    import json

    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    expected = [BOOK.text(key, lang, c).replace("{count}", str(c)) for key, lang in cases for c in counts]
    assert json.loads(run.stdout) == expected


def test_a_third_language_is_one_more_directory(tmp_path):
    """German as a directory of .po files beside English and Russian: languages, texts, plurals, the UI's T and
    the language switch all take it, with no code change (a fresh interpreter reads MRKO_LOCALES)."""
    for lang in ("en", "ru"):
        (tmp_path / lang).symlink_to(LOCALES / lang, target_is_directory=True)
    german = tmp_path / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    for source in sorted((LOCALES / "en" / "LC_MESSAGES").glob("*.po")):
        text = source.read_text(encoding="utf-8").replace('"Language: en\\n"', '"Language: de\\n"')
        text = text.replace('msgid "nav.home"\nmsgstr "Home"', 'msgid "nav.home"\nmsgstr "Startseite"')
        text = text.replace('msgstr[0] "MRKO Diary: {count} alert for {child} today"',
                            'msgstr[0] "MRKO Tagebuch: {count} Hinweis für {child} heute"')
        (german / source.name).write_text(text, encoding="utf-8")
    probe = (
        "from mrko_app.i18n import LANGUAGES, tr\n"
        "from mrko_app.components.i18n import T\n"
        "from mrko_app.state.base import next_language\n"
        "print(LANGUAGES)\n"
        "print(tr('nav.home', 'de'), '|', tr('alerts.email.digest_subject', 'de', count=1, child='Max'))\n"
        "print('Startseite' in str(T('nav.home')), next_language('en'), next_language('ru'), next_language('de'))\n"
    )
    env = {"MRKO_LOCALES": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                         cwd=APP.parent, check=True)
    assert run.stdout.splitlines() == ["('de', 'en', 'ru')", "Startseite | MRKO Tagebuch: 1 Hinweis für Max heute",
                                       "True ru de en"]


def test_a_partial_language_falls_back_to_english_and_the_app_refuses_it(tmp_path):
    for lang in ("en", "ru"):
        (tmp_path / lang).symlink_to(LOCALES / lang, target_is_directory=True)
    (tmp_path / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "de" / "LC_MESSAGES" / "common.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "nav.home"\nmsgstr "Startseite"\n', encoding="utf-8")
    book = Catalogue(tmp_path, partial=("de",))
    assert book.languages == ("de", "en", "ru")
    assert (book.text("nav.home", "de"), book.text("nav.logout", "de")) == ("Startseite", "Log out")
    assert book.text("alerts.email.digest_subject", "de", 1) == "MRKO Diary: {count} alert for {child} today"
    with pytest.raises(ValueError, match="keys missing"):
        Catalogue(tmp_path)


def test_a_wrong_plural_rule_is_refused(tmp_path):
    (tmp_path / "en").symlink_to(LOCALES / "en", target_is_directory=True)
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ru" / "LC_MESSAGES" / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "nav.home"\nmsgstr "Главная"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not the CLDR rule"):
        Catalogue(tmp_path, partial=("ru",))


# ---- every key the code names exists ----

NAMESPACES = {key.split(".", 1)[0] for key in BOOK.keys}
KEY = re.compile(r"^[a-z_]+(?:\.[a-z0-9_]+)+$")
SOURCES = sorted(p for area in ("pages", "components", "state", "services", "views", "api")
                 for p in (APP / area).rglob("*.py"))
NOT_KEYS = {"mrko.school"}  # the iCal domain


def used_keys(source: str) -> set[str]:
    """String literals shaped like a key of a namespace the catalogue has (f-strings are built at run time and
    are left to the tests of their areas)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                part._in_fstring = True  # noqa: SLF001
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and not getattr(node, "_in_fstring", False)
                and KEY.match(node.value) and node.value.split(".", 1)[0] in NAMESPACES):
            found.add(node.value)
    return found - NOT_KEYS


def test_the_key_scan_finds_what_it_looks_for():
    assert used_keys('T("nav.home")\nraise ValidationError({"x": "journal.nope"})\nf"journal.{x}"\n'
                     'import_name = "os.path"') == {"nav.home", "journal.nope"}


@pytest.mark.parametrize("module", SOURCES, ids=lambda p: str(p.relative_to(APP)))
def test_every_key_named_in_the_code_is_in_every_language(module):
    keys = used_keys(module.read_text(encoding="utf-8"))
    # a mail names its pair of keys by their stem ("mail.reset_link" -> .subject, .body)
    assert sorted(k for k in keys if not has(k) and not any(x.startswith(k + ".") for x in BOOK.keys)) == []
