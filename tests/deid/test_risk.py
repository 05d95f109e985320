"""Quasi-identifiers: are the details that could together point to one person found, counted and
generalised on request, without anything being removed on its own?"""

from __future__ import annotations

import pytest

from casekit.deid import risk
from casekit.errors import DeidentificationError
from casekit.model import Case, CaseMeta, Entry, ReviewDecision, Voice

SECRET = b"risk-tests"
SOMALI = "A Somali taxi driver of eleven years, he arrived in 2009. The local Somali community is small."


def _kinds(text: str) -> list[str]:
    return [q.kind for q in risk.find_in_text(text)]


def _case(text: str) -> Case:
    case = Case(meta=CaseMeta(case_id="CK-0201", clinician_alias="Presenter R"))
    case.identity.self_description = Entry(text=text, voice=Voice.CLIENT)
    return case


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("He is a taxi driver of eleven years.", "occupation", "taxi driver of eleven years"),
        ("She works as a nurse at night.", "occupation", "nurse"),
        ("Her family is Eritrean.", "origin", "Eritrean"),
        ("They resettled here in 2016 after the camp.", "arrival", "resettled here in 2016"),
        ("She has lived in the US for twelve years.", "arrival", "in the US for twelve years"),
        ("She speaks Tigrinya with her mother.", "language", "Tigrinya"),
        ("A Mam-speaking interpreter was found.", "language", "Mam-speaking"),
        ("They belong to a tight-knit Hmong congregation.", "community", "tight-knit Hmong congregation"),
        ("Hers is the only Bhutanese family in town.", "community", "the only Bhutanese family"),
        ("A 58-year-old grandmother.", "age", "58-year-old"),
        ("She is in her early forties.", "age", "in her early forties"),
        ("Elder Hassan leads the prayers.", "role", "Elder"),
        ("She consulted a curandera last spring.", "role", "curandera"),
        ("He is a practising Sikh.", "religion", "Sikh"),
    ],
)
def test_each_kind_is_found_with_its_phrase(text: str, kind: str, phrase: str):
    """Is each kind of quasi-identifier found, with the phrase the presenter would generalise?"""
    found = [q for q in risk.find_in_text(text) if q.kind == kind]
    assert [q.phrase for q in found] == [phrase]
    assert text[found[0].start : found[0].end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "Her sister drove her to the session.",
        "Father's Day was hard this year.",
        "We explored how stress at work affects her sleep.",
        "She felt the group was small but kind.",
    ],
)
def test_everyday_words_are_not_counted(text: str):
    """Are 'her sister', a sentence-initial 'Father's' and ordinary sentences left out of the count?"""
    assert _kinds(text) == []


def test_a_language_spoken_is_not_also_an_origin():
    """Is 'speaks Somali' one language detail, not a language and an origin?"""
    assert _kinds("She speaks Somali at home.") == ["language"]


def test_three_kinds_together_raise_the_combination_warning():
    """Do occupation, origin, arrival and a small community in one case raise the warning?"""
    assessment = risk.assess_text(SOMALI)
    assert assessment.counts == {"occupation": 1, "origin": 2, "arrival": 1, "community": 1}
    assert assessment.warn and "more general" in assessment.message()


def test_two_kinds_do_not_warn():
    """Is a Catholic nurse (two kinds) below the threshold, with no message?"""
    assessment = risk.assess_text("She is a Catholic nurse.")
    assert assessment.kinds == ["occupation", "religion"]
    assert not assessment.warn and assessment.message() == ""


def test_review_lines_number_each_detail_and_end_with_the_warning():
    """Does the presenter's list number each phrase with its field, and close with the warning?"""
    lines = risk.review_lines(_case(SOMALI))
    assert lines[0] == "1. identity.self_description (country or people of origin): [[Somali]]"
    assert lines[1].startswith("2. identity.self_description (occupation): [[taxi driver")
    assert "more general" in lines[-1]


def test_generalising_replaces_the_phrase_and_records_a_fingerprint():
    """Does generalising detail 2 put 'driver' in its place and store a decision without the text?"""
    case = _case(SOMALI)
    updated = risk.generalise(case, 2, "driver", secret=SECRET)
    assert updated.identity.self_description.text.startswith("A Somali driver, he arrived in 2009.")
    assert case.identity.self_description.text == SOMALI  # the original case is not changed
    (decision,) = updated.deid_decisions
    assert decision.category == "generalised_occupation" and decision.decision == ReviewDecision.REDACT
    assert "taxi" not in decision.model_dump_json()
    assert updated.identity.self_description.voice == Voice.CLIENT


@pytest.mark.parametrize(("number", "words"), [(99, "a driver"), (1, "  "), (1, "two\nlines")])
def test_generalising_refuses_an_unknown_number_or_bad_wording(number: int, words: str):
    """Is a number not in the list, or empty or multi-line wording, refused with the fix?"""
    with pytest.raises(DeidentificationError, match=r"--risks|one line"):
        risk.generalise(_case(SOMALI), number, words, secret=SECRET)
