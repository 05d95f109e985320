"""What the adversarial bench notes (bench/deid_notes.py) showed casekit got wrong, each now a question.

Culture kept (kinship titles, teknonyms, scriptures of several words, a church's name), ordinals that
count rather than date, names that are also words in more places, notes written in capitals, and
names that stop at a line break. All names here are fictional.
"""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber, lexicon
from casekit.deid.capitals import in_capitals, readable_case
from casekit.deid.scrubber import _Covered, _resolve
from casekit.deid.spans import PATTERN, Span
from casekit.model import PrivateIdentifiers

from .conftest import SECRET


@pytest.fixture
def plain() -> Scrubber:
    """A scrubber for a fictional client, without the name model."""
    return Scrubber(PrivateIdentifiers(legal_name="Zeynep Okafor"), use_ner=False, secret=SECRET)


@pytest.fixture
def with_ner(ner_available_or_skip: None) -> Scrubber:
    """The same scrubber with the name model."""
    return Scrubber(PrivateIdentifiers(legal_name="Zeynep Okafor"), secret=SECRET)


@pytest.mark.parametrize(
    "term",
    ["Bibi", "Nani", "Mama Kubwa", "Umm al-Banat", "Orthodox Tewahedo", "balikbayan box", "Balikbayan"],
)
def test_kinship_titles_teknonyms_and_churches_from_the_bench_are_in_the_lexicon(term: str):
    """Are the kinship titles, teknonyms and churches the bench found removed now in the lexicon?"""
    if " " in term:
        assert lexicon.keep_lexicon().phrase_spans(f"She said {term} today.") == [(9, 9 + len(term))]
    else:
        assert lexicon.is_kept_word(term)


@pytest.mark.parametrize(
    "text",
    [
        "She calls her grandmother Bibi with respect.",
        "She calls her grandmother Nani with respect.",
        "Neighbours call her by her teknonym, Mama Kubwa.",
        "Neighbours call her by her teknonym, Umm al-Banat.",
        "She reads the Bhagavad Gita each night.",
        "She reads the Guru Granth Sahib each night.",
        "She is Orthodox Tewahedo and proud of it.",
    ],
)
def test_culture_the_bench_found_removed_now_stays(with_ner: Scrubber, text: str):
    """Do kinship titles, teknonyms, scriptures of several words and a church stay, with the name model?"""
    result = with_ner.scrub(text)
    assert result.text == text
    assert not result.findings


@pytest.mark.parametrize("text", ["She reads the Bhagavad Gita each night.", "Her Guru Granth Sahib is old."])
def test_no_word_of_a_kept_phrase_is_taken_for_a_name_by_the_capital_letter_rule(plain: Scrubber, text: str):
    """Does the capital-letter rule leave every word of a phrase of the culture lexicon alone?"""
    assert plain.scrub(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Progress on the first goal has been slow.",
        "We met on the second floor of the clinic.",
        "On the third try she called back.",
    ],
)
def test_an_ordinal_that_counts_something_is_not_a_date(plain: Scrubber, text: str):
    """Is "on the first goal" left alone, where "first" counts goals rather than naming a day?"""
    assert plain.scrub(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See you on the first.", "See you on the [Date]."),
        ("We meet on the first of May.", "We meet on the [Date]"),
        ("Pay on the first, at noon.", "Pay on the [Date], at noon."),
    ],
)
def test_an_ordinal_that_names_a_day_is_still_a_date(plain: Scrubber, text: str, expected: str):
    """Is "on the first." (a day of the month) still replaced?"""
    assert plain.scrub(text).text.startswith(expected)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Precious from the choir brought soup.", "Precious"),
        ("- Faith from the choir brought soup", "Faith"),
        ("Joy from her church called twice.", "Joy"),
        ("She texted Blessing about the rent.", "Blessing"),
    ],
)
def test_a_word_name_with_a_name_cue_goes(plain: Scrubber, text: str, name: str):
    """Is a given name that is also a word removed when it starts a sentence before "from the choir
    brought", or follows "texted"?"""
    assert name not in plain.scrub(text).text


@pytest.mark.parametrize(
    "text",
    ["Hope from the start kept her going.", "She felt a blessing in the work.", "Joy from music helps."],
)
def test_the_same_words_without_a_cue_stay(plain: Scrubber, text: str):
    """Do "hope", "blessing" and "joy" stay where nothing says they are names?"""
    assert plain.scrub(text).text == text


