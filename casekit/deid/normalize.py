"""The form text is matched in, with a map back to the original text.

Text pasted from PDFs and word processors hides names from a plain search while a reader still sees
them whole: a soft hyphen or zero-width space inside the name, full-width letters, a Cyrillic "е"
standing in for a Latin "e", combining marks, or a name spelt out letter by letter ("Z e b u l o n").
:func:`matching_form` maps a text to one form that all of these share with the plain spelling:

1. characters a reader does not see are dropped (Unicode format characters, category ``Cf``, and the
   other default-ignorable code points: variation selectors, the combining grapheme joiner, Hangul
   fillers);
2. each character is put in its NFKC compatibility form (full-width, mathematical and ligature letters
   become plain ones);
3. optionally, letters of another script that look like a Latin letter become that letter, from the
   Unicode confusables data shipped by the ``confusable-homoglyphs`` package (only letters outside the
   Latin script whose look-alike is one ASCII letter; Latin letters themselves are never changed);
4. case, accents and apostrophes are folded as :func:`casekit.deid.text.fold` does.

:func:`collapse_spacing` then joins letter-spaced runs ("Z e b u l o n", "Z.e.b.u.l.o.n",
"Z-e-b-u-l-o-n": at least three single letters, each separated by one space, dot, hyphen, underscore
or middle dot) into one word.

Every character of a form knows the original character it came from, so a match found in the form is
mapped back to the original span that covers it whole, invisible characters and separators included.
Everything here runs in time linear in the text. The form is only ever searched; the text a reader
gets is never rewritten by this module.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from casekit.deid.text import fold

__all__ = [
    "MatchText",
    "collapse_spacing",
    "is_invisible",
    "latin_lookalike",
    "matching_form",
    "readable_form",
]

# Default-ignorable code points that are not format characters (Unicode DerivedCoreProperties).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)

#: Characters that may separate the letters of a letter-spaced word.
SPACING_SEPARATORS = " .-_·"
_LETTER = r"[^\W\d_]"
_SEP = "[" + re.escape(SPACING_SEPARATORS) + "]"
# Each letter after the first must stand alone (no letter after it), so a run ends exactly where the
# isolated letters end and the search never backtracks over a long run.
_SPACED = re.compile(rf"(?<!{_LETTER}){_LETTER}(?:{_SEP}{_LETTER}(?!{_LETTER})){{2,}}")


def is_invisible(ch: str) -> bool:
    """Whether ``ch`` is a character a reader does not see (format character or default-ignorable)."""
    if unicodedata.category(ch) == "Cf":
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _IGNORABLE_RANGES)


@functools.cache
def _lookalikes() -> dict[str, str]:
    """Letters of other scripts that look like one ASCII letter (prebuilt: :mod:`casekit.deid.prebuilt`)."""
    from casekit.deid import prebuilt

    return prebuilt.read_lookalikes() or derive_lookalikes()


def derive_lookalikes() -> dict[str, str]:
    """Letters of other scripts that look like one ASCII letter, from the Unicode confusables data."""
    import json
    from importlib import resources

    from confusable_homoglyphs import categories

    source = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    data: dict[str, list[dict[str, str]]] = json.loads(source.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for ch, glyphs in data.items():
        if len(ch) != 1 or ch.isascii():
            continue
        script, category = categories.aliases_categories(ch)
        if script in ("LATIN", "COMMON", "INHERITED") or not category.startswith("L"):
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if not latin:
            continue
        # Prefer the Latin letter of the same case ("Α" -> "A", "а" -> "a").
        same_case = [c for c in latin if c.isupper() == ch.isupper()]
        target = (same_case or latin)[0]
        # Unicode's prototype for a capital I is "l"; a capital iota or palochka reads as "I".
        if target == "l" and ch.isupper():
            target = "I"
        table[ch] = target
    return table


def latin_lookalike(ch: str) -> str:
    """The ASCII letter ``ch`` looks like if it is a letter of another script, else ``ch`` itself."""
    return _lookalikes().get(ch, ch)


@functools.lru_cache(maxsize=8192)
def _char_form(ch: str, lookalikes: bool) -> str:
    if ch.isascii():
        return ch.lower()
    if is_invisible(ch):
        return ""
    compat = unicodedata.normalize("NFKC", ch)
    if lookalikes:
        compat = "".join(_latin_base(c) for c in compat)
    return "".join(fold(c) for c in compat if not is_invisible(c))


def _latin_base(ch: str) -> str:
    """The Latin look-alike of ``ch`` or of its base letter ("ё" -> "e"; accents are folded later)."""
    table = _lookalikes()
    if ch in table:
        return table[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) > 1 and decomposed[0] in table:
        return table[decomposed[0]]
    return ch


class MatchText:
    """A matching form of a text and the map from each of its characters back to the original.

    Build one with :func:`matching_form`; :attr:`text` is the form, :meth:`span` maps a match back.

    Parameters
    ----------
    original
        The text as written.
    text
        Its matching form.
    origin
        For each character of ``text``, the index in ``original`` of the character it came from
        (never decreasing).
    """

    __slots__ = ("_origin", "original", "text")

    def __init__(self, original: str, text: str, origin: list[int]) -> None:
        self.original = original
        self.text = text
        self._origin = origin

    def origin(self, index: int) -> int:
        """The index in the original of the character ``text[index]`` came from."""
        return self._origin[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` span of the original that the form's ``[start, end)`` came from.

        The span runs from the original character of ``text[start]`` up to the original character of
        ``text[end]`` (or the end of the original), so characters dropped from the form inside or
        right after the match (a soft hyphen, a zero-width space, a letter-spacing separator) are
        part of it.
        """
        origin = self._origin
        n = len(origin)
        if start >= n:
            return len(self.original), len(self.original)
        first = origin[start]
        if end <= start:
            return first, first
        if end >= n:
            # Only characters dropped from the form follow the form's last character.
            return first, len(self.original)
        return first, max(origin[end - 1] + 1, origin[end])


