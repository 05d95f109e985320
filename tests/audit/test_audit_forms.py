"""The form audit on the example forms shipped with casekit, in every format."""

from __future__ import annotations

import pytest

from casekit.audit import CATEGORIES, audit_form
from casekit.audit.examples import example_forms_dir

FORMS = example_forms_dir()
POOR = ["poor-intake.txt", "poor-intake.html", "poor-intake.docx", "poor-intake.pdf"]
GOOD = ["good-intake.md", "good-intake.html", "good-intake.docx", "good-intake.pdf"]


@pytest.mark.parametrize("name", POOR)
def test_poor_example_forms_raise_every_category(name):
    """Does each poor example form, in each format, produce a finding in all ten categories?"""
    result = audit_form(FORMS / name)
    assert result.categories == set(CATEGORIES)


@pytest.mark.parametrize("name", GOOD)
def test_good_example_forms_raise_no_false_alarms(name):
    """Does the well-designed example form, in each format, come through without a single finding?"""
    result = audit_form(FORMS / name)
    assert result.passages > 5, "the reader should have seen the form"
    assert result.findings == ()


def test_example_forms_cover_every_supported_format():
    """Are there poor and good examples in text or Markdown, HTML, DOCX and PDF?"""
    suffixes = {p.suffix for p in FORMS.iterdir() if p.name.startswith(("poor-", "good-"))}
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= suffixes


@pytest.mark.parametrize(
    ("name", "category", "where"),
    [
        ("poor-intake.txt", "gender-binary", "line 9"),
        ("poor-intake.pdf", "gender-binary", "page 1, line 7"),
        ("poor-intake.docx", "gender-binary", "table 1, row 3"),
        ("poor-intake.html", "gender-binary", "element 3 (<legend>, source line 11)"),
        ("poor-intake.docx", "language-access", "paragraph 6"),
    ],
)
def test_findings_point_at_the_passage_in_each_format(name, category, where):
    """Does a finding name where it is in terms that fit the format (line, page and line, row, element)?"""
    result = audit_form(FORMS / name)
    labels = [f.location.label for f in result.findings if f.category == category]
    assert where in labels


def test_missing_things_are_reported_for_the_whole_form():
    """Are missing pronouns, chosen name and access offers reported once, for the whole form?"""
    result = audit_form(FORMS / "poor-intake.txt")
    for category in ("pronouns-missing", "chosen-name-missing", "disability-access"):
        found = result.by_category()[category]
        assert len(found) == 1
        assert found[0].whole_form and found[0].location.label == "whole form"
        assert found[0].excerpt == ""


def test_every_finding_says_why_and_what_instead():
    """Does every finding carry an excerpt or whole-form location, a reason and a better wording?"""
    for name in POOR:
        for finding in audit_form(FORMS / name).findings:
            assert finding.message.strip() and finding.suggestion.strip()
            assert finding.whole_form or finding.excerpt


def test_audit_can_run_only_some_categories():
    """Can the audit be limited to chosen categories, and does an unknown one fail clearly?"""
    from casekit.errors import AuditError

    result = audit_form(FORMS / "poor-intake.txt", categories=["gender-binary"])
    assert result.categories == {"gender-binary"}
    with pytest.raises(AuditError, match="unknown audit category 'gender'"):
        audit_form(FORMS / "poor-intake.txt", categories=["gender"])
