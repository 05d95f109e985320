"""What a client wrote on their card, put into their case exactly as they wrote it.

Every answer becomes an :class:`~casekit.model.Entry` in the client's voice, word for word, with its
language, marked as written by the client. The name the client asks to be called goes only into the
case's private identifiers (``name_used``); how they want to be addressed goes to ``identity.naming``.
An answer takes the place of a clinician's earlier text for the same question (which stays in the
case's earlier revisions, and the revision note names the question). This module does no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casekit.model import Case, Entry, FeedbackEntry, Obtained, Voice

#: The answers of the "about you" card that become entries, by the attribute of ``case.identity``.
ABOUT_ENTRIES = ("self_description", "naming", "meaning_of_culture", "meaning_of_healing")


@dataclass
class CardAnswers:
    """A client's answers on one card: free text by question key, and 1–5 ratings by key."""

    language: str
    texts: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, int | None] = field(default_factory=dict)

    def count(self) -> int:
        """How many questions the client answered."""
        texts = sum(1 for text in self.texts.values() if text.strip())
        return texts + sum(1 for rating in self.ratings.values() if rating is not None)


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


def add_feedback(case: Case, answers: CardAnswers, today: dt.date) -> Case:
    """A copy of ``case`` with one new feedback entry dated ``today`` holding the client's answers."""
    out = case.model_copy(deep=True)
    comments = answers.texts.get("comments", "").strip()
    out.feedback.append(
        FeedbackEntry(
            date=today,
            felt_understood=answers.ratings.get("felt_understood"),
            felt_respected=answers.ratings.get("felt_respected"),
        )
    )
    if comments:
        out.feedback[-1].comments = clients_entry(comments, answers.language)
    return out
