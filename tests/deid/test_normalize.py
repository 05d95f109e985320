"""The matching form: do hidden spellings of a name meet the plain one, and do matches map back whole?"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from casekit.deid.normalize import (
    collapse_spacing,
    is_invisible,
    latin_lookalike,
    matching_form,
    readable_form,
)

NAME = "Zebulon"

HIDDEN = {
    "soft hyphen": "Zeb\u00adulon",
    "zero-width space": "Ze\u200bbulon",
    "zero-width non-joiner": "Zebu\u200clon",
    "zero-width joiner": "Z\u200debulon",
    "word joiner": "Zebulo\u2060n",
    "byte-order mark": "\ufeffZebulon",
    "left-to-right mark": "Zeb\u200eulon",
    "variation selector": "Zebu\ufe0flon",
    "Cyrillic e": "Z\u0435bulon",
    "Cyrillic o": "Zebul\u043en",
    "Greek capital zeta": "\u0396ebulon",
    "full-width": "\uff3a\uff45\uff42\uff55\uff4c\uff4f\uff4e",
    "mathematical bold": "\U0001d419\U0001d41e\U0001d41b\U0001d42e\U0001d425\U0001d428\U0001d427",
    "combining accent": "Ze\u0301bulon",
    "every trick at once": "\uff3a\u00ad\u0435b\u200bu\u0301l\u043e\u2060n",
}


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_spellings_share_the_plain_matching_form(hidden: str):
    """Does each hidden spelling of the name normalise to exactly the plain name's form?"""
    assert matching_form(hidden).text == matching_form(NAME).text == "zebulon"


@pytest.mark.parametrize(
    "spaced",
    [
        "Z e b u l o n",
        "Z.e.b.u.l.o.n",
        "Z-e-b-u-l-o-n",
        "Z_e_b_u_l_o_n",
        "Z\u00a0e\u00a0b\u00a0u\u00a0l\u00a0o\u00a0n",
    ],
)
def test_letter_spaced_name_collapses_to_one_word(spaced: str):
    """Does a name spelt out letter by letter, with any one-character separator, join into the name?"""
    collapsed = collapse_spacing(matching_form(f"we met {spaced} today"))
    assert collapsed is not None
    assert collapsed.text == "we met zebulon today"
    start = collapsed.text.index("zebulon")
    assert collapsed.span(start, start + 7) == (7, 7 + len(spaced))


@pytest.mark.parametrize(
    "ordinary",
    [
        "She is a Black Muslim woman from Ghana.",
        "Plan A or plan B, then C.",
        "e.g. a walk, i.e. a rest",
        "x y",
        "a  b  c",
        "Z e\nb u",
        "options (a), (b) and (c)",
    ],
)
def test_ordinary_text_is_not_collapsed(ordinary: str):
    """Is text without a run of three or more single letters, one separator apart, left alone?"""
    assert collapse_spacing(matching_form(ordinary)) is None


def test_collapse_joins_only_the_single_letters_of_a_run():
    """Next to a letter-spaced run, do ordinary words keep their own spaces?"""
    collapsed = collapse_spacing(matching_form("Dear Z e b u l o n Harrow, hello"))
    assert collapsed is not None
    assert collapsed.text == "dear zebulon harrow, hello"


def test_span_of_a_match_covers_the_invisible_characters_inside_and_after_it():
    """Does a match mapped back cover the soft hyphen inside and the zero-width space after it?"""
    original = "Met Zeb\u00adulon\u200b today"
    form = matching_form(original)
    start = form.text.index("zebulon")
    a, b = form.span(start, start + len("zebulon"))
    assert original[a:b] == "Zeb\u00adulon\u200b"
    assert original[b:] == " today"


def test_span_of_an_expanded_character_covers_it_once():
    """A ligature becomes two letters: does a match over both map back to the one character?"""
    original = "the \ufb01le"  # "ﬁle"
    form = matching_form(original)
    assert form.text == "the file"
    assert form.span(4, 6) == (4, 5)
    assert form.span(4, 8) == (4, 7)


