"""HTML and markdown cleaning for exports: a small allow-list rebuild, no scripts, no fetches.

:func:`clean_html` parses HTML with the standard library and writes back only allowed tags and
attributes; everything else is dropped (its text kept, escaped) and the content of dangerous elements
(``script``, ``style``, ``iframe``, ``svg``, ...) is dropped with them. Every text node and every
kept free-text attribute passes through an optional ``text_filter``: the export's de-identification
scrubber. Images are always dropped here: an image inside HTML cannot be checked for identifiers.

:func:`neutralise_markdown` makes markdown from a notebook safe to render: raw HTML cannot form a tag
and markdown images become plain links (no fetch when the file is opened).

Pure functions; no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

TextFilter = Callable[[str], str]

#: Tags kept as they are (without attributes unless listed in ALLOWED_ATTRIBUTES).
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "ins",
        "kbd",
        "li",
        "main",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
)
#: Tags dropped together with everything inside them.
DROP_WITH_CONTENT = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "template",
        "noscript",
        "svg",
        "math",
        "textarea",
        "select",
        "option",
        "title",
        "head",
        "base",
        "link",
        "meta",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "picture",
        "form",
        "button",
        "input",
    ]
)
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "track", "wbr", "area", "col"})
#: Attributes kept, per tag ("*" for all tags). ``href`` is kept only for in-page anchors.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "lang", "dir", "role", "aria-label"}),
    "a": frozenset({"href"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "abbr": frozenset({"title"}),
    "details": frozenset({"open"}),
}
#: Attributes whose values are free text a person wrote: they go through the text filter.
TEXT_ATTRIBUTES = frozenset({"aria-label", "title"})
_CLASS_RE = re.compile(r"^[A-Za-z0-9_ -]{0,200}$")
_ANCHOR_RE = re.compile(r"^#[A-Za-z0-9_.:-]{0,200}$")


def _same(text: str) -> str:
    return text


class _Cleaner(HTMLParser):
    def __init__(self, text_filter: TextFilter) -> None:
        super().__init__(convert_charrefs=True)
        self.text_filter = text_filter
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag not in VOID_TAGS:
                self.dropping.append(tag)
            return
        if tag in DROP_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = []
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name == "href" and not _ANCHOR_RE.match(value):
                continue
            if name == "class" and not _CLASS_RE.match(value):
                continue
            if name in TEXT_ATTRIBUTES:
                value = self.text_filter(value)
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS or tag in DROP_WITH_CONTENT:
            if not self.dropping and tag in ALLOWED_TAGS:
                self.handle_starttag(tag, attrs)
            return
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                self.out.append(f"</{top}>")
                if top == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.dropping or not data:
            return
        text = self.text_filter(data) if data.strip() else data
        self.out.append(html.escape(text, quote=False))

    def close(self) -> None:
        super().close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")


def clean_html(markup: str, text_filter: TextFilter | None = None) -> str:
    """Rebuild ``markup`` keeping only allowed tags and attributes; filter every piece of text.

    Parameters
    ----------
    markup
        HTML from a notebook output or rendered markdown.
    text_filter
        Applied to every text node and free-text attribute (the de-identification scrubber).

    Returns
    -------
    str
        HTML with no scripts, event handlers, styles, images, forms, frames or outside links.
    """
    cleaner = _Cleaner(text_filter or _same)
    cleaner.feed(markup)
    cleaner.close()
    return "".join(cleaner.out)


_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
        "var",
        "wbr",
    ]
)


def html_to_text(markup: str) -> str:
    """The visible text of ``markup`` (tags removed, entities decoded, whitespace collapsed)."""
    parts: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag not in _INLINE:
                parts.append(" ")

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            # Inline tags join their text to the word around them ("Od<b>alys</b>" reads "Odalys").
            if tag not in _INLINE:
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
    ``[text](url)`` become their text; reference definitions are dropped.
    """
    text = _MD_IMAGE.sub("[", source.replace("<", "&lt;"))
    return _MD_REFERENCE.sub("", _MD_LINK.sub(r"\1", text))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def escape_markdown(text: str) -> str:
    """Escape a piece of case text so markdown shows it literally (no markup, no HTML, no links)."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)
