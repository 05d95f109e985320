"""Does the one escaping module keep case text literal in HTML, Markdown and on the terminal?"""

from __future__ import annotations

import re
from pathlib import Path

from casekit.text.escape import (
    escape_html,
    escape_markdown,
    escape_markdown_line,
    for_terminal,
    strip_controls,
)

CASEKIT = Path(__file__).resolve().parents[2] / "casekit"
OWNER = CASEKIT / "text" / "escape.py"
#: Terminal escapes a pasted note could carry: retitle the window, turn the text red.
TITLE, RED = "\x1b]0;pwned\x07", "\x1b[31m"

# What a Markdown escaper looks like in source: the shared names, an escaping function's name, the
# backslash-before-the-match substitution, a hand-escaped table pipe.
_ESCAPER_SIGNS = [
    re.compile(r"\b_MD_SPECIAL\b"),
    re.compile(r"def\s+\w*(?:md_?esc|escape_?(?:markdown|md))\w*\s*\(", re.IGNORECASE),
    re.compile(r"""r["']\\\\\\1["']"""),
    re.compile(r"""["']\\\\\|["']"""),
]


def _escaper_signs(source: str) -> list[str]:
    return [sign.pattern for sign in _ESCAPER_SIGNS if sign.search(source)]


def test_no_module_but_the_owner_escapes_markdown():
    """Is casekit/text/escape.py the only place in casekit that defines a Markdown escaper?"""
    found = {
        str(path.relative_to(CASEKIT)): signs
        for path in sorted(CASEKIT.rglob("*.py"))
        if path != OWNER and (signs := _escaper_signs(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_escaper_check_recognises_each_old_escaper():
    """Would the check above fail on each of the four escapers casekit used to have?"""
    old_escapers = [
        '_MD_SPECIAL = re.compile(r"([\\\\`*_{}\\[\\]<>|~&])")',
        "def md_esc(text: str) -> str:\n    return text",
        "def escape_markdown(text: str) -> str:\n    return text",
        'out = SPECIAL.sub(r"\\\\\\1", text)',
        'return " ".join(text.split()).replace("|", "\\\\|")',
    ]
    for source in old_escapers:
        assert _escaper_signs(source), source
    assert _escaper_signs(OWNER.read_text(encoding="utf-8")), "the owner itself is recognised"
    assert _escaper_signs("def describe(text: str) -> str:\n    return text") == []


def test_markdown_shows_case_text_literally():
    """Do emphasis, links, raw HTML, tables, headings, lists and autolinks all stay text?"""
    assert escape_markdown("# [a](b) <i>") == "\\# \\[a\\]\\(b\\) &lt;i&gt;"
    assert escape_markdown("*bold* _it_ `code` ~~gone~~ a|b") == (
        "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ a\\|b"
    )
    assert escape_markdown("- one\n+ two\n1. three\n2) four\n===") == (
        "\\- one\n\\+ two\n1\\. three\n2\\) four\n\\==="
    )
    assert escape_markdown("see https://x.org or www.x.org & more") == (
        "see https\\://x.org or www\\.x.org &amp; more"
    )


def test_markdown_leaves_ordinary_punctuation_alone():
    """Are hyphens, full stops and apostrophes inside a line left as they were written?"""
    text = "A night-shift baker. She's 40-ish; the choir is her family."
    assert escape_markdown(text) == text


def test_one_line_markdown_folds_line_breaks_into_spaces():
    """Does the one-line form turn every run of whitespace into one space, escaping the rest?"""
    assert escape_markdown_line("first\n  second\t| third") == "first second \\| third"


def test_control_characters_never_survive_any_escaper():
    """Are terminal escapes and other control characters gone from HTML, Markdown and terminal text?"""
    text = f"Before{TITLE} {RED}red\x9b2J\x08\x00\x7f after"
    for out in (
        strip_controls(text),
        for_terminal(text),
        escape_html(text),
        escape_markdown(text),
        escape_markdown_line(text),
    ):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
        assert "Before" in out and "red" in out and "after" in out


def test_controls_are_removed_but_writing_is_kept():
    """Do tabs, line breaks and every script and accent stay, with carriage returns as line breaks?"""
    text = "Línea\tuno\r\nשלום\rمرحبا 你好 🙂"
    assert strip_controls(text) == "Línea\tuno\nשלום\nمرحبا 你好 🙂"


def test_html_escaping_covers_attributes():
    """Is text safe inside an HTML attribute (both quote kinds escaped)?"""
    assert escape_html("\"a\" 'b' <c> & d") == "&quot;a&quot; &#x27;b&#x27; &lt;c&gt; &amp; d"
