"""Over-redaction: casekit's own labels and a case's ordinary words are not names.

Seen in the example export before this was fixed: "Misstep 2" became "Person A", the breadth area
"Gender" became "[Organisation]", and a sentence opening "Studio is where…" lost its first word.
"""

from __future__ import annotations

import re

from casekit.deid import Scrubber
from casekit.model import Case, CaseMeta, Entry, PrivateIdentifiers, Voice


def _case(*texts: str) -> Case:
    case = Case(
        meta=CaseMeta(case_id="CK-4411", clinician_alias="Presenter Q"),
        identifiers=PrivateIdentifiers(legal_name="Rose Okafor-Lind", name_used="Rose"),
    )
    case.identity.self_description = Entry(text=" ".join(texts), voice=Voice.CLIENT)
    return case


def test_numbered_headings_and_model_labels_survive_name_recognition(ner_scrubber):
    """Do "Misstep 2 (week 8)", "Goal 3" and breadth-area labels such as "Gender" come through whole?"""
    for text in (
        "Misstep 2 (week 8) — repaired",
        "Goal 3: the client's ratings",
        "Gender",
        "Age and generation",
    ):
        assert ner_scrubber.scrub(text).text == text


def test_a_label_never_shields_a_known_name(ner_scrubber):
    """Is a client's name inside a heading still removed?"""
    out = ner_scrubber.scrub("Misstep 2: Mai was talked past").text
    assert out.startswith("Misstep 2:") and "Mai" not in out


def test_identity_category_words_are_kept(ner_scrubber):
    """Are words naming an identity (Deafness, Gender, Sexuality) kept, as identity descriptors are?"""
    text = "Being treated as the expert on their own Deafness. Gender and Sexuality both matter here."
    assert ner_scrubber.scrub(text).text == text


def test_a_word_the_case_uses_as_a_word_survives_the_start_of_a_sentence(ner_available_or_skip):
    """Is "Studio is where…" kept when the case also says "going to studio", and a name still removed?"""
    case = _case("I stopped going to studio.", "Studio is where I feel most myself.", "Rose is tired.")
    s = Scrubber.for_case(case)
    out = s.scrub(case.identity.self_description.text).text
    assert "Studio is where I feel most myself." in out
    assert not re.search(r"\bRose\b", out)  # a known name stays removed, common word or not


def test_the_common_word_rule_needs_the_case_to_use_the_word(ner_available_or_skip):
    """Without "studio" in lower case anywhere in the case, is a sentence-opening "Studio" left to NER?"""
    with_word = Scrubber.for_case(_case("I stopped going to studio."))
    without = Scrubber.for_case(_case("I stopped going."))
    assert "studio" in with_word._common
    assert "studio" not in without._common


def test_roles_and_instructions_in_an_audit_are_not_names(ner_available_or_skip):
    """In organisation text, do "Operations lead" and "Advertise with…" survive while a person's name goes?"""
    s = Scrubber.for_cases([_case("nothing here")])
    text = "| Operations lead | Front-desk lead |\nAdvertise with community radio. Translate the intake form."
    assert s.scrub(text).text == text
    out = s.scrub("Sunita Rao, our Operations lead, will ask Rose.").text
    assert "Sunita" not in out and "Rao" not in out and "Rose" not in out
    assert "Operations lead" in out


def test_a_bracketed_note_or_an_identity_word_in_an_organisations_name_is_not_its_name():
    """Do "(student job)" and "Women's" in listed organisations leave "job" and "women's" alone elsewhere?"""
    ids = PrivateIdentifiers(
        employers=["Lakeview State University Library (student job)"],
        schools=["Hanseong Women's Commercial High School"],
    )
    s = Scrubber(ids, use_ner=False)
    text = "Job descriptions ask about it. Meet the Somali women's group."
    assert s.scrub(text).text == text
    out = s.scrub("She shelves books at Lakeview State University Library and studied at Hanseong.").text
    assert "Lakeview" not in out and "Hanseong" not in out
