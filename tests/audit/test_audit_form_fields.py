"""Fillable forms: PDF AcroForm fields, and Word headers, footers, text boxes and drop-down controls.

The fixtures are built here: PDFs with WeasyPrint's form fields (a casekit dependency), Word files
with python-docx plus the content-control and text-box XML Word writes. All clinics are fictional.
"""

from __future__ import annotations

import io

import docx
import weasyprint
from docx.oxml import parse_xml

from casekit.audit.form_audit import audit_document
from casekit.audit.readers import read_docx, read_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


# --------------------------------------------------------------------------------------------------
# PDF


def _fillable_pdf(body: str) -> bytes:
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf(pdf_forms=True)


POOR_PDF = """
<h1>Harrowgate Counselling (fictional) intake</h1>
<p>Full legal name <input type="text" name="legal_name" title="Legal name"></p>
<p>Gender <select name="gender" title="Gender"><option>Male</option><option>Female</option></select></p>
<p>Race (select one)
  <select name="race" title="Race (select one)">
    <option>White</option><option>Black</option><option>Asian</option><option>Hispanic</option>
  </select></p>
<p>Please note: all sessions are conducted only in English.</p>
"""

GOOD_PDF = """
<h1>Willowmere Community Counselling (fictional): getting to know you</h1>
<p>Every question is optional. Interpreters, including sign language, are free: tell us your
language and we will arrange one.</p>
<p>The name you would like us to use
  <input type="text" name="name_used" title="The name you would like us to use"></p>
<p>Pronouns <input type="text" name="pronouns" title="Pronouns we should use for you"></p>
<p>Gender <select name="gender" title="How do you describe your gender?">
  <option>Woman</option><option>Man</option><option>Non-binary</option>
  <option>Another gender (please describe)</option><option>Prefer not to say</option></select>
  <input type="text" name="gender_words" title="Your gender in your own words"></p>
<p>Your background <input type="text" name="background"
  title="How do you describe your race, ethnicity or cultural background, in your own words?"></p>
<p>Who do you consider family? <textarea name="family" title="Who do you consider family?"></textarea></p>
<p>Anything that would make it easier to take part, such as step-free access or large print?
  <input type="text" name="access" title="Access needs"></p>
<p>Fees follow a sliding scale and can be waived.
  <input type="checkbox" name="fees" title="Talk about a reduced fee"> Talk about a reduced fee</p>
"""


def test_pdf_fields_are_read_with_their_choices_and_field_names():
    """Does each AcroForm field become a passage with its label and choices, located by page and name?"""
    doc = read_pdf(_fillable_pdf(POOR_PDF), "poor-fillable.pdf")
    fields = {p.location.field: (p.text, p.location.label) for p in doc.passages if p.location.field}
    assert fields["gender"] == ("Gender ○ Male ○ Female", "page 1, form field 'gender'")
    assert fields["race"][0] == "Race (select one) ○ White ○ Black ○ Asian ○ Hispanic"
    assert fields["legal_name"][0] == "Legal name ____"
    assert doc.passages[0].location.field == ""  # the text layer comes first, as before


def test_pdf_radio_group_and_check_box_are_read():
    """Are a radio-button group (one passage, its options) and a lone check box read as choices?"""
    body = """<p>Sex <input type="radio" name="sex" value="Male"> Male
    <input type="radio" name="sex" value="Female"> Female</p>
    <p><input type="checkbox" name="needs_interpreter"> I would like an interpreter</p>"""
    doc = read_pdf(_fillable_pdf(body), "radio.pdf")
    fields = {p.location.field: p.text for p in doc.passages if p.location.field}
    assert fields == {"sex": "sex ○ Male ○ Female", "needs_interpreter": "☐ needs interpreter"}


def test_a_two_option_gender_drop_down_in_a_fillable_pdf_is_found():
    """Are the gender-binary and single-choice race findings pointed at the form fields themselves?"""
    result = audit_document(read_pdf(_fillable_pdf(POOR_PDF), "poor-fillable.pdf"))
    where = {(f.category, f.location.label) for f in result.findings}
    assert ("gender-binary", "page 1, form field 'gender'") in where
    assert ("race-single-choice", "page 1, form field 'race'") in where
    assert {"language-access", "chosen-name-missing", "pronouns-missing"} <= {
        f.category for f in result.findings
    }


def test_a_good_fillable_pdf_has_no_findings():
    """Does a welcoming fillable PDF (open gender choices, own-words fields) get no findings?"""
    result = audit_document(read_pdf(_fillable_pdf(GOOD_PDF), "good-fillable.pdf"))
    assert [(f.category, f.location.label) for f in result.findings] == []


def test_filled_in_pdf_values_are_never_read():
    """A completed form may hold a client's answers: are field values left out of the passages?"""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_fillable_pdf(POOR_PDF))))
    writer.update_page_form_field_values(writer.pages[0], {"legal_name": "Zorabel Quintanilla-Voss"})
    filled = io.BytesIO()
    writer.write(filled)
    doc = read_pdf(filled.getvalue(), "filled.pdf")
    assert "Zorabel" not in doc.text