def matching_form(text: str, *, lookalikes: bool = True) -> MatchText:
    """The form of ``text`` that matching is done in (see the module docstring), with its offset map.

    Parameters
    ----------
    text
        The text as written.
    lookalikes
        Whether letters of other scripts that look like Latin letters become those letters. Names in
        their own script (Cyrillic, Greek) are matched in the form without this step.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        form = _char_form(ch, lookalikes)
        if form:
            out.append(form)
            origin.extend([index] * len(form))
    return MatchText(text, "".join(out), origin)


def collapse_spacing(form: MatchText) -> MatchText | None:
    """``form`` with each letter-spaced run joined into one word, or ``None`` if it has no such run.

    A run is at least three single letters, each separated from the next by exactly one of
    :data:`SPACING_SEPARATORS` ("z e b u l o n" -> "zebulon"). Words of two or more letters and single
    letters standing alone are left as they are, so ordinary text does not change.
    """
    text = form.text
    drop: list[int] = []
    for m in _SPACED.finditer(text):
        drop.extend(range(m.start() + 1, m.end(), 2))
    if not drop:
        return None
    keep = bytearray(b"\x01") * len(text)
    for i in drop:
        keep[i] = 0
    chars = [c for c, k in zip(text, keep, strict=True) if k]
    origin = [form.origin(i) for i, k in enumerate(keep) if k]
    return MatchText(form.original, "".join(chars), origin)


def readable_form(text: str) -> str:
    """``text`` as a reader sees it, case kept: no invisible characters, NFKC, Latin look-alikes as
    Latin letters, letter-spaced runs joined ("Ｂ\u00adl a c k" -> "Black"). For judging a short span
    (is it capitalised, is it an identity word), not for offsets."""
    chars = []
    for ch in text:
        if not is_invisible(ch):
            chars.extend(_latin_base(c) for c in unicodedata.normalize("NFKC", ch) if not is_invisible(c))
    joined = "".join(chars)
    return _SPACED.sub(lambda m: m.group(0)[::2], joined)
