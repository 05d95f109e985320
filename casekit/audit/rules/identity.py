"""Rules on how a form lets people say who they are: gender, pronouns, name, race and ethnicity."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casekit.audit.document import RADIO, FormDocument
from casekit.audit.rules.base import (
    Finding,
    Rule,
    answers_open,
    field_windows,
    find_first,
    normalise_option,
    register,
    window_options,
)

_MASCULINE = {"male", "m", "man", "men", "boy", "mr", "mr.", "he", "him", "he/him", "he/him/his"}
_FEMININE = {
    "female",
    "f",
    "woman",
    "women",
    "girl",
    "mrs",
    "mrs.",
    "miss",
    "ms",
    "ms.",
    "she",
    "her",
    "she/her",
    "she/her/hers",
}

_GENDER_LABEL = re.compile(r"\b(sex|gender|title|pronouns?)\b", re.IGNORECASE)


@register
class GenderBinary(Rule):
    """Sex, gender, title or pronouns offered as two options only, with no way to answer otherwise."""

    category = "gender-binary"
    title = "Gender offered as two options only"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        for match, window in field_windows(doc, _GENDER_LABEL):
            raw = window_options(window, match.end())
            if len(raw) < 2 or answers_open(window, match.end(), raw):
                continue
            options = {normalise_option(o) for o in raw}
            if options <= _MASCULINE | _FEMININE and options & _MASCULINE and options & _FEMININE:
                yield self.finding(
                    window,
                    "Only two answers are offered here. Someone who is non-binary, intersex, "
                    "two-spirit or who understands their gender another way has nowhere true to put "
                    "a mark, and learns on the first page that they may not be seen here.",
                    "Ask 'How do you describe your gender?' with a line to write on. If sex assigned "
                    "at birth is needed for care, ask it separately, say why, and include intersex, "
                    "'another' and 'prefer not to say'.",
                )


_PRONOUNS = re.compile(r"\bpronouns?\b", re.IGNORECASE)


@register
class PronounsMissing(Rule):
    """Nowhere on the form to tell the clinic which pronouns to use."""

    category = "pronouns-missing"
    title = "No place for pronouns"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        if find_first(doc, _PRONOUNS) is None:
            yield self.finding(
                None,
                "The form never asks which pronouns to use, so staff will guess, and a wrong guess "
                "in the waiting room is an early, public misstep.",
                "Add 'Pronouns we should use for you (for example she/her, he/him, they/them, or "
                "just your name): ____', and let people leave it blank.",
            )


_CHOSEN_NAME = re.compile(
    r"\b(?:preferred|chosen|used) name\b|\bname (?:you|that you|you'd|you would)\s*"
    r"(?:use|go by|prefer|like)|\bgo(?:es)? by\b|\bcall you\b|\bname used\b|\bname to use\b",
    re.IGNORECASE,
)


@register
class ChosenNameMissing(Rule):
    """Only a legal name is asked for; nowhere for the name the person actually uses."""

    category = "chosen-name-missing"
    title = "No place for the name the person uses"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        if find_first(doc, _CHOSEN_NAME) is None:
            yield self.finding(
                None,
                "Only a legal or insurance name is asked for. Many people go by another name "
                "(trans and non-binary people, people with names from another language, people who "
                "use a nickname), and being called by the wrong one each visit wears trust down.",
                "Add 'The name you would like us to use: ____' next to the legal name, and make sure "
                "that is the name staff call out and print on letters.",
            )


_RACE_LABEL = re.compile(
    r"\b(race|racial|ethnicity|ethnic (?:group|background|origin|identity))\b", re.IGNORECASE
)
#: More words of the same label after the first ("Race, ethnicity or cultural background"): part of
#: the question, not a list of answers.
_LABEL_MORE = re.compile(
    r"(?:\s*(?:,|/|&|\bor\b|\band\b)\s*(?:race|racial|ethnicity|ethnic (?:group|background|origin|"
    r"identity)|cultural (?:background|heritage|identity)|culture|heritage|ancestry|background))+",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    r"\b(?:check|select|choose|circle|tick|mark|pick)\s+(?:only\s+)?one\b|\bone only\b|\bonly one\b",
    re.IGNORECASE,
)
_MULTI = re.compile(r"\ball that apply\b|\bany that apply\b|\bas many as\b|\bmore than one\b", re.IGNORECASE)


@register
class RaceSingleChoice(Rule):
    """Race or ethnicity as a single choice from a fixed list, or with no way to self-describe."""

    category = "race-single-choice"
    title = "Race or ethnicity as one fixed choice"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        for match, window in field_windows(doc, _RACE_LABEL):
            text = " ".join(p.text for p in window)
            more = _LABEL_MORE.match(window[0].text, match.end())
            label_end = more.end() if more else match.end()
            options = window_options(window, label_end)
            single = bool(_SINGLE.search(text)) or (RADIO in text and len(options) >= 2)
            if _MULTI.search(text):
                single = False
            open_answer = answers_open(window, label_end, options)
            if single:
                yield self.finding(
                    window,
                    "People are asked to pick one race or ethnicity. Many people are of more than "
                    "one heritage, and making them choose asks them to set part of their family "
                    "aside." + ("" if open_answer else " There is also no way to answer in their own words."),
                    "Write 'How do you describe your race, ethnicity or cultural background? Choose "
                    "all that fit, or write it in your own words: ____', and keep the list optional.",
                )
            elif len(options) >= 2 and not open_answer:
                yield self.finding(
                    window,
                    "The list of races or ethnicities is closed: anyone whose heritage is not listed "
                    "has no true answer to give.",
                    "Add 'In your own words: ____' and 'Prefer not to say', and allow more than one choice.",
                )
