"""Counted nouns in plain English: "1 finding", "3 findings", never "finding(s)".

Pure functions; no I/O.
"""

from __future__ import annotations

#: Plurals that do not just add an "s".
_IRREGULAR = {"person": "people", "child": "children", "analysis": "analyses", "entry": "entries"}


def plural(noun: str, n: int) -> str:
    """``noun`` as it reads after the number ``n``: singular for exactly one, plural otherwise.

    Examples
    --------
    >>> plural("rating", 1), plural("rating", 2), plural("person", 0)
    ('rating', 'ratings', 'people')
    """
    if n == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str) -> str:
    """``n`` and ``noun`` agreeing in number: ``count(1, "case")`` is ``"1 case"``.

    Only the last word of ``noun`` changes (``count(2, "new rating")`` is ``"2 new ratings"``).
    """
    head, _, last = noun.rpartition(" ")
    return f"{n} {head + ' ' if head else ''}{plural(last, n)}"


def agree(n: int, one: str, many: str) -> str:
    """The verb form that agrees with ``n``: ``agree(1, "was", "were")`` is ``"was"``."""
    return one if n == 1 else many
