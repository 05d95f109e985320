"""``casekit audit form`` from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from casekit.audit.examples import example_forms_dir
from casekit.cli import cli

FORMS = example_forms_dir()


def run(*args: str):
    return CliRunner().invoke(cli, ["audit", "form", *args])


def test_human_report_groups_findings_with_where_why_and_instead():
    """Does the plain report group findings by area and show the location, why it matters and a fix?"""
    result = run(str(FORMS / "poor-intake.txt"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("poor-intake.txt: 18 findings in 10 areas")
    assert "Gender offered as two options only [gender-binary]" in out
    assert '  line 9: "Sex: ☐ Male ☐ Female"' in out
    assert "Why it matters:" in out and "Try instead:" in out
    assert out.count("[stigmatizing-language]") == 1  # one heading per group


def test_good_form_reports_no_findings():
    """Does a well-designed form get a short 'no findings' line?"""
    result = run(str(FORMS / "good-intake.docx"))
    assert result.exit_code == 0
    assert result.output.startswith("good-intake.docx: no findings.")


def test_json_lists_findings_with_category_location_and_message():
    """Does --json print a list of findings each with category, location, message, suggestion, excerpt?"""
    result = run(str(FORMS / "poor-intake.html"), "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert isinstance(rows, list) and len(rows) == 13
    for row in rows:
        assert {"category", "location", "message", "suggestion", "excerpt", "source"} <= set(row)
    gender = next(r for r in rows if r["category"] == "gender-binary")
    assert gender["location"] == "element 3 (<legend>, source line 11)"
    assert gender["position"] == {
        "line": 11,
        "page": None,
        "index": 3,
        "unit": "element",
        "tag": "legend",
        "field": None,
    }


def test_json_for_a_good_form_is_an_empty_list():
    """Is the JSON for a form with no findings an empty list?"""
    result = run(str(FORMS / "good-intake.md"), "--json")
    assert json.loads(result.output) == []


def test_several_forms_in_one_run():
    """Can several forms be audited at once, each finding naming its source?"""
    result = run(str(FORMS / "poor-intake.docx"), str(FORMS / "good-intake.pdf"), "--json")
    assert {r["source"] for r in json.loads(result.output)} == {"poor-intake.docx"}


def test_bad_file_is_one_error_line_and_non_zero_exit(tmp_path):
    """Does an unsupported or unreadable file give one error line naming the file and the fix?"""
    bad = tmp_path / "intake.rtf"
    bad.write_text("{\\rtf1}", encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("casekit: error: intake.rtf: cannot audit '.rtf' files; save the form as")


def test_missing_file_fails_before_any_report(tmp_path):
    """When one of several files is missing, does the run stop without printing a partial report?"""
    result = run(str(FORMS / "poor-intake.txt"), str(tmp_path / "gone.pdf"), "--json")
    assert result.exit_code == 1
    assert result.output.strip().startswith("casekit: error: gone.pdf: no such file")
