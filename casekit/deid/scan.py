"""Scanning text or bytes for known identifiers without a scrubber (tests, the export gate)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from casekit.deid import forms, known
from casekit.model.case import PrivateIdentifiers


@dataclass(frozen=True)
class Hit:
    """A known identifier found in scanned text: its category and where, never its text."""

    category: str
    where: str
    offset: int
    length: int


def scan_for_identifiers(
    data: str | bytes,
    identifiers: PrivateIdentifiers | Iterable[PrivateIdentifiers],
    *,
    extra_terms: Iterable[str] = (),
    where: str = "",
) -> list[Hit]:
    """Every known identifier form in ``data`` (case- and accent-insensitive, one typo away).

    Names that are also ordinary words count only where the context makes them names ("Hope said"
    mid-sentence, "Ms Hope"), not in "she felt hope" or "a Black woman". Bytes are decoded as UTF-8
    (undecodable bytes become U+FFFD; offsets are then character offsets of the decoded text).

    Parameters
    ----------
    data
        Text, or bytes of a file (HTML, JSON, a notebook).
    identifiers
        The case's identifiers, or several cases' (an organisation-level export looks for every
        case's at once, in one pass).
    extra_terms
        Deny-list terms to look for too.
    where
        A location recorded in each hit (a file name or a field path).
    """
    return scan_texts([data], identifiers, extra_terms=extra_terms, where=where)


def scan_texts(
    texts: Iterable[str | bytes],
    identifiers: PrivateIdentifiers | Iterable[PrivateIdentifiers],
    *,
    extra_terms: Iterable[str] = (),
    where: str = "",
) -> list[Hit]:
    """:func:`scan_for_identifiers` over several readings of one output, with one compiled search.

    Each text is matched in casekit.deid's normalised form (:mod:`casekit.deid.normalize`): a name
    split by a soft hyphen or zero-width character (also written as an HTML entity), letter-spaced,
    or typed in full width or with look-alike letters of another script is found, and each hit's
    offset and length cover its whole original span.
    """
    sets = [identifiers] if isinstance(identifiers, PrivateIdentifiers) else list(identifiers)
    searched = forms.known_forms(sets[0] if sets else PrivateIdentifiers(), extra_terms)
    for ids in sets[1:]:
        searched += forms.known_forms(ids)
    matcher = known.KnownMatcher(searched)
    found: list[Hit] = []
    for data in texts:
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        # HTML can spell a character as an entity (O&#x27;Brien, Zeb&shy;ulon); scan the unescaped
        # text as well.
        unescaped = html.unescape(text)
        for form in (text,) if unescaped == text else (text, unescaped):
            hits = matcher.find(form)
            found += [
                Hit(h.form.category, where, h.start, h.end - h.start)
                for h in hits
                if known.classify(form, h, hits) == known.NAME
            ]
    return found
