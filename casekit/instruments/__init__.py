"""A clinic's own licensed instruments: the file format, reading them, scoring answers.

casekit ships no licensed item wording; a clinic keeps its own in ``<workspace>/instruments/*.toml``
(the format: :mod:`casekit.instruments.format`). The small API other parts of casekit call:

* :func:`load_instruments` — every instrument of a workspace, by name;
* :func:`score` — a full set of item answers → a :class:`Score` (total and cut-off band);
* :func:`score_given` — the answers a client gave, full or in part → a :class:`Score` or a
  :class:`Partial` (the answers kept, no total unless the instrument's own prorating rule gives one);
* :func:`feedback_scores` — answers to several questionnaires → what a feedback entry keeps (totals,
  and the questionnaires answered in part); :func:`partial_words` says a partial result plainly;
* :func:`check_total` — a total typed directly, checked against the possible range;
* :func:`in_language` — those whose wording is in a given language (for a card in the client's
  language).
"""

from casekit.instruments.entries import feedback_scores, partial_words
from casekit.instruments.format import FORMAT_VERSION, CutOff, Instrument, Item, Licence, Prorate, Scale
from casekit.instruments.loader import in_language, load_instrument, load_instruments, parse_instrument
from casekit.instruments.scoring import Partial, Score, check_total, score, score_given

__all__ = [
    "FORMAT_VERSION",
    "CutOff",
    "Instrument",
    "Item",
    "Licence",
    "Partial",
    "Prorate",
    "Scale",
    "Score",
    "check_total",
    "feedback_scores",
    "in_language",
    "load_instrument",
    "load_instruments",
    "parse_instrument",
    "partial_words",
    "score",
    "score_given",
]
