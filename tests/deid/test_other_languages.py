"""Entries in another language: kept from the English name model, still checked for the case's own
identifiers, and read whole by the presenter (one review item per entry, never one per word)."""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber
from casekit.deid.languages import OTHER_LANGUAGE, language_name, other_language_texts
from casekit.deid.review import KEEP, apply_decisions, keep_everywhere, pending_review
from casekit.errors import DeidentificationError
from casekit.model import Entry, Obtained, Voice
from tests.deid.conftest import SECRET
from tests.fictional import fictional_case, plain_case

#: Fictional Somali words of a client: about prayer, her mother and sleep; no names in them.
SOMALI = (
    "Waxaan jeclahay in aan la hadlo Hooyo iyo walaalahay. Salaadda subaxdii ayaa i dejisa. Hurdo waa muhiim."
)
#: The same kind of text, with the client's name, her phone number and her email in it.
SOMALI_NAMED = "Magacaygu waa Odalys. Waxaan jeclahay Hooyo. Ii soo wac 555-0148 ama odalys.bt@example.org."
#: Fictional French words of a client (sleep, prayer, her aunt's kitchen).
FRENCH = "Dormir reste difficile. La prière du matin me calme, et la cuisine de Tantine Amina me manque."


def _client_wrote(text: str, language: str) -> Entry:
    return Entry(
        text=text, voice=Voice.CLIENT, obtained=Obtained.VERBATIM, language=language, client_written=True
    )


def _case_with(text: str, language: str = "so"):
    case = plain_case()  # the fictional baker, with every identifier of hers stored privately
    case.identity.self_description = _client_wrote(text, language)
    return case


def _items_at(items, where: str = "identity.self_description"):
    return [i for i in items if i.finding.where == where]


def test_a_somali_entry_without_names_is_one_review_item_not_a_finding_per_word():
    """Is a Somali entry with no names in it sent to review once, as written in Somali, instead of
    each capitalised Somali word ("Waxaan", "Hooyo", "Salaadda") being flagged as a possible name?"""
    before = pending_review(_case_with(SOMALI, language="en"), secret=SECRET, use_ner=False)
    assert len(_items_at(before)) > 1  # read as English, its ordinary words look like names
    items = _items_at(pending_review(_case_with(SOMALI), secret=SECRET, use_ner=False))
    assert len(items) == 1
    (item,) = items
    assert item.finding.category == OTHER_LANGUAGE
    assert item.finding.reason == "written in Somali: please read it for names"
    assert item.span == SOMALI and item.suggestion == KEEP


def test_a_somali_entry_holding_the_clients_name_still_has_it_replaced():
    """In a Somali entry, are the client's name, phone and email still replaced (the checks that do not
    depend on language still run), with the entry still sent to review?"""
    case = _case_with(SOMALI_NAMED)
    scrubber = Scrubber.for_case(case, use_ner=False, secret=SECRET)
    clean, report = scrubber.scrub_case(case)
    text = clean.identity.self_description.text
    assert "Odalys" not in text and "555-0148" not in text and "odalys.bt" not in text
    assert "Magacaygu waa the client." in text and "Hooyo" in text  # her culture's words stay
    assert [f.category for f in report.findings if f.where == "identity.self_description"] == [OTHER_LANGUAGE]


def test_a_look_alike_of_the_clients_name_in_a_somali_entry_is_caught():
    """Are a look-alike spelling of the client's name (a Cyrillic letter) and her sister's name with an
    accent added caught in Somali too?"""
    case = _case_with("Magacaygu waa Оdalys, walaashay waa Marisela Quintanár.")
    clean, _report = Scrubber.for_case(case, use_ner=False, secret=SECRET).scrub_case(case)
    text = clean.identity.self_description.text
    assert "dalys" not in text and "Quintan" not in text


def test_the_english_name_model_never_reads_an_entry_in_another_language(monkeypatch):
    """Is the text the name model is given blank where the French entry sits (so it cannot guess a name
    there), with the English text around it left for the model?"""
    import casekit.deid.ner as ner

    seen: list[str] = []

    def spy(texts):
        seen.extend(texts)
        return [ner.Analysis(tokens=(), entities=()) for _ in texts]

    monkeypatch.setattr(ner, "analyse_many", spy)
    case = _case_with(FRENCH, language="fr")
    scrubber = Scrubber.for_case(case, use_ner=True, secret=SECRET)
    scrubber.scrub_many(
        [("identity.self_description", FRENCH), ("cell 1", f"In her words: {FRENCH} Then we talked.")]
    )
    assert len(seen) == 1  # the entry alone gives the model nothing to read
    assert "Dormir" not in seen[0] and "Tantine" not in seen[0]
    assert seen[0].startswith("In her words:") and seen[0].endswith("Then we talked.")


