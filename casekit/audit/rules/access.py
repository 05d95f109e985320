"""Rules on whether a form opens the door: interpreters, fees, disability access."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casekit.audit.document import FormDocument
from casekit.audit.rules.base import Finding, Rule, negated, register

_LANGUAGE_BARRIER = re.compile(
    r"\benglish only\b|\bonly in english\b|\bonly (?:speak|provide services in) english\b|"
    r"\bmust (?:speak|read|understand|be fluent in) english\b|"
    r"\bbring (?:your own|an?) (?:interpreter|translator)\b|"
    r"\bbring (?:a |an |your )?(?:family member|relative|friend|child|children|someone)"
    r"(?: or (?:a )?\w+)? (?:to|who can|who will) (?:interpret|translate)\b|"
    r"\binterpret(?:er|ers|ing)? (?:is|are) not (?:available|provided|offered)\b|\bno interpreters?\b",
    re.IGNORECASE,
)
_LANGUAGE_OFFER = re.compile(
    r"\binterpret\w*|\btranslat\w*|\blanguage (?:assistance|access|line|support|services?)\b|"
    r"\bsign language\b|\bASL\b|\bin your (?:own |preferred |first )?language\b",
    re.IGNORECASE,
)


@register
class LanguageAccess(Rule):
    """No offer of an interpreter or of help in another language, or a form that turns it away."""

    category = "language-access"
    title = "No interpreter or language offer"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        barriers = 0
        offered = False
        for passage in doc.passages:
            match = _LANGUAGE_BARRIER.search(passage.text)
            if match and not negated(passage.text, match.start()):
                barriers += 1
                yield self.finding(
                    passage,
                    "This asks people to manage in English or to bring their own interpreter. Family "
                    "members, and especially children, should not carry a relative's private story "
                    "into a clinic; and a person who cannot follow the form may never come back.",
                    "Say 'Interpreters are free, including sign language. Tell us your language and "
                    "we will arrange one; you never need to bring family or friends to interpret.'",
                )
            elif _LANGUAGE_OFFER.search(passage.text):
                offered = True
        if not offered and not barriers:
            yield self.finding(
                None,
                "Nothing on the form tells people they can have an interpreter or get the form in "
                "their language, so those who need it most may not know to ask.",
                "Add near the top: 'Which language would you like to use with us? Interpreters, "
                "including sign language, are free. ____', and say the form is available in other "
                "languages.",
            )


_FEES_HELP = re.compile(
    r"\bsliding[- ]?scale\b|\breduced (?:fee|rate|cost)s?\b|\bfee (?:waiver|reduction)s?\b|\bwaive\w*\b|"
    r"\bfinancial (?:help|assistance|hardship|aid)\b|\bincome[- ]based\b|\bbased on (?:your )?income\b|"
    r"\bability to pay\b|\bpay what you can\b|\blow[- ]cost\b|\bfree of charge\b|\bno[- ]cost\b",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\b(?:fee|fees|payment|pay|charge[sd]?|cost|copay|co-pay|bill\w*)\b", re.IGNORECASE)
_HARD_LINE = re.compile(
    r"\b(?:due|required|payable|expected) in full\b|\bno exceptions\b|\bfull fee\b|"
    r"\bmust (?:pay|be paid)\b|\bwill be (?:refused|turned away|discharged)\b",
    re.IGNORECASE,
)


@register
class FeesAccess(Rule):
    """No mention of sliding-scale or reduced fees; payment terms that shut people out."""

    category = "fees-access"
    title = "No sliding-scale or reduced fees"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        for passage in doc.passages:
            if _MONEY.search(passage.text) and _HARD_LINE.search(passage.text):
                yield self.finding(
                    passage,
                    "Payment terms are written as a hard line. Someone short of money this month "
                    "reads that care is not for them, and may stop coming rather than ask.",
                    "Write 'If the fee is hard for you, tell us: we offer a sliding scale based on "
                    "income, and we will not stop seeing you because of money without talking first.'",
                )
        if not any(_FEES_HELP.search(p.text) for p in doc.passages):
            yield self.finding(
                None,
                "The form does not mention a sliding scale or reduced fees. Cost is one of the most "
                "common reasons people never start or quietly stop, and many will not ask.",
                "Add 'Fees can be adjusted to what you can afford (sliding scale). Ask us, or tick "
                "here and we will talk it through privately: ☐'.",
            )


_ACCESS = re.compile(
    r"\baccommodat\w*|\baccess(?:ibility)? needs?\b|\baccessib\w*|\bassistive\b|\blarge print\b|"
    r"\bsign language\b|\bASL\b|\bbraille\b|\bwheelchair access\w*|\bstep[- ]free\b|\bscreen reader\b|"
    r"\beasier for you to (?:take part|attend|come|use)\b",
    re.IGNORECASE,
)


@register
class DisabilityAccess(Rule):
    """No question about disability, access needs or accommodations."""

    category = "disability-access"
    title = "No question about access needs"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        if not any(_ACCESS.search(p.text) for p in doc.passages):
            yield self.finding(
                None,
                "The form never asks what would make the clinic easier to use: step-free access, "
                "sign language, large print, a quiet room, extra time, a screen reader. People with "
                "disabilities are left to raise it themselves, or to struggle.",
                "Ask 'Is there anything that would make it easier for you to take part (for example "
                "step-free access, sign language, large print, breaks, a quieter space)? ____'.",
            )
