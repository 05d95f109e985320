"""Read intake forms (text, Markdown, HTML, DOCX, PDF) into passages with locations.

Each reader is registered for its file suffixes in :data:`READERS`; :func:`read_form` picks one by
suffix. Readers normalise choice markers (see :mod:`casekit.audit.document`) so that ``[ ] Male``,
``☐ Male``, a DOCX check-box field and ``<input type="checkbox"> Male`` all read as ``☐ Male``, and
``( ) Male``, a radio button or a drop-down option read as ``○ Male``.

Every failure is an :class:`~casekit.errors.AuditError` naming the file and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from casekit.audit.document import BLANK, BOX, RADIO, FormDocument, Location, Passage
from casekit.errors import AuditError

#: Largest form file the audit reads (bytes). Intake forms are a few pages.
MAX_FORM_BYTES = 25_000_000

Reader = Callable[[bytes, str], FormDocument]

#: suffix (lower case, with the dot) -> reader.
READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for the given file suffixes (``".txt"``, ...)."""

    def decorate(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix.lower()] = func
        return func

    return decorate


def supported_suffixes() -> list[str]:
    """The file suffixes the audit can read, sorted."""
    return sorted(READERS)


def read_form(path: str | Path) -> FormDocument:
    """Read a form file into a :class:`FormDocument`.

    Parameters
    ----------
    path
        A ``.txt``, ``.md``, ``.html``/``.htm``, ``.docx`` or ``.pdf`` file.

    Raises
    ------
    AuditError
        If the file is missing, too large, of an unsupported kind, unreadable, or has no text.
    """
    path = Path(path)
    name = path.name
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise AuditError(
            f"{name}: cannot audit '{path.suffix or 'no suffix'}' files; save the form as one of "
            f"{', '.join(supported_suffixes())} and try again"
        )
    if not path.is_file():
        raise AuditError(f"{name}: no such file; check the path ({path})")
    size = path.stat().st_size
    if size > MAX_FORM_BYTES:
        raise AuditError(
            f"{name}: the file is {size:,} bytes, more than the {MAX_FORM_BYTES:,} a form may be; "
            f"audit the form itself, not a bundle of scans"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AuditError(f"{name}: cannot be read ({exc.strerror}); check its permissions") from None
    doc = reader(raw, name)
    if not doc.passages:
        raise AuditError(
            f"{name}: no text found; if it is a scanned image, run text recognition (OCR) on it or "
            f"audit the document it was made from"
        )
    return doc


# --------------------------------------------------------------------------------------------------
# Markers

_BOX_RE = re.compile(r"\[\s?\]|\[[xX✓✔]\]|[☐☑☒□▢❑❒]")
_RADIO_RE = re.compile(r"\(\s?\)|\([xX•●]\)|[○◯◦⚪⭘]")
_BLANK_RE = re.compile(r"_{3,}")
_MD_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S)|\d+[.)]\s+)")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_GAP = "\u2003"  # stands for a column gap while markers are rewritten


def normalise_markers(text: str) -> str:
    """Write every tick box as ``☐``, every single-choice button as ``○`` and every blank as ``____``.

    Runs of two or more spaces (or a tab) are kept as a two-space column gap, since forms often put
    two fields on one line; every other run of spaces, and any gap beside a marker, becomes one space.
    """
    text = re.sub(r"[ \u00a0]{2,}|\t", _GAP, text)
    text = _BOX_RE.sub(f" {BOX} ", text)
    text = _RADIO_RE.sub(f" {RADIO} ", text)
    text = _BLANK_RE.sub(f" {BLANK} ", text)
    text = re.sub(r"[ \u00a0]+", " ", text)
    text = re.sub(f" ?{_GAP}[ {_GAP}]*", "  ", text)
    # A gap next to a choice marker is layout, not a new field.
    text = re.sub(f" *([{BOX}{RADIO}]) *", r" \1 ", text)
    return text.strip()


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AuditError(
            f"{source}: not valid UTF-8 text (byte {exc.start}); save the file as UTF-8 and try again"
        ) from None


# --------------------------------------------------------------------------------------------------
# Plain text and Markdown


@register_reader(".txt", ".text")
def read_text(raw: bytes, source: str) -> FormDocument:
    """Read a plain-text form: one passage per non-blank line."""
    return FormDocument(source, "text", tuple(_lines(_decode(raw, source), markdown=False)))


@register_reader(".md", ".markdown")
def read_markdown(raw: bytes, source: str) -> FormDocument:
    """Read a Markdown form: one passage per non-blank line, with list, heading and emphasis marks removed."""
    return FormDocument(source, "markdown", tuple(_lines(_decode(raw, source), markdown=True)))


def _lines(text: str, *, markdown: bool) -> Iterator[Passage]:
    for number, line in enumerate(text.splitlines(), start=1):
        if markdown:
            line = _MD_PREFIX_RE.sub("", line)
            line = line.replace("**", "").replace("`", "")
            line = re.sub(r"^\s*\|?\s*:?-{3,}.*$", "", line)  # table rule lines
        line = normalise_markers(line)
        if line:
            yield Passage(line, Location(line=number))


