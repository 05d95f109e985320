"""Text plumbing: accent- and case-folding with an offset map, scripts, fingerprints of spans."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

# Letters NFKD does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ħ": "h",
        "’": "'",
        "ʼ": "'",
        "‘": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)


def fold(text: str) -> str:
    """Casefold, strip accents and unify apostrophes and dashes: ``"Ngọc-Ánh’s"`` -> ``"ngoc-anh's"``."""
    return FoldedText(text).folded


class FoldedText:
    """A folded copy of a text with the map from each folded character back to the original.

    Parameters
    ----------
    original
        The text as written.
    """

    __slots__ = ("_origin", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        out: list[str] = []
        origin: list[int] = []
        for index, ch in enumerate(original):
            folded = _fold_char(ch)
            out.append(folded)
            origin.extend([index] * len(folded))
        self.folded = "".join(out)
        self._origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the folded text back to the original text."""
        origin = self._origin
        if start >= len(origin):
            return len(self.original), len(self.original)
        return origin[start], (origin[end - 1] + 1) if end > start else origin[start]


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    ch = ch.translate(_SPECIAL)
    if len(ch) != 1 or ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Scripts such as Hangul decompose into parts that are not combining marks; keep them composed.
    if base != decomposed:
        return base.casefold()
    return ch.casefold()


def is_non_latin(text: str) -> bool:
    """Whether ``text`` has a letter outside the Latin script (names there need no word boundaries)."""
    return any(ch.isalpha() and ord(ch) > 0x024F and not ("\u1e00" <= ch <= "\u1eff") for ch in text)


WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, keeping inner hyphens and apostrophes)."""
    return WORD_RE.findall(text)


def normalise_span(text: str) -> str:
    """The form of a span that decisions are keyed on: folded, inner whitespace collapsed."""
    return " ".join(fold(text).split()).strip(" .,;:'")


def fingerprint(secret: bytes, text: str) -> str:
    """Keyed hash (HMAC-SHA256, 32 hex digits) of a normalised span; the span cannot be read back.

    Parameters
    ----------
    secret
        A key the caller keeps (e.g. derived from the workspace key), so fingerprints of short names
        cannot be reversed by hashing guesses.
    text
        The span as found.
    """
    return hmac.new(secret, normalise_span(text).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def sentence_start(text: str, start: int) -> bool:
    """Whether position ``start`` begins a sentence (only spaces, quotes or brackets since . ! ? or
    a line start), or a markdown table cell (``| Operations lead |``)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘([-*•":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;|"


def capitalise_first(label: str) -> str:
    """``"the client"`` -> ``"The client"`` (for a label that begins a sentence)."""
    return label[:1].upper() + label[1:] if label else label
