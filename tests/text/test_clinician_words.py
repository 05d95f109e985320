"""Do the words casekit shows clinicians read as plain English: "1 rating", "3 ratings", never
"rating(s)", and "understood" where a client's experience is meant, never "heard"?

Every string literal in casekit's code (docstrings aside: they are for programmers), every cell of the
shipped notebooks and every template is scanned.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from casekit.text.words import agree, count, plural

ROOT = Path(__file__).resolve().parents[2]
#: "rating(s)", "case(s)", "detail(s)": a noun with its plural left to the reader.
OPTIONAL_PLURAL = re.compile(r"[A-Za-z]\(s\)")
#: "felt heard": the kit says "understood" (its own word, and the one its feedback questions use).
HEARD = re.compile(r"\bheard\b", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (of the module, a class or a function)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _code_strings() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "casekit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    return found


def _shipped_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            found.append((f"{path.relative_to(ROOT)} cell {i}", "".join(cell["source"])))
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file() and path.suffix in {".j2", ".html", ".tpl", ".css", ".md", ".json"}:
            found.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("source", ["code", "notebooks and templates"])
def test_no_noun_leaves_its_plural_to_the_reader(source):
    """Is there no "rating(s)"-style plural in any string casekit shows?"""
    texts = _code_strings() if source == "code" else _shipped_texts()
    offenders = [f"{where}: {text!r}" for where, text in texts if OPTIONAL_PLURAL.search(text)]
    assert not offenders, "write count(n, 'noun') from casekit.text.words instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source", ["code", "notebooks and templates"])
def test_the_kit_says_understood_not_heard(source):
    """Does no string casekit shows say "heard" (the kit's word is "understood")?"""
    texts = _code_strings() if source == "code" else _shipped_texts()
    offenders = [f"{where}: {text!r}" for where, text in texts if HEARD.search(text)]
    assert not offenders, "\n".join(offenders)


def test_the_scan_finds_what_it_looks_for():
    """Would the two patterns catch the wording they are meant to catch (so the scans can fail)?"""
    assert OPTIONAL_PLURAL.search("over 3 rating(s).") and HEARD.search("did they feel heard?")
    assert not OPTIONAL_PLURAL.search("(see below)") and not HEARD.search("the hearing loop")
    assert any(where.startswith("casekit/") for where, _ in _code_strings())
    assert any(where.startswith("notebooks/") for where, _ in _shipped_texts())


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "rating", "1 rating"),
        (0, "rating", "0 ratings"),
        (2, "new rating", "2 new ratings"),
        (3, "address", "3 addresses"),
        (2, "person", "2 people"),
        (1, "flagged span", "1 flagged span"),
    ],
)
def test_count_agrees_with_the_number(n, noun, expected):
    """Does count() give the singular for one and the plural otherwise, irregular plurals included?"""
    assert count(n, noun) == expected
    assert plural(noun.split()[-1], n) == expected.split()[-1]


def test_agree_picks_the_verb_for_the_number():
    """Is "was" chosen for one and "were" for any other number?"""
    assert [agree(n, "was", "were") for n in (0, 1, 2)] == ["were", "was", "were"]
