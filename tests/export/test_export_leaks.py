"""Do exported summaries hold any form of any identifier, in any format?"""

from __future__ import annotations

import html
import re
import unicodedata

import pytest

from casekit.export import api
from casekit.export.context import ExportContext
from casekit.export.gate import pdf_text
from casekit.model.walk import iter_entries
from tests.export.conftest import SECRET, example_cases, reviewed
from tests.export.runs import stuffed_run
from tests.fictional import plain_case, stuffed_case

# Plot pixels as base64 are not text (random base64 can spell a short name).
_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=\s]+")
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)  # the template's CSS ("white-space" is not Mr White)
FORMATS = ["html", "pdf", "md"]


def _leaks(data: bytes, fmt: str, case) -> list[str]:
    """Every identifier form found in an export, by category (never printing the form itself).

    Each form that is not an ordinary word is searched for on its own (whole word, ignoring case and
    accents); forms that are also ordinary words ("Hope", "Bé" → "be") count where casekit.deid's
    scanner says the context makes them a name.
    """
    from casekit.deid import scan_for_identifiers
    from casekit.deid.forms import known_forms
    from casekit.deid.text import fold

    if fmt == "pdf":
        texts = [" ".join(pdf_text(data).split())]
    else:
        texts = [_STYLE.sub("", _DATA_URI.sub("", data.decode("utf-8", errors="replace")))]
    # Independently of casekit's normaliser: without format characters (soft hyphen, zero-width) and
    # in compatibility form (full width), as a reader sees the text.
    seen = [
        unicodedata.normalize("NFKC", "".join(c for c in t if unicodedata.category(c) != "Cf")) for t in texts
    ]
    found = []
    for form in known_forms(case.identifiers):
        if form.wordlike:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(fold(form.text))}(?!\w)")
        if any(pattern.search(fold(text)) for text in texts + seen):
            found.append(f"{form.category}:{form.key}")
    for text in texts:
        found += [f"{hit.category} (scanner)" for hit in scan_for_identifiers(text, case.identifiers)]
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_summaries_hold_no_identifier_form(fmt):
    """Does every example case's summary, in every format, stay free of every identifier form?"""
    for case in example_cases():
        export = api.export_case(case, fmt, session="2026-05-04", secret=SECRET)
        assert export.data, f"{case.meta.case_id}: empty {fmt} export"
        assert _leaks(export.data, fmt, case) == [], case.meta.case_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_stuffed_case_summary_holds_no_identifier_form(fmt):
    """With an identifier in every field of the case, does the summary still hold none?"""
    case = reviewed(stuffed_case())
    export = api.export_case(case, fmt, session="2026-05-04", secret=SECRET)
    assert _leaks(export.data, fmt, case) == []
    if fmt in ("html", "md"):  # the markup the stuffed case holds is shown as text, never as markup
        assert b"<script" not in export.data and b"<img src=x" not in export.data
        assert b"&lt;img src=x onerror=" in export.data
    if fmt == "html":
        assert b"&lt;script&gt;window.__pwned=1&lt;/script&gt;" in export.data


@pytest.mark.parametrize("fmt", FORMATS)
def test_stuffed_run_export_holds_no_identifier_form(fmt):
    """A run with identifiers in markdown, every output type, attachments and metadata: none exported?"""
    case = reviewed(stuffed_case())
    ctx = ExportContext.for_case(case, session="2026-05-04", secret=SECRET)
    export = api.export_notebook(stuffed_run(), fmt, ctx)
    assert _leaks(export.data, fmt, case) == []
    text = export.data.decode("utf-8", errors="replace")
    for kept_out in ("widget-state", "papermill", "VBox(", "Text(value", "__pwned='", "https://example.org"):
        assert kept_out not in text, kept_out


def test_run_export_shows_no_code_and_no_widget_boxes():
    """Is the HTML free of code, prompts and empty widget boxes?"""
    case = reviewed(stuffed_case())
    html = api.export_notebook(
        stuffed_run(), "html", ExportContext.for_case(case, secret=SECRET)
    ).data.decode()
    assert "show(" not in html and "case_id =" not in html
    assert "jupyter-widgets" not in html and "widget-view" not in html
    assert "jp-InputPrompt" not in html and "In&nbsp;[" not in html
    assert re.search(r"\d+ images? from the workbook (?:was|were) left out", html)
    assert "(s)" not in html


#: The fictional client's names as pasted from PDFs and word processors, or typed to get past a search.
HIDDEN = {
    "soft hyphen": "Odal\u00adys Brennick-Tamura",
    "zero-width space": "Dalys\u200bsa",
    "zero-width joiner and word joiner": "Mari\u200dsela Quin\u2060tanar",
    "letter-spaced": "D a l y s s a",
    "letter-spaced with dots": "O.d.a.l.y.s",
    "Cyrillic look-alikes": "\u041ed\u0430lys Brenni\u0441k-Tamura",
    "full-width": "\uff24\uff41\uff4c\uff59\uff53\uff53\uff41",
    "combining marks": "Fe\u0301rnhollo\u0301w",
}


def _hidden_case():
    case = plain_case("CK-0777")
    entries = [entry for _path, entry in iter_entries(case)]
    for n, entry in enumerate(entries):
        hidden = list(HIDDEN.values())[n % len(HIDDEN)]
        entry.text = f"{hidden} talked about faith and family this week."
    assert len(entries) >= len(HIDDEN)
    return case


def _visible(data: bytes, fmt: str) -> str:
    return pdf_text(data) if fmt == "pdf" else html.unescape(data.decode("utf-8", errors="replace"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_spellings_of_names_are_not_exported(fmt):
    """Names split by soft hyphens or zero-width characters, letter-spaced, full width or with look-alike
    letters: is none of them in the summary, in any format, while the rest of the sentence is?"""
    case = reviewed(_hidden_case())
    export = api.export_case(case, fmt, session="2026-05-04", secret=SECRET)
    assert _leaks(export.data, fmt, case) == []
    visible = _visible(export.data, fmt)
    for name, hidden in HIDDEN.items():
        assert hidden not in visible, name
    assert "talked about faith and family" in " ".join(visible.split())
