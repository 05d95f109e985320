"""Names that only their context gives away, which neither the patterns nor the name model see.

- A name in lower case before a quoted message: "text from maria: 'cant come'".
- Initials used as a name: "J.R. said", "met with T." (not "U.S." or "a.m.").
- A given name that is also an ordinary word (Hope, Faith, Joy, Rose, Grace, Will, Bill, Sunny):
  capitalised in the middle of a sentence, or at its start before a verb such as "said"; the same
  word in lower case ("I have hope", "her faith community") stays.
- Writing in a script the English name model cannot read (Arabic, Cyrillic, CJK, Hangul, Devanagari
  and others). Such a run is not removed silently and not kept silently either: unless the case lists
  it (the case's own names are matched before this), it becomes a *pending review finding* — replaced
  in the output until the presenter decides, in ``casekit deid review``, to keep it (a prayer, a
  saying, a word of the client's language) or to redact it (a name).

Low confidence (below 0.5) makes a span a finding the presenter confirms; every pattern here is linear
in the length of the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from casekit.deid import lexicon
from casekit.deid.lexicon import _split
from casekit.deid.spans import PATTERN, Span
from casekit.deid.text import fold, sentence_start

PERSON = "person"
OTHER_SCRIPT = "other_script"

#: Given names that are also English words. Kept here (not in the lexicon) because only these cues use it.
WORD_NAMES = frozenset(
    _split(
        "hope faith joy rose grace will bill sunny charity patience mercy destiny dawn ivy lily daisy "
        "ruby amber summer autumn heather holly hazel pearl crystal sky river frank mark pat sue rob "
        "jack drew chase hunter ray dale glen penny honey precious harmony melody serenity liberty "
        "justice blessing goodness comfort gift"
    )
)
#: Of those, words a faith or a value is also written with a capital ("by God's Grace", "her Faith").
#: Capitalised mid-sentence without a name cue, they become findings for the presenter, not removals.
_DEVOTIONAL = frozenset(
    _split("hope faith joy grace mercy charity patience destiny justice liberty serenity")
)

_SPEECH_VERBS = (
    r"(?:said|says|told|tells|asked|asks|texted|texts|called|calls|wrote|writes|replied|came|comes|left|"
    r"wants|wanted|thinks|thought|felt|feels|agreed|cried|shouted|yelled|laughed|hit|hurt|lives|lived|"
    r"works|worked|moved|visited|helped|helps|knows|knew|loves|loved|hates|hated|mentioned|explained|"
    r"admitted|refused|started|stopped|tried|brought|picked|dropped|drove|drives)"
)
#: Words before a name: "met with T.", "spoke with Faith", "a text from maria".
_BEFORE_NAME = (
    r"(?:with|from|told|tell|asked|met|saw|see|call|called|text|texted|visit|visited|dating|married|"
    r"divorced|and|by|friend|partner|boyfriend|girlfriend|husband|wife|cousin|neighbou?r|co-?worker|"
    r"daughter|son|mother|father|sister|brother|aunt|uncle|niece|nephew|grandmother|grandfather|"
    r"grandson|granddaughter|mom|mum|dad|"
    r"boss|named|called)"
)
#: "Hope from the choir brought soup": a word-name, then where the person is from, then what they did.
_FROM_A_GROUP = rf"\s+(?:from|at)\s+(?:the|her|his|their|my|our)\s+[a-z]+\s+{_SPEECH_VERBS}\b"
#: Dotted initials that are abbreviations, not people.
_NOT_INITIALS = frozenset(
    _split(
        "us uk un eu dc ny la nyc am pm md do rn pa ba ma bs ms jd eg ie ad bc ok nb ps pe aa na sf hr "
        "it id po gp er or icu tv cps dcfs dhs dmv irs ssi ssdi ice fbi va usa nypd lapd aka"
    )
)
#: Words that follow "a text from" without being a name ("a text from my mom:", "from work:").
_NOT_A_SENDER = frozenset(
    _split(
        "i she he they we you my her his their our your the a an him them us me someone somebody anyone "
        "nobody everyone mom mum dad mother father sister brother aunt uncle grandma grandpa nana cousin "
        "partner wife husband "
        "son daughter boss work school church home family friend friends unknown this that it"
    )
)

#: Words after which a capitalised word-name is a season, a virtue or a title, not a person.
_NOT_BEFORE_A_NAME = frozenset(_split("the a an god's lord's thy of this last next every each"))

# Letters of scripts the English model cannot read, with their combining marks.
_OTHER_SCRIPT = (
    "\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f"
    "\u0780-\u07bf\u08a0-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u10a0-\u10ff"
    "\u1100-\u11ff\u1200-\u139f\u1780-\u17ff\u1800-\u18af\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f"
    "\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
    "\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff\u200c\u200d"
)


@functools.cache
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    initials = r"[A-Z]\.(?:\s?[A-Z]\.){0,2}"
    word_names = "|".join(sorted(w.title() for w in WORD_NAMES))
    return [
        (
            "sender",
            re.compile(
                r"(?i:\b(?:texts?|texted|messages?|messaged|dms?|emails?|emailed|voicemails?|notes?|"
                r"letters?|cards?|snaps?|whatsapps?|repl(?:y|ies|ied)|calls?|called|chats?)\s+"
                r"(?:from|to|with)\s+)(?P<v>[a-z][a-z'’-]{1,30})(?=\s*[:,–—-]?\s*[\"'“‘])"
                r"|(?<![\w'’-])(?P<w>[a-z][a-z'’-]{1,30})(?=\s+(?:texted|wrote|messaged|said|says|replied)"
                r"\s*:\s*[\"'“‘])"
            ),
        ),
        (
            "initials",
            re.compile(
                rf"(?<![\w.])(?P<v>{initials})(?=(?:['’]s\b|\s+{_SPEECH_VERBS}\b|\s+(?:is|was|has|had|will|"
                rf"would|and\s+I)\b))"
                rf"|(?i:\b{_BEFORE_NAME}\s+)(?P<w>(?-i:{initials}))(?!\w)"
            ),
        ),
        (
            "word_name",
            re.compile(
                rf"(?<![\w-])(?<!\w['’])(?P<v>{word_names})(?![\w-])"
                r"(?P<rest>(?:[^\S\n]+[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?){0,2})"
            ),
        ),
        ("script", re.compile(rf"[{_OTHER_SCRIPT}]+(?:[ '’\-·.][{_OTHER_SCRIPT}]+)*")),
    ]


def find_cues(text: str) -> Iterator[Span]:
    """Yield a span for each name that only context reveals, and each run of another script."""
    for kind, pattern in _compiled():
        for m in pattern.finditer(text):
            if kind == "sender":
                span = _sender(m)
            elif kind == "initials":
                span = _initials(text, m)
            elif kind == "word_name":
                span = _word_name(text, m)
            else:
                span = _script(m)
            if span is not None:
                yield span


def _group(m: re.Match[str]) -> str:
    return "v" if m.group("v") is not None else "w"


def _sender(m: re.Match[str]) -> Span | None:
    """A lower-case name before a quoted message; an English word ("work") only as a finding."""
    g = _group(m)
    word = m.group(g)
    base = fold(re.split(r"['’]", word)[0])
    if base in _NOT_A_SENDER or base in lexicon.TITLES:
        return None
    ordinary = base in lexicon.english_words()
    return Span(
        m.start(g),
        m.start(g) + len(word),
        PERSON,
        PATTERN,
        key=base,
        priority=41,
        confidence=0.45 if ordinary else 0.8,
        reason="a word before a quoted message that may be a name written in lower case" if ordinary else "",
    )


def _initials(text: str, m: re.Match[str]) -> Span | None:
    """Initials used as a name; the last full stop stays with the sentence when it ends one."""
    g = _group(m)
    start, end = m.span(g)
    letters = re.sub(r"[^A-Za-z]", "", m.group(g)).lower()
    if letters in _NOT_INITIALS:
        return None
    tail = text[end:]
    if re.match(r"\s*$", tail) or (g == "w" and re.match(r"\s+[A-Z\"“(]", tail)):
        end -= 1  # "met with T." / "met with T. She said": the full stop ends the sentence
    return Span(start, end, PERSON, PATTERN, key=letters, priority=41, confidence=0.8)


def _word_name(text: str, m: re.Match[str]) -> Span | None:
    """A name that is also a word: capitalised mid-sentence, or before "said" at a sentence's start."""
    word = m.group("v")
    start = m.start("v")
    english = lexicon.english_words()
    end, kept = m.end("v"), 0
    for part in re.finditer(r"[^\S\n]+([A-Z][a-z'’]+(?:-[A-Z][a-z]+)?)", m.group("rest") or ""):
        surname = part.group(1)  # "Grace Okafor": a following word that is not English is part of it
        if fold(surname) in english or lexicon.is_kept_word(surname) or fold(surname) in WORD_NAMES:
            break
        end, kept = m.start("rest") + part.end(), kept + 1
    after = text[end:]
    before = text[max(0, start - 40) : start]
    speaks = bool(re.match(rf"(?:['’]s\b|\s+{_SPEECH_VERBS}\b|{_FROM_A_GROUP})", after))
    cue = bool(
        speaks
        or re.match(r",\s+(?:my|her|his|their|our)\b", after)
        or re.search(rf"(?i:\b{_BEFORE_NAME})\s+$", before)
        or kept
    )
    if sentence_start(text, start):
        if not (speaks or kept):
            return None  # "Will you come?", "Hope is a practice": a capital says nothing here
        confidence = 0.45
    else:
        previous = re.search(r"([\w'’.]+)\s+$", before)
        prev = previous.group(1) if previous else ""
        if prev and (fold(prev) in _NOT_BEFORE_A_NAME or lexicon.is_identity_word(prev)):
            # "by God's Grace", "the Bill of Rights", "her Christian Faith": a word, which the name
            # model must not take for a name either, so the span is recorded as kept.
            return Span(
                start, m.end("v"), PERSON, PATTERN, key=fold(word), priority=42, keep=True, reason="a word"
            )
        if not cue and re.match(r"\s+of\b", after):
            return None  # "Bill of Rights": left to the name model
        if prev and prev[0].isupper() and fold(prev).rstrip(".") not in lexicon.TITLES:
            return None  # "Amazing Grace", "Mary Grace": part of a longer name, left to the name model
        confidence = 0.8 if cue or fold(word) not in _DEVOTIONAL else 0.45
    return Span(
        start,
        end,
        PERSON,
        PATTERN,
        key=fold(text[start:end]),
        priority=42,
        confidence=confidence,
        reason="a name that is also an ordinary word" if confidence < 0.5 else "",
    )


def _script(m: re.Match[str]) -> Span | None:
    """A run of another script: a finding for the presenter (it may be a name, a prayer, a saying)."""
    value = m.group(0).strip("\u200c\u200d '’-·.")
    if not any(ch.isalpha() for ch in value):
        return None
    start = m.start() + m.group(0).index(value)
    return Span(
        start,
        start + len(value),
        OTHER_SCRIPT,
        PATTERN,
        key=value,
        label="[Words in another script]",
        priority=43,
        confidence=0.4,
        reason="writing in a script the name model cannot read; it may be a name",
    )
