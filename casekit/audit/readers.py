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
from casekit.text.tags import BLOCK_TAGS, HIDDEN_TAGS

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
        if tag in HIDDEN_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        values = {k: (v or "") for k, v in attrs}
        if tag in BLOCK_TAGS:
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
        if tag in HIDDEN_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "select" and self._select_multiple:
            self._select_multiple.pop()
        if tag in BLOCK_TAGS and tag not in {"br", "hr"}:
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
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@register_reader(".docx")
def read_docx(raw: bytes, source: str) -> FormDocument:
    """Read a Word form: paragraphs, table rows (cells joined by ``|``), text boxes, headers and footers.

    Content controls are read too: a drop-down list's items become ``○`` choices (a combo box, which
    also accepts typing, adds a blank), and the text a drop-down shows (its current answer) is not
    read. Passages are located by part and number: ``paragraph 3``, ``table 1, row 2``, ``text box 1,
    paragraph 1``, ``header paragraph 1``, ``footer table 1, row 1``.
    """
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise AuditError(
            f"{source}: reading Word files needs python-docx; install it with 'pip install python-docx'"
        ) from None
    _check_docx_size(raw, source)
    try:
        document = docx.Document(io.BytesIO(raw))
        parts = [("", document.element.body)]
        seen: set[str] = set()
        for section in document.sections:
            for kind, hf in (
                ("header", section.first_page_header),
                ("header", section.header),
                ("header", section.even_page_header),
                ("footer", section.first_page_footer),
                ("footer", section.footer),
                ("footer", section.even_page_footer),
            ):
                if hf.is_linked_to_previous:
                    continue
                partname = str(hf.part.partname)
                if partname not in seen:
                    seen.add(partname)
                    parts.append((kind, hf._element))
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, SyntaxError) as exc:
        # SyntaxError covers lxml's XMLSyntaxError: broken XML, or entities a form never declares.
        raise AuditError(
            f"{source}: not a readable Word (.docx) file ({type(exc).__name__}); open it in Word or "
            f"LibreOffice and save it again as .docx"
        ) from None
    passages: list[Passage] = []
    boxes: list[object] = []
    for kind, element in parts:
        prefix = f"{kind} " if kind else ""
        passages += _docx_blocks(element, prefix, boxes)
    done = 0
    while done < len(boxes):  # a text box may hold another text box
        box = boxes[done]
        done += 1
        passages += _docx_blocks(box, f"text box {done}, ", boxes)
    return FormDocument(source, "docx", tuple(passages))


#: The most a .docx may expand to when unzipped, in all and in one part. A long intake form is well
#: under a megabyte of XML; a zip bomb or a generated document of millions of paragraphs is not a form.
MAX_DOCX_UNZIPPED = 64 * 1024 * 1024
MAX_DOCX_PART = 16 * 1024 * 1024


def _check_docx_size(raw: bytes, source: str) -> None:
    """Refuse a .docx whose parts would unzip to more than a form ever holds, before unzipping any."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError) as exc:
        raise AuditError(
            f"{source}: not a readable Word (.docx) file ({type(exc).__name__}); open it in Word or "
            f"LibreOffice and save it again as .docx"
        ) from None
    if sum(sizes) > MAX_DOCX_UNZIPPED or max(sizes, default=0) > MAX_DOCX_PART:
        raise AuditError(
            f"{source}: unzips to {sum(sizes):,} bytes, more than a form holds (at most "
            f"{MAX_DOCX_UNZIPPED:,} in all and {MAX_DOCX_PART:,} in one part); audit the form itself"
        )


def _docx_children(element: object) -> Iterator[object]:
    """Block-level children, looking through block-level content controls (``w:sdt``)."""
    for child in element:  # type: ignore[attr-defined]
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _docx_children(content)
        else:
            yield child


def _docx_blocks(element: object, prefix: str, boxes: list[object]) -> list[Passage]:
    """Passages of the paragraphs and tables directly in ``element`` (a body, header, footer or box)."""
    passages: list[Passage] = []
    paragraph_no = 0
    table_no = 0
    for child in _docx_children(element):
        if child.tag == f"{_W}p":
            paragraph_no += 1
            text = normalise_markers(_docx_text(child, boxes))
            if text:
                passages.append(Passage(text, Location(index=paragraph_no, unit=f"{prefix}paragraph")))
        elif child.tag == f"{_W}tbl":
            table_no += 1
            rows = [r for r in _docx_children(child) if r.tag == f"{_W}tr"]
            for row_no, row in enumerate(rows, start=1):
                cells = [_docx_text(c, boxes) for c in _docx_children(row) if c.tag == f"{_W}tc"]
                text = normalise_markers(" | ".join(c.strip() for c in cells if c.strip()))
                if text:
                    unit = f"{prefix}table {table_no}, row"
                    passages.append(Passage(text, Location(index=row_no, unit=unit)))
    return passages


def _docx_choices(sdt: object) -> str | None:
    """A drop-down or combo-box content control's items as choices, or None for other controls."""
    props = sdt.find(f"{_W}sdtPr")  # type: ignore[attr-defined]
    if props is None:
        return None
    for tag, typed in ((f"{_W}dropDownList", False), (f"{_W}comboBox", True)):
        control = props.find(tag)
        if control is not None:
            items = [
                (item.get(f"{_W}displayText") or item.get(f"{_W}value") or "").strip()
                for item in control.iter(f"{_W}listItem")
            ]
            choices = " ".join(f"{RADIO} {item}" for item in items if item)
            return f" {choices}{f' {BLANK}' if typed else ''} "
    return None


