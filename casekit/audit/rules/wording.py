"""Rule on stigmatising or deficit wording.

Each entry says what a phrase does to the person reading it, as a verb phrase that follows the
phrase ("'wheelchair-bound' describes a wheelchair as ..."), and what to write instead. The
suggestions follow what each community prefers rather than one rule for everyone: person-first
wording ("a person living with a mental health condition") where people mostly ask for it, and
identity-first wording ("Deaf people", "autistic people", "disabled people") where many in the
community prefer it. Those identity-first words are never flagged themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casekit.audit.document import FormDocument
from casekit.audit.rules.base import Finding, Rule, register

#: What a form calls "invalid" that is not a person ("invalid date", "an invalid entry"): left alone.
_INVALID_NOT_A_PERSON = (
    r"(?:dates?|entry|entries|formats?|numbers?|codes?|inputs?|values?|e-?mails?|address(?:es)?|"
    r"answers?|responses?|options?|choices?|selections?|fields?|data|passwords?|postcodes?|"
    r"zip codes?|characters?|files?|requests?|signatures?|ids?|forms?)"
)
#: "invalid" about a person ("an invalid", "an invalid parent"), not about an answer: not after
#: "is/are/was/were" ("this date is invalid") and not before a word for data.
_INVALID_PERSON = (
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\binvalids?\b"
    rf"(?!\s+{_INVALID_NOT_A_PERSON}\b)"
)

#: (pattern, why it hurts, what to write instead). Our own wording.
_TERMS: tuple[tuple[str, str, str], ...] = (
    (
        r"\bsuffer(?:s|ing|ed)? from\b|\bafflicted (?:with|by)\b|\bvictim of\b",
        "describes a person by how much they suffer, which casts them as helpless",
        "'lives with', 'has', 'has experienced'",
    ),
    (
        r"\b(?:wheelchair[- ]bound|confined to a wheelchair)\b",
        "describes a wheelchair as a restraint, when for the person using it, it means getting around",
        "'uses a wheelchair'",
    ),
    (
        r"\bhandicap(?:ped)?\b|\bcrippled?\b|" + _INVALID_PERSON,
        "is an outdated label that many disabled people find demeaning",
        "'disabled people' (which many disabled people prefer) or 'people with disabilities', as the "
        "person describes themselves",
    ),
    (
        r"\b(?:person|people|child|children|adults?|individuals?) with autism\b|\bsuffers? from autism\b"
        r"|\bautism sufferers?\b",
        "puts autism at a distance from the person, when many autistic people see it as part of who they are",
        "'autistic person' or 'autistic people' (identity-first, as many autistic people prefer), or "
        "ask how the person describes themselves",
    ),
    (
        r"\bhearing[- ]impaired\b|\bdeaf[- ]and[- ]dumb\b|\bdeaf[- ]mute\b",
        "names being Deaf as damage, when many Deaf people see themselves as a language community",
        "'Deaf or hard of hearing', as the person describes themselves, and say that sign language "
        "interpreting is offered",
    ),
    (
        r"\b(?:the )?mentally ill\b|\bcrazy\b|\binsane\b|\blunatic\b|\bpsycho\b|\bnuts\b",
        "labels a whole person by a condition, or uses a slur that keeps people from seeking help",
        "'a person living with a mental health condition', or name what they experience",
    ),
    (
        r"\bretard(?:ed)?\b|\bmental(?:ly)? retard\w*\b|\bslow learner\b",
        "is a slur against people with intellectual disabilities",
        "'person with an intellectual disability' or 'learning disability'",
    ),
    (
        r"\baddicts?\b|\balcoholics?\b|\bjunkies?\b|\b(?:drug|substance) abusers?\b|\bclean or dirty\b",
        "reduces a person to their substance use, and is linked to harsher judgements by staff",
        "'person who uses drugs', 'person with a substance use or alcohol use concern', "
        "'in recovery', 'a positive or negative test'",
    ),
    (
        r"\billegal (?:aliens?|immigrants?)\b|\billegals\b",
        "calls a person illegal; it frightens people about how their status will be treated here",
        "'immigrant' or 'person without documents', and say what the clinic does and does not "
        "share with immigration authorities",
    ),
    (
        r"\bnon-?complian(?:t|ce)\b|\bnoncomplian(?:t|ce)\b|\bmanipulative\b|\battention[- ]seeking\b",
        "blames the person for a plan that did not fit them, instead of asking what got in the way",
        "'has not been able to follow the plan yet', 'we have not yet found a plan that fits'",
    ),
    (
        r"\bcommit(?:ted|s)? suicide\b|\bfailed (?:suicide )?attempt\b|\bsuccessful suicide\b",
        "ties suicide to crime ('commit') or to performance ('failed', 'successful')",
        "'died by suicide', 'survived a suicide attempt', 'thoughts of ending your life'",
    ),
    (
        r"\bbroken (?:home|family)\b|\bsingle[- ]parent (?:home|household) problems?\b",
        "judges a family's shape as damage",
        "'who lives in your home', 'changes in your family'",
    ),
    (
        r"\bnormal (?:people|families|person|family)\b",
        "sets one way of living as the norm and everyone else as the exception",
        "describe what you mean directly, for example 'most people we see'",
    ),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), why, better) for p, why, better in _TERMS)


@register
class StigmatizingLanguage(Rule):
    """Stigmatising or deficit wording: labels people by a condition, blames, or uses slurs."""

    category = "stigmatizing-language"
    title = "Stigmatising or deficit wording"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        for passage in doc.passages:
            for pattern, why, better in _COMPILED:
                match = pattern.search(passage.text)
                if match:
                    yield self.finding(
                        passage,
                        f"'{match.group(0)}' {why}. A form is often the first thing a person reads "
                        f"from us, and words like this tell them how they will be seen.",
                        f"Use plain words that respect how people describe themselves instead: {better}.",
                    )
