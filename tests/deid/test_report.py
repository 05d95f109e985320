"""The report, the presenter's decisions and the residual check."""

from __future__ import annotations

import json

import pytest

from casekit.deid import Scrubber, identifier_forms, pending_findings, scan_for_identifiers
from casekit.errors import ResidualIdentifierError
from casekit.model import ReviewDecision

SECRET = b"test-secret"


def test_report_never_holds_original_text(scrubber: Scrubber, ids):
    """Does the report's dict and repr stay free of every identifier form?"""
    scrubber.scrub("Mai Nguyen (503) 555-0147 lives in Gresham; Hope said hi.", where="identity.naming")
    dumped = json.dumps(scrubber.report.to_dict()) + repr(scrubber.report)
    assert scan_for_identifiers(dumped, ids) == []
    assert "Gresham" not in dumped and "Hope" not in dumped


def test_report_gives_originals_only_when_asked(scrubber: Scrubber):
    """Does include_originals=True (local review only) add the originals?"""
    scrubber.scrub("Mai arrived.", where="note")
    assert scrubber.report.to_dict(include_originals=True)["replacements"][0]["original"] == "Mai"


def test_report_records_category_location_label_and_detector(scrubber: Scrubber):
    """Does each replacement say what, where (path and offsets), what it became and which detector?"""
    scrubber.scrub("Call Mai on 503-555-0147.", where="goals[0].client_words")
    first = scrubber.report.to_dict()["replacements"][0]
    assert first == {
        "category": "client_name",
        "where": "goals[0].client_words",
        "start": 5,
        "end": 8,
        "became": "the client",
        "detector": "case",
        "confidence": 1.0,
    }


def test_labels_stay_consistent_across_calls(scrubber: Scrubber):
    """Does the same unlisted person get the same label in every text of one summary?"""
    a = scrubber.scrub("Dr. Adeyemi and Dr. Castellano met.").text
    b = scrubber.scrub("Later Dr. Castellano called Dr. Adeyemi back.").text
    assert a == "Person A and Person B met."
    assert b == "Later Person B called Person A back."


def test_keep_and_redact_decisions_are_applied(ids):
    """Is a flagged span kept after a "keep" decision, redacted after "redact", pending before?"""
    text = "Hope said she was ready."
    first = Scrubber(ids, use_ner=False, secret=SECRET)
    finding = first.scrub(text).findings[0]
    assert first.report.pending() == [finding]
    keep = finding.decide(ReviewDecision.KEEP)
    assert len(keep.fingerprint) == 32 and "hope" not in keep.fingerprint
    kept = Scrubber(ids, use_ner=False, secret=SECRET, decisions=[keep])
    assert kept.scrub(text).text == text
    assert kept.report.pending([keep]) == []
    redact = Scrubber(ids, use_ner=False, secret=SECRET, decisions=[finding.decide("redact")])
    assert redact.scrub(text).text == "The client said she was ready."
    assert pending_findings(redact.report, [finding.decide("redact")]) == []


def test_fingerprints_depend_on_the_secret(ids):
    """Is a fingerprint a keyed hash, so that another key gives another fingerprint?"""
    a = Scrubber(ids, use_ner=False, secret=b"one").scrub("Hope said so.").findings[0]
    b = Scrubber(ids, use_ner=False, secret=b"two").scrub("Hope said so.").findings[0]
    assert a.fingerprint != b.fingerprint


@pytest.mark.parametrize("text", ["Then Mai left.", "Then MAI left.", "Then Nguyn left.", "call 5035550147"])
def test_residual_check_fails_loudly_without_naming_the_identifier(scrubber: Scrubber, text: str):
    """Does check_residual raise for a known form left in text, naming category and place only?"""
    with pytest.raises(ResidualIdentifierError) as err:
        scrubber.check_residual(text, where="goals[1].agreed_wording")
    message = str(err.value)
    assert "goals[1].agreed_wording" in message
    assert "Mai" not in message and "MAI" not in message and "Nguyn" not in message and "555" not in message


@pytest.mark.parametrize(
    "text",
    [
        "The client's mother said the client may visit [City] in May.",
        "She felt hope. A man and a boy came.",
        "Person A met the client's partner at [Employer].",
    ],
)
def test_residual_check_ignores_labels_and_ordinary_words(scrubber: Scrubber, text: str):
    """Do labels, short ordinary words and word uses of names pass the residual check?"""
    scrubber.check_residual(text, where="note")


def test_identifier_forms_lists_searchable_variants(ids):
    """Does identifier_forms include name parts, folded spellings, phone digits and date formats?"""
    forms = set(identifier_forms(ids))
    for expected in (
        "Mai",
        "Nguyễn",
        "nguyen",
        "Thị-Mai",
        "thi-mai",
        "5035550147",
        "503-555-0147",
        "March 7, 1988",
        "07/03/1988",
        "mai.nguyen87",
        "Gresham",
        "97030",
        "阮氏梅",
    ):
        assert expected in forms


def test_scan_reports_category_and_offset_not_text(ids):
    """Does scan_for_identifiers find forms in bytes and report where, without the text?"""
    hits = scan_for_identifiers(b"<p>Met MAI at 503 555 0147</p>", ids, where="out.html")
    assert [(h.category, h.where, h.offset) for h in hits] == [
        ("client_name", "out.html", 7),
        ("phone", "out.html", 14),
    ]
    assert "Mai" not in repr(hits) and "MAI" not in repr(hits)
