"""The export gate: the last checks before a summary may be written.

0. :func:`check_consent` — the case records that the client knows it is brought to the export's
   audience (a peer group, supervision, teaching), or why that is not needed.
1. :func:`check_reviewed` — every low-confidence finding of the scrubber has a presenter's decision.
2. :func:`check_self_contained` — the HTML loads nothing (no script, no outside URL, no frame).
3. :func:`scan_output` — no form of any known identifier is in the output bytes, in the visible text
   of HTML, or in the text extracted from a PDF; the scan matches in casekit.deid's normalised form,
   so soft hyphens, zero-width characters (also as HTML entities), letter-spacing, full-width and
   look-alike letters do not hide a name.

Each refusal is an :class:`~casekit.errors.ExportGateError` with a one-line message that names the
category of what was found, never the identifier itself. There is no way to force an export past it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from casekit.errors import ConsentError, ExportGateError
from casekit.export.sanitize import html_to_text
from casekit.text.words import agree
from casekit.text.words import count as counted

if TYPE_CHECKING:
    from casekit.export.context import ExportContext
    from casekit.model import Case

#: Where a presenter reviews flagged spans (named in the gate's message).
REVIEW_HINT = "review them with `casekit deid review {case_id}` (or in the workbook's review step)"

_FETCHING_TAGS = frozenset({"script", "link", "iframe", "frame", "object", "embed", "base", "form", "applet"})
_URL_ATTRIBUTES = frozenset({"src", "srcset", "href", "poster", "data", "action", "formaction", "background"})
_CSS_FETCH = re.compile(r"url\(\s*[\"']?\s*(?!data:)|@import\b", re.IGNORECASE)


class _Loads(HTMLParser):
    """Collects what in a page would run or fetch when it is opened (tags and attributes only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FETCHING_TAGS:
            self.problems.append(f"<{tag}>")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{name} handler")
            elif name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("meta refresh")
            elif name in _URL_ATTRIBUTES and value and not value.startswith(("data:", "#")):
                self.problems.append(f"{name} URL")
            elif name == "style" and _CSS_FETCH.search(value):
                self.problems.append("style URL")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_FETCH.search(data):
            self.problems.append("stylesheet URL")


def check_reviewed(ctx: ExportContext) -> None:
    """Refuse while the scrubber has findings the presenter has not decided on.

    Raises
    ------
    ExportGateError
        Naming how many findings wait and where to review them.
    """
    count = len(ctx.pending())
    if count and ctx.case is not None:
        case_id = ctx.case.meta.case_id
        raise ExportGateError(
            f"case {case_id}: {counted(count, 'flagged span')} that may identify the client "
            f"{agree(count, 'has', 'have')} not been reviewed; "
            f"{REVIEW_HINT.format(case_id=case_id)}, then export again (nothing was written)"
        )
    if count:
        raise ExportGateError(
            f"{ctx.subject}: {counted(count, 'flagged span')} that may identify a client "
            f"{agree(count, 'was', 'were')} kept; nothing was "
            f"written; reword the text that holds them and export again"
        )


#: Where a presenter records consent to consultation (named in the gate's message).
CONSENT_HINT = "on the home page: choose the case, then open “Consent, supervision and learning”"

#: How each audience reads in a sentence ("brought to ...").
AUDIENCE_WORDS = {
    "supervision": "supervision",
    "peer_group": "a peer consultation group",
    "teaching": "teaching or training",
}


def check_consent(case: Case, audience: str) -> None:
    """Refuse an export for ``audience`` that the case's record of consent does not cover.

    Parameters
    ----------
    case
        The case exported.
    audience
        A :class:`~casekit.model.ConsultationAudience` value: ``peer_group`` for a group handout,
        ``supervision`` for a supervision export, ``teaching`` for teaching material.

    Raises
    ------
    ConsentError
        One line saying what is missing and where to record it (nothing is written).
    """
    from casekit.model import ConsentStatus, ConsultationAudience

    wanted = ConsultationAudience(audience)
    consent = case.consultation_consent
    who, words = f"case {case.meta.case_id}", AUDIENCE_WORDS[wanted.value]
    if consent.covers(wanted) and (consent.status != ConsentStatus.CLIENT_AGREED or consent.date):
        return
    if consent.covers(wanted):
        raise ConsentError(
            f"{who}: the client's agreement is recorded without the date you asked them; nothing was "
            f"written; add the date (“When you asked”) {CONSENT_HINT}, then export again"
        )
    if consent.status == ConsentStatus.NOT_NEEDED:
        problem = "consent is marked as not needed, but without the reason why"
        fix = f"write the reason {CONSENT_HINT}"
    elif consent.status == ConsentStatus.CLIENT_AGREED:
        agreed = ", ".join(AUDIENCE_WORDS[a.value] for a in consent.scope) or "nothing yet"
        problem = f"the client agreed to {agreed}, not to {words}"
        fix = f"ask the client, and if they agree add it {CONSENT_HINT}"
    else:
        problem = f"it is not recorded whether the client knows this case is brought to {words}"
        fix = f"record it {CONSENT_HINT}, or say there why it is not needed"
    raise ConsentError(f"{who}: {problem}; nothing was written; {fix}, then export again")


def check_self_contained(markup: str, *, case_id: str | None = None, subject: str | None = None) -> None:
    """Refuse HTML that would run a script or fetch anything when opened.

    ``subject`` names what is exported in the message (default: ``case CASE_ID``).

    Raises
    ------
    ExportGateError
        If a script, frame, stylesheet link, event handler or outside URL is present.
    """
    finder = _Loads()
    finder.feed(markup)
    finder.close()
    if finder.problems:
        who = subject or f"case {case_id}"
        raise ExportGateError(
            f"{who}: the HTML would run or load something ({finder.problems[0]}); nothing was written; "
            f"check the template (casekit's own templates never do this)"
        )


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF and its document information, as pypdf extracts it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    info = reader.metadata or {}
    parts += [str(value) for value in info.values()]
    return "\n".join(parts)


def pdf_text_pdfium(data: bytes) -> str:
    """The text of every page of a PDF as PDFium (the engine of Chromium's viewer) extracts it.

    A second reader, because pypdf cannot decode some fonts' encodings: a page with a full-width
    letter can come out of pypdf as noise, names included, while a viewer shows every word.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


# A word broken over two lines at a hyphen (a soft hyphen prints as one where the line breaks).
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)[\u00ad\u2010\u2011-][ \t]*\r?\n\s*(?=\w)")


def _pdf_readings(data: bytes) -> list[str]:
    readings: list[str] = []
    for text in (pdf_text(data), pdf_text_pdfium(data)):
        # As extracted (two spaces part letter-spaced words), on one line, and with words broken
        # at a line-end hyphen joined again (with and without the hyphen: "Brennick-Tamura").
        readings += [text, _squash(text)]
        if _LINE_BREAK_HYPHEN.search(text):
            readings += [
                _squash(_LINE_BREAK_HYPHEN.sub("", text)),
                _squash(_LINE_BREAK_HYPHEN.sub("-", text)),
            ]
    return readings


_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=\s]+")
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL | re.IGNORECASE)


def texts_to_scan(data: bytes, fmt: str) -> list[str]:
    """Every reading of an output the final scan looks at.

    A PDF is read as its extracted text and document information (its raw bytes are compressed
    streams), by two readers (pypdf and PDFium), each as extracted, on one line, and with words
    broken at a line-end hyphen joined. In HTML and markdown the base64 of casekit's re-drawn plots is
    left out: it is pixels, not text, and random base64 can spell a short name; so is the template's
    own ``<style>`` (the cleaner drops every style from notebook content, and the structural check
    refuses stray ones that load).
    """
    if fmt == "pdf":
        return _pdf_readings(data)
    raw = _DATA_URI.sub("data:image/png;base64,", data.decode("utf-8", errors="replace"))
    # The template's own stylesheet is not case data ("white-space" is not the surname White).
    raw = _STYLE.sub("<style></style>", raw)
    out = [raw, _squash(raw)]
    if fmt == "html":
        out.append(html_to_text(raw))
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def scan_output(data: bytes, fmt: str, case: Case | Sequence[Case], *, subject: str | None = None) -> None:
    """Refuse output in which any known identifier form is found.

    Parameters
    ----------
    data
        The bytes about to be written.
    fmt
        ``"html"``, ``"md"`` or ``"pdf"`` (a PDF is scanned as bytes and as extracted text).
    case
        The case whose private identifiers are looked for, or several cases (an organisation export
        is scanned for every case's identifiers, in one pass).
    subject
        What is exported, for the message (default: ``case CASE_ID``).

    Raises
    ------
    ExportGateError
        Naming the categories found (never the identifier).
    """
    from casekit.deid.scan import scan_texts

    cases = list(case) if isinstance(case, Sequence) else [case]
    identifiers = [c.identifiers for c in cases]
    categories = {str(hit.category) for hit in scan_texts(texts_to_scan(data, fmt), identifiers)}
    if categories:
        one_case = len(cases) == 1 and subject in (None, f"case {cases[0].meta.case_id}")
        if one_case:
            subject, what, where = f"case {cases[0].meta.case_id}", "summary", "the case text"
        else:
            subject, what, where = subject or "the export", "export", "the text"
        raise ExportGateError(
            f"{subject}: the {fmt} {what} still contains {', '.join(sorted(categories))} "
            f"from the private identifiers; nothing was written; edit {where} that holds it and "
            f"export again"
        )


def recheck(data: bytes, fmt: str, case: Case) -> None:
    """The gate's checks on finished bytes, for an export handed back from the cache.

    HTML is checked for anything that would load or run; every format is scanned for the case's
    identifiers (a PDF by its text), exactly as a fresh export's output is.

    Raises
    ------
    ExportGateError
        As :func:`check_self_contained` and :func:`scan_output` do.
    """
    subject = f"case {case.meta.case_id}"
    if fmt == "html":
        check_self_contained(data.decode("utf-8"), subject=subject)
    scan_output(data, fmt, case, subject=subject)
