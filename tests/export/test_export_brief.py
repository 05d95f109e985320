"""The one-page brief, consent to consultation at the export gate, and supervision text in exports."""

from __future__ import annotations

import io

import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from casekit import render
from casekit.errors import ConsentError
from casekit.export import api
from casekit.export.context import ExportContext
from casekit.model import (
    ConsentStatus,
    ConsultationAudience,
    Entry,
    LearningItem,
    LearningUpdate,
    SupervisionMeeting,
    Voice,
)
from tests.export.conftest import SECRET, example_cases, reviewed
from tests.export.test_export_leaks import _leaks
from tests.fictional import IDENTIFIERS, clinician, plain_case, stuffed_case, weeks


def _unrecorded(case):
    out = case.model_copy(deep=True)
    out.consultation_consent.status = ConsentStatus.NOT_RECORDED
    return out


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_brief_holds_the_six_parts_a_group_reads_first(fmt):
    """Does the brief carry the question, identity, power, goals, latest feedback and the presenter's
    ask, under headings that make sense on paper?"""
    case = example_cases()[0]
    export = api.export_case(case, fmt, secret=SECRET, handout="brief", use_ner=False)
    assert export.name == f"{case.meta.case_id}-brief"
    text = _text(export.data, fmt)
    for heading in (
        "One-page brief",
        "The consultation question",
        "Who the client is, in their words",
        "Power in the work",
        "Goals, as agreed with the client",
        "The client's latest feedback",
        "What the presenter would like from the group",
    ):
        assert heading in text, heading
    assert "Two or three questions" in " ".join(text.split())  # the presenter's ask, from the case
    assert "Fill in the form below" not in text


def _text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        from casekit.export.gate import pdf_text

        return pdf_text(data)
    return data.decode("utf-8")


def test_every_example_brief_prints_on_one_page():
    """Printed to PDF, is each example case's brief exactly one page?"""
    from pypdf import PdfReader

    for case in example_cases():
        export = api.export_case(case, "pdf", secret=SECRET, handout="brief", use_ner=False)
        assert len(PdfReader(io.BytesIO(export.data)).pages) == 1, case.meta.case_id


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_stuffed_case_brief_holds_no_identifier_form(fmt):
    """With an identifier in every field, does the brief pass the gate and hold none of them?"""
    case = reviewed(stuffed_case())
    export = api.export_case(case, fmt, session="2026-05-04", secret=SECRET, handout="brief")
    assert _leaks(export.data, fmt, case) == []
    if fmt == "html":
        assert b"<script" not in export.data and b"&lt;img src=x onerror=" in export.data


def test_summary_shows_adaptations_and_the_latest_feedback():
    """Does the full summary now carry the adaptations and the client's latest feedback?"""
    case = reviewed(plain_case())
    data = api.export_case(case, "md", secret=SECRET, use_ner=False).data.decode("utf-8")
    assert "Adaptations" in data and "sessions at 7 am" in data
    assert "The client's latest feedback" in data and "4 out of 5" in data


@pytest.mark.parametrize("handout", ["summary", "brief"])
def test_group_export_without_consent_stops_with_one_line_saying_where_to_record_it(handout):
    """Without a consent record, is a group handout refused before any work, in one line that says
    where to record it or why it is not needed?"""
    case = _unrecorded(reviewed(plain_case()))
    with pytest.raises(ConsentError) as caught:
        api.export_case(case, "html", secret=SECRET, handout=handout)
    message = caught.value.message
    assert "\n" not in message
    assert "not recorded" in message and "home page" in message and "not needed" in message
    assert "nothing was written" in message
    assert "consultation_consent" not in message and "peer_group" not in message  # no field names


def test_a_group_packet_stops_when_one_case_lacks_consent():
    """Is the whole packet refused when one of its cases has no consent record?"""
    cases = [reviewed(plain_case("CK-0101")), _unrecorded(reviewed(plain_case("CK-0102")))]
    with pytest.raises(ConsentError, match="CK-0102"):
        api.group_packet(cases, "html", group="north-team", session="2026-05-04", secrets={})


