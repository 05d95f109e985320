"""A client's answers to the clinic's questionnaires, as a feedback entry keeps them.

One place turns answers (in full or in part) into what :class:`casekit.model.FeedbackEntry` stores:
totals of questionnaires answered in full in ``instrument_scores``, and questionnaires answered only
in part in ``instrument_partial`` (the answers given, with a total only by the questionnaire's own
prorating rule). The client card, a typed-in paper card (home page and ``casekit feedback enter``)
and the form's item-by-item entry all store answers through :func:`feedback_scores`. It also words
a partial result for the clinician. This module does no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from casekit.i18n import ngettext
from casekit.instruments.format import Instrument
from casekit.instruments.scoring import Partial, score_given
from casekit.model import PartialAnswers


def feedback_scores(
    instruments: Mapping[str, Instrument], answers: Mapping[str, Mapping[str, int | None]]
) -> tuple[dict[str, float], dict[str, PartialAnswers]]:
    """The totals and the part-answered questionnaires a feedback entry keeps for these answers.

    Parameters
    ----------
    instruments
        The questionnaires by name; every name in ``answers`` must be one of them.
    answers
        Questionnaire name → item id → the point chosen (``None`` or missing: unanswered).
        A questionnaire with no answer at all is left out.

    Raises
    ------
    InstrumentError
        If an answer is off the scale or names no item.
    """
    totals: dict[str, float] = {}
    partial: dict[str, PartialAnswers] = {}
    for name, points in answers.items():
        if not any(p is not None for p in points.values()):
            continue
        result = score_given(instruments[name], points)
        if isinstance(result, Partial):
            partial[name] = PartialAnswers(answers=result.answers, of=result.of, prorated_total=result.total)
        else:
            totals[name] = result.total
    return totals, partial


def partial_words(part: PartialAnswers) -> str:
    """A part-answered questionnaire in plain words: "partial — 2 of 3 answered, so no total", or,
    where its own rule gives a total, "partial — 5 of 6 answered; total 14 worked out from them"."""
    counts = {"answered": len(part.answers), "num": part.of}
    if part.prorated_total is None:
        return (
            ngettext(
                "partial — %(answered)d of %(num)d answered, so no total",
                "partial — %(answered)d of %(num)d answered, so no total",
                part.of,
            )
            % counts
        )
    return ngettext(
        "partial — %(answered)d of %(num)d answered; total %(total)s worked out from the answers "
        "given, as the questionnaire's own rule allows",
        "partial — %(answered)d of %(num)d answered; total %(total)s worked out from the answers "
        "given, as the questionnaire's own rule allows",
        part.of,
    ) % {**counts, "total": f"{part.prorated_total:g}"}
