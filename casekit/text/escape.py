"""Escape case text for HTML, Markdown and the terminal: the one place escaping is decided.

Everything a person typed passes through here on the way to a rendering, an export or the screen:

- :func:`strip_controls` removes C0 and C1 control characters (terminal escape sequences, bells,
  backspaces) and turns carriage returns into line breaks; every other function here applies it;
- :func:`escape_html` makes text safe inside HTML elements and attributes;
- :func:`escape_markdown` makes text show literally in Markdown (no emphasis, links, headings, lists,
  tables, raw HTML or autolinks), keeping its lines; :func:`escape_markdown_line` also folds it onto
  one line, for list items and table cells;
- :func:`for_terminal` is what the command line prints.

Pure functions; no I/O.
"""

from __future__ import annotations

import html
import re

# C0 controls except tab and line feed, DEL, and C1 controls (U+0080-U+009F: 8-bit CSI, OSC, NEL...).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Backslash-escaped anywhere: emphasis, code, links and images (brackets and parentheses), headings
# (an ATX heading's closing #s), tables and strikeout. "<", ">" and "&" become HTML entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~])")
# GFM turns bare "https://..." and "www..." into links: break the pattern with an escape.
_MD_AUTOLINK = re.compile(r"(?<=www)(\.)|(:)(?=//)", re.IGNORECASE)
# Escaped at the start of a line only: list markers, setext rules and numbered lists ("1." or "1)").
_MD_LINE_START = re.compile(r"^(\s*)(?:([+=\-])|(\d+)(\.))", re.MULTILINE)


def strip_controls(text: str) -> str:
    """``text`` without control characters; tabs and line breaks stay (a carriage return becomes one).

    Parameters
    ----------
    text
        Any text that came from a case, a file or a person.

    Returns
    -------
    str
        The same text with terminal escape sequences disarmed (their ESC, BEL and C1 bytes are gone,
        so what remains is printable) and nothing else changed.
    """
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def for_terminal(text: str) -> str:
    """Text safe to print on a terminal: no escape sequence can retitle, recolour or rewrite it."""
    return strip_controls(text)


def one_line(text: str) -> str:
    """Text for a one-line message, every unprintable character shown as its escape.

    A newline in a typed id, a tab or a terminal escape sequence appears as ``\\n``, ``\\t`` or
    ``\\x1b``: the message stays one line and the terminal acts on none of it.
    """
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def escape_html(text: str, *, quote: bool = True) -> str:
    """Escape text for HTML; controls removed. With ``quote`` (the default) safe inside attributes."""
    return html.escape(strip_controls(text), quote=quote)


def escape_markdown(text: str) -> str:
    """Escape text so Markdown shows it literally, line breaks kept.

    No emphasis, code, links, images, autolinks, headings, lists, tables or raw HTML can form;
    ``<``, ``>`` and ``&`` become HTML entities; control characters are removed.

    Parameters
    ----------
    text
        Case text (or a file name, an alias, a label) to place in a Markdown document.

    Returns
    -------
    str
        Markdown source that renders as ``text``.
    """
    out = html.escape(strip_controls(text), quote=False)
    out = _MD_SPECIAL.sub(r"\\\1", out)
    out = _MD_AUTOLINK.sub(lambda m: "\\" + (m.group(1) or m.group(2)), out)
    return _MD_LINE_START.sub(_escape_marker, out)


def escape_markdown_line(text: str) -> str:
    """:func:`escape_markdown` on one line: every run of whitespace (line breaks too) becomes a space."""
    return escape_markdown(" ".join(strip_controls(text).split()))


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    # "1." at a line start would begin a numbered list: escape the dot after the digits.
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"