# --------------------------------------------------------------------------------------------------
# DOCX


def _dropdown(items: list[str], *, combo: bool = False, shown: str = "Choose an item.") -> str:
    kind = "comboBox" if combo else "dropDownList"
    listed = "".join(f'<w:listItem w:displayText="{i}" w:value="{i}"/>' for i in items)
    return (
        f"<w:sdt {NS}><w:sdtPr><w:alias w:val='choice'/><w:{kind}>{listed}</w:{kind}></w:sdtPr>"
        f"<w:sdtContent><w:r><w:t>{shown}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _text_box(paragraphs: list[str]) -> str:
    """A text box as Word writes it: the modern shape, plus a fallback copy for old readers."""
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return (
        f"<w:r {NS}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:anchor><a:graphic>"
        f"<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx></wps:wsp>"
        f"</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        f"<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        f"</mc:AlternateContent></w:r>"
    )


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _docx(*, header: list[str], footer: list[str], body: list[str], table: list[tuple[str, str]]) -> bytes:
    """A Word file whose paragraphs, header, footer and table cells are given as inner XML."""
    document = docx.Document()

    def fill(paragraph, inner: str) -> None:
        for node in parse_xml(f"<w:p {NS}>{inner}</w:p>"):
            paragraph._p.append(node)

    section = document.sections[0]
    for target, items in ((section.header, header), (section.footer, footer)):
        target.is_linked_to_previous = False
        first = True
        for inner in items:
            paragraph = target.paragraphs[0] if first else target.add_paragraph()
            first = False
            fill(paragraph, inner)
    for inner in body:
        fill(document.add_paragraph(), inner)
    if table:
        grid = document.add_table(rows=len(table), cols=2)
        for row, (label, inner) in zip(grid.rows, table, strict=True):
            row.cells[0].paragraphs[0].add_run(label)
            fill(row.cells[1].paragraphs[0], inner)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _poor_docx() -> bytes:
    return _docx(
        header=[_run("Harrowgate Counselling (fictional). Mother's name: ____ Father's name: ____")],
        footer=[_run("Please note: all sessions are conducted only in English.")],
        body=[
            _run("Client intake"),
            _text_box([_run("Race (select one): ") + _dropdown(["White", "Black", "Asian"])]),
        ],
        table=[("Full legal name", ""), ("Gender", _dropdown(["Male", "Female"]))],
    )


def test_docx_headers_footers_text_boxes_and_drop_downs_are_read_with_locations():
    """Are header, footer and text-box text read once each, and drop-down items read as choices?"""
    doc = read_docx(_poor_docx(), "poor-fields.docx")
    located = {p.location.label: p.text for p in doc.passages}
    assert located["table 1, row 2"] == "Gender | ○ Male ○ Female"
    assert located["text box 1, paragraph 1"] == "Race (select one): ○ White ○ Black ○ Asian"
    assert located["header paragraph 1"].startswith("Harrowgate Counselling (fictional). Mother's name")
    assert located["footer paragraph 1"] == "Please note: all sessions are conducted only in English."
    assert "Choose an item" not in doc.text  # what a drop-down shows is not one of its choices
    assert doc.text.count("Race (select one)") == 1  # Word's fallback copy of the box is skipped


def test_poor_docx_findings_point_into_fields_header_and_text_box():
    """Are the expected categories found in the drop-downs, the text box and the header?"""
    result = audit_document(read_docx(_poor_docx(), "poor-fields.docx"))
    where = {(f.category, f.location.label) for f in result.findings}
    assert ("gender-binary", "table 1, row 2") in where
    assert ("race-single-choice", "text box 1, paragraph 1") in where
    assert ("family-structure", "header paragraph 1") in where
    assert "language-access" in {f.category for f in result.findings}


def test_a_good_docx_with_a_combo_box_and_content_in_header_and_text_box_has_no_findings():
    """Does a welcoming Word form (an open gender combo box, access notes in its footer) get no findings?"""
    gender = _dropdown(["Woman", "Man", "Non-binary", "Prefer not to say"], combo=True)
    doc = read_docx(
        _docx(
            header=[_run("Willowmere Community Counselling (fictional). Every question is optional.")],
            footer=[
                _run(
                    "Interpreters, including sign language, are free: tell us your language. Fees follow "
                    "a sliding scale and can be waived. Tell us about step-free access or large print."
                )
            ],
            body=[
                _run("Getting to know you"),
                _text_box(
                    [_run("The name you would like us to use: ____"), _run("Pronouns we should use: ____")]
                ),
            ],
            table=[
                ("How do you describe your gender?", gender),
                (
                    "Your race, ethnicity or cultural background, in your own words",
                    "<w:r><w:t>____</w:t></w:r>",
                ),
                ("Who do you consider family?", "<w:r><w:t>____</w:t></w:r>"),
            ],
        ),
        "good-fields.docx",
    )
    assert any(p.text.endswith("○ Prefer not to say ____") for p in doc.passages)  # typing allowed
    assert [(f.category, f.location.label) for f in audit_document(doc).findings] == []
