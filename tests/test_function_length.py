"""Is every function in casekit at most 80 lines long, or does it say beside it why it is longer?"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 80
#: The phrase and, on the same line, a reason of at least two words ("Over 80 lines because it is …").
EXCUSE = re.compile(r"Over 80 lines[^\w\n\"']+\w+[^\w\n\"']+\w+")


def _comments_above(lines: list[str], first: int) -> str:
    """The comment lines directly above line number ``first`` (1-based), nearest last."""
    above: list[str] = []
    index = first - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        above.insert(0, lines[index])
        index -= 1
    return "\n".join(above)


def long_functions(source: str, name: str = "<source>") -> list[str]:
    """``name::function (N lines)`` for each function longer than the limit with no excuse beside it.

    A function is excused by "Over 80 lines" and a reason in its own text (docstring or comments) or
    in the comment lines directly above its ``def`` (or above its decorators).
    """
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = node.end_lineno - node.lineno + 1
        if length <= LIMIT:
            continue
        top = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        beside = _comments_above(lines, top) + "\n" + "\n".join(lines[top - 1 : node.end_lineno])
        if not EXCUSE.search(beside):
            found.append(f"{name}::{node.name} ({length} lines)")
    return found


def _function(body_lines: int, *, comment_above: str = "", docstring: str = "") -> str:
    head = f"{comment_above}\n" if comment_above else ""
    doc = f'    """{docstring}"""\n' if docstring else ""
    body = "".join(f"    x{i} = {i}\n" for i in range(body_lines - (2 if docstring else 1)))
    return f"{head}def f():\n{doc}{body}    return None\n"


def test_every_long_function_in_casekit_says_why():
    """Is each function over 80 lines in casekit/ excused by "Over 80 lines" and a reason beside it?"""
    offenders = []
    for path in sorted((ROOT / "casekit").rglob("*.py")):
        offenders += long_functions(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert offenders == [], "split these, or write 'Over 80 lines because …' beside them: " + ", ".join(
        offenders
    )


def test_the_length_check_flags_an_unexcused_81_line_function():
    """Would the check catch an 81-line function with no reason, and let an 80-line one pass?"""
    assert long_functions(_function(80)) == ["<source>::f (81 lines)"]
    assert long_functions(_function(79)) == []


def test_the_length_check_accepts_a_reason_above_or_inside_but_not_the_bare_phrase():
    """Does a reason above or in the docstring excuse a long function, and the bare phrase not?"""
    above = _function(80, comment_above="# Over 80 lines on purpose: one table read top to bottom.")
    inside = _function(80, docstring="Over 80 lines because it is one table.")
    bare = _function(80, docstring="Over 80 lines")
    assert long_functions(above) == []
    assert long_functions(inside) == []
    assert long_functions(bare) == ["<source>::f (81 lines)"]
