"""Names a reader sees whole but a plain search does not: are they still found and replaced whole?

Text pasted from PDFs and word processors carries soft hyphens and zero-width characters; names get
letter-spaced, typed in full width or with a Cyrillic letter that looks Latin. All names fictional.
"""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber, scan_for_identifiers
from casekit.model import Case, CaseMeta, PrivateIdentifiers

CLIENT = "Zebulon Harrowgate"

HIDDEN = {
    "soft hyphen": "Zeb\u00adulon",
    "zero-width space": "Ze\u200bbulon",
    "zero-width non-joiner": "Zebu\u200clon",
    "zero-width joiner": "Z\u200debulon",
    "word joiner": "Zebulo\u2060n",
    "byte-order mark": "Zeb\ufeffulon",
    "right-to-left override": "Zeb\u202eulon",
    "letter-spaced": "Z e b u l o n",
    "letter-spaced with dots": "Z.e.b.u.l.o.n",
    "letter-spaced with hyphens": "Z-e-b-u-l-o-n",
    "Cyrillic e": "Z\u0435bulon",
    "Greek capital zeta": "\u0396ebulon",
    "Cyrillic e and o (two look-alikes: more than one typo)": "Z\u0435bul\u043en",
    "full-width": "\uff3a\uff45\uff42\uff55\uff4c\uff4f\uff4e",
    "combining accent": "Ze\u0301bulon",
    "every trick at once": "\uff3a\u00ad\u0435b\u200bu\u0301l\u043e\u2060n",
}


def _case(ids: PrivateIdentifiers) -> Case:
    case = Case(meta=CaseMeta(case_id="CK-0404", clinician_alias="Presenter H", group="east-team"))
    case.identifiers = ids
    return case


@pytest.fixture
def client_scrubber() -> Scrubber:
    ids = PrivateIdentifiers(legal_name=CLIENT, phones=["555-0199"], employers=["Crumbwell Bakery"])
    return Scrubber.for_case(_case(ids), use_ner=False)


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_name_is_replaced_whole(client_scrubber: Scrubber, hidden: str):
    """Is a hidden spelling of the client's name replaced, invisible characters and separators too?"""
    out = client_scrubber.scrub(f"Today {hidden} spoke about her faith.").text
    assert out == "Today the client spoke about her faith."


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_full_name_is_one_replacement(client_scrubber: Scrubber, hidden: str):
    """With the surname after it, does the hidden first name still make one full-name match?"""
    out = client_scrubber.scrub(f"Notes on {hidden} Harrow\u00adgate, week 3.").text
    assert out == "Notes on the client, week 3."


def test_hidden_possessive_is_kept_readable(client_scrubber: Scrubber):
    """Does "Zeb­ulon's" (soft hyphen) become "the client's"?"""
    assert client_scrubber.scrub("Zeb\u00adulon\u2019s mother came.").text == "The client\u2019s mother came."


@pytest.mark.parametrize(
    "phone", ["555\u200b-0199", "\uff15\uff15\uff15-\uff10\uff11\uff19\uff19", "5\u00ad55-0199"]
)
def test_hidden_phone_number_is_replaced(client_scrubber: Scrubber, phone: str):
    """Are a phone number's zero-width, soft-hyphen and full-width spellings replaced?"""
    out = client_scrubber.scrub(f"Call {phone} after six.").text
    assert "0199" not in out and "\uff10\uff11\uff19\uff19" not in out
    assert out.startswith("Call ") and out.endswith(" after six.")


def test_hidden_employer_is_replaced(client_scrubber: Scrubber):
    """Is a soft-hyphenated employer name found as the listed employer?"""
    out = client_scrubber.scrub("She bakes at Crumb\u00adwell Bakery at night.").text
    assert "Crumb" not in out and "Bakery" not in out


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_scan_finds_hidden_name(hidden: str):
    """Does the identifier scan (tests and the export gate use it) find every hidden spelling?"""
    ids = PrivateIdentifiers(legal_name=CLIENT)
    hits = scan_for_identifiers(f"Met {hidden} today.", ids)
    assert [h.category for h in hits] == ["client_name"]
    assert hits[0].offset == 4 and hits[0].length == len(hidden)


@pytest.mark.parametrize(
    "entity", ["&shy;", "&#173;", "&#8203;", "&#x200B;", "&#x2060;", "&#xFEFF;", "&zwnj;"]
)
def test_scan_finds_name_split_by_an_html_entity(entity: str):
    """In HTML bytes, is a name split by an invisible character written as an entity still found?"""
    ids = PrivateIdentifiers(legal_name=CLIENT)
    data = f"<p>Met Zeb{entity}ulon today.</p>".encode()
    assert [h.category for h in scan_for_identifiers(data, ids)] == ["client_name"]


@pytest.mark.parametrize(
    "text",
    [
        "She is a \uff22\uff4c\uff41\uff43\uff4b Muslim woman and proud of it.",
        "She is B\u00adlack and Muslim.",
        "a \u0412lack church on the corner",
        "she felt ho\u00adpe for the first time",
        "she felt \uff48\uff4f\uff50\uff45 again",
        "The r\u200bose garden at the mosque",
    ],
)
def test_hidden_characters_do_not_make_identity_words_names(ids, text: str):
    """Do identity words and ordinary words that are also the case's names stay, however they are typed?"""
    out = Scrubber.for_case(_case(ids), use_ner=False).scrub(text).text
    assert out == text


@pytest.mark.parametrize(
    "text",
    [
        "She marked items a, d, a and b.",
        "Plan A, plan B or plan C.",
        "We spent a d a y on it.",
        "i.e. a rest, e.g. a walk",
    ],
)
def test_single_letters_do_not_collide_with_a_short_name(text: str):
    """Are single letters that are not one spaced-out run ("a, d, a") kept next to a client called Ada?"""
    scrubber = Scrubber.for_case(_case(PrivateIdentifiers(legal_name="Ada Quenby")), use_ner=False)
    assert scrubber.scrub(text).text == text


def test_letter_spaced_short_name_is_still_found():
    """And when the short name is itself spelt out ("A d a"), is it replaced?"""
    scrubber = Scrubber.for_case(_case(PrivateIdentifiers(legal_name="Ada Quenby")), use_ner=False)
    assert scrubber.scrub("Today A d a came early.").text == "Today the client came early."


def test_many_hidden_names_are_each_replaced(client_scrubber: Scrubber):
    """In a long text of soft-hyphenated names, is every one replaced?"""
    text = "Zeb\u00adulon spoke. " * 1_000
    assert client_scrubber.scrub(text).text == "The client spoke. " * 1_000


def test_name_after_100000_characters_without_a_space_is_found(client_scrubber: Scrubber):
    """After 100,000 characters with no space, is a hidden name found where it is? (Linear search.)"""
    text = "x" * 100_000 + " Zeb\u00adulon"
    hits = client_scrubber.matcher.find(text)
    assert [(h.start, h.end, h.form.category) for h in hits] == [(100_001, 100_009, "client_name")]
