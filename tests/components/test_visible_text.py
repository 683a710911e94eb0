"""Every visible string goes through the translation catalogue: no page, component or state passes a literal
word as a component's text or as a title, placeholder or aria-label (screen readers read those), and none
holds a word of a language written in the code (Cyrillic or any other non-Latin script: a state's
{"en": "Year", "ru": "Год"} pair was one)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "mrko_app"
MODULES = sorted([*ROOT.joinpath("pages").glob("*.py"), *ROOT.joinpath("components").glob("*.py"),
                  *ROOT.joinpath("state").glob("*.py"), *ROOT.joinpath("views").glob("*.py")])
TEXT_CALLS = {"text", "heading", "button", "link", "callout", "badge", "label", "strong", "em", "span", "p",
              "option", "th", "td", "li", "title", "description"}
TEXT_PROPS = {"title", "placeholder", "aria_label", "alt"}
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, in any alphabet
NEUTRAL = {"XXXX-XXXX-XXXX-XXXX"}  # the access code's shape, the same in every language


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def literal_words(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        texts = []
        if _call_name(node) in TEXT_CALLS:
            texts += [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        texts += [k.value for k in node.keywords
                  if k.arg in TEXT_PROPS and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)]
        found += [(t.lineno, t.value) for t in texts if WORD.search(t.value) and t.value not in NEUTRAL]
    return found


NON_LATIN = re.compile(r"[^\W\da-zA-Z_\u00c0-\u024f]")  # a letter outside the Latin alphabets


def foreign_words(source: str) -> list[tuple[int, str]]:
    """String constants (docstrings aside) holding a word with a letter of a non-Latin script (a single letter
    is a keyboard key: the journal's attendance shortcuts take both layouts)."""
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            and NON_LATIN.search(n.value) and WORD.search(n.value)]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_literal_words_in_the_ui(module: Path):
    source = module.read_text(encoding="utf-8")
    assert literal_words(source) == []
    assert foreign_words(source) == []


def test_the_check_finds_what_it_looks_for():
    source = 'rx.text("Привет")\nrx.button(rx.icon("x"), aria_label="close")\nrx.text(T("k"), "· ", "5")\n'
    assert literal_words(source) == [(1, "Привет"), (2, "close")]
    assert foreign_words('"""Дневник."""\nx = {"en": "Year", "ru": "Год"}\ny = "×"\nz = {"н": 1}\n') == [(2, "Год")]