def test_supervision_only_consent_allows_supervision_exports_only():
    """When the client agreed to supervision only, is a group handout refused and a supervision one
    written, saying it is for supervision?"""
    case = reviewed(plain_case())
    case.consultation_consent.scope = [ConsultationAudience.SUPERVISION]
    with pytest.raises(ConsentError, match="agreed to supervision, not to a peer consultation group"):
        api.export_case(case, "html", secret=SECRET, use_ner=False)
    export = api.export_case(case, "html", secret=SECRET, use_ner=False, audience="supervision")
    assert b"prepared for supervision" in export.data


def test_not_needed_needs_a_reason():
    """Is consent marked "not needed" without a reason refused, and written once the reason is there?"""
    case = reviewed(plain_case())
    case.consultation_consent.status = ConsentStatus.NOT_NEEDED
    with pytest.raises(ConsentError, match="without the reason"):
        api.export_case(case, "md", secret=SECRET, use_ner=False)
    case.consultation_consent.not_needed_because = clinician("The intake agreement covers peer consultation.")
    assert api.export_case(case, "md", secret=SECRET, use_ner=False).data


@pytest.mark.parametrize("audience", ["peer_group", "supervision"])
def test_agreed_consent_without_its_date_is_refused(audience):
    """When the client's agreement has no date, is the export refused in one line that says the date is
    missing and where on the home page to add it, naming no field; and written once the date is there?"""
    case = reviewed(plain_case())
    case.consultation_consent.date = None
    with pytest.raises(ConsentError) as caught:
        api.export_case(case, "md", secret=SECRET, use_ner=False, audience=audience)
    message = caught.value.message
    assert "\n" not in message and "nothing was written" in message
    assert "without the date" in message and "home page" in message and "When you asked" in message
    assert "consultation_consent" not in message and "peer_group" not in message
    case.consultation_consent.date = weeks(0)
    assert api.export_case(case, "md", secret=SECRET, use_ner=False, audience=audience).data


def test_a_run_of_the_supervision_workbook_is_checked_as_a_supervision_export():
    """Does the registry say a supervision run is for supervision, and a case review for a group?"""
    from casekit.export.locate import workbook_audience

    assert workbook_audience("supervision") == "supervision"
    assert workbook_audience("case-review") == "peer_group"
    assert workbook_audience("no-such-workbook") == "peer_group"


def _name_in_supervision_text():
    name = IDENTIFIERS.name_used  # "Dalyssa"
    case = plain_case()
    case.supervision_meetings = [
        SupervisionMeeting(
            date=weeks(3),
            supervisee_notes=clinician(f"{name} told me the shift changed again."),
            supervisor_notes=Entry(text=f"Ask {name} what rest means to her.", voice=Voice.CONSULTANT),
            supervisor_reflection=Entry(text="I rush too.", voice=Voice.CONSULTANT),
            supervisee_feedback=clinician("Helpful."),
        )
    ]
    case.learning_plan = [
        LearningItem(
            what=clinician("Read about shift work and sleep"),
            updates=[LearningUpdate(date=weeks(4), note=clinician(f"Shared a leaflet {name} liked"))],
        )
    ]
    case.consultation_consent.how_asked = clinician(f"Asked {name} at the first session.")
    return reviewed(case), name


