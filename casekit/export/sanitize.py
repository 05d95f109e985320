"""HTML and markdown cleaning for exports: an allow-list on nh3 (Ammonia), no scripts, no fetches.

:func:`clean_html` sanitises HTML with nh3, keeping only the tags and attributes
:mod:`casekit.text.tags` allows; the content of dangerous elements (``script``, ``style``,
``iframe``, ``svg``, ...) goes with them, and images are always dropped (an image inside HTML cannot
be checked for identifiers). Every text node and every kept free-text attribute of the clean result
then passes through an optional ``text_filter``: the export's de-identification scrubber.

:func:`neutralise_markdown` makes markdown from a notebook safe to render: raw HTML cannot form a tag
and markdown images become plain links (no fetch when the file is opened).

Control characters never survive either. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import nh3

from casekit.text.escape import escape_html, strip_controls
from casekit.text.tags import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DROP_WITH_CONTENT,
    INLINE_TAGS,
    TEXT_ATTRIBUTES,
)

TextFilter = Callable[[str], str]

_CLASS_RE = re.compile(r"^[A-Za-z0-9_ -]{0,200}$")
_ANCHOR_RE = re.compile(r"^#[A-Za-z0-9_.:-]{0,200}$")


def _check_value(tag: str, name: str, value: str) -> str | None:
    # nh3 calls this for every allowed attribute; None drops it. Never raises.
    if name == "href" and not _ANCHOR_RE.match(value):
        return None
    if name == "class" and not _CLASS_RE.match(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_check_value,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(),
)


class _TextMapper(HTMLParser):
    """Re-writes nh3's clean output with every text node and free-text attribute filtered.

    Only the text changes: tags and attribute names are nh3's, re-emitted as they are.
    """

    def __init__(self, text_filter: TextFilter) -> None:
        super().__init__(convert_charrefs=True)
        self.text_filter = text_filter
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = []
        for name, value in attrs:
            value = value or ""
            if name in TEXT_ATTRIBUTES:
                value = self.text_filter(value)
            kept.append(f' {name}="{escape_html(value)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = self.text_filter(data) if data.strip() else data
        self.out.append(escape_html(text, quote=False))


def clean_html(markup: str, text_filter: TextFilter | None = None) -> str:
    """Keep only allowed tags and attributes (nh3); filter every piece of text that is left.

    Parameters
    ----------
    markup
        HTML from a notebook output or rendered markdown.
    text_filter
        Applied to every text node and free-text attribute (the de-identification scrubber).

    Returns
    -------
    str
        HTML with no scripts, event handlers, styles, images, forms, frames, outside links or control
        characters.
    """
    # Controls go before parsing and again after: "&#27;" only becomes an ESC character in nh3's output.
    clean = strip_controls(_CLEANER.clean(strip_controls(markup)))
    if text_filter is None:
        return clean
    mapper = _TextMapper(text_filter)
    mapper.feed(clean)
    mapper.close()
    return "".join(mapper.out)


def html_to_text(markup: str) -> str:
    """The visible text of ``markup`` (tags removed, entities decoded, whitespace collapsed)."""
    parts: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag not in INLINE_TAGS:
                parts.append(" ")

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            # Inline tags join their text to the word around them ("Od<b>alys</b>" reads "Odalys").
            if tag not in INLINE_TAGS:
                parts.append(" ")
            parts.extend(f" {v} " for k, v in attrs if v and k in {"alt", "title", "aria-label"})

    parser = _Text(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parts).split())


_MD_IMAGE = re.compile(r"!\[")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?!#)[^)]*\)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)


def neutralise_markdown(source: str) -> str:
    """Markdown that renders no HTML tags, fetches nothing and links nowhere outside the page.

    ``<`` becomes ``&lt;`` so raw HTML (and autolinks) show as text; ``![alt](src)`` and
    ``[text](url)`` become their text; reference definitions are dropped; control characters go.
    """
    text = _MD_IMAGE.sub("[", strip_controls(source).replace("<", "&lt;"))
    return _MD_REFERENCE.sub("", _MD_LINK.sub(r"\1", text))
