"""What a client wrote on their card, put into their case exactly as they wrote it.

Every answer becomes an :class:`~casekit.model.Entry` in the client's voice, word for word, with its
language, marked as written by the client. The name the client asks to be called goes only into the
case's private identifiers (``name_used``); how they want to be addressed goes to ``identity.naming``.
An answer takes the place of a clinician's earlier text for the same question (which stays in the
case's earlier revisions, and the revision note names the question). A feedback card's answers to a
clinic's own licensed instruments are scored (:func:`casekit.instruments.feedback_scores`) and their
totals kept beside the client's own words; one answered only in part keeps the answers given, marked
partial, with no total unless the instrument's own rule gives one. This module does no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from casekit.instruments import Instrument, feedback_scores
from casekit.model import Case, Entry, FeedbackEntry, FeedbackRoute, Obtained, PartialAnswers, Voice

#: The answers of the "about you" card that become entries, by the attribute of ``case.identity``.
ABOUT_ENTRIES = ("self_description", "naming", "meaning_of_culture", "meaning_of_healing")


@dataclass
class CardAnswers:
    """A client's answers on one card: free text by question key, 1–5 ratings by key, and the points
    chosen on a clinic's instruments (instrument name → item id → point, ``None`` if left empty)."""

    language: str
    texts: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, int | None] = field(default_factory=dict)
    instruments: dict[str, dict[str, int | None]] = field(default_factory=dict)

    def count(self) -> int:
        """How many questions the client answered (each instrument item counts as one)."""
        texts = sum(1 for text in self.texts.values() if text.strip())
        items = sum(1 for points in self.instruments.values() for p in points.values() if p is not None)
        return texts + items + sum(1 for rating in self.ratings.values() if rating is not None)


def instrument_totals(answers: CardAnswers, instruments: Mapping[str, Instrument]) -> dict[str, float]:
    """The total of each instrument the client answered in full, by instrument name.

    An instrument's total needs every item, so one the client answered only in part (or not at all)
    gets no total here (see :func:`instrument_results`). Raises
    :class:`~casekit.errors.InstrumentError` if an answer is off the instrument's scale.
    """
    return instrument_results(answers, instruments)[0]


def instrument_results(
    answers: CardAnswers, instruments: Mapping[str, Instrument]
) -> tuple[dict[str, float], dict[str, PartialAnswers]]:
    """The totals of the instruments answered in full, and those answered only in part (the answers
    given, no total unless the instrument's own rule gives one), by instrument name. Instruments the
    workspace no longer has, and those left wholly empty, are left out."""
    known = {name: points for name, points in answers.instruments.items() if name in instruments}
    return feedback_scores(instruments, known)


def unanswered(answers: CardAnswers, instruments: Mapping[str, Instrument]) -> dict[str, int]:
    """Instrument name → how many of its items are left empty, for those the client began but did not
    answer in full (the card tells the client before they send it; they may still send)."""
    out: dict[str, int] = {}
    for name, points in answers.instruments.items():
        instrument = instruments.get(name)
        given = sum(1 for item in instrument.items if points.get(item.id) is not None) if instrument else 0
        if instrument is not None and 0 < given < len(instrument.items):
            out[name] = len(instrument.items) - given
    return out


def clients_entry(text: str, language: str) -> Entry:
    """``text`` as the client's own writing, word for word, in ``language``."""
    return Entry(
        text=text, voice=Voice.CLIENT, obtained=Obtained.VERBATIM, language=language, client_written=True
    )


def add_about(case: Case, answers: CardAnswers) -> tuple[Case, list[str]]:
    """A copy of ``case`` with the client's "about you" answers in it, and the questions whose earlier text
    the client's own words took the place of (that text stays in the case's earlier revisions).

    The client's own writing is what these fields are for, so it takes the field; supports are added
    to the list; the name goes only into the private identifiers.
    """
    out = case.model_copy(deep=True)
    texts = {key: value.strip() for key, value in answers.texts.items() if value.strip()}
    replaced: list[str] = []
    for key in ABOUT_ENTRIES:
        if key not in texts:
            continue
        if getattr(out.identity, key).text.strip():
            replaced.append(key)
        setattr(out.identity, key, clients_entry(texts[key], answers.language))
    if "supports" in texts:
        out.identity.supports.append(clients_entry(texts["supports"], answers.language))
    if "name_used" in texts:
        out.identifiers.name_used = texts["name_used"]
    return out, replaced


def add_feedback(
    case: Case,
    answers: CardAnswers,
    today: dt.date,
    instruments: Mapping[str, Instrument] | None = None,
) -> Case:
    """A copy of ``case`` with one new feedback entry dated ``today`` holding the client's answers,
    with the totals of the ``instruments`` (by name) they answered in full, and the answers given to
    those they answered in part."""
    out = case.model_copy(deep=True)
    comments = answers.texts.get("comments", "").strip()
    totals, partial = instrument_results(answers, instruments or {})
    out.feedback.append(
        FeedbackEntry(
            date=today,
            felt_understood=answers.ratings.get("felt_understood"),
            felt_respected=answers.ratings.get("felt_respected"),
            instrument_scores=totals,
            instrument_partial=partial,
            given=FeedbackRoute.CLIENT_CARD,
            comments=clients_entry(comments, answers.language)
            if comments
            else Entry(voice=Voice.CLIENT, language=answers.language),
        )
    )
    return out
