"""The stigmatising-wording rule: whole sentences, and the wording each community prefers."""

from __future__ import annotations

import re

import pytest

from casekit.audit.form_audit import audit_document
from casekit.audit.rules.wording import _TERMS


def wording(doc):
    return audit_document(doc, categories=["stigmatizing-language"]).findings


#: A finding opens with the quoted phrase and a verb: "'wheelchair-bound' describes ...".
SENTENCE = re.compile(r"^'[^']+' (?:describes|is|puts|names|labels|reduces|calls|blames|ties|judges|sets) ")


@pytest.mark.parametrize(
    "text",
    [
        "Are you wheelchair-bound?",
        "Is your child confined to a wheelchair?",
        "Are you handicapped?",
        "Has anyone called you retarded?",
        "Has a relative committed suicide?",
        "Does your son have a person with autism in the class?",
        "Are you hearing impaired?",
    ],
)
def test_each_finding_reads_as_a_whole_sentence(text_form, text):
    """Does each finding's message read "'phrase' <verb> ...", a full sentence, not a broken one?"""
    (finding,) = wording(text_form(text))
    assert SENTENCE.match(finding.message), finding.message
    assert ". A form is often the first thing" in finding.message


def test_the_wheelchair_message_is_one_plain_sentence(text_form):
    """Is the wheelchair finding the sentence it should be, with 'uses a wheelchair' offered instead?"""
    (finding,) = wording(text_form("Are you wheelchair-bound?"))
    assert finding.message.startswith("'wheelchair-bound' describes a wheelchair as a restraint")
    assert "'uses a wheelchair'" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Are you Deaf or hard of hearing? We offer sign language interpreting.",
        "Are you autistic? Many autistic people tell us what helps them.",
        "Do you identify as a disabled person?",
        "Our building is accessible to disabled people.",
        "Is your child autistic, or waiting for an assessment?",
    ],
)
def test_identity_first_wording_is_never_flagged(text_form, text):
    """Are 'Deaf', 'autistic' and 'disabled people', which many in those communities prefer, left alone?"""
    assert not wording(text_form(text)), wording(text_form(text))


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Does the client have a person with autism at home?", "autistic person"),
        ("Children with autism are seen on Tuesdays.", "autistic people"),
        ("Are you hearing-impaired?", "Deaf or hard of hearing"),
        ("Are you handicapped?", "disabled people"),
    ],
)
def test_suggestions_follow_what_the_community_prefers(text_form, text, offered):
    """Is identity-first wording offered where many in the community prefer it?"""
    (finding,) = wording(text_form(text))
    assert offered in finding.suggestion


def test_no_blanket_person_first_rule():
    """Does no suggestion tell the form's author to use person-first wording for everyone?"""
    assert all("person-first" not in better for _p, _w, better in _TERMS)


@pytest.mark.parametrize(
    "text",
    [
        "Is anyone at home an invalid?",
        "Do you care for an invalid parent?",
        "Were you treated as an invalid after the accident?",
    ],
)
def test_invalid_about_a_person_is_flagged(text_form, text):
    """Is "invalid" used about a person still named as an outdated label, with 'disabled people' offered?"""
    (finding,) = wording(text_form(text))
    assert finding.message.lower().startswith("'invalid' is an outdated label")
    assert "disabled people" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Invalid date: please write the day, month and year.",
        "An invalid entry will be returned to you to correct.",
        "Invalid format. Use the boxes below.",
        "Please check the phone field: invalid number.",
        "The referral code is invalid, so ask the front desk for a new one.",
        "Invalid input in the postcode box.",
    ],
)
def test_invalid_about_an_answer_is_not_flagged(text_form, text):
    """Are "invalid date", "invalid entry", "invalid format" (about an answer, not a person) left alone?"""
    assert not wording(text_form(text)), wording(text_form(text))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("¿Vive en su casa alguna persona inválida que necesite ayuda?", True),
        ("Fecha inválida: escriba el día, el mes y el año.", False),
        ("Si el código inválido aparece otra vez, pregunte en recepción.", False),
        ("Número inválido en el campo del teléfono.", False),
    ],
)
def test_spanish_invalido_is_flagged_only_about_a_person(text_form, text, flagged):
    """Does the Spanish rule flag "inválida" about a person but leave "fecha inválida" alone?"""
    findings = audit_document(text_form(text), categories=["stigmatizing-language"], language="es").findings
    assert bool(findings) is flagged, findings
