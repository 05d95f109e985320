"""A form as the audit sees it: an ordered list of passages, each with where it sits in the file.

Readers (:mod:`casekit.audit.readers`) turn each file format into a :class:`FormDocument`; rules
(:mod:`casekit.audit.rules`) read only this shape, so a rule never cares whether the form came from
a Word file or a web page.

Choice markers are normalised by the readers: a box that allows several ticks is written ``☐`` and a
single-choice button (HTML radio, ``( )``, a drop-down option) is written ``○``. A blank to write in
is ``____``.

This module does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A box the person may tick (one of several allowed).
BOX = "☐"
#: A single-choice button: only one of the group can be chosen.
RADIO = "○"
#: A blank for the person to write in.
BLANK = "____"


@dataclass(frozen=True)
class Location:
    """Where a passage sits in its file.

    Parameters
    ----------
    line
        Line number (1-based) in a text or Markdown file, within a PDF page, or of an HTML
        element's start in the source.
    page
        Page number (1-based) of a PDF.
    index
        Element (HTML) or paragraph (DOCX) number, 1-based in document order.
    unit
        What ``index`` counts, e.g. ``"element"``, ``"paragraph"`` or ``"table 1, row"``.
    tag
        The HTML tag of the element, when there is one.
    field
        The name of a fillable form field (a PDF AcroForm field), when the passage is one.
    """

    line: int | None = None
    page: int | None = None
    index: int | None = None
    unit: str = ""
    tag: str = ""
    field: str = ""

    @property
    def label(self) -> str:
        """A short human label: ``line 12``, ``page 2, line 5``, ``page 1, form field 'sex'``,
        ``paragraph 7``, ``header paragraph 1``, ``whole form``."""
        if self.field:
            where = f"page {self.page}, " if self.page is not None else ""
            return f"{where}form field '{self.field}'"
        if self.page is not None:
            return f"page {self.page}, line {self.line}"
        if self.index is not None:
            text = f"{self.unit or 'element'} {self.index}"
            details = [f"<{self.tag}>"] if self.tag else []
            if self.line is not None:
                details.append(f"source line {self.line}")
            return f"{text} ({', '.join(details)})" if details else text
        if self.line is not None:
            return f"line {self.line}"
        return "whole form"

    def as_dict(self) -> dict[str, int | str | None]:
        """The location as plain JSON-ready values."""
        return {
            "line": self.line,
            "page": self.page,
            "index": self.index,
            "unit": self.unit or None,
            "tag": self.tag or None,
            "field": self.field or None,
        }


#: The location of a finding about the form as a whole (something missing from it).
WHOLE_FORM = Location()


@dataclass(frozen=True)
class Passage:
    """A line, paragraph, table row or element of a form, as plain text, and where it is."""

    text: str
    location: Location


@dataclass(frozen=True)
class FormDocument:
    """A form read into passages.

    Parameters
    ----------
    source
        The file name, for messages and reports.
    kind
        The format it was read as (``text``, ``markdown``, ``html``, ``docx``, ``pdf``).
    passages
        Non-empty passages in reading order.
    """

    source: str
    kind: str
    passages: tuple[Passage, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """All the passages joined by newlines (for whole-form searches)."""
        return "\n".join(p.text for p in self.passages)