# --------------------------------------------------------------------------------------------------
# HTML

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "legend",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "noscript"})
_TEXT_INPUTS = frozenset({"text", "email", "tel", "number", "date", "search", "url", ""})


class _FormHTMLParser(HTMLParser):
    """Turns HTML into block-level passages, writing form controls as markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.passages: list[tuple[str, str, int]] = []  # text, tag, source line
        self._buffer: list[str] = []
        self._start_line = 0
        self._blocks: list[str] = []
        self._skip = 0
        self._select_multiple: list[bool] = []

    def _write(self, text: str) -> None:
        if not self._buffer or not "".join(self._buffer).strip():
            self._start_line = self.getpos()[0]
        self._buffer.append(text)

    def flush(self) -> None:
        text = _SPACES_RE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if text:
            tag = self._blocks[-1] if self._blocks else "body"
            self.passages.append((text, tag, self._start_line))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        values = {k: (v or "") for k, v in attrs}
        if tag in _BLOCK_TAGS:
            self.flush()
            if tag not in {"br", "hr"}:
                self._blocks.append(tag)
        elif tag in {"td", "th"}:
            self._write(" | ")
        elif tag == "input":
            kind = values.get("type", "").lower()
            if kind == "radio":
                self._write(f" {RADIO} ")
            elif kind == "checkbox":
                self._write(f" {BOX} ")
            elif kind in _TEXT_INPUTS:
                self._write(f" {BLANK} ")
        elif tag == "textarea":
            self._write(f" {BLANK} ")
        elif tag == "select":
            self._select_multiple.append("multiple" in values)
        elif tag == "option":
            multiple = self._select_multiple[-1] if self._select_multiple else False
            self._write(f" {BOX if multiple else RADIO} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "select" and self._select_multiple:
            self._select_multiple.pop()
        if tag in _BLOCK_TAGS and tag not in {"br", "hr"}:
            self.flush()
            if tag in self._blocks:
                while self._blocks and self._blocks.pop() != tag:
                    pass

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._write(data)


@register_reader(".html", ".htm")
def read_html(raw: bytes, source: str) -> FormDocument:
    """Read an HTML form: one passage per block element (paragraph, list item, table row, ...)."""
    parser = _FormHTMLParser()
    parser.feed(_decode(raw, source))
    parser.close()
    parser.flush()
    passages = []
    for text, tag, line in parser.passages:
        text = normalise_markers(text.strip(" |"))
        if text:
            location = Location(index=len(passages) + 1, unit="element", tag=tag, line=line)
            passages.append(Passage(text, location))
    return FormDocument(source, "html", tuple(passages))


# --------------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@register_reader(".docx")
def read_docx(raw: bytes, source: str) -> FormDocument:
    """Read a Word form: one passage per paragraph and one per table row (cells joined by ``|``)."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise AuditError(
            f"{source}: reading Word files needs python-docx; install it with 'pip install python-docx'"
        ) from None
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise AuditError(
            f"{source}: not a readable Word (.docx) file ({type(exc).__name__}); open it in Word or "
            f"LibreOffice and save it again as .docx"
        ) from None
    passages: list[Passage] = []
    paragraph_no = 0
    table_no = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph_no += 1
            text = normalise_markers(_docx_text(child))
            if text:
                passages.append(Passage(text, Location(index=paragraph_no, unit="paragraph")))
        elif child.tag == f"{_W}tbl":
            table_no += 1
            for row_no, row in enumerate(child.iterchildren(f"{_W}tr"), start=1):
                cells = [_docx_text(cell) for cell in row.iterchildren(f"{_W}tc")]
                text = normalise_markers(" | ".join(c.strip() for c in cells if c.strip()))
                if text:
                    passages.append(Passage(text, Location(index=row_no, unit=f"table {table_no}, row")))
    return FormDocument(source, "docx", tuple(passages))


def _docx_text(element: object) -> str:
    """Text of a paragraph or cell in order, with check-box fields and symbol boxes as ``☐``."""
    out: list[str] = []
    for node in element.iter():  # type: ignore[attr-defined]
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag in {f"{_W}tab", f"{_W}br", f"{_W}cr"}:
            out.append(" ")
        elif tag == f"{_W}checkBox" or tag == f"{_W}sym":  # a legacy form check box (FORMCHECKBOX)
            out.append(f" {BOX} ")
        elif tag == f"{_W}p":
            out.append(" ")
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# PDF


@register_reader(".pdf")
def read_pdf(raw: bytes, source: str) -> FormDocument:
    """Read a PDF form's text layer: one passage per line, located by page and line."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise AuditError(
            f"{source}: reading PDF files needs pypdf; install it with 'pip install pypdf'"
        ) from None
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AuditError(
                f"{source}: the PDF is password-protected; save an unprotected copy and audit that"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise AuditError(
            f"{source}: not a readable PDF ({type(exc).__name__}); export the form to PDF again or "
            f"audit the document it was made from"
        ) from None
    passages: list[Passage] = []
    for page_no, page_text in enumerate(pages, start=1):
        for line_no, line in enumerate(page_text.splitlines(), start=1):
            text = normalise_markers(line)
            if text:
                passages.append(Passage(text, Location(page=page_no, line=line_no)))
    return FormDocument(source, "pdf", tuple(passages))
