"""Scrubbing a whole case, NER for unlisted names, and what must stay."""

from __future__ import annotations

import subprocess
import sys

from casekit.deid import Scrubber, scan_for_identifiers
from casekit.model import Case, CaseMeta, Entry, Goal, PowerDynamic, Voice, case_to_json


def _case(ids) -> Case:
    case = Case(meta=CaseMeta(case_id="CK-0412", clinician_alias="Presenter B"), identifiers=ids)
    case.identity.self_description = Entry(
        text="I am Mai, a Vietnamese American, Buddhist, bisexual woman. My mother Lan raised me.",
        voice=Voice.CLIENT,
    )
    case.goals.append(Goal(client_words=Entry(text="Call Lan on Sundays.", voice=Voice.CLIENT)))
    case.power.append(PowerDynamic(kind="immigration status in Gresham"))
    return case


def test_scrub_case_cleans_every_entry_and_drops_identifiers(scrubber: Scrubber, ids):
    """Does scrub_case scrub entries and labels outside identifiers, and empty the identifiers?"""
    clean, report = scrubber.scrub_case(_case(ids))
    assert clean.identifiers.is_empty()
    assert scan_for_identifiers(case_to_json(clean), ids) == []
    assert clean.identity.self_description.text.startswith("I am the client, a Vietnamese American, Buddhist")
    assert clean.goals[0].client_words.text == "Call the client's mother on Sundays."
    assert clean.power[0].kind == "immigration status in [City]"
    assert {r.where for r in report.replacements} == {
        "identity.self_description",
        "goals[0].client_words",
        "power[0].kind",
    }
    assert clean.meta == _case(ids).meta.model_copy(
        update={"created": clean.meta.created, "updated": clean.meta.updated}
    )


def test_ner_finds_unlisted_people_and_organisations(ner_scrubber: Scrubber):
    """Does NER replace a person and an organisation the case does not list?"""
    out = ner_scrubber.scrub("Her cousin Oksana Petrenko works for Halvorsen Freight in Spokane.").text
    assert "Oksana" not in out and "Petrenko" not in out
    assert "Halvorsen" not in out and "Spokane" not in out


def test_ner_keeps_identity_descriptors(ner_scrubber: Scrubber):
    """Are ethnicity, religion, sexuality, disability, nationality, language and status words kept?"""
    text = (
        "She is a Deaf, Muslim, Somali American lesbian who signs ASL, speaks Somali and Arabic, "
        "and is a Christian convert's daughter; her Mexican, Catholic, undocumented neighbour is "
        "Indigenous Mixtec and a Two-Spirit elder. Black and Latina women lead the group."
    )
    assert ner_scrubber.scrub(text).text == text


def test_importing_casekit_deid_loads_no_model():
    """Does `import casekit.deid` stay cheap (no spaCy, no model) until something is scrubbed?"""
    code = "import sys, casekit, casekit.deid; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_bare_unit_number_does_not_remove_every_digit():
    """Does an apartment "3" leave "scored 3 of 5" alone while "Apt 3" goes?"""
    from casekit.model import Address, PrivateIdentifiers

    s = Scrubber(PrivateIdentifiers(address=Address(street="59 Prospect Street", unit="3")), use_ner=False)
    assert (
        s.scrub("She scored 3 of 5; mail goes to Apt 3.").text
        == "She scored 3 of 5; mail goes to [Street address]."
    )


def test_every_example_case_scrubs_to_zero_known_identifiers():
    """Does scrub_case leave no known identifier form in any shipped example case?"""
    from casekit.examples import load_examples

    for case in load_examples():
        clean, _ = Scrubber.for_case(case, use_ner=False, secret=b"k").scrub_case(case)
        assert scan_for_identifiers(case_to_json(clean), case.identifiers) == [], case.meta.case_id
