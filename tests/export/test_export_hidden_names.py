"""Does the export gate find a name hidden from a plain search in every format, and refuse it?

A soft hyphen or zero-width character inside a name (text pasted from PDFs and word processors), a
letter-spaced name, full-width letters or a Cyrillic letter that looks Latin: a browser or PDF
viewer shows the name whole, so the gate must find it. All names fictional (tests/fictional.py).
"""

from __future__ import annotations

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from casekit.deid.scan import scan_texts
from casekit.errors import ExportGateError
from casekit.export import api, gate
from casekit.export.context import ExportContext
from casekit.export.pdf import html_to_pdf
from tests.fictional import plain_case

# The fictional client's legal first name is Odalys, the name used Dalyssa.
HIDDEN = {
    "soft hyphen": "Odal\u00adys",
    "zero-width space": "Oda\u200blys",
    "zero-width joiner": "O\u200ddalys",
    "word joiner": "Odaly\u2060s",
    "byte-order mark": "Od\ufeffalys",
    "letter-spaced": "O d a l y s",
    "letter-spaced with dots": "O.d.a.l.y.s",
    "letter-spaced with hyphens": "O-d-a-l-y-s",
    "Cyrillic a and o": "\u041ed\u0430lys",
    "full-width": "\uff2f\uff44\uff41\uff4c\uff59\uff53",
    "combining marks": "O\u0301da\u0301lys",
}
ENTITIES = ["&shy;", "&#173;", "&#xAD;", "&#8203;", "&#x200b;", "&zwj;", "&#x2060;", "&#65279;"]


class _Blind:
    """A scrubber that misses everything (so only the gate stands between the name and the file)."""

    class _Report:
        def pending(self, decisions):
            return []

    def __init__(self, case):
        self.report = self._Report()
        self.case = case

    def scrub(self, text, where=""):
        from types import SimpleNamespace

        return SimpleNamespace(text=text, replacements=0, findings=[])

    def scrub_case(self, case):
        return case, self.report


def _notebook(text: str):
    return new_notebook(cells=[new_markdown_cell(text)], metadata={"casekit": {"case_id": "CK-0101"}})


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_gate_refuses_hidden_name_the_scrubber_missed(fmt: str, hidden: str):
    """With a blind scrubber, does the final scan refuse each hidden spelling, without naming it?"""
    case = plain_case()
    ctx = ExportContext(case=case, scrubber=_Blind(case))
    with pytest.raises(ExportGateError) as err:
        api.export_notebook(_notebook(f"Today {hidden} spoke about her faith."), fmt, ctx)
    message = str(err.value)
    assert "client_name" in message and "nothing was written" in message
    assert "dalys" not in message.lower() and hidden not in message


@pytest.mark.parametrize("entity", ENTITIES)
def test_gate_refuses_html_with_name_split_by_an_entity(entity: str):
    """In HTML bytes, is a name split by an invisible character written as an entity refused?"""
    data = f"<html><body><p>Today Odal{entity}ys spoke.</p></body></html>".encode()
    with pytest.raises(ExportGateError, match="client_name"):
        gate.scan_output(data, "html", plain_case())


@pytest.mark.parametrize("entity", ENTITIES)
def test_gate_refuses_html_with_name_split_by_an_entity_inside_inline_tags(entity: str):
    """Split across inline tags as well ("<b>Odal</b>&shy;<i>ys</i>"), is the name still refused?"""
    data = f"<p>Today <b>Odal</b>{entity}<i>ys</i> spoke.</p>".encode()
    with pytest.raises(ExportGateError, match="client_name"):
        gate.scan_output(data, "html", plain_case())


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_gate_refuses_markdown_with_hidden_name(hidden: str):
    """Are the bytes of a markdown export with a hidden name refused?"""
    data = f"# Summary\n\nToday {hidden} spoke about her faith.\n".encode()
    with pytest.raises(ExportGateError, match="client_name"):
        gate.scan_output(data, "md", plain_case())


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_gate_refuses_pdf_whose_text_holds_hidden_name(hidden: str):
    """From the PDF alone (its extracted text), is each hidden spelling refused?"""
    pdf = html_to_pdf(f"<html><body><p>Today {hidden} spoke about her faith.</p></body></html>")
    with pytest.raises(ExportGateError, match="client_name"):
        gate.scan_output(pdf, "pdf", plain_case())


def test_gate_refuses_pdf_where_a_soft_hyphen_breaks_the_name_over_two_lines():
    """Printed in a narrow column, a soft hyphen becomes "Dalys-" at a line end: is it refused?"""
    pdf = html_to_pdf("<html><body><p style='width:2.5em'>Met Dalys\u00adsa</p></body></html>")
    readings = gate.texts_to_scan(pdf, "pdf")
    assert any("\n" in t and "Dalys" in t and "Dalyssa" not in t for t in readings), "no line break"
    with pytest.raises(ExportGateError, match="client_name"):
        gate.scan_output(pdf, "pdf", plain_case())


def test_pdf_with_full_width_letters_is_read_by_a_second_reader():
    """pypdf reads a page with full-width letters as noise: does the gate's other reading have the text?"""
    pdf = html_to_pdf("<html><body><p>Met \uff2f\uff44\uff41\uff4c\uff59\uff53 today</p></body></html>")
    assert any("Met \uff2f\uff44\uff41\uff4c\uff59\uff53 today" in t for t in gate.texts_to_scan(pdf, "pdf"))


def test_gate_passes_ordinary_text_with_invisible_characters():
    """Do soft hyphens and full-width letters in ordinary words leave an export free to go?"""
    data = (
        "<p>She is a \uff22\uff4c\uff41\uff43\uff4b Muslim woman who bakes at night; "
        "in\u00addepen\u00addence mat\u200bters to her. Plan A, B or C.</p>"
    ).encode()
    ids = plain_case().identifiers
    assert scan_texts(gate.texts_to_scan(data, "html"), ids) == []
    pdf = html_to_pdf(data.decode())
    assert scan_texts(gate.texts_to_scan(pdf, "pdf"), ids) == []
