"""Does the PDF summary hold the summary's text, no identifier, and look right on the page?"""

from __future__ import annotations

import io

import pytest

from casekit.export import api
from casekit.export.gate import pdf_text
from casekit.model import ConsultationAudience
from tests.export.conftest import ARTIFACTS, SECRET, reviewed
from tests.fictional import plain_case


def test_pdf_text_holds_the_summary_and_its_confidentiality_notice():
    """Can the PDF's text be extracted, with the header, sections and the footer notice on every page?"""
    from pypdf import PdfReader

    export = api.export_case(reviewed(plain_case()), "pdf", session="2026-05-04", secret=SECRET)
    assert export.data.startswith(b"%PDF-")
    text = " ".join(pdf_text(export.data).split())
    for expected in (
        "Confidential.",
        "Consultation summary: case CK-0101",
        "Consultation session, 2026",
        "Consultation question",
        "Identity in the client's words",
        "Missteps",
        "This session",
    ):
        assert expected in text, expected
    assert "2026-05-04" not in text  # only the year of the session is shown
    reader = PdfReader(io.BytesIO(export.data))
    for page in reader.pages:
        assert "for a peer consultation group only" in page.extract_text()


@pytest.mark.parametrize(
    ("audience", "footer"),
    [("supervision", "for supervision only"), ("teaching", "for teaching or training only")],
)
def test_pdf_footer_names_the_exports_own_audience(audience: str, footer: str):
    """Does every page of a supervision or teaching PDF say who it is for, not "the consultation group"?"""
    from pypdf import PdfReader

    case = reviewed(plain_case())
    case.consultation_consent.scope.append(ConsultationAudience.TEACHING)
    export = api.export_case(case, "pdf", session="2026-05-04", secret=SECRET, audience=audience)
    for page in PdfReader(io.BytesIO(export.data)).pages:
        text = " ".join(page.extract_text().split())
        assert footer in text
        assert "consultation group" not in text


def test_pdf_first_page_renders_to_png():
    """Does page 1 render (pypdfium2) to a PNG in test-artifacts/ for a person to look at?"""
    import pypdfium2

    export = api.export_case(reviewed(plain_case()), "pdf", session="2026-05-04", secret=SECRET)
    pdf = pypdfium2.PdfDocument(io.BytesIO(export.data))
    ARTIFACTS.mkdir(exist_ok=True)
    for index in range(min(len(pdf), 2)):
        image = pdf[index].render(scale=1.5).to_pil()
        path = ARTIFACTS / f"export-summary-page{index + 1}.png"
        image.save(path)
        assert image.width > 800 and image.height > 1000
        # A page that is not blank: some pixels are dark.
        assert image.convert("L").getextrema()[0] < 80


def test_organisation_footer_says_it_is_for_the_organisation():
    """Does an organisation report's page footer keep it within the organisation, naming no group?"""
    from casekit.export.context import ExportContext

    footer = ExportContext.for_organisation([], use_ner=False).header()["footer"]
    assert footer == "Confidential · de-identified · for the organisation's own staff only"