def test_a_title_and_name_stop_at_a_line_break(plain: Scrubber):
    """Does "Dr. Tesfaye" at the end of one text message leave the next message's "She" alone?"""
    out = plain.scrub("She was referred by Dr. Tesfaye\nShe laughed about the garden").text
    assert out.endswith("\nShe laughed about the garden")
    assert "Tesfaye" not in out


def test_a_name_the_model_runs_across_a_line_break_is_cut_there(with_ner: Scrubber):
    """Is a name the model joins to the next line ("Dawit Tesfaye\\nSunny") still removed, and the
    next line judged on its own?"""
    out = with_ner.scrub("Her friend Dawit Tesfaye\nSunny from the choir brought soup").text
    assert "Dawit" not in out and "Tesfaye" not in out and "Sunny" not in out
    assert out.split("\n")[1].endswith(" from the choir brought soup")


def test_a_word_name_does_not_take_the_next_lines_word_as_a_surname(plain: Scrubber):
    """Does "Sunny" at the end of a line stay one word, without the capitalised word opening the next?"""
    result = plain.scrub("She texted Sunny\nOkonjo replied later")
    assert "Sunny" not in result.text
    assert result.replacements
    assert all("\n" not in r.original for r in result.replacements)


def test_lines_in_capitals_read_as_prose_with_the_same_offsets():
    """Does a line in capitals get ordinary case, names capitalised, and exactly the same length?"""
    text = (
        "Normal line stays.\n"
        "SHE GREW UP NEAR TONASKET. HER FRIEND SORAYA HAIDARI WORKED AS A NURSE IN OREGON."
    )
    view = readable_case(text)
    assert len(view) == len(text)
    assert view.split("\n")[0] == "Normal line stays."
    assert view.split("\n")[1] == (
        "She grew up near Tonasket. Her friend Soraya Haidari worked as a nurse in Oregon."
    )


@pytest.mark.parametrize(
    ("line", "caps"),
    [("INTAKE NAME: XIADANI BEGAY.", True), ("She saw the ASL interpreter.", False), ("OK.", False)],
)
def test_only_lines_mostly_in_capitals_count_as_capitals(line: str, caps: bool):
    """Is a line in capitals told from a line with an acronym in it?"""
    assert in_capitals(line) is caps


def test_a_note_in_capitals_loses_its_names_and_keeps_its_words(with_ner: Scrubber):
    """In a note written in capitals, are unlisted names, word-names and a street removed while a
    trade, a kinship word, a state, a practice and ordinary words stay?"""
    text = (
        "SHE TEXTED PATIENCE ABOUT THE RENT. PRECIOUS FROM THE CHOIR BROUGHT SOUP. HER FRIEND SORAYA "
        "HAIDARI DROVE HER. THE FOOD BANK IS AT 55 JUNIPER AVENUE. BACK HOME SHE WORKED AS A NURSE. "
        "SHE CALLS HER GRANDMOTHER ABUELA WITH RESPECT. SHE HAS LIVED IN OREGON SINCE CHILDHOOD. "
        "SHE SENDS A BALIKBAYAN BOX HOME EVERY MONTH. SHE KEEPS PUJA AT DAWN. "
        "THE GROUP SUGGESTED ASKING ABOUT HER SUPPORT NETWORK."
    )
    out = with_ner.scrub(text).text
    for gone in ("PATIENCE", "PRECIOUS", "SORAYA", "HAIDARI", "JUNIPER"):
        assert gone not in out
    for kept in (
        "NURSE",
        "ABUELA WITH RESPECT",
        "OREGON",
        "A BALIKBAYAN BOX HOME",
        "PUJA AT DAWN",
        "THE GROUP SUGGESTED ASKING ABOUT HER SUPPORT NETWORK",
    ):
        assert kept in out


def test_a_web_address_in_capitals_is_still_found(plain: Scrubber):
    """Is a web address written in capitals still replaced?"""
    out = plain.scrub("SHE FOUND THE GROUP AT HTTPS://WWW.HEALINGCIRCLE.ORG/JOIN TODAY.").text
    assert "HEALINGCIRCLE" not in out and "[URL]" in out


