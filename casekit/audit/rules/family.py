"""Rules on how a form pictures a family: who counts as a parent, a partner, a household."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casekit.audit.document import FormDocument
from casekit.audit.rules.base import (
    Finding,
    Rule,
    answers_open,
    field_window,
    labelled_fields,
    normalise_option,
    register,
    window_options,
)

_MOTHER = re.compile(
    r"\b(?:mother|mom|mum)(?:'s|’s)?\s*(?:\(|name|full name|maiden|occupation|:)|"
    r"\bname of (?:the )?mother\b",
    re.IGNORECASE,
)
_FATHER = re.compile(
    r"\b(?:father|dad)(?:'s|’s)?\s*(?:\(|name|full name|occupation|:)|"
    r"\bname of (?:the )?father\b",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"\b(?:mother\s*/\s*father|father\s*/\s*mother|husband\s*/\s*wife|wife\s*/\s*husband)\b", re.IGNORECASE
)
_SPOUSE_GENDERED = re.compile(r"\b(?:husband|wife)(?:'s|’s)?\s*(?:name|occupation|:)", re.IGNORECASE)
_MARITAL = re.compile(r"\b(?:marital status|civil status|are you married)\b", re.IGNORECASE)
_CLOSED_MARITAL = {"single", "married", "divorced", "widowed", "widow", "widower", "separated", "yes", "no"}

_PARENTS_WHY = (
    "The form assumes every person has one mother and one father to name. Children raised by two "
    "mothers or two fathers, by grandparents, aunties, foster or chosen family, or by one parent "
    "meet a form that has no room for their family."
)
_PARENTS_BETTER = (
    "Ask 'Who are the parents, guardians or caregivers in your life? (names and how they are "
    "related to you): ____', with room for as many as needed."
)
_PARTNER_WHY = (
    "Gendered partner fields (husband, wife) leave out same-gender couples and anyone whose "
    "partnership the form did not picture."
)
_PARTNER_BETTER = "Use 'Partner or spouse, if any: ____', or ask who is in the person's household."
_MARITAL_WHY = (
    "Relationship status is limited to a legal list such as single or married. People who live "
    "with a partner, have more than one partner, are in a relationship they keep private, or whose "
    "marriage is not recognised have no true answer."
)
_MARITAL_BETTER = (
    "Ask 'Relationship status, in your own words (optional): ____', or add 'partnered', "
    "'living together' and 'another: ____' to the list."
)


@register
class FamilyStructure(Rule):
    """Family fields that assume a mother and a father, a husband or wife, or married/single only."""

    category = "family-structure"
    title = "Family assumed to be a mother, a father, a married couple"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        mothers = [i for i, p in enumerate(doc.passages) if _MOTHER.search(p.text)]
        fathers = [i for i, p in enumerate(doc.passages) if _FATHER.search(p.text)]
        reported: set[int] = set()
        if mothers and fathers:
            first = min(mothers[0], fathers[0])
            reported.add(first)
            yield self.finding(doc.passages[first], _PARENTS_WHY, _PARENTS_BETTER)
        for i, passage in enumerate(doc.passages):
            if i in reported:
                continue
            if _PAIR.search(passage.text):
                reported.add(i)
                yield self.finding(
                    passage,
                    _PARENTS_WHY if "mother" in passage.text.lower() else _PARTNER_WHY,
                    _PARENTS_BETTER if "mother" in passage.text.lower() else _PARTNER_BETTER,
                )
            elif _SPOUSE_GENDERED.search(passage.text):
                reported.add(i)
                yield self.finding(passage, _PARTNER_WHY, _PARTNER_BETTER)
        for index, match in labelled_fields(doc, _MARITAL):
            if index in reported:
                continue
            window = field_window(doc, index)
            raw = window_options(window, match.end())
            if len(raw) < 2 or answers_open(window, match.end(), raw):
                continue
            if {normalise_option(o) for o in raw} <= _CLOSED_MARITAL:
                yield self.finding(window, _MARITAL_WHY, _MARITAL_BETTER)