def test_a_name_typed_into_supervision_notes_is_scrubbed_by_the_one_walker():
    """Does de-identification reach a name typed into a meeting note, a learning update and the
    consent record (the walker covers the new parts)?"""
    case, name = _name_in_supervision_text()
    scrubbed = ExportContext.for_case(case, secret=SECRET, use_ner=False).scrubbed()
    texts = [
        scrubbed.supervision_meetings[0].supervisee_notes.text,
        scrubbed.supervision_meetings[0].supervisor_notes.text,
        scrubbed.learning_plan[0].updates[0].note.text,
        scrubbed.consultation_consent.how_asked.text,
    ]
    assert all(name not in text for text in texts), texts
    assert "shift changed again" in texts[0]  # the rest of the note stays


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_supervision_export_of_meetings_holds_no_name_typed_into_them(fmt):
    """Exported for supervision, do the meetings and learning plan come out without the name?"""
    case, name = _name_in_supervision_text()
    rendered = [render.render_meetings(case), render.render_learning_items(case)]
    cells = [
        new_code_cell(
            source="",
            outputs=[new_output("display_data", data={"text/html": r.html, "text/markdown": r.markdown})],
        )
        for r in rendered
    ]
    nb = new_notebook(cells=cells, metadata={"casekit": {"case_id": case.meta.case_id}})
    ctx = ExportContext.for_case(case, secret=SECRET, audience="supervision")
    export = api.export_notebook(nb, fmt, ctx)
    assert _leaks(export.data, fmt, case) == []
    assert name not in _text(export.data, fmt)
    assert "shift changed again" in " ".join(_text(export.data, fmt).split())


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_words_for_the_screen_do_not_reach_paper(fmt):
    """Exported, does the formulation workbook leave out its "Fill in the form below" (a cell tagged
    screen-only) while keeping its heading?"""
    from casekit.widgets.formulation_workbook import build_notebook

    nb = build_notebook()
    assert "Fill in the form below" in nb.cells[0].source  # the screen still says it
    nb.metadata["casekit"] = {"case_id": "CK-0101"}
    ctx = ExportContext.for_case(reviewed(plain_case()), secret=SECRET, use_ner=False)
    text = api.export_notebook(nb, fmt, ctx).data.decode("utf-8")
    assert "Fill in the form below" not in text
    assert "Consultation summary: case CK-0101" in text


def test_the_session_workbook_keeps_its_screen_instructions_off_paper():
    """Exported, does the consultation-session workbook leave out "add your questions below them" and
    "run the workbook again" (words for the screen) while keeping its headings?"""
    from casekit.session.session_workbook import build_notebook

    nb = build_notebook()
    assert any("below them" in cell.source for cell in nb.cells)  # the screen still says it
    nb.cells = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    nb.metadata["casekit"] = {"case_id": "CK-0101"}
    ctx = ExportContext.for_case(reviewed(plain_case()), secret=SECRET, use_ner=False)
    text = api.export_notebook(nb, "md", ctx).data.decode("utf-8")
    assert "below them" not in text and "Run the workbook again" not in text
    assert "Record of the session" in text


def test_a_supervision_run_is_exported_under_supervision_only_consent(workspace, tmp_path):
    """With consent to supervision only, is a supervision workbook run exported (for supervision) and a
    case review run of the same case refused?"""
    import nbformat
    from nbformat.v4 import new_markdown_cell

    from casekit.workspace import Workspace

    with Workspace.find(workspace).open_store() as store:
        record = store.load("CK-0101")
        record.case.consultation_consent.scope = [ConsultationAudience.SUPERVISION]
        store.save(record.case, based_on=record.revision, author="tests")
    for workbook in ("supervision", "case-review"):
        run = workspace / "runs" / "CK-0101" / f"{workbook}.ipynb"
        run.parent.mkdir(parents=True, exist_ok=True)
        meta = {"casekit": {"workbook": workbook, "parameters": {"case_id": "CK-0101"}}}
        nbformat.write(new_notebook(cells=[new_markdown_cell("## Notes")], metadata=meta), run)
    export = api.export_run(
        workspace / "runs/CK-0101/supervision.ipynb", "md", workspace=workspace, reuse=False
    )
    assert b"prepared for supervision" in export.data
    with pytest.raises(ConsentError, match="not to a peer consultation group"):
        api.export_run(workspace / "runs/CK-0101/case-review.ipynb", "md", workspace=workspace, reuse=False)
