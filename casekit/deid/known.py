"""Finding a case's known identifiers in text: any case, any accents, possessives, phone separators,
one typo away, and names that are also words told apart by context. Matching is done in the
normalised form of :mod:`casekit.deid.normalize`, so invisible characters, full-width and look-alike
letters and letter-spacing do not hide a name."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from casekit.deid import forms, lexicon, normalize
from casekit.deid.lexicon import _split
from casekit.deid.text import fold, is_non_latin, sentence_start

NAME = "name"
WORD = "word"
AMBIGUOUS = "ambiguous"

#: Categories whose single-word forms can be ordinary words.
NAME_CATEGORIES = frozenset({forms.CLIENT_NAME, forms.HOUSEHOLD_NAME})

_DETERMINERS = frozenset(
    _split(
        "the a an this that these those some any no much more less such great little big "
        "very so too quite its their our your my"
    )
)
_IDENTITY_VERBS = frozenset(
    _split("is am are was were be being been as identifies identify identified proud")
)
_PREV_WORD = re.compile(r"([\w'’.]+)[^\w\n]*$")
_NEXT_WORD = re.compile(r"^[^\w\n]*([\w'’]+)")
_TYPO_MIN = 5


@dataclass(frozen=True)
class KnownHit:
    """A match of a known form: offsets in the original text (possessive included) and the form."""

    start: int
    end: int
    form: forms.KnownForm
    possessive: str = ""
    typo: bool = False


class KnownMatcher:
    """Compiled search for every form of one case's identifiers.

    Parameters
    ----------
    known
        The forms, from :func:`casekit.deid.forms.known_forms`.
    """

    def __init__(self, known: Iterable[forms.KnownForm]) -> None:
        self.forms = list(known)
        by_text: dict[str, forms.KnownForm] = {}
        for form in self.forms:
            k = _key(form.text)
            if not k:
                continue
            current = by_text.get(k)
            if current is None or _rank(form) < _rank(current):
                by_text[k] = form
        self._by_text = by_text
        bounded = sorted((k for k in by_text if not is_non_latin(k)), key=len, reverse=True)
        free = sorted((k for k in by_text if is_non_latin(k)), key=len, reverse=True)
        self._bounded = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, bounded)) + r")(?!\w)") if bounded else None
        )
        self._free = re.compile("|".join(map(re.escape, free))) if free else None
        self._phones: list[tuple[re.Pattern[str], forms.KnownForm]] = []
        seen: set[str] = set()
        for form in self.forms:
            if form.category in (forms.PHONE, forms.OTHER) and form.whole:
                digits = (
                    forms.phone_digits(form.text)
                    if form.category == forms.PHONE
                    else re.sub(r"\D", "", form.text)
                )
                if len(digits) >= 7 and digits not in seen:
                    seen.add(digits)
                    body = r"[\s().\-/]*".join(digits)
                    prefix = r"(?:(?:\+|00)?\d{1,3}[\s().\-/]*)?" if form.category == forms.PHONE else ""
                    self._phones.append((re.compile(rf"(?<![\d]){prefix}{body}(?!\d)"), form))
        self._typo_forms: dict[int, list[tuple[str, forms.KnownForm]]] = {}
        for k, form in by_text.items():
            if (
                form.category in NAME_CATEGORIES | {forms.EMPLOYER, forms.SCHOOL, forms.CITY, forms.EXTRA}
                and not form.wordlike
                and len(k) >= _TYPO_MIN
                and k.isalpha()
            ):
                self._typo_forms.setdefault(len(k), []).append((k, form))

    def find(self, text: str, *, typos: bool = True) -> list[KnownHit]:
        """Every hit in ``text``, longest first where they overlap, sorted by position.

        Matching is done in :func:`casekit.deid.normalize.matching_form` of the text, so invisible
        characters, full-width forms, combining marks, look-alike letters of other scripts and
        letter-spacing do not hide a form; each hit covers the whole original span it came from.
        """
        shown = normalize.matching_form(text)
        hits: list[KnownHit] = []
        if self._free is not None:
            own_script = normalize.matching_form(text, lookalikes=False) if not text.isascii() else shown
            hits += self._exact(self._free, own_script)
        if self._bounded is not None:
            hits += self._exact(self._bounded, shown)
            spaced = normalize.collapse_spacing(shown)
            if spaced is not None:
                hits += self._exact(self._bounded, spaced)
        for pattern, form in self._phones:
            for m in pattern.finditer(shown.text):
                hits.append(KnownHit(*shown.span(m.start(), m.end()), form))
        if typos and self._typo_forms:
            hits += self._typo_hits(shown, hits)
        return _longest_first(hits)

    def _exact(self, pattern: re.Pattern[str], form_text: normalize.MatchText) -> Iterator[KnownHit]:
        """Hits of the exact-form ``pattern`` in one matching form, mapped back to the original."""
        folded, text = form_text.text, form_text.original
        for m in pattern.finditer(folded):
            form = self._by_text[m.group(0)]
            start, end = form_text.span(m.start(), m.end())
            rest = folded[m.end() : m.end() + 3]
            size = 0
            if rest.startswith("'s") and not rest[2:3].isalnum():
                size = 2
            elif rest.startswith("'") and m.group(0).endswith("s") and not rest[1:2].isalnum():
                size = 1
            possessive = text[end : form_text.span(m.end(), m.end() + size)[1]] if size else ""
            yield KnownHit(start, end + len(possessive), form, possessive)

    def _typo_hits(self, shown: normalize.MatchText, exact: list[KnownHit]) -> Iterator[KnownHit]:
        from rapidfuzz.distance import OSA

        covered = bytearray(len(shown.original) + 1)
        for h in exact:
            covered[h.start : h.end] = b"\x01" * (h.end - h.start)
        english = lexicon.english_words()
        for m in re.finditer(r"[^\W\d_]+", shown.text):
            word = m.group(0)
            n = len(word)
            if n < _TYPO_MIN or word in english or word in lexicon.IDENTITY_WORDS:
                continue
            start, end = shown.span(m.start(), m.end())
            if covered.find(1, start, end) >= 0:
                continue
            for length in (n - 1, n, n + 1):
                for k, form in self._typo_forms.get(length, ()):
                    if k != word and OSA.distance(word, k, score_cutoff=1) <= 1:
                        yield KnownHit(start, end, form, typo=True)
                        break
                else:
                    continue
                break


def _key(text: str) -> str:
    """The matching form a known form is looked up by: Latin after folding look-alikes, else its own
    script (a Cyrillic or Greek name is matched as written, not as the Latin letters it resembles)."""
    latin = normalize.matching_form(text).text
    return latin if not is_non_latin(latin) else normalize.matching_form(text, lookalikes=False).text


def _rank(form: forms.KnownForm) -> tuple[int, int]:
    order = [forms.CLIENT_NAME, forms.HOUSEHOLD_NAME, forms.DATE_OF_BIRTH, forms.PHONE, forms.EMAIL]
    cat = order.index(form.category) if form.category in order else len(order)
    return (cat, 0 if form.whole else 1)


def _longest_first(hits: list[KnownHit]) -> list[KnownHit]:
    # Chosen hits never overlap, so sorted by start only the neighbours of a new hit can overlap it.
    starts: list[int] = []
    chosen: list[KnownHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect.bisect_left(starts, hit.start)
        if i > 0 and chosen[i - 1].end > hit.start:
            continue
        if i < len(chosen) and chosen[i].start < hit.end:
            continue
        starts.insert(i, hit.start)
        chosen.insert(i, hit)
    return chosen


def classify(text: str, hit: KnownHit, hits: list[KnownHit], *, person_entity: bool = False) -> str:
    """Whether a hit of a word-like form is a ``name``, an ordinary ``word`` or ``ambiguous``.

    Only forms marked ``wordlike`` need this; every other hit is a name.

    Parameters
    ----------
    text
        The text the hit is in.
    hit
        The hit.
    hits
        All hits in the text (a neighbouring part of the same name settles it).
    person_entity
        Whether NER tagged the span as a person.
    """
    form = hit.form
    if not form.wordlike:
        return NAME
    end = hit.end - len(hit.possessive)
    # Judged as a reader sees it: "ho\u00adpe" is lower case, "Ｂｌａｃｋ" an identity word.
    surface = normalize.readable_form(text[hit.start : end])
    if _next_to_name_part(text, hit, hits):
        return NAME
    before = text[max(0, hit.start - 40) : hit.start]
    after = text[end : end + 40]
    prev = _PREV_WORD.search(before)
    nxt = _NEXT_WORD.search(after)
    prev_word = fold(prev.group(1)) if prev and not re.search(r"[.!?]\s*$", before) else ""
    next_word = fold(nxt.group(1)) if nxt else ""
    if prev_word.rstrip(".") in lexicon.TITLES or prev_word in lexicon.TITLES:
        return NAME
    letters = [c for c in surface if c.isalpha()]
    if not letters or surface.islower():
        return WORD
    if not surface[0].isupper():
        return WORD
    window = text[max(0, hit.start - 30) : end + 30]
    caps_context = not any(c.islower() for c in window)
    if hit.possessive and not caps_context:
        return NAME
    if next_word in lexicon.IDENTITY_FOLLOWERS:
        return WORD
    if prev_word in _DETERMINERS:
        return WORD
    identity = lexicon.is_kept_word(surface)
    if identity and prev_word in _IDENTITY_VERBS:
        return WORD
    if identity and _descriptor_follows(after):
        return WORD
    if person_entity and not identity:
        return NAME
    if caps_context or (surface.isupper() and len(surface) > 1):
        return AMBIGUOUS
    if sentence_start(text, hit.start):
        return AMBIGUOUS
    if identity:
        return AMBIGUOUS
    return NAME


def _descriptor_follows(after: str) -> bool:
    """Whether the words after a descriptor continue a list of descriptors ("Black and Latina")."""
    following = [fold(w) for w in re.findall(r"[\w'’-]+", after)[:3]]
    if following and following[0] in ("and", "or"):
        following = following[1:]
    return bool(following) and (
        lexicon.is_kept_word(following[0]) or following[0] in lexicon.IDENTITY_FOLLOWERS
    )


def _next_to_name_part(text: str, hit: KnownHit, hits: list[KnownHit]) -> bool:
    for other in hits:
        if other is hit or other.form.key != hit.form.key:
            continue
        if other.form.wordlike and text[other.start : other.end].islower():
            continue
        if other.end <= hit.start:
            gap = text[other.end : hit.start]
        elif hit.end <= other.start:
            gap = text[hit.end : other.start]
        else:
            continue
        if re.fullmatch(r"[ \t,\-]{1,3}", gap):
            return True
    return False
