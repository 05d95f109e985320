"""A tiny document tree with two serialisers, so every rendering has HTML and markdown that agree.

Every piece of text that came from a case is escaped on the way out by :mod:`casekit.text.escape`
(``esc`` for HTML, ``md_esc`` for markdown; control characters removed). A ``<script>`` typed into a
case shows as text, never runs.

The HTML is self-contained and semantic: sections, headings, paragraphs, definition lists, lists and
tables with header cells; class names start with ``ck-`` so an export template can style them. No
style sheets, scripts or fonts are referenced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from casekit.model import Entry
from casekit.render.provenance import provenance
from casekit.text.escape import escape_html as esc
from casekit.text.escape import escape_markdown as md_esc

# ---------------------------------------------------------------------------------------------------
# Inline content


@dataclass(frozen=True)
class Said:
    """An entry's text with the label of whose voice it is in."""

    entry: Entry


@dataclass(frozen=True)
class Em:
    """A short emphasised label (a status, a week)."""

    text: str


Inline = str | Said | Em


# ---------------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Heading:
    """A heading, level 2–6."""

    text: str
    level: int = 3


@dataclass(frozen=True)
class Para:
    """A paragraph of inline pieces."""

    parts: tuple[Inline, ...]

    @classmethod
    def of(cls, *parts: Inline) -> Para:
        """A paragraph from pieces."""
        return cls(tuple(parts))


@dataclass(frozen=True)
class Fields:
    """Labelled values (an HTML definition list); empty values are left out."""

    items: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True)
class Bullets:
    """A list; each item is a sequence of inline pieces."""

    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Table:
    """A table with a caption and column headers."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Group:
    """A nested part of a section (one goal, one misstep) with its own heading and blocks."""

    title: str
    blocks: tuple[Block, ...]
    level: int = 4


Block = Heading | Para | Fields | Bullets | Table | Group


@dataclass
class Document:
    """A rendered section: a title, blocks, and a ``data-section`` name for templates."""

    name: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 3

    def add(self, *blocks: Block) -> Document:
        """Append blocks; returns the document for chaining."""
        self.blocks.extend(blocks)
        return self


# ---------------------------------------------------------------------------------------------------
# HTML


def _html_text(text: str) -> str:
    # Keep the author's line breaks without letting any markup through.
    return "<br>".join(esc(line) for line in text.strip().splitlines())


def _html_inline(piece: Inline) -> str:
    if isinstance(piece, Said):
        entry = piece.entry
        obtained = f' data-obtained="{esc(entry.obtained.value)}"' if entry.obtained else ""
        lang = f' lang="{esc(entry.language)}" dir="auto"' if entry.language else ""
        return (
            f'<span class="ck-said" data-voice="{esc(entry.voice.value)}"{obtained}>'
            f'<span class="ck-voice">{esc(provenance(entry))}:</span> '
            f'<span class="ck-text"{lang}>{_html_text(entry.text)}</span></span>'
        )
    if isinstance(piece, Em):
        return f"<em>{esc(piece.text)}</em>"
    return _html_text(piece)


def _html_inlines(parts: Sequence[Inline]) -> str:
    return " ".join(_html_inline(p) for p in parts)


def _present(value: Inline) -> bool:
    if isinstance(value, Said):
        return bool(value.entry)
    if isinstance(value, Em):
        return bool(value.text.strip())
    return bool(value.strip())


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        lv = min(max(block.level, 2), 6)
        return f"<h{lv}>{esc(block.text)}</h{lv}>"
    if isinstance(block, Para):
        return f"<p>{_html_inlines(block.parts)}</p>"
    if isinstance(block, Fields):
        rows = [
            f"<dt>{esc(label)}</dt><dd>{_html_inline(value)}</dd>"
            for label, value in block.items
            if _present(value)
        ]
        return f'<dl class="ck-fields">{"".join(rows)}</dl>' if rows else ""
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_html_inlines(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>" if items else ""
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        return (
            f'<table class="ck-table"><caption>{esc(block.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    if isinstance(block, Group):
        lv = min(max(block.level, 2), 6)
        inner = "".join(_html_block(b) for b in block.blocks)
        return f'<article class="ck-item"><h{lv}>{esc(block.title)}</h{lv}>{inner}</article>'
    raise TypeError(f"unknown block {type(block).__name__}")


def to_html(doc: Document) -> str:
    """Serialise a document as one self-contained ``<section>``."""
    lv = min(max(doc.level, 2), 6)
    inner = "".join(_html_block(b) for b in doc.blocks)
    return (
        f'<section class="ck-section" data-section="{esc(doc.name)}">'
        f"<h{lv}>{esc(doc.title)}</h{lv}>{inner}</section>"
    )


# ---------------------------------------------------------------------------------------------------
# Markdown


def _md_text(text: str) -> str:
    # A hard line break ("\" at line end) keeps the author's lines inside one paragraph or list item.
    return "\\\n".join(md_esc(line.strip()) for line in text.strip().splitlines())


def _md_inline(piece: Inline) -> str:
    if isinstance(piece, Said):
        return f"*{md_esc(provenance(piece.entry))}:* {_md_text(piece.entry.text)}"
    if isinstance(piece, Em):
        return f"*{md_esc(piece.text)}*"
    return _md_text(piece)


def _md_inlines(parts: Sequence[Inline]) -> str:
    return " ".join(_md_inline(p) for p in parts)


def _md_cell(piece: Inline) -> str:
    # Table cells are one line; the pipe is already escaped.
    return _md_inline(piece).replace("\\\n", " ").replace("\n", " ")


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * min(max(block.level, 2), 6)} {md_esc(block.text)}"
    if isinstance(block, Para):
        return _md_inlines(block.parts)
    if isinstance(block, Fields):
        rows = [
            f"- **{md_esc(label)}:** {_md_inline(value)}" for label, value in block.items if _present(value)
        ]
        return "\n".join(rows)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_inlines(item)}" for item in block.items)
    if isinstance(block, Table):
        lines = [
            f"*{md_esc(block.caption)}*",
            "",
            "| " + " | ".join(md_esc(h) for h in block.headers) + " |",
            "|" + "|".join(" --- " for _ in block.headers) + "|",
        ]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Group):
        parts = [f"{'#' * min(max(block.level, 2), 6)} {md_esc(block.title)}"]
        parts += [s for s in (_md_block(b) for b in block.blocks) if s]
        return "\n\n".join(parts)
    raise TypeError(f"unknown block {type(block).__name__}")


def to_markdown(doc: Document) -> str:
    """Serialise a document as markdown."""
    parts = [f"{'#' * min(max(doc.level, 2), 6)} {md_esc(doc.title)}"]
    parts += [s for s in (_md_block(b) for b in doc.blocks) if s]
    return "\n\n".join(parts) + "\n"