def test_covered_offsets_answer_like_a_scan():
    """Does the bisecting range check agree with checking every range, at every offset?"""
    ranges = [(5, 9), (0, 2), (8, 12), (20, 21), (30, 30)]
    covered = _Covered(ranges)
    for at in range(35):
        assert covered.covers(at) == any(s <= at < e for s, e in ranges)
    for start in range(30):
        for end in range(start + 1, 32):
            assert covered.overlaps(start, end) == any(s < end and start < e for s, e in ranges if s < e)


def test_resolving_overlaps_keeps_the_same_spans_as_checking_every_pair():
    """Does the ordered overlap resolution choose what checking each span against all chosen would?"""
    spans = [
        Span(s, e, "person", PATTERN, key=str(i), priority=p)
        for i, (s, e, p) in enumerate(
            [(0, 5, 40), (3, 8, 10), (8, 9, 20), (7, 12, 30), (12, 14, 40), (2, 3, 5)]
        )
    ]
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.priority, -(s.end - s.start), s.start)):
        if not any(span.overlaps(c) for c in chosen):
            chosen.append(span)
    expected = sorted(chosen, key=lambda s: s.start)
    assert [(s.start, s.end) for s in _resolve(spans)] == [(s.start, s.end) for s in expected]


def test_a_surname_found_once_is_removed_where_it_is_repeated(with_ner: Scrubber):
    """Once "Dr. Friedman" is found by its title, is "FRIEDMAN" (a word of the English list too) also
    removed in "YAEL FRIEDMAN", as one person with one label?"""
    result = with_ner.scrub("SHE WAS REFERRED BY DR. FRIEDMAN. HER FRIEND YAEL FRIEDMAN DROVE HER.")
    assert "FRIEDMAN" not in result.text and "YAEL" not in result.text
    labels = {r.label for r in result.replacements}
    assert len(labels) == 1


def test_a_removed_surname_is_not_carried_to_the_same_ordinary_word(plain: Scrubber):
    """Is a surname that is an English word ("Dr. White") not carried to "white" in lower case, or to
    "White" opening a sentence?"""
    out = plain.scrub("She met Dr. White. The white car was there. White paint dried.").text
    assert out.endswith("The white car was there. White paint dried.")
    assert "Dr. White" not in out


def test_a_given_name_that_is_a_word_is_never_carried_over(plain: Scrubber):
    """Is "Hope", removed where it names someone, left alone where it is a value?"""
    out = plain.scrub("Hope said so. Later she spoke of Hope as a value.").text
    assert not out.startswith("Hope")
    assert out.endswith("spoke of Hope as a value.")


def test_pseudonyms_stay_consistent_across_many_people():
    """With hundreds of people, does each keep one label, does a part of a name get the whole name's
    label, and do people sharing no word get different labels?"""
    from casekit.deid.scrubber import PERSON, Labeller

    labeller = Labeller(PrivateIdentifiers())

    def label(key: str) -> str:
        return labeller.label(Span(0, 1, PERSON, PATTERN, key=key))

    first = [label(f"Name{i} Family{i}") for i in range(300)]
    assert len(set(first)) == 300
    assert [label(f"Family{i}") for i in range(300)] == first
    assert label("Dr. Name7") == first[7]
    assert label("Someone Else") not in first


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("HER FRIEND YAEL FRIEDMAN DROVE HER.", "Her friend Yael Friedman drove her."),
        ("HER FRIEND LIAM O'CONNELL CALLED.", "Her friend Liam O'Connell called."),
        ("SHE MOVED TO SHEBOYGAN TWO YEARS AGO.", "She moved to Sheboygan two years ago."),
    ],
)
def test_in_capitals_a_noun_after_a_name_is_its_surname(line: str, expected: str):
    """After a name, does a word English lists only as a noun ("FRIEDMAN") keep a capital as the
    surname, while a verb or number after it ("DROVE", "TWO") goes to lower case?"""
    assert readable_case(line) == expected


def test_the_lemma_table_keys_are_spacys_hashes_of_the_parts_of_speech():
    """Are the keys casekit uses for the lemmatizer's tables spaCy's own hashes of their names?"""
    from spacy.strings import hash_string

    assert {p: hash_string(p) for p in lexicon.LEMMA_TABLE_KEYS} == lexicon.LEMMA_TABLE_KEYS
    assert "drove" in lexicon.english_non_nouns() and "kettle" not in lexicon.english_non_nouns()
