"""The audit rules for forms in another language, built from one table of wording per language.

The English rules (:mod:`~casekit.audit.rules.identity` and its neighbours) each read English
patterns. A form in Spanish or French is read by the same ten checks, with that language's patterns
and with findings ("why it matters", "try instead") written in that language. A language module
(:mod:`~casekit.audit.rules.es`, :mod:`~casekit.audit.rules.fr`) fills in a :class:`FormWording` and
calls :func:`register_language`, which registers one rule class per category under the language.

Each check does what its English twin does: a closed two-option gender field; no pronouns; no
chosen name; race or ethnicity as one choice or a closed list; family assumed to be a mother, a
father, a married couple; interpreting left to family or a one-language rule; hard payment terms or
no reduced fees; no question about access needs; religion presumed or a closed list; stigmatising
words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from casekit.audit.document import BLANK, BOX, RADIO, FormDocument, Passage
from casekit.audit.rules.base import (
    Finding,
    Rule,
    field_window,
    field_windows,
    find_first,
    labelled_fields,
    normalise_option,
    register,
    window_options,
)

#: (why it matters, what to try instead), in the form's language.
Advice = tuple[str, str]


@dataclass(frozen=True)
class FormWording:
    """A language's patterns for reading a form and its findings' wording.

    Pattern fields are regular expressions (compiled case-insensitively); ``*_options`` are sets of
    options written in lower case; advice fields are (why, try instead) pairs. ``stigma`` lists
    (pattern, why it hurts, what to write instead); ``stigma_message`` and ``stigma_suggestion`` are
    templates with ``{term}``, ``{why}`` and ``{better}``.
    """

    language: str
    open_words: str
    negation: str
    gender_label: str
    masculine: frozenset[str]
    feminine: frozenset[str]
    gender: Advice
    pronouns: str
    no_pronouns: Advice
    chosen_name: str
    no_chosen_name: Advice
    race_label: str
    race_label_more: str
    race_single: str
    race_multi: str
    race_one_choice: Advice
    race_not_open: str
    race_closed: Advice
    mother: str
    father: str
    parent_pair: str
    parent_words: str
    spouse: str
    marital: str
    marital_options: frozenset[str]
    parents: Advice
    partner: Advice
    marital_closed: Advice
    language_barrier: str
    language_offer: str
    barrier: Advice
    no_offer: Advice
    money: str
    hard_line: str
    fees_help: str
    hard_terms: Advice
    no_fees_help: Advice
    access: str
    no_access: Advice
    religion_label: str
    religion_assumed: str
    assumed: Advice
    religion_closed: Advice
    stigma: tuple[tuple[str, str, str], ...]
    stigma_message: str
    stigma_suggestion: str
    #: How a report introduces a finding's two parts in this language ("Why it matters", "Try instead").
    labels: tuple[str, str]


#: language → how a report introduces "why it matters" and "try instead" (filled by register_language).
REPORT_LABELS: dict[str, tuple[str, str]] = {"en": ("Why it matters", "Try instead")}


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class _Reader:
    """A wording's patterns compiled once, and the helpers the checks share."""

    def __init__(self, w: FormWording) -> None:
        self.w = w
        self.open = _re(w.open_words)
        self.open_or_blank = _re(w.open_words + "|" + re.escape(BLANK))
        self.negation = _re(w.negation)

    def answers_open(self, window: list[Passage], label_end: int, options: list[str]) -> bool:
        """Whether a field lets people answer beyond its list (an open option, a blank, open words)."""
        head = re.split(f"[{BOX}{RADIO}]", window[0].text[label_end:], maxsplit=1)[0]
        if self.open.search(head):
            return True
        return any(self.open_or_blank.search(o) or not normalise_option(o) for o in options)

    def negated(self, text: str, start: int) -> bool:
        """Whether a negation word comes before ``start`` in the same sentence."""
        return bool(self.negation.search(re.split(r"[.;!?¡¿]", text[:start])[-1][-60:]))


#: A check: a language's reader, the rule reporting, the form → findings.
_Check = Callable[[_Reader, Rule, FormDocument], Iterator[Finding]]


