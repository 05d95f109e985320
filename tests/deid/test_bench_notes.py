"""Is the benchmark's adversarial note set (bench/deid_notes.py) labelled right, so its scores mean
what they say?"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import deid_notes  # (bench/ is a script folder, not a package)

NOTES = deid_notes.make_notes(60, seed=3)


def test_the_set_is_the_same_for_the_same_seed():
    """Do two runs with one seed get the very same notes (so tools are compared on one set)?"""
    again = deid_notes.make_notes(5, seed=3)
    assert [n.text for n in again] == [n.text for n in NOTES[:5]]


@pytest.mark.parametrize("group", ["known", "pattern", "unlisted", "cultural", "other"])
def test_every_label_is_in_its_note(group: str):
    """Does every labelled span occur, as labelled, in the text of its note?"""
    for note in NOTES:
        values = getattr(note, group)
        assert values, f"a {note.style} note has no {group} labels"
        for value in values:
            assert value in note.text, (group, note.style)


def test_every_style_and_disguise_is_present():
    """Does the set hold every writing style, invisible characters, look-alikes, full-width letters,
    letter-spacing, phones in words, non-Latin unlisted names and word-names?"""
    assert {n.style for n in NOTES} == set(deid_notes.STYLES)
    known = [v for n in NOTES for v in n.known]
    assert any(re.search("[\u200b\u00ad\u2060\u200c]", v) for v in known)
    assert any(v != deid_notes.normalise(v) and max(v) >= "\uff00" for v in known)  # full-width
    assert any(re.fullmatch(r"(?:\w )+\w", v) for v in known)  # letter-spaced
    assert any(
        re.fullmatch(r"(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine) ?)+", v.lower())
        for v in known
    )
    unlisted = {v for n in NOTES for v in n.unlisted}
    assert unlisted & set(deid_notes.UNLISTED_SCRIPTS) and unlisted & set(deid_notes.WORD_NAMES)


def test_normalise_sees_through_each_disguise():
    """Does the scorer's normalise turn each disguise back into the plain word?"""
    for disguised in ("Ma\u200bi", "M a i", "Mаi", deid_notes.fullwidth("Mai")):
        assert deid_notes.normalise(disguised) == "Mai"
    assert deid_notes.normalise("She is a Catholic nurse.") == "She is a Catholic nurse."


def test_no_word_to_remove_occurs_outside_its_label():
    """Is every note consistent: no known or unlisted word elsewhere by chance, no cultural word inside
    a span to remove?"""
    assert all(deid_notes._consistent(n) for n in NOTES)
    # In capitals, the word "hope" of a sentence is the client's name HOPE by chance: not consistent.
    clash = deid_notes.Note("HOPE CAME. WE HOPE SO.", NOTES[0].identifiers, known=["HOPE"], cultural=["CAME"])
    assert not deid_notes._consistent(clash)
    fine = deid_notes.Note("HOPE CAME. WE WISH SO.", NOTES[0].identifiers, known=["HOPE"], cultural=["CAME"])
    assert deid_notes._consistent(fine)
