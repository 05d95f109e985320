"""Guesses of the name model on words that are not the case's names go to review, not straight to a label."""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber
from casekit.deid.scrubber import ORDINARY_GUESS, PLACE_GUESS

SECRET = b"ner-review"


@pytest.fixture
def plain(ner_available_or_skip: None) -> Scrubber:
    """A scrubber with name recognition and no case identifiers."""
    return Scrubber(use_ner=True, secret=SECRET)


@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        ("Felt like home after that.", "Felt", ORDINARY_GUESS),
        ("She grew up in Lisbon before moving.", "Lisbon", PLACE_GUESS),
    ],
)
def test_a_name_model_guess_is_a_pending_finding(plain: Scrubber, text: str, word: str, reason: str):
    """Is a word only the name model took for a name listed for review, with why, and held back meanwhile?"""
    result = plain.scrub(text)
    assert [(f.original, f.reason, f.status, f.detector) for f in result.findings] == [
        (word, reason, "pending", "ner")
    ]
    assert word not in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Raised Catholic; she prays daily.",
        "Her Imam visited on Friday.",
        "The curandera in Oaxaca helped her sleep.",
        "Herbal medicine from the Korean clinic helped.",
    ],
)
def test_culture_around_ordinary_words_stays_without_review(plain: Scrubber, text: str):
    """Does a sentence whose only "name" is a word of culture stay as written, with nothing to review?"""
    result = plain.scrub(text)
    assert result.text == text and result.findings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Umm Ayaan brought food.", "Umm [child's name] brought food."),
        ("We met Abu Khalid at the mosque.", "We met Abu [child's name] at the mosque."),
    ],
)
def test_a_teknonym_the_name_model_finds_keeps_its_kinship_word(plain: Scrubber, text: str, expected: str):
    """Is a parent named by their child ("Umm Ayaan") left with the kinship word, the child's name gone?"""
    assert plain.scrub(text).text == expected


def test_a_full_name_the_model_finds_is_still_removed_without_asking(plain: Scrubber):
    """Is a two-word name that is no ordinary word removed at once, as before (no review needed)?"""
    result = plain.scrub("Amara Okafor called on Monday.")
    assert "Amara" not in result.text and "Okafor" not in result.text
    assert result.findings == []


def test_a_decision_stored_for_a_guess_is_applied(ner_available_or_skip: None):
    """After the presenter keeps "Lisbon" for this case, is it kept on the next scrub with no finding left?"""
    first = Scrubber(use_ner=True, secret=SECRET).scrub("A Lisbon accent.")
    decision = first.findings[0].decide("keep")
    again = Scrubber(use_ner=True, secret=SECRET, decisions=[decision]).scrub("A Lisbon accent.")
    assert again.text == "A Lisbon accent." and [f.status for f in again.findings] == ["keep"]