def test_lookalikes_are_only_letters_of_other_scripts():
    """Are Cyrillic/Greek look-alikes folded while Latin letters, digits and other scripts stay?"""
    assert latin_lookalike("\u0435") == "e"  # Cyrillic е
    assert latin_lookalike("\u0391") == "A"  # Greek Α
    assert latin_lookalike("\u0399") == "I"  # Greek Ι reads as a capital I, not l
    assert latin_lookalike("l") == "l" and latin_lookalike("I") == "I" and latin_lookalike("0") == "0"
    assert latin_lookalike("\u0436") == "\u0436"  # Cyrillic ж looks like no Latin letter
    assert latin_lookalike("\u6885") == "\u6885"


def test_names_in_their_own_script_keep_it_without_lookalikes():
    """Without look-alike folding, does a Cyrillic name stay Cyrillic (folded only for case)?"""
    assert matching_form("\u0412\u0435\u0440\u0430", lookalikes=False).text == "\u0432\u0435\u0440\u0430"


def test_invisible_characters_are_format_and_default_ignorable_ones():
    """Are soft hyphens, zero-width and other format characters invisible, and letters and spaces not?"""
    for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u202e\u180e\ufe0f\u034f\U000e0041":
        assert is_invisible(ch), hex(ord(ch))
    for ch in "a \u00a0-\u0435\u6885\u0301":
        assert not is_invisible(ch), hex(ord(ch))


def test_readable_form_keeps_case_and_joins_runs():
    """Does the reader's view of a span keep capitals and join letter-spacing?"""
    assert readable_form("\uff22\u00adlack") == "Black"
    assert readable_form("ho\u200bpe") == "hope"
    assert readable_form("B l a c k") == "Black"


# ----------------------------------------------------------------------------------------------
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ e.-_'\u00ad\u200b\u2060\ufeff\u0301\u0435\u0396\uff3a\ufb01\u00df\u0130 "),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


@given(_TEXT)
def test_every_form_character_maps_inside_the_original(text: str):
    """Does each character of the form map to an original character, in order?"""
    form = matching_form(text)
    origins = [form.origin(i) for i in range(len(form.text))]
    assert origins == sorted(origins)
    assert all(0 <= o < len(text) for o in origins)


@given(_TEXT, st.data())
def test_span_of_a_slice_holds_every_original_character_of_the_slice(text: str, data):
    """For any slice of the form, is every original character it came from inside the mapped span?"""
    for form in filter(None, [matching_form(text), collapse_spacing(matching_form(text))]):
        n = len(form.text)
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(start, n))
        a, b = form.span(start, end)
        assert 0 <= a <= b <= len(text)
        for i in range(start, end):
            assert a <= form.origin(i) < b


@given(_TEXT, st.data())
def test_span_of_a_slice_normalises_back_to_that_slice(text: str, data):
    """Cut at character boundaries, does the original span of a slice normalise to the same slice?"""
    form = matching_form(text)
    n = len(form.text)
    assume(n > 0)
    start = data.draw(st.integers(0, n - 1))
    end = data.draw(st.integers(start + 1, n))
    # Only cuts that do not split what one original character became (a ligature's two letters).
    assume(start == 0 or form.origin(start - 1) != form.origin(start))
    assume(end == n or form.origin(end - 1) != form.origin(end))
    a, b = form.span(start, end)
    assert matching_form(text[a:b]).text == form.text[start:end]


@given(_TEXT)
def test_collapsing_only_removes_separators(text: str):
    """Does collapsing letter-spacing only take out separator characters, never a letter?"""
    form = matching_form(text)
    collapsed = collapse_spacing(form)
    if collapsed is None:
        return
    assert len(collapsed.text) < len(form.text)
    assert [c for c in form.text if c not in " .-_·"] == [c for c in collapsed.text if c not in " .-_·"]


def test_normalising_a_long_unbroken_text_gives_the_right_form():
    """Do 100,000 characters without a space normalise whole? (bench/bench_normalize.py times it.)"""
    cases = [
        ("x" * 100_000, "x" * 100_000),
        ("Zeb\u00adulon" * 12_500, "zebulon" * 12_500),
        ("a " * 50_000 + "bc", "a" * 50_000 + " bc"),
        ("\uff3a\u200b" * 50_000, "z" * 50_000),
    ]
    for text, expected in cases:
        form = matching_form(text)
        collapsed = collapse_spacing(form) or form
        assert collapsed.text == expected
