"""Which language a form is written in: a small stop-word scorer whose working can be read.

No language-detection library is installed with casekit, and a form's language is easy to tell from
its commonest little words. Each language has a list of such words; a word on more than one list is
dropped from all of them, so only words that tell the languages apart count. A form's score for a
language is how many of its words are on that language's list. The highest score wins when it has
at least :data:`MIN_HITS` words and clearly beats the runner-up; otherwise the form is read as
English, the language casekit's rules were first written in.

Pure functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: The language read when the scores say nothing clear.
DEFAULT = "en"
#: Fewest distinctive words a language needs before it is chosen.
MIN_HITS = 5
#: How many times the runner-up's score the winner needs.
MARGIN = 1.5

#: Common short words of each language (closed-class words: articles, pronouns, prepositions).
_COMMON: dict[str, str] = {
    "en": "the and of to you your is are in for with or we do have please if this on be any what who "
    "would us our will can not it an at by from they their when which how",
    "es": "el la los las de del que y en un una su sus por para con es se le usted o lo al como más "
    "nos nuestro nuestra qué cómo quién puede ha está son hay sobre también cuando",
    "fr": "le la les des du de et en un une vous votre vos pour avec est nous que qui ou au aux ce "
    "cette sur pas ne il elle sont si quel quelle comment être avez êtes notre",
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def distinctive_words() -> dict[str, frozenset[str]]:
    """Each language's common words, less any word that is common in another language too."""
    sets = {lang: set(words.split()) for lang, words in _COMMON.items()}
    shared = {
        w
        for lang, words in sets.items()
        for other, more in sets.items()
        if other != lang
        for w in words & more
    }
    return {lang: frozenset(words - shared) for lang, words in sets.items()}


@dataclass(frozen=True)
class LanguageGuess:
    """The language chosen and the score of every language, so the choice can be checked."""

    language: str
    scores: dict[str, int]


def guess_language(text: str) -> LanguageGuess:
    """Score ``text`` against each language's distinctive words and choose one.

    Examples
    --------
    >>> guess_language("¿Qué idiomas habla usted y cuál le gustaría usar con nosotros?").scores["es"] > 0
    True
    """
    words = distinctive_words()
    scores = dict.fromkeys(words, 0)
    for token in _WORD.findall(text.casefold()):
        for lang, known in words.items():
            if token in known:
                scores[lang] += 1
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    clear = top >= MIN_HITS and top >= MARGIN * second
    return LanguageGuess(best if clear else DEFAULT, scores)


def detect_language(text: str) -> str:
    """The language code (``en``, ``es``, ``fr``) a text is most clearly written in; ``en`` if unclear."""
    return guess_language(text).language


#: The languages :func:`detect_language` can tell apart.
LANGUAGES = tuple(_COMMON)
