"""What the store hands back: small frozen query models, separate from the case model it stores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casekit.model import Case


@dataclass(frozen=True)
class CaseRecord:
    """One revision of a case, as loaded or just saved.

    Attributes
    ----------
    case
        The case. Its ``identifiers`` are empty when ``identifiers_locked`` is true.
    revision
        The revision number (1 for a new case).
    saved_at
        When the revision was saved (UTC).
    author
        The alias of whoever saved it.
    identifiers_locked
        True when the revision holds encrypted identifiers but the store was opened without the key.
    """

    case: Case
    revision: int
    saved_at: dt.datetime
    author: str
    identifiers_locked: bool = False


@dataclass(frozen=True)
class RevisionInfo:
    """One line of a case's history (no case content).

    ``author`` is the alias chosen for the revision; ``person`` who saved it
    (:func:`casekit.actor.current_person`, never typed; None for revisions saved before it was kept).
    ``texts_sealed``: in a people-access store, the note and the author alias are sealed with the
    case's key and the person reading holds none, so both are empty here (not absent).
    """

    revision: int
    saved_at: dt.datetime
    author: str
    based_on: int | None
    note: str
    restored_from: int | None
    person: str | None = None
    texts_sealed: bool = False


@dataclass(frozen=True)
class CaseSummary:
    """One case in a listing: its id, head revision and aliases (never identifiers)."""

    case_id: str
    head_revision: int
    group: str | None
    clinician_alias: str
    created: dt.datetime
    updated: dt.datetime
