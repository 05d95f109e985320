"""Reading forms in each format into passages, and refusing files that cannot be read."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml

from casekit.audit.readers import normalise_markers, read_form
from casekit.errors import AuditError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[ ] Male [x] Female", "☐ Male ☐ Female"),
        ("☐ Yes ☒ No □ Maybe", "☐ Yes ☐ No ☐ Maybe"),
        ("( ) Single (x) Married ◯ Other", "○ Single ○ Married ○ Other"),
        ("Name: __________", "Name: ____"),
        ("Sex: [ ] M  [ ] F\tAge: ___", "Sex: ☐ M ☐ F  Age: ____"),
    ],
)
def test_choice_markers_are_written_one_way(raw, expected):
    """Do the many ways of drawing a tick box, a radio button or a blank all read the same?"""
    assert normalise_markers(raw) == expected


def test_text_passages_keep_their_line_numbers(tmp_path):
    """Does a text form keep the line number of each non-blank line?"""
    path = tmp_path / "f.txt"
    path.write_text("Title\n\nName: ___\n", encoding="utf-8")
    doc = read_form(path)
    assert [(p.text, p.location.label) for p in doc.passages] == [
        ("Title", "line 1"),
        ("Name: ____", "line 3"),
    ]


def test_html_reads_blocks_and_controls_and_skips_scripts(tmp_path):
    """Are HTML blocks read in order, with inputs as markers and scripts and styles left out?"""
    path = tmp_path / "f.html"
    path.write_text(
        "<html><head><style>p{}</style></head><body><script>var sex='Male';</script>"
        "<h2>About you</h2><p>Name <input type=text></p>"
        "<table><tr><th>Pets</th><td><input type=checkbox> Dog <input type=checkbox> Cat</td></tr></table>"
        "<p>Colour <select><option>Red</option><option>Blue</option></select></p></body></html>",
        encoding="utf-8",
    )
    doc = read_form(path)
    assert [p.text for p in doc.passages] == [
        "About you",
        "Name ____",
        "Pets | ☐ Dog ☐ Cat",
        "Colour ○ Red ○ Blue",
    ]
    assert doc.passages[2].location.label == "element 3 (<tr>, source line 1)"


def test_docx_reads_paragraphs_tables_and_checkbox_fields(tmp_path):
    """Are Word paragraphs, table rows and legacy check-box fields read in order with their positions?"""
    document = docx.Document()
    document.add_paragraph("Registration")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Sex"
    table.rows[0].cells[1].text = ""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    field = (
        f'<w:p {ns}><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
        f'</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:t xml:space="preserve"> Male </w:t></w:r>'
        f'<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
        f'<w:r><w:t xml:space="preserve"> Female</w:t></w:r></w:p>'
    )
    cell = table.rows[0].cells[1]
    cell._tc.remove(cell.paragraphs[0]._p)
    cell._tc.append(parse_xml(field))
    document.add_paragraph("")
    document.add_paragraph("Thank you")
    path = tmp_path / "f.docx"
    document.save(str(path))
    doc = read_form(path)
    assert [(p.text, p.location.label) for p in doc.passages] == [
        ("Registration", "paragraph 1"),
        ("Sex | ☐ Male ☐ Female", "table 1, row 1"),
        ("Thank you", "paragraph 3"),
    ]


def test_pdf_passages_carry_page_and_line():
    """Does a PDF form's text come back located by page and line?"""
    from casekit.audit.examples import example_forms_dir

    doc = read_form(example_forms_dir() / "poor-intake.pdf")
    assert doc.kind == "pdf"
    assert any(p.text == "Sex: ☐ Male ☐ Female" and p.location.page == 1 for p in doc.passages)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("form.rtf", b"{\\rtf1}", r"form\.rtf: cannot audit '\.rtf' files; save the form as one of"),
        (
            "form.txt",
            b"\xff\xfe\x00bad",
            r"form\.txt: not valid UTF-8 text \(byte 0\); save the file as UTF-8",
        ),
        ("form.docx", b"not a zip", r"form\.docx: not a readable Word \(\.docx\) file"),
        ("form.pdf", b"%PDF-1.4 garbage", r"form\.pdf: (not a readable PDF|no text found)"),
        ("form.md", b"   \n\n", r"form\.md: no text found; if it is a scanned image"),
    ],
)
def test_unreadable_forms_fail_with_one_line_naming_the_file_and_fix(tmp_path, name, content, message):
    """Does an unreadable or unsupported form raise one AuditError line naming the file and the fix?"""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AuditError, match=message) as info:
        read_form(path)
    assert "\n" not in str(info.value)


def test_missing_form_is_named(tmp_path):
    """Does a missing form say so and show the path?"""
    with pytest.raises(AuditError, match=r"nowhere\.txt: no such file; check the path"):
        read_form(tmp_path / "nowhere.txt")
