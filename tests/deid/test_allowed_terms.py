"""Pseudonymous codes stay readable: a case id looks like a record number but identifies no one."""

from __future__ import annotations

from casekit.deid import Scrubber
from casekit.model import Case, CaseMeta, PrivateIdentifiers


def _case() -> Case:
    return Case(
        meta=CaseMeta(case_id="CK-4410", clinician_alias="Presenter Q", group="river-team"),
        identifiers=PrivateIdentifiers(legal_name="Odalys Ferrer-Quint"),
    )


def test_the_case_id_and_aliases_survive_pattern_detection():
    """Are the case id, the group and the presenter's alias left as they are?"""
    s = Scrubber.for_case(_case(), use_ner=False)
    text = "Case CK-4410, presented by Presenter Q to river-team."
    assert s.scrub(text).text == text


def test_other_record_numbers_are_still_removed():
    """Is a real-looking record number next to the case id still replaced?"""
    s = Scrubber.for_case(_case(), use_ner=False)
    out = s.scrub("Case CK-4410 has chart MRN-20931 at the clinic.").text
    assert "CK-4410" in out and "MRN-20931" not in out


def test_an_allowed_term_never_shields_a_known_identifier():
    """If an allowed term were to contain a known name, would the name still be removed?"""
    s = Scrubber(PrivateIdentifiers(legal_name="Odalys Ferrer"), use_ner=False, allowed_terms=["Odalys team"])
    assert "Odalys" not in s.scrub("Odalys team met today.").text
