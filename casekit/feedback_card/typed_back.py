"""Type a filled-in paper feedback card back in: the client's answers become a feedback entry.

The client's words are stored exactly as written, in the client's voice, with the language they are
in and with the entry marked as written by the client on a paper card. Totals of the clinic's own
questionnaires on the card are scored (item answers, by :func:`casekit.instruments.feedback_scores`,
so a questionnaire answered in part keeps its answers, marked partial) or checked (a total worked out
by hand).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import ValidationError

from casekit.errors import FeedbackCardError
from casekit.instruments import Instrument, check_total, feedback_scores
from casekit.model import Entry, FeedbackEntry, FeedbackRoute, Obtained, PartialAnswers, Voice

if TYPE_CHECKING:
    from casekit.store import CaseRecord, CaseStore


@dataclass(frozen=True)
class PaperCard:
    """What a client wrote on a paper feedback card, as typed in.

    Parameters
    ----------
    date
        The session date written on the card.
    language
        The language the client's answers are in (usually the card's).
    understood, respected
        The boxes ticked for the two 1–5 questions (None if left blank).
    words
        The client's own words, exactly as written (may be empty).
    answers
        Questionnaire name → item id → the point ticked, for the clinic's questionnaires on the card.
    totals
        Questionnaire name → a total worked out by hand.
    """

    date: dt.date
    language: str
    understood: int | None = None
    respected: int | None = None
    words: str = ""
    answers: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    totals: Mapping[str, float] = field(default_factory=dict)


def _scores(
    card: PaperCard, instruments: Mapping[str, Instrument]
) -> tuple[dict[str, float], dict[str, PartialAnswers]]:
    for name in [*card.answers, *card.totals]:
        if name not in instruments:
            known = ", ".join(instruments) or "none in this workspace"
            raise FeedbackCardError(f"no questionnaire called {name!r}; the workspace has: {known}")
        if name in card.answers and name in card.totals:
            raise FeedbackCardError(f"{name}: give either the item answers or the total, not both")
    for name, answers in card.answers.items():
        if not answers:
            raise FeedbackCardError(f"{name}: no question has an answer; leave it out or add the answers")
    out, partial = feedback_scores(instruments, card.answers)
    for name, total in card.totals.items():
        out[name] = check_total(instruments[name], total).total
    return out, partial


def paper_feedback(card: PaperCard, instruments: Mapping[str, Instrument] | None = None) -> FeedbackEntry:
    """The feedback entry a typed-back card becomes (nothing is saved).

    Raises
    ------
    FeedbackCardError
        If a rating is off the 1–5 scale, the language or date is not valid, or a questionnaire is
        unknown.
    InstrumentError
        If a questionnaire's answers cannot be scored.
    """
    totals, partial = _scores(card, instruments or {})
    try:
        return FeedbackEntry(
            date=card.date,
            felt_understood=card.understood,
            felt_respected=card.respected,
            comments=Entry(
                text=card.words.strip(),
                voice=Voice.CLIENT,
                obtained=Obtained.VERBATIM,  # copied from what the client wrote on the card
                client_written=True,
                language=card.language,
            ),
            instrument_scores=totals,
            instrument_partial=partial,
            given=FeedbackRoute.PAPER_CARD,
        )
    except ValidationError as exc:
        err = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(p) for p in err["loc"]) or "card"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise FeedbackCardError(f"paper card, {where}: {msg}; check what was typed from the card") from None


def record_paper_card(
    store: CaseStore,
    case_id: str,
    card: PaperCard,
    *,
    author: str | None = None,
    instruments: Mapping[str, Instrument] | None = None,
) -> CaseRecord:
    """Add a typed-back card to a case's feedback and save it as a new revision.

    Parameters
    ----------
    store
        The open case store.
    case_id
        The case the card belongs to.
    card
        What the client wrote.
    author
        Alias recorded with the revision (default: the case's presenter alias).
    instruments
        The workspace's questionnaires by name, for any on the card.

    Raises
    ------
    FeedbackCardError, InstrumentError
        If the card's answers are not valid; nothing is saved.
    RevisionConflictError
        If someone saved the case meanwhile; nothing is saved.
    """
    record = store.load(case_id)
    case = record.case
    case.feedback.append(paper_feedback(card, instruments))
    return store.save(
        case,
        based_on=record.revision,
        author=author or case.meta.clinician_alias,
        note="feedback typed in from a paper card",
    )