def test_an_entry_quoted_in_a_longer_text_is_reviewed_by_its_fingerprint():
    """Where an export shows the entry among English text, is it the same one review item (so the
    presenter's decision on the entry covers it), with no word findings inside it?"""
    case = _case_with(SOMALI)
    items = pending_review(case, secret=SECRET, use_ner=False)
    scrubber = Scrubber.for_case(case, use_ner=False, secret=SECRET)
    result = scrubber.scrub(f"## How she describes herself\n\n{SOMALI}\n\nShe smiled.", "cell 3")
    assert [f.category for f in result.findings] == [OTHER_LANGUAGE]
    assert result.findings[0].fingerprint == _items_at(items)[0].finding.fingerprint
    decided = apply_decisions(case, items, {i.number: "keep" for i in items})
    again = Scrubber.for_case(decided, use_ner=False, secret=SECRET)
    assert again.scrub(f"Her words: {SOMALI}", "cell 3").findings[0].status == "keep"
    assert _items_at(pending_review(decided, secret=SECRET, use_ner=False)) == []


def test_the_presenter_may_leave_the_entry_out_and_then_it_is_withheld_whole():
    """When the presenter decides to replace it, is the whole entry left out in plain words, not
    pieces of it?"""
    case = _case_with(SOMALI_NAMED)
    items = _items_at(pending_review(case, secret=SECRET, use_ner=False))
    decided = apply_decisions(case, items, {items[0].number: "redact"})
    clean, _report = Scrubber.for_case(decided, use_ner=False, secret=SECRET).scrub_case(decided)
    assert clean.identity.self_description.text == "[words in Somali, left out]"


def test_an_entry_in_another_language_cannot_be_kept_for_every_case():
    """Is 'keep for every case' refused for a whole entry (it is not a word of the keep-list)?"""
    case = _case_with(SOMALI)
    items = _items_at(pending_review(case, secret=SECRET, use_ner=False))
    with pytest.raises(DeidentificationError, match="whole entry in another language"):
        keep_everywhere(case, items, [items[0].number])


def test_an_interpreters_english_tagged_with_the_clients_language_is_read_as_english():
    """Is an interpreter's English rendering, tagged with the language the client spoke, read with the
    English checks as before (it is not sent to review as another language)?"""
    case = fictional_case()
    case.identity.self_description = Entry(
        text="Through the interpreter: I am a baker, and my mother taught me the bread of our village.",
        voice=Voice.CLIENT,
        obtained=Obtained.INTERPRETER,
        language="ko",
    )
    assert other_language_texts(case) == []


def test_untagged_and_english_entries_are_not_routed():
    """Are entries with no language tag, or an English one, left to the English checks?"""
    case = _case_with(SOMALI, language="en-GB")
    case.identity.naming = Entry(text=FRENCH, voice=Voice.CLIENT)
    assert other_language_texts(case) == []
    assert language_name("so") == "Somali" and language_name("fr") == "French"


def test_an_export_waits_for_the_entry_to_be_read_and_then_keeps_it_in_its_language():
    """Is an export refused while the Somali entry is unread, with one span waiting (not one per word),
    and once the presenter keeps it, does the export carry the client's Somali words with her name
    replaced?"""
    from casekit.errors import ExportGateError
    from casekit.export import api

    case = _case_with(SOMALI_NAMED)
    with pytest.raises(ExportGateError, match="1 flagged span"):
        api.export_case(case, "html", secret=SECRET)
    items = pending_review(case, secret=SECRET, use_ner=True)
    decided = apply_decisions(case, items, {i.number: "keep" for i in items})
    data = api.export_case(decided, "html", secret=SECRET).data.decode("utf-8")
    assert "Magacaygu waa" in data and "Hooyo" in data
    assert "Odalys" not in data and "555-0148" not in data
