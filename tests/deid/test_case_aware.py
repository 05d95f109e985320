"""Case-aware detection: does every listed identifier go, in every common variant?"""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.deid import Scrubber, scan_for_identifiers
from casekit.model import (
    Case,
    CaseMeta,
    Entry,
    FeedbackEntry,
    LanguageUse,
    PowerDynamic,
    Voice,
    case_to_json,
)


def _scrub(scrubber: Scrubber, text: str) -> str:
    return scrubber.scrub(text, where="note").text


@pytest.mark.parametrize(
    "text",
    [
        "Mai came early.",
        "We met Mai today.",
        "Nguyễn was tired.",
        "Nguyen was tired.",
        "NGUYEN THI-MAI HOPE signed the form.",
        "mai said it again.",
        "Thi-Mai wrote it down.",
        "ThiMai wrote it down.",
        "Bé Mai is what her aunt calls her.",
        "Maizy laughed.",
        "She said 阮氏梅 is how her grandmother writes it.",
        "阮氏梅说 that was hard.",
        "Her Korean friends write 응우옌 마이.",
    ],
)
def test_client_names_are_replaced_in_every_variant(scrubber: Scrubber, ids, text: str):
    """Is each part and spelling of the client's name (accents, capitals, scripts) removed?"""
    out = _scrub(scrubber, text)
    assert "client" in out
    assert scan_for_identifiers(out, ids) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mai's sister called.", "The client's sister called."),
        ("It was Mai’s idea.", "It was the client’s idea."),
        ("We talked about Nguyen's plan.", "We talked about the client's plan."),
        ("Ms. Nguyen arrived.", "The client arrived."),
        ("Mai Nguyen arrived.", "The client arrived."),
    ],
)
def test_possessives_and_titles_read_naturally(scrubber: Scrubber, text: str, expected: str):
    """Does "Mai's" become "the client's", capitalised at the start of a sentence?"""
    assert _scrub(scrubber, text) == expected


def test_relatives_become_their_role(scrubber: Scrubber, ids):
    """Are household members named by their relation to the client?"""
    out = _scrub(scrubber, "Lan phoned, then Young-Jae came with Okonkwo-Black.")
    assert out == "The client's mother phoned, then the client's brother came with the client's partner."
    assert scan_for_identifiers(out, ids) == []


def test_a_role_followed_by_the_name_does_not_repeat_itself(scrubber: Scrubber):
    """Does "her mother Lan said" become "her mother said" rather than "her mother the client's mother"?"""
    assert _scrub(scrubber, "Her mother Lan said no.") == "Her mother said no."


@pytest.mark.parametrize(
    "text",
    [
        "Call 503-555-0147 after five.",
        "Call (503) 555-0147 after five.",
        "Call 503.555.0147 after five.",
        "Call 503 555 0147 after five.",
        "Call +1 503 555 0147 after five.",
        "Call 5035550147 after five.",
        "Call 5 0 3 - 5 5 5 - 0 1 4 7 after five.",
    ],
)
def test_phone_digits_match_whatever_the_separators(scrubber: Scrubber, ids, text: str):
    """Is the client's phone number found however its digits are grouped?"""
    out = _scrub(scrubber, text)
    assert "[Phone]" in out
    assert scan_for_identifiers(out, ids) == []


