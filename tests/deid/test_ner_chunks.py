"""Texts longer than the name model takes at once: analysed in pieces, offsets mapped back."""

from __future__ import annotations

import itertools

import pytest

from casekit.deid import Scrubber, ner


@pytest.mark.parametrize(
    "text",
    [
        "One. Two three! Four five six? " * 40,
        "word " * 300,
        "x" * 1000,
        "Line one\nLine two\n\nLine three " * 30,
    ],
)
def test_chunks_cover_the_text_and_cut_at_boundaries(text: str):
    """Do the pieces cover every character once, stay within the limit, and cut after a space
    wherever the text has one?"""
    bounds = ner.chunk_bounds(text, 100)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= 100 for start, end in bounds)
    for _, end in bounds[:-1]:
        assert text[end - 1].isspace() or not any(c.isspace() for c in text)


def test_a_long_text_is_analysed_in_pieces_with_offsets_into_the_whole(ner_available_or_skip, monkeypatch):
    """With a small chunk size, are names found in every piece at their offsets in the whole text?"""
    sentence = "Maria Lopez met Kofi Mensah in Chicago on a rainy day after work. "
    text = sentence * 30
    monkeypatch.setattr(ner, "CHUNK", 200)
    analysis = ner.analyse(text)
    people = [text[e.start : e.end] for e in analysis.entities if e.label == "PERSON"]
    assert len(people) >= 30
    assert set(people) <= {"Maria Lopez", "Kofi Mensah"}
    starts = [t.start for t in analysis.tokens]
    assert starts == sorted(starts)
    assert all(text[t.start : t.end].strip() == text[t.start : t.end] for t in analysis.tokens)


def test_a_text_over_the_model_limit_is_scrubbed_not_refused(ner_available_or_skip, monkeypatch):
    """When a text is longer than spaCy's max_length, does the scrub still find names past the limit?"""
    nlp = ner.pipeline()
    monkeypatch.setattr(nlp, "max_length", 500)
    text = "She felt calmer this week and slept well. " * 30 + "Then Kofi Mensah called her."
    out = Scrubber(use_ner=True, secret=b"k").scrub(text).text
    assert "Mensah" not in out
    assert out.startswith("She felt calmer this week and slept well. ")
