"""Find a case's private identifiers, and simple variants of them, in text that must not hold them.

Used to refuse workbook parameters that quote an identifier, to withhold error messages that quote
one, and by tests that scan executed notebooks. Matches are reported by *kind* ("name", "phone"),
never by value, so a report cannot itself leak what it found.

Variants covered: every identifier value; each part (3 letters or more) of every name, matched as a
whole word, case-insensitively; the date of birth in common written formats; phone numbers as their
digits with any separators. :mod:`casekit.deid` goes further (other spellings, scripts, NER).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from casekit.model import PrivateIdentifiers


@dataclass(frozen=True)
class Needle:
    """One pattern to look for and the kind of identifier it comes from."""

    kind: str
    pattern: re.Pattern[str]


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)


def _name_parts(value: str) -> list[str]:
    return [part for part in re.split(r"[\W_]+", value) if len(part) >= 3]


def _dob_forms(ids: PrivateIdentifiers) -> list[str]:
    d = ids.date_of_birth
    if d is None:
        return []
    month = d.strftime("%B")
    return [
        d.isoformat(),
        d.strftime("%Y%m%d"),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.month:02d}/{d.day:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.month}/{d.day}/{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day} {month} {d.year}",
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{month[:3]} {d.day}, {d.year}",
    ]


def needles(ids: PrivateIdentifiers, *, name_parts: bool = True) -> list[Needle]:
    """Patterns for every identifier of a case and its simple variants.

    Parameters
    ----------
    ids
        The case's private identifiers.
    name_parts
        Also match each part of each name on its own (whole words of 3 letters or more).
    """
    out: list[Needle] = [Needle("identifier", _word(v)) for v in ids.values()]
    names = [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
    for member in ids.household:
        names += [member.name, *member.other_names]
    if name_parts:
        parts = {p.casefold() for n in names for p in _name_parts(n)}
        out += [Needle("name", _word(p)) for p in sorted(parts)]
    out += [Needle("date of birth", _word(f)) for f in _dob_forms(ids)]
    for phone in ids.phones:
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 7:
            # The last ten digits (no country code), with any separators between them.
            core = digits[-10:]
            out.append(Needle("phone", re.compile(r"(?<!\d)" + r"\D{0,3}".join(core) + r"(?!\d)")))
    return out


def find(text: str, patterns: list[Needle]) -> str | None:
    """The kind of the first identifier found in ``text`` (or its HTML-unescaped form), else ``None``."""
    forms = {text, html.unescape(text)}
    for needle in patterns:
        if any(needle.pattern.search(form) for form in forms):
            return needle.kind
    return None


def find_all(text: str, patterns: list[Needle]) -> list[tuple[str, str]]:
    """Every ``(kind, matched text)`` found — for tests and audits, never for messages or logs."""
    hits: list[tuple[str, str]] = []
    for form in {text, html.unescape(text)}:
        for needle in patterns:
            hits += [(needle.kind, m.group(0)) for m in needle.pattern.finditer(form)]
    return hits