@pytest.mark.parametrize(
    "text",
    [
        "Born 1988-03-07.",
        "Born 03/07/1988.",
        "Born 3/7/88.",
        "Born 07.03.1988.",
        "Born March 7, 1988.",
        "Born Mar. 7th, 1988.",
        "Born 7th March 1988.",
        "Born on the 7th of March 1988.",
        "Her birthday is March 7th.",
        "Born 7 Mar 1988.",
    ],
)
def test_date_of_birth_in_any_common_format(scrubber: Scrubber, ids, text: str):
    """Is the date of birth found in ISO, US, European, month-name and ordinal forms?"""
    result = scrubber.scrub(text, where="note")
    assert "1988-03" not in result.text
    assert any(r.category == "date_of_birth" for r in result.replacements)
    assert scan_for_identifiers(result.text, ids) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Write to mai.nguyen87@gmail.com please.", "[Email]"),
        ("Her handle is mai.nguyen87 everywhere.", None),
        ("She lives at 1427 Alder Creek Road, Apt 3B.", "[Street address]"),
        ("She lives at 1427 Alder Creek Rd.", "[Street address]"),
        ("The house on Alder Creek Road is cold.", "[Street address]"),
        ("She moved to Gresham last year.", "[City]"),
        ("Services in Multnomah County are stretched.", "[County]"),
        ("The ZIP is 97030.", "[ZIP]"),
        ("She works at Tualatin Valley Logistics.", "[Employer]"),
        ("The shifts at Tualatin are long.", "[Employer]"),
        ("She studies at Mt. Hood Community College.", "[School]"),
        ("Her MRN is QX-448120.", None),
    ],
)
def test_contacts_places_and_organisations_are_replaced(scrubber: Scrubber, ids, text: str, label):
    """Are email, address parts, city, county, ZIP, employer, school and record numbers removed?"""
    out = _scrub(scrubber, text)
    if label:
        assert label in out
    assert scan_for_identifiers(out, ids) == []


def test_state_may_stay(scrubber: Scrubber):
    """Is the client's state (larger than a county) kept?"""
    assert _scrub(scrubber, "She grew up in Oregon.") == "She grew up in Oregon."


@pytest.mark.parametrize("text", ["Nguyn called twice.", "We wrote to Okonkow about it.", "Thanks, Gresam."])
def test_names_one_typo_away_are_replaced(scrubber: Scrubber, ids, text: str):
    """Is a misspelt name (one edit or transposition away) still caught?"""
    out = _scrub(scrubber, text)
    assert "Nguyn" not in out and "Okonkow" not in out and "Gresam" not in out


def test_extra_terms_from_a_deny_list_are_removed(ids):
    """Does a deny-list term (not in the identifiers) go too?"""
    s = Scrubber(ids, use_ner=False, extra_terms=["Kettle Cove Fellowship"], secret=b"k")
    out = s.scrub("She sings at Kettle Cove Fellowship.").text
    assert "Kettle" not in out and "[Redacted]" in out


# --------------------------------------------------------------------------------------------------
# Every string of a case, dictionary keys included


def _scored_case(ids, scores: dict[str, float]) -> Case:
    case = Case(meta=CaseMeta(case_id="CK-0413", clinician_alias="Presenter B"), identifiers=ids)
    case.feedback.append(FeedbackEntry(date=dt.date(2026, 2, 2), instrument_scores=scores))
    return case


def test_a_name_in_an_instrument_key_is_scrubbed(scrubber: Scrubber, ids):
    """Is a client's name that a clinic put in an instrument's key gone from the scrubbed case?"""
    case = _scored_case(ids, {"Mai's own scale": 12.0, "Session rating total": 30.0})
    clean, report = scrubber.scrub_case(case)
    assert scan_for_identifiers(case_to_json(clean), ids) == []
    assert clean.feedback[0].instrument_scores == {
        "The client's own scale": 12.0,
        "Session rating total": 30.0,
    }
    assert [r.where for r in report.replacements] == ["feedback[0].instrument_scores.key[0]"]


def test_keys_that_become_the_same_label_keep_every_score(scrubber: Scrubber, ids):
    """When two keys turn into one label ("Mai scale", "Nguyen scale"), are both scores still there?"""
    clean, _ = scrubber.scrub_case(_scored_case(ids, {"Mai scale": 3.0, "Nguyen scale": 4.0}))
    assert clean.feedback[0].instrument_scores == {"The client scale": 3.0, "The client scale (2)": 4.0}


def test_every_string_the_case_model_can_hold_is_scrubbed(scrubber: Scrubber, ids):
    """Is the client's name gone from every string field, key and entry of a case where it is everywhere?"""
    case = _scored_case(ids, {"Mai index": 1.0})
    case.identity.pronouns = "Mai says she/her"
    case.identity.languages = [LanguageUse(language="Mai's Hue dialect", context="with Lan")]
    case.power.append(PowerDynamic(kind="Lan's visa"))
    case.consultation_question = Entry(text="How do I help Mai?", voice=Voice.CLINICIAN)
    clean, _ = scrubber.scrub_case(case)
    assert scan_for_identifiers(case_to_json(clean), ids) == []
    assert clean.identity.languages[0].context == "with the client's mother"
