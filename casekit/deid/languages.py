"""Entries written in another language than English: found in a text, kept from the English name model.

casekit's name model and its capital-letter rule read English: in a Somali or French entry they take
ordinary words ("Waxaan", "Dormir") for names, one finding per word, and a word of the client's
culture could be removed without anyone deciding it. So the scrubber treats the text of an entry
whose language tag is not English as its own region:

* the English name model never sees it (it is blanked, offsets kept, before the model runs) and the
  capital-letter guesses inside it are dropped;
* every check that does not depend on the language still runs on it: the case's own identifiers in
  all their forms and look-alikes, emails, phones, dates and the other patterns;
* the presenter is asked once per entry to read it for names ("written in Somali: please read it
  for names"), as one review finding keyed by the entry's text.

An entry tagged with another language whose words are nonetheless mostly English (an interpreter's
English rendering, tagged with the language the client spoke) is read as English, as before.

This module does no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from casekit.deid import lexicon
from casekit.deid.finding_words import OTHER_LANGUAGE_REASON

if TYPE_CHECKING:
    from casekit.model.case import Case

#: The review category of an entry written in another language.
OTHER_LANGUAGE = "other_language"
#: The detector name such findings carry in reports.
LANGUAGE = "language"
#: Shortest line of an entry looked for on its own when the whole entry is not found in a text (a
#: short line such as "Yes." would match ordinary English elsewhere).
MIN_PIECE = 12
#: Share of a text's words that must be English words for a text tagged otherwise to read as English.
ENGLISH_SHARE = 0.6
_WORD = re.compile(r"[^\W\d_]+")


@cache
def language_name(tag: str) -> str:
    """A language tag in plain English words: ``so`` → ``Somali`` (the tag itself if unknown)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        return tag


def _english_word(word: str, english: frozenset[str], small: frozenset[str]) -> bool:
    """Whether ``word`` is an English word: a lemma, a little word ("for", "the"), or a plain
    inflection of a lemma ("holidays", "comes", "cooked")."""
    w = word.casefold()
    if w in english or w in small:
        return True
    stems = [w[:-3] + "y"] if w.endswith("ies") else []
    stems += [
        w[: -len(end)] for end in ("es", "s", "ed", "d", "ing") if w.endswith(end) and len(w) > len(end) + 2
    ]
    return any(stem in english for stem in stems)


def reads_as_english(text: str) -> bool:
    """Whether most words of ``text`` are English words (then the English checks fit it)."""
    from casekit.deid.scrubber import _STOP  # the scrubber's little English words

    words = _WORD.findall(text)
    if not words:
        return False
    english = lexicon.english_words()
    found = sum(1 for w in words if _english_word(w, english, _STOP))
    return found >= ENGLISH_SHARE * len(words)


@dataclass(frozen=True)
class OtherLanguageText:
    """The text of one entry written in another language, and that language's tag.

    ``original`` is set on a scrubbed form of an entry (its identifiers already replaced, as a workbook
    shows it): it is found like the entry and reviewed as the entry it came from.
    """

    text: str
    language: str
    original: str = ""

    @property
    def entry_text(self) -> str:
        """The entry's own text, as the case holds it (what its review is keyed by)."""
        return self.original or self.text

    @property
    def name(self) -> str:
        """The language in plain English words ("Somali")."""
        return language_name(self.language)

    @property
    def reason(self) -> str:
        """What the presenter is asked, in plain English words as the report keeps them (the review
        words it in the language shown: :func:`casekit.deid.finding_words.reason_words`)."""
        return OTHER_LANGUAGE_REASON % {"language": self.name}


def is_english_tag(tag: str | None) -> bool:
    """Whether a language tag is English, or absent (an untagged entry is read as English)."""
    return tag is None or tag.split("-")[0].casefold() == "en"


def other_language_texts(case: Case) -> list[OtherLanguageText]:
    """The entries of ``case`` written in another language than English (by their tag and words)."""
    from casekit.model.walk import iter_entries

    seen: set[str] = set()
    out: list[OtherLanguageText] = []
    for _path, entry in iter_entries(case):
        text = entry.text.strip()
        if not text or is_english_tag(entry.language) or text in seen or reads_as_english(text):
            continue
        seen.add(text)
        out.append(OtherLanguageText(text, entry.language or ""))
    return out


@dataclass(frozen=True)
class Region:
    """Where one entry in another language sits in a text: its pieces (the whole entry, or its lines)
    and the span from the first piece to the last."""

    start: int
    end: int
    source: OtherLanguageText
    pieces: tuple[tuple[int, int], ...]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return out


def _groups(pieces: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """Pieces that follow each other with only spacing or markup between them, grouped."""
    groups: list[list[tuple[int, int]]] = []
    for piece in sorted(pieces):
        if groups and not re.search(r"\w", text[groups[-1][-1][1] : piece[0]]):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def regions(text: str, sources: Iterable[OtherLanguageText]) -> list[Region]:
    """The regions of ``text`` that hold entries in another language, in text order, not overlapping.

    The whole entry is looked for first; a text that shows it reflowed (a summary quoting it line by
    line) is searched line by line, for lines of at least :data:`MIN_PIECE` characters.
    """
    found: list[Region] = []
    taken: list[tuple[int, int]] = []
    for source in sources:
        pieces = _occurrences(text, source.text)
        if not pieces:
            lines = {line.strip() for line in source.text.splitlines() if len(line.strip()) >= MIN_PIECE}
            pieces = [p for line in lines for p in _occurrences(text, line)]
        pieces = [p for p in pieces if not any(a < p[1] and p[0] < b for a, b in taken)]
        for group in _groups(pieces, text):
            found.append(Region(group[0][0], group[-1][1], source, tuple(group)))
            taken += group
    return sorted(found, key=lambda r: r.start)


def masked(text: str, found: Iterable[Region]) -> str:
    """``text`` with the regions' pieces blanked (line breaks kept), so offsets stay the same."""
    chars = list(text)
    for region in found:
        for start, end in region.pieces:
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def inside(found: Iterable[Region], start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps a piece of one of the regions."""
    return any(a < end and start < b for region in found for a, b in region.pieces)
