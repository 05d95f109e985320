"""Names that only context gives away: initials, lower-case senders, word-names, other scripts."""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber


@pytest.fixture
def plain() -> Scrubber:
    """A scrubber with no identifiers and no NER: patterns and cues only."""
    return Scrubber(use_ner=False, secret=b"k")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J.R. said it was fine.", "Person A said it was fine."),
        ("She met with T.", "She met with Person A."),
        ("She met with T. She felt better.", "She met with Person A. She felt better."),
        ("A text from jose: 'cant come'.", "A text from Person A: 'cant come'."),
        ('kwame texted: "running late"', 'Person A texted: "running late"'),
        ("We spoke with Faith about work.", "We spoke with Person A about work."),
        ("She called Bill yesterday.", "She called Person A yesterday."),
        ("Her cousin Joy came.", "Her cousin Person A came."),
        ("She went with Grace Okafor.", "She went with Person A."),
    ],
)
def test_names_that_only_context_shows_are_replaced(plain: Scrubber, text: str, expected: str):
    """Are initials, a lower-case sender of a quoted message and word-names used as names replaced?"""
    assert plain.scrub(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will said he would come.",
        "Hope said it was fine.",
        "Sunny's mother came.",
        "A text from maria: 'cant come'.",
    ],
)
def test_a_word_name_that_may_be_a_word_is_redacted_and_flagged(plain: Scrubber, text: str):
    """Where the word could still be a word (a sentence start, an English word), is it redacted and
    listed for the presenter rather than decided silently?"""
    result = plain.scrub(text)
    assert "Person A" in result.text
    assert [(f.status, f.applied, f.category) for f in result.findings] == [("pending", "redacted", "person")]


@pytest.mark.parametrize(
    "text",
    [
        "I have hope.",
        "Her faith community helps.",
        "She felt joy at the wedding.",
        "He brought a rose.",
        "Will you come?",
        "Hope is a practice.",
        "The bill was high.",
        "It was a sunny day.",
        "Her Christian Faith matters to her.",
        "By God's Grace she recovered.",
        "She sang Amazing Grace at church.",
        "The Bill of Rights was discussed.",
        "This Summer she travelled.",
        "A text from my mom: 'come home'.",
        "She texted: 'ok'.",
        "The U.S. office called at 9 a.m.",
        "She has a Ph.D. and an M.A.",
        "She called C.P.S. about it and T.V. was on.",
    ],
)
def test_the_same_words_used_as_words_stay(plain: Scrubber, text: str):
    """Do word-names used as words, faith words written with a capital, and abbreviations stay?"""
    result = plain.scrub(text)
    assert result.text == text
    assert result.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Her grandmother wrote 阮氏梅 on the card.",
        "He signed it Дмитрий.",
        "Her name in Arabic is مريم.",
        "Her Korean name is 지민.",
        "Her father is राजेश.",
    ],
)
def test_other_scripts_become_a_finding_for_the_presenter(plain: Scrubber, text: str):
    """Is a run of a script the name model cannot read held back and listed for review, not dropped
    silently?"""
    result = plain.scrub(text)
    assert "[Words in another script]" in result.text
    assert [(f.status, f.category) for f in result.findings] == [("pending", "other_script")]


def test_a_kept_decision_brings_other_script_words_back():
    """After the presenter keeps a prayer written in Arabic, does the next scrub leave it in place?"""
    from casekit.deid.text import fingerprint
    from casekit.model.case import DeidDecision, ReviewDecision

    text = "She says بسم الله before each session."
    decision = DeidDecision(
        fingerprint=fingerprint(b"k", "بسم الله"), category="other_script", decision=ReviewDecision.KEEP
    )
    result = Scrubber(use_ner=False, secret=b"k", decisions=[decision]).scrub(text)
    assert result.text == text
    assert [(f.status, f.applied) for f in result.findings] == [("keep", "kept")]


def test_the_case_own_name_in_another_script_is_replaced_without_asking(scrubber: Scrubber):
    """Is a name the case lists in another script replaced as the client, with no finding?"""
    result = scrubber.scrub("She signs 阮氏梅 on her drawings.")
    assert result.text == "She signs the client on her drawings."
    assert result.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "By God's Grace she recovered.",
        "She prays for the Grace of God.",
        "The Bill of Rights was discussed.",
        "Her Christian Faith matters to her.",
    ],
)
def test_faith_words_with_a_capital_stay_even_with_the_name_model(ner_available_or_skip, text: str):
    """With name recognition on, do faith words and titles written with a capital still stay?"""
    assert Scrubber(use_ner=True, secret=b"k").scrub(text).text == text


def test_a_word_name_after_a_relation_is_a_name_even_before_of():
    """Is "her friend Will of the choir" still a person, though "of" follows?"""
    out = Scrubber(use_ner=False, secret=b"k").scrub("Her friend Will of the choir came.").text
    assert out == "Her friend Person A of the choir came."
