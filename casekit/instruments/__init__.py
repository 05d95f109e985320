"""A clinic's own licensed instruments: the file format, reading them, scoring answers.

casekit ships no licensed item wording; a clinic keeps its own in ``<workspace>/instruments/*.toml``
(the format: :mod:`casekit.instruments.format`). The small API other parts of casekit call:

* :func:`load_instruments` — every instrument of a workspace, by name;
* :func:`score` — a full set of item answers → a :class:`Score` (total and cut-off band);
* :func:`check_total` — a total typed directly, checked against the possible range;
* :func:`in_language` — those whose wording is in a given language (for a card in the client's
  language).
"""

from casekit.instruments.format import FORMAT_VERSION, CutOff, Instrument, Item, Licence, Scale
from casekit.instruments.loader import in_language, load_instrument, load_instruments, parse_instrument
from casekit.instruments.scoring import Score, check_total, score

__all__ = [
    "FORMAT_VERSION",
    "CutOff",
    "Instrument",
    "Item",
    "Licence",
    "Scale",
    "Score",
    "check_total",
    "in_language",
    "load_instrument",
    "load_instruments",
    "parse_instrument",
    "score",
]