def _gender(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    for match, window in field_windows(doc, _re(r.w.gender_label)):
        raw = window_options(window, match.end())
        if len(raw) < 2 or r.answers_open(window, match.end(), raw):
            continue
        options = {normalise_option(o) for o in raw}
        both = r.w.masculine | r.w.feminine
        if options <= both and options & r.w.masculine and options & r.w.feminine:
            yield rule.finding(window, *r.w.gender)


def _missing(pattern: str, advice: Advice) -> _Check:
    def check(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
        if find_first(doc, _re(pattern)) is None:
            yield rule.finding(None, *advice)

    return check


def _race(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    more_re, single_re, multi_re = _re(r.w.race_label_more), _re(r.w.race_single), _re(r.w.race_multi)
    for match, window in field_windows(doc, _re(r.w.race_label)):
        text = " ".join(p.text for p in window)
        more = more_re.match(window[0].text, match.end())
        label_end = more.end() if more else match.end()
        options = window_options(window, label_end)
        single = (
            bool(single_re.search(text)) or (RADIO in text and len(options) >= 2)
        ) and not multi_re.search(text)
        open_answer = r.answers_open(window, label_end, options)
        if single:
            why, better = r.w.race_one_choice
            yield rule.finding(window, why + ("" if open_answer else " " + r.w.race_not_open), better)
        elif len(options) >= 2 and not open_answer:
            yield rule.finding(window, *r.w.race_closed)


def _family(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    w = r.w
    mother, father, pair, spouse = _re(w.mother), _re(w.father), _re(w.parent_pair), _re(w.spouse)
    parent_words = _re(w.parent_words)
    mothers = [i for i, p in enumerate(doc.passages) if mother.search(p.text)]
    fathers = [i for i, p in enumerate(doc.passages) if father.search(p.text)]
    reported: set[int] = set()
    if mothers and fathers:
        first = min(mothers[0], fathers[0])
        reported.add(first)
        yield rule.finding(doc.passages[first], *w.parents)
    for i, passage in enumerate(doc.passages):
        if i in reported:
            continue
        found = pair.search(passage.text)
        if found or spouse.search(passage.text):
            reported.add(i)
            is_parents = bool(found) and bool(parent_words.search(found.group(0)))
            yield rule.finding(passage, *(w.parents if is_parents else w.partner))
    for index, match in labelled_fields(doc, _re(w.marital)):
        if index in reported:
            continue
        window = field_window(doc, index)
        raw = window_options(window, match.end())
        closed = len(raw) >= 2 and not r.answers_open(window, match.end(), raw)
        if closed and {normalise_option(o) for o in raw} <= w.marital_options:
            yield rule.finding(window, *w.marital_closed)


def _language(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    barrier, offer = _re(r.w.language_barrier), _re(r.w.language_offer)
    barriers, offered = 0, False
    for passage in doc.passages:
        match = barrier.search(passage.text)
        if match and not r.negated(passage.text, match.start()):
            barriers += 1
            yield rule.finding(passage, *r.w.barrier)
        elif offer.search(passage.text):
            offered = True
    if not offered and not barriers:
        yield rule.finding(None, *r.w.no_offer)


def _fees(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    money, hard, help_ = _re(r.w.money), _re(r.w.hard_line), _re(r.w.fees_help)
    for passage in doc.passages:
        if money.search(passage.text) and hard.search(passage.text):
            yield rule.finding(passage, *r.w.hard_terms)
    if not any(help_.search(p.text) for p in doc.passages):
        yield rule.finding(None, *r.w.no_fees_help)


def _religion(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    assumed = _re(r.w.religion_assumed)
    reported: set[int] = set()
    for i, passage in enumerate(doc.passages):
        if assumed.search(passage.text):
            reported.add(i)
            yield rule.finding(passage, *r.w.assumed)
    for index, match in labelled_fields(doc, _re(r.w.religion_label)):
        if index in reported:
            continue
        window = field_window(doc, index)
        raw = window_options(window, match.end())
        if len(raw) >= 2 and not r.answers_open(window, match.end(), raw):
            yield rule.finding(window, *r.w.religion_closed)


def _stigma(r: _Reader, rule: Rule, doc: FormDocument) -> Iterator[Finding]:
    terms = [(_re(p), why, better) for p, why, better in r.w.stigma]
    for passage in doc.passages:
        for pattern, why, better in terms:
            match = pattern.search(passage.text)
            if match:
                yield rule.finding(
                    passage,
                    r.w.stigma_message.format(term=match.group(0), why=why),
                    r.w.stigma_suggestion.format(better=better),
                )


def _checks(w: FormWording) -> dict[str, _Check]:
    """category → check, for one language (the categories are the English rules' own)."""
    return {
        "gender-binary": _gender,
        "pronouns-missing": _missing(w.pronouns, w.no_pronouns),
        "chosen-name-missing": _missing(w.chosen_name, w.no_chosen_name),
        "race-single-choice": _race,
        "family-structure": _family,
        "language-access": _language,
        "fees-access": _fees,
        "disability-access": _missing(w.access, w.no_access),
        "religion-assumed": _religion,
        "stigmatizing-language": _stigma,
    }


def register_language(wording: FormWording, titles: dict[str, str]) -> dict[str, type[Rule]]:
    """Register one rule per category for forms in ``wording.language``.

    Parameters
    ----------
    wording
        The language's patterns and findings' wording.
    titles
        category → a short plain title in that language, for grouped reports.

    Returns
    -------
    dict
        category → the rule class registered.
    """
    reader = _Reader(wording)
    REPORT_LABELS[wording.language] = wording.labels
    made: dict[str, type[Rule]] = {}
    for category, check in _checks(wording).items():

        def run(self: Rule, doc: FormDocument, _check: _Check = check) -> Iterator[Finding]:
            return _check(reader, self, doc)

        name = "".join(part.capitalize() for part in category.split("-")) + wording.language.capitalize()
        cls = type(
            name,
            (Rule,),
            {
                "category": category,
                "title": titles[category],
                "language": wording.language,
                "check": run,
                "__doc__": f"{titles[category]} ({wording.language}).",
                "__module__": __name__,
            },
        )
        made[category] = register(cls)
    return made
