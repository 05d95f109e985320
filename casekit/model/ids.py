"""Pseudonymous codes: case ids, clinician and member aliases, group names.

They are validated once, when assigned (nbgrader's habit), so everything downstream can use them in
paths, notebook parameters and export headers without a second look.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

CASE_ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
ALIAS_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
CASE_ID_MAX = 24
ALIAS_MAX = 40

CASE_ID_HELP = (
    "a case id is a pseudonymous code of capital letters, digits and hyphens with at least one digit, "
    "3 to 24 characters, such as CK-0412 (never the client's name or initials with a birth date)"
)
ALIAS_HELP = (
    "an alias is 1 to 40 letters, digits, spaces, dots, hyphens or underscores, such as 'Consultant B' "
    "or 'north-team'"
)


def check_case_id(value: str) -> str:
    """Return ``value`` if it is a valid case id, else raise ``ValueError`` saying what one looks like.

    Parameters
    ----------
    value
        The proposed case id.
    """
    if not isinstance(value, str):
        raise ValueError(CASE_ID_HELP)
    if not (3 <= len(value) <= CASE_ID_MAX) or not CASE_ID_PATTERN.fullmatch(value):
        raise ValueError(CASE_ID_HELP)
    if not any(ch.isdigit() for ch in value):
        raise ValueError(CASE_ID_HELP)
    return value


def check_alias(value: str) -> str:
    """Return ``value`` stripped if it is a valid alias, else raise ``ValueError``."""
    value = value.strip()
    if not (1 <= len(value) <= ALIAS_MAX) or not ALIAS_PATTERN.fullmatch(value):
        raise ValueError(ALIAS_HELP)
    return value


CaseId = Annotated[str, AfterValidator(check_case_id)]
Alias = Annotated[str, AfterValidator(check_alias)]


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def suggest_case_id(existing: list[str] | tuple[str, ...] | set[str], default_prefix: str = "CK-") -> str:
    """The next free case id following the most common ``PREFIX + number`` pattern of ``existing``.

    ``CK-0101`` and ``CK-0106`` give ``CK-0107`` (the width of the number is kept); an empty store
    gives ``CK-0001``. The result is always a valid, unused case id.

    Parameters
    ----------
    existing
        The case ids already in the store.
    default_prefix
        The prefix used when no existing id ends in a number.
    """
    taken = set(existing)
    numbered: dict[str, list[str]] = {}
    for case_id in sorted(taken):
        match = _NUMBERED.match(case_id)
        if match:
            numbered.setdefault(match.group(1), []).append(match.group(2))
    if numbered:
        prefix = max(numbered, key=lambda p: (len(numbered[p]), p))
        width = max(len(n) for n in numbered[prefix])
        number = max(int(n) for n in numbered[prefix]) + 1
    else:
        prefix, width, number = default_prefix, 4, 1
    while True:
        candidate = f"{prefix}{number:0{width}d}"
        if candidate not in taken:
            try:
                return check_case_id(candidate)
            except ValueError:  # a pattern that cannot carry on (too long): start afresh
                if prefix == default_prefix and width == 4 and number == 1:
                    raise
                prefix, width, number = default_prefix, 4, 1
                continue
        number += 1
