"""Lines written in capitals, read as ordinary prose for name finding.

In a line written all in capitals ("SHE TEXTED PATIENCE ABOUT THE RENT", an intake form's
"INTAKE NAME: ..."), a capital letter says nothing: the name model tags ordinary words ("NURSE",
"GROUP") as names and misses real ones, and the capital-letter rule sees nothing at all.
:func:`readable_case` gives such lines the case a writer would have used: English words, stop words
and words of culture in lower case, every other word (a name, a town) with a capital, and a capital
at the start of each sentence. Addresses of the web and email are lowered whole, so their patterns
still read them. Given names that are also words (Hope, Patience) get a capital only beside a name
cue ("TEXTED PATIENCE", "HOPE SAID"), so "PUJA AT DAWN" keeps its dawn.

The result has the same length as the text, character for character, so every offset found in it is
an offset of the text. Lines that are not in capitals are left exactly as they are. Linear time.
"""

from __future__ import annotations

import functools
import re

from casekit.deid import lexicon
from casekit.deid.cues import WORD_NAMES
from casekit.deid.lexicon import _split
from casekit.deid.text import fold, sentence_start

#: A line counts as written in capitals when this share of its cased letters are capitals...
_UPPER_SHARE = 0.8
#: ...and it has at least this many words of three or more capital letters.
_MIN_WORDS = 2

#: Words English writes with a capital although they are not names.
_PROPER = frozenset(
    _split(
        "january february march april june july august september october november december monday "
        "tuesday wednesday thursday friday saturday sunday"
    )
)
_LINE = re.compile(r"[^\n]+")
_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"(?<!\w)[^\W\d_][^\W\d_'’]*(?:['’-][^\W\d_]+)*(?!\w)")
_WEB = re.compile(r"://|@|(?i:www\.)|[^\W\d_]\.[^\W\d_]{2,}")


def _same_length(text: str, upper: bool) -> str:
    """``text`` in upper or lower case, character by character, keeping any character whose case form
    is not one character long (so the length never changes)."""
    out = []
    for ch in text:
        changed = ch.upper() if upper else ch.lower()
        out.append(changed if len(changed) == 1 else ch)
    return "".join(out)


def in_capitals(line: str) -> bool:
    """Whether ``line`` is written in capitals (mostly capital letters, in at least two words)."""
    cased = [c for c in line if c.isupper() or c.islower()]
    if not cased or sum(c.isupper() for c in cased) < _UPPER_SHARE * len(cased):
        return False
    return sum(1 for w in _WORD.findall(line) if len(w) >= 3 and w.isupper()) >= _MIN_WORDS


def _ordinary(word: str) -> bool:
    """Whether ``word`` reads in lower case in prose: an English word, a stop word or a word of culture."""
    from casekit.deid.scrubber import _STOP, _is_english  # the scrubber owns these word tests

    english = lexicon.english_words()
    parts = [p for p in re.split(r"['’-]", fold(word)) if p]
    folded = fold(word)
    if folded in _PROPER:
        return False
    if folded in lexicon.STATES or folded in lexicon.COUNTRIES:
        return False
    if lexicon.is_kept_word(word):
        return True
    if folded in lexicon.TITLES:
        return False
    return bool(parts) and all(p in _STOP or _is_english(p, english) or len(p) == 1 for p in parts)


@functools.cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What comes before a name ("texted", "her friend") and after it ("said", "from the choir brought")."""
    from casekit.deid.cues import _BEFORE_NAME, _FROM_A_GROUP, _SPEECH_VERBS  # the cues own these

    return (
        re.compile(rf"\b{_BEFORE_NAME}\s+$"),
        re.compile(rf"(?:['’]s\b|\s+{_SPEECH_VERBS}\b|{_FROM_A_GROUP})"),
    )


def _name_cue(lower: str, start: int, length: int) -> bool:
    """Whether a given name that is also a word ("PATIENCE") reads as a name where it stands, in a
    line already lowered: after "texted" or "her friend", or before "said" or "from the choir brought".
    Elsewhere ("PUJA AT DAWN", "SHE HAS HOPE") it stays an ordinary word in lower case."""
    before, after = _cues()
    return bool(before.search(lower[max(0, start - 40) : start]) or after.match(lower, start + length))


@functools.cache
def _street() -> re.Pattern[str]:
    """A house number, up to three words, and a street type ("55 JUNIPER AVENUE")."""
    from casekit.deid.patterns import _STREET_TYPES  # the street patterns own the list of types

    return re.compile(rf"(?i)\b\d{{1,6}}[a-z]?\s+((?:[a-z'’-]+\s+){{1,3}}){_STREET_TYPES}\b")


def _recase_line(line: str) -> str:
    """One line in capitals in prose case (see the module docstring); over 40 lines only because each
    rule is a few lines beside the others."""
    from casekit.deid.scrubber import _STOP, _is_english  # the scrubber owns these word tests

    out = list(_same_length(line, upper=False))
    for m in _street().finditer(line):  # a street's name keeps its capitals, as the pattern expects
        if any(fold(w) in _STOP for w in m.group(1).split()):
            continue  # "3 KIDS ON THE WAY": not a street
        for w in re.finditer(r"\S+", m.group(1)):
            at = m.start(1) + w.start()
            out[at] = line[at]
    verbs = lexicon.english_non_nouns()
    name_ends = -1  # where the last word taken for a name ends
    for chunk in _CHUNK.finditer(line):
        if _WEB.search(chunk.group(0)):
            continue  # an address: all lower case, as its patterns expect
        for m in _WORD.finditer(chunk.group(0)):
            word, start = m.group(0), chunk.start() + m.start()
            lower = "".join(out[start : start + len(word)])
            base = fold(word).split("'")[0]
            named = base in WORD_NAMES and _name_cue("".join(out), start, len(word))
            ordinary = _ordinary(word)
            # "YAEL FRIEDMAN": a word English lists only as a noun, right after a name, is its surname.
            surname = (
                name_ends == start - 1
                and line[start - 1] == " "
                and base not in _STOP
                and base not in WORD_NAMES
                and not lexicon.is_kept_word(word)
                and not _is_english(base, verbs)
            )
            if named or surname or not ordinary or sentence_start(line, start) or lower == "i":
                out[start] = _same_length(word[0], upper=True)
                if re.match(r"[^\W\d_]['’][^\W\d_]", word):  # "O'CONNELL": O'Connell
                    out[start + 2] = _same_length(word[2], upper=True)
            if named or surname or (not ordinary and base not in _PROPER):
                name_ends = start + len(word)
    return "".join(out)


def readable_case(text: str) -> str:
    """``text`` with each line written in capitals given ordinary prose case; other lines unchanged.

    Examples
    --------
    >>> readable_case("SHE GREW UP NEAR TONASKET. HER FRIEND SORAYA HAIDARI CALLED.")
    'She grew up near Tonasket. Her friend Soraya Haidari called.'
    """
    if not any(c.isupper() for c in text):
        return text
    pieces: list[str] = []
    pos = 0
    for m in _LINE.finditer(text):
        if in_capitals(m.group(0)):
            pieces += [text[pos : m.start()], _recase_line(m.group(0))]
            pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)
