"""Names that are also words: removed as the case's names, kept as ordinary words or identities."""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber


def _scrub(scrubber: Scrubber, text: str) -> str:
    return scrubber.scrub(text, where="note").text


@pytest.mark.parametrize(
    "text",
    [
        "She felt hope for the first time.",
        "There is hope.",
        "He brought a rose.",
        "Young people at the mosque were kind.",
        "She is a Black woman and proud of it.",
        "As a Black mother she worries.",
        "The news about the White House upset her.",
        "Her brother is young.",
        "She is Black.",
        "A black coat and a white scarf.",
    ],
)
def test_ordinary_words_and_identities_stay(scrubber: Scrubber, text: str):
    """Does a word that is also one of the case's names stay when used as a word or identity?"""
    assert _scrub(scrubber, text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We spoke with Hope about work.", "We spoke with the client about work."),
        ("We spoke with Rose about work.", "We spoke with the client's partner about work."),
        ("Ms. Black came too.", "The client's partner came too."),
        ("Hope's plan is simple.", "The client's plan is simple."),
        ("She felt hope, and Hope said so.", "She felt hope, and the client said so."),
    ],
)
def test_the_same_words_used_as_names_go(scrubber: Scrubber, text: str, expected: str):
    """Is the word removed when context shows it is the client's or a relative's name?"""
    assert _scrub(scrubber, text) == expected


@pytest.mark.parametrize("text", ["Hope said it was fine.", "Young came by later.", "JJ called."])
def test_a_name_at_a_sentence_start_is_redacted_and_flagged(scrubber: Scrubber, text: str):
    """Is a sentence-initial name that is also a word redacted but listed for the presenter?"""
    result = scrubber.scrub(text, where="note")
    first = text.split()[0]
    assert first not in result.text
    assert len(result.findings) == 1
    assert result.findings[0].status == "pending"
    assert result.findings[0].applied == "redacted"


def test_ner_keeps_young_as_a_word_at_a_sentence_start(ner_scrubber: Scrubber):
    """With NER, does "Young people ..." stay while "Young-Jae" goes?"""
    out = ner_scrubber.scrub("Young people often feel this. Young-Jae agreed.").text
    assert out == "Young people often feel this. The client's brother agreed."