def _docx_text(element: object, boxes: list[object] | None = None) -> str:
    """Text of a paragraph or cell in order, with check boxes as ``☐`` and drop-downs as choices.

    Text boxes met on the way are not read here but added to ``boxes`` (each becomes its own
    passages); the fallback copy Word keeps of a text box for old readers is skipped.
    """
    out: list[str] = []

    def walk(node: object) -> None:
        for child in node:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag == f"{_W}txbxContent":
                if boxes is not None:
                    boxes.append(child)
                continue
            if tag == f"{_W}sdt":
                choices = _docx_choices(child)
                if choices is not None:
                    out.append(choices)
                    continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in {f"{_W}tab", f"{_W}br", f"{_W}cr"}:
                out.append(" ")
            elif tag == f"{_W}checkBox" or tag == f"{_W}sym":  # a legacy form check box (FORMCHECKBOX)
                out.append(f" {BOX} ")
            elif tag == f"{_W}p":
                out.append(" ")
            walk(child)

    walk(element)
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# PDF


@register_reader(".pdf")
def read_pdf(raw: bytes, source: str) -> FormDocument:
    """Read a PDF form: its text layer line by line, then its fillable (AcroForm) fields.

    Each fillable field becomes a passage after its page's text, located by page and field name:
    its label (the field's tooltip, else its name), then its choices (``○`` for one choice, ``☐`` for
    several, a blank for a text box or a drop-down that accepts typing). Filled-in values are never
    read: a completed form may hold a client's answers.
    """
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
        pages = [_pdf_page_lines(page) for page in reader.pages]
        fields = _pdf_fields(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AuditError(
            f"{source}: not a readable PDF ({type(exc).__name__}); export the form to PDF again or "
            f"audit the document it was made from"
        ) from None
    passages: list[Passage] = []
    for page_no, lines in enumerate(pages, start=1):
        # Each field goes right after the last text line at or above it, beside its label.
        waiting = sorted(fields.get(page_no, []), key=lambda f: -f[0])
        for line_no, (line, height) in enumerate(lines, start=1):
            while waiting and height is not None and waiting[0][0] > height + _SAME_ROW:
                _, name, field_text = waiting.pop(0)
                passages.append(Passage(field_text, Location(page=page_no, field=name)))
            text = normalise_markers(line)
            if text:
                passages.append(Passage(text, Location(page=page_no, line=line_no)))
        for _, name, field_text in waiting:
            passages.append(Passage(field_text, Location(page=page_no, field=name)))
    return FormDocument(source, "pdf", tuple(passages))


#: How far (points) a field's middle may sit above a line's baseline and still count as that line's.
_SAME_ROW = 6.0


def _pdf_page_lines(page: object) -> list[tuple[str, float | None]]:
    """The page's text lines, each with the height (PDF points from the bottom) where it starts.

    Heights come from pypdf's text visitor; if the lines it reports do not match the extracted
    text, heights are None and fields go after the page's text.
    """
    chunks: list[tuple[str, float]] = []

    def visit(text: str, cm: list, tm: list, font: object, size: object) -> None:
        if text:
            chunks.append((text, float(tm[5]) * float(cm[3]) + float(cm[5])))

    page_text = page.extract_text(visitor_text=visit) or ""  # type: ignore[attr-defined]
    lines = page_text.splitlines()
    heights: list[float | None] = []
    start_new = True
    for text, height in chunks:
        for i, piece in enumerate(text.split("\n")):
            if i > 0:
                start_new = True
            if start_new and (piece or i < text.count("\n")):
                heights.append(height)
                start_new = False
    if len(heights) != len(lines):
        heights = [None] * len(lines)
    return list(zip(lines, heights, strict=True))


# AcroForm field flags (PDF 32000-1, tables 226, 228, 230), as bit masks.
_FF_RADIO = 1 << 15
_FF_PUSHBUTTON = 1 << 16
_FF_EDIT = 1 << 18  # a combo box that also accepts typed text
_FF_MULTISELECT = 1 << 21


def _pdf_fields(reader: object) -> dict[int, list[tuple[float, str, str]]]:
    """Fillable fields by page: ``{page: [(height of the field's middle, name, passage text), ...]}``."""
    found: dict[str, dict] = {}
    for page_no, page in enumerate(reader.pages, start=1):  # type: ignore[attr-defined]
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            field = _pdf_field_of(widget)
            name = _pdf_name(field)
            if not name:
                continue
            rect = [float(v) for v in widget.get("/Rect", [0, 0, 0, 0])]
            middle = (rect[1] + rect[3]) / 2 if len(rect) == 4 else 0.0
            entry = found.setdefault(name, {"page": page_no, "field": field, "states": [], "y": middle})
            appearances = widget.get("/AP", {}).get_object() if "/AP" in widget else {}
            normal = appearances.get("/N") if appearances else None
            normal = normal.get_object() if normal is not None else None
            if hasattr(normal, "keys"):
                for state in normal:
                    if state != "/Off" and state not in entry["states"]:
                        entry["states"].append(state)
    out: dict[int, list[tuple[float, str, str]]] = {}
    for name, entry in found.items():
        text = _pdf_field_text(entry["field"], name, entry["states"])
        if text:
            out.setdefault(entry["page"], []).append((entry["y"], name, text))
    return out


def _pdf_field_of(widget: object) -> object:
    """The field a widget annotation belongs to (a radio button's group, not the button)."""
    parent = widget.get("/Parent")  # type: ignore[attr-defined]
    parent = parent.get_object() if parent is not None else None
    if parent is None:
        return widget
    if "/T" not in widget:  # type: ignore[operator]
        return parent  # a plain widget of a field with several widgets
    if _inherited(parent, "/FT") == "/Btn" and int(_inherited(parent, "/Ff") or 0) & _FF_RADIO:
        return parent  # some writers name each radio button after its group as well
    return widget


def _inherited(field: object, key: str) -> object:
    node = field
    for _ in range(32):  # parents nest a few levels at most; guards against a loop
        if node is None:
            return None
        if key in node:  # type: ignore[operator]
            return node[key]  # type: ignore[index]
        parent = node.get("/Parent")  # type: ignore[attr-defined]
        node = parent.get_object() if parent is not None else None
    return None


def _pdf_name(field: object) -> str:
    parts: list[str] = []
    node = field
    for _ in range(32):
        if node is None:
            break
        if "/T" in node:  # type: ignore[operator]
            parts.append(str(node["/T"]))  # type: ignore[index]
        parent = node.get("/Parent")  # type: ignore[attr-defined]
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


def _pdf_label(field: object, name: str) -> str:
    """The field's label as a reader would see it: its tooltip, else its name made readable."""
    last = name.rsplit(".", 1)[-1]
    tooltip = str(_inherited(field, "/TU") or "").strip()
    if tooltip and tooltip != last:  # some writers copy the name into the tooltip
        return tooltip
    last = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", last)
    return re.sub(r"[_\-]+", " ", last).strip()


def _pdf_choice(option: object) -> str:
    option = option.get_object() if hasattr(option, "get_object") else option
    if isinstance(option, list) and option:  # [export value, shown text]
        option = option[-1]
    return str(option).strip()


def _pdf_state(state: str) -> str:
    # Appearance state names are PDF names: "/Prefer#20not#20to#20say" -> "Prefer not to say".
    name = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), state.lstrip("/"))
    return re.sub(r"[_]+", " ", name).strip()


def _pdf_field_text(field: object, name: str, states: list[str]) -> str:
    kind = _inherited(field, "/FT")
    flags = int(_inherited(field, "/Ff") or 0)
    label = _pdf_label(field, name)
    if kind == "/Tx":
        return normalise_markers(f"{label} {BLANK}")
    if kind == "/Ch":
        options = _inherited(field, "/Opt") or []
        options = options.get_object() if hasattr(options, "get_object") else options
        marker = BOX if flags & _FF_MULTISELECT else RADIO
        choices = " ".join(f"{marker} {_pdf_choice(o)}" for o in options)
        typed = f" {BLANK}" if flags & _FF_EDIT else ""
        return normalise_markers(f"{label} {choices}{typed}")
    if kind == "/Btn" and not flags & _FF_PUSHBUTTON:
        if flags & _FF_RADIO:
            options = _inherited(field, "/Opt")
            shown = [_pdf_choice(o) for o in options] if options else [_pdf_state(s) for s in states]
            return normalise_markers(f"{label} " + " ".join(f"{RADIO} {o}" for o in shown))
        return normalise_markers(f"{BOX} {label}")
    return ""
