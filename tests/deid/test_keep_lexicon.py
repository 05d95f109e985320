"""The culture lexicon (casekit/deid/data/keep.toml): what de-identification must keep, section by section."""

from __future__ import annotations

import subprocess
import sys

import pytest

from casekit.deid import Scrubber, lexicon
from casekit.model import PrivateIdentifiers


def _kept(term: str) -> bool:
    """Whether ``term`` is kept: a one-word term by itself, a phrase where the whole phrase appears."""
    if " " not in term:
        return lexicon.is_kept_word(term)
    return lexicon.keep_lexicon().phrase_spans(f"She spoke of {term} today.") == [(13, 13 + len(term))]


def _section_keeps(section: str, terms: list[str]) -> None:
    assert lexicon.keep_lexicon().sections[section], f"section {section} is empty"
    missing = [t for t in terms if not _kept(t)]
    assert not missing, f"{section}: not kept: {missing}"


def test_religions_of_many_traditions_are_kept():
    """Are faiths from several traditions kept, as written or capitalised?"""
    _section_keeps("religions", ["Islam", "Candomblé", "Candomble", "Umbanda", "Sikhism", "Shinto", "Vodou"])


def test_scriptures_are_kept():
    """Are sacred texts kept, with the apostrophe spellings people use?"""
    _section_keeps("scriptures", ["Qur'an", "Qur’an", "Quran", "Torah", "Bible", "Guru Granth Sahib"])


def test_practices_are_kept():
    """Are prayer, ritual and healing practices kept (Islamic, Catholic, Indigenous, Korean, Brazilian)?"""
    _section_keeps("practices", ["ruqyah", "Sabr", "Mass", "smudging", "hanyak", "herbal medicine", "limpia"])


def test_holy_days_are_kept():
    """Are holy days and festivals of several calendars kept?"""
    _section_keeps(
        "holy_days", ["Ramadan", "Eid al-Adha", "Diwali", "Yom Kippur", "Chuseok", "Día de los Muertos"]
    )


def test_spiritual_and_community_roles_are_kept():
    """Are roles people turn to kept: Elder, Imam, Pastor, curandera, traditional healer, Prophet?"""
    _section_keeps(
        "roles", ["Elder", "Elders", "Imam", "Pastor", "curandera", "traditional healer", "Prophet"]
    )


def test_honorifics_are_kept_and_are_forms_of_address():
    """Are honorifics kept, and recognised as forms of address rather than names?"""
    _section_keeps("honorifics", ["Mrs", "Doña", "Seu", "nim", "Hajja"])
    assert lexicon.keep_lexicon().is_form_of_address("Mrs.")
    assert not lexicon.keep_lexicon().is_form_of_address("Nguyen")


def test_kinship_terms_are_kept():
    """Are kinship terms in many languages kept (Korean, Somali, Spanish, Portuguese, Cree)?"""
    _section_keeps("kinship", ["Eomma", "Hooyo", "abuela", "Vó", "kokum"])


def test_teknonyms_keep_the_form_and_find_the_childs_name():
    """For "Eunhye Eomma" and "Umm Ayaan", is the child's name found inside the kinship form?"""
    lex = lexicon.keep_lexicon()
    assert lex.teknonym_name("Eunhye Eomma") == (0, 6)
    assert lex.teknonym_name("Umm Ayaan") == (4, 9)
    assert lex.teknonym_name("Abu Khalid") == (4, 10)
    assert lex.teknonym_name("Mai Nguyen") is None


def test_ethnic_and_diaspora_words_are_kept():
    """Are ethnic and diaspora words kept (Afro-Brazilian, preto, Nordestino, Desi)?"""
    _section_keeps("ethnicity", ["Afro-Brazilian", "preto", "Nordestino", "Desi", "Korean-American"])


def test_occupations_and_trades_are_kept_in_the_plural_too():
    """Are trades kept, singular and plural ("pipefitters"), and the co-op as a kind of workplace?"""
    _section_keeps("occupations", ["pipefitter", "Pipefitters", "alterations", "interpreting", "co-op"])


def test_regions_of_other_countries_are_kept():
    """Are states and provinces of other countries kept, as Safe Harbor keeps US states?"""
    _section_keeps("regions", ["Bahia", "Oaxaca", "Punjab", "Puntland", "Gyeonggi-do", "Minas Gerais"])


def test_languages_are_kept():
    """Are languages and ways of speaking kept (Kreyòl, K'iche', Ojibwemowin, ASL)?"""
    _section_keeps("languages", ["Kreyòl", "K'iche'", "Ojibwemowin", "Somali", "sign language"])


def test_sayings_of_faith_and_thanks_are_kept():
    """Are everyday words of faith and thanks in other languages kept (Obrigado, Inshallah)?"""
    _section_keeps("sayings", ["Obrigado", "Inshallah", "Alhamdulillah", "Miigwech"])


def test_an_ordinary_surname_is_not_in_the_lexicon():
    """Is a name that is no word of culture left out (so the lexicon is not a blanket pass)?"""
    assert not any(lexicon.is_kept_word(w) for w in ("Nguyen", "Okafor", "Morrison", "Silva"))


def test_the_lexicon_is_read_on_first_use_not_at_import():
    """Does importing the lexicon module leave the data file unread until something asks?"""
    code = (
        "from casekit.deid import lexicon; "
        "print(lexicon.keep_lexicon.cache_info().currsize); lexicon.is_kept_word('Islam'); "
        "print(lexicon.keep_lexicon.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


@pytest.mark.parametrize("word", ["Bahia", "Elder", "Kreyol"])
def test_a_lexicon_word_never_shields_the_cases_own_identifier(word: str):
    """If a client's name is also a word of the lexicon, is it still removed where it names them?"""
    s = Scrubber(PrivateIdentifiers(legal_name=f"Iolanda {word}"), use_ner=False)
    out = s.scrub(f"We met Iolanda {word} on Tuesday.").text
    assert word not in out and "Iolanda" not in out
