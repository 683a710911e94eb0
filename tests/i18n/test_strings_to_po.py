"""tools/strings_to_po.py folds old-style STRINGS modules into the .po files, once; the app refuses to start
while such a module is left."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "mrko_app" / "i18n"


def _tool():
    spec = importlib.util.spec_from_file_location("strings_to_po", ROOT / "tools" / "strings_to_po.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package(tmp_path):
    """A copy of the catalogue package, importable as mrko_app.i18n from tmp_path."""
    (tmp_path / "mrko_app").mkdir()
    (tmp_path / "mrko_app" / "__init__.py").write_text("")
    shutil.copytree(I18N, tmp_path / "mrko_app" / "i18n", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "mrko_app" / "i18n"


def _entry(i18n: Path, lang: str, area: str, key: str):
    with (i18n / "locales" / lang / "LC_MESSAGES" / f"{area}.po").open("rb") as handle:
        return read_po(handle, locale=lang).get(key)


def _import(package_root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import mrko_app.i18n as c; print(c.tr('forum.brand_new', 'ru'))"],
                          capture_output=True, text=True, cwd=package_root, env={"PATH": "/usr/bin:/bin"})


def test_fold_adds_updates_keeps_plurals_deletes_and_is_idempotent(package):
    old = package / "forum.py"
    old.write_text(
        '"""A branch\'s new forum strings."""\n\nSTRINGS = {\n'
        '    "forum.brand_new": ("Brand new", "Совсем новое"),\n'
        '    "nav.home": ("Home page", "Главная"),\n'  # changed on the branch, lives in common.po
        '    "alerts.unread": ("Unread: {count}", "Непрочитанных: {count}"),\n'  # a plural entry here: kept
        '}\nSTRINGS.update({"forum.later": ("Later", "Позже"), "forum.attached": ("Attached: {count}", "Прикреплено: {count}")})\n',
        encoding="utf-8")
    assert "old-style STRINGS modules left" in _import(package.parent.parent).stderr
    tool = _tool()
    assert tool.fold(check=True, i18n=package) == 7 and old.exists()  # check only: nothing written
    assert tool.fold(i18n=package) == 7
    assert not old.exists()
    assert _entry(package, "ru", "forum", "forum.brand_new").string == "Совсем новое"
    assert _entry(package, "en", "forum", "forum.later").string == "Later"
    assert _entry(package, "en", "common", "nav.home").string == "Home page"
    assert _entry(package, "ru", "alerts", "alerts.unread").pluralizable
    assert _entry(package, "ru", "forum", "forum.attached").string == ("Прикреплено: {count}",) * 3  # a label
    before = {p: p.read_bytes() for p in package.rglob("*.po")}
    assert tool.fold(i18n=package) == 0
    assert {p: p.read_bytes() for p in package.rglob("*.po")} == before
    run = _import(package.parent.parent)
    assert (run.returncode, run.stdout.strip()) == (0, "Совсем новое")


def test_the_real_package_has_no_old_module_left():
    assert _tool().old_modules() == []


def test_during_a_merge_only_what_the_branch_changed_is_folded(package):
    """main changed "nav.home" after the branch started; the branch's module still has the old text of it,
    and changed "nav.logout": only the branch's own change lands."""
    tool = _tool()
    (package / "common.py").write_text('STRINGS = {"nav.home": ("Home", "Главная"), '
                                        '"nav.logout": ("Sign out", "Выйти")}\n', encoding="utf-8")
    home = package / "locales" / "en" / "LC_MESSAGES" / "common.po"
    home.write_text(home.read_text(encoding="utf-8").replace('msgstr "Home"', 'msgstr "Start"'), encoding="utf-8")
    tool.base_strings = lambda path, base: {"nav.home": ("Home", "Главная"), "nav.logout": ("Log out", "Выйти")}
    assert tool.fold(i18n=package, base="the merge base") == 1
    assert _entry(package, "en", "common", "nav.home").string == "Start"
    assert _entry(package, "en", "common", "nav.logout").string == "Sign out"


def test_the_base_is_read_from_git():
    tool = _tool()
    module = I18N / "common.py"
    deleted = subprocess.run(["git", "-C", str(ROOT), "log", "--diff-filter=D", "--format=%H", "-1", "--",
                              "mrko_app/i18n/common.py"], capture_output=True, text=True).stdout.strip()
    if not deleted:
        pytest.skip("no history of the old catalogue modules in this checkout")
    assert tool.base_strings(module, "HEAD") == {}
    assert tool.base_strings(module, f"{deleted}~1")["nav.home"] == ("Home", "Главная")
