"""The display object every renderer returns: HTML and markdown of the same content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casekit.render.doc import Document, esc, md_esc, to_html, to_markdown


@dataclass(frozen=True)
class Rendering:
    """A static rendering of (part of) a case.

    Jupyter shows it as HTML; exports to markdown or plain text use the markdown. Both are built from
    the same document, so they say the same thing.

    Attributes
    ----------
    name
        A stable name for the part (``"goals"``), also in the HTML's ``data-section``.
    title
        The heading shown above it.
    html, markdown
        The rendering itself.
    """

    name: str
    title: str
    html: str
    markdown: str

    @classmethod
    def from_document(cls, doc: Document) -> Rendering:
        """Serialise a document both ways."""
        return cls(doc.name, doc.title, to_html(doc), to_markdown(doc))

    @classmethod
    def combine(cls, name: str, title: str, parts: Iterable[Rendering], *, intro: str = "") -> Rendering:
        """Put several renderings under one heading (level 2) in an ``<article>``."""
        parts = list(parts)
        intro_html = f"<p>{esc(intro)}</p>" if intro else ""
        intro_md = f"{md_esc(intro)}\n\n" if intro else ""
        html_out = (
            f'<article class="ck-rendering" data-rendering="{esc(name)}"><h2>{esc(title)}</h2>'
            f"{intro_html}{''.join(p.html for p in parts)}</article>"
        )
        md_out = f"## {md_esc(title)}\n\n{intro_md}" + "\n".join(p.markdown for p in parts)
        return cls(name, title, html_out, md_out)

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/html": self.html, "text/markdown": self.markdown, "text/plain": self.markdown}

    def __str__(self) -> str:
        return self.markdown
