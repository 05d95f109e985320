"""Save a presenter's review decisions: one owner for the terminal review and the home page's.

``casekit deid review`` and the home page's review panel both list the findings with
:func:`load_review` and save what the presenter decided with :func:`save_review`: decisions go into
the case as keyed fingerprints (never the text) in a new revision, and words kept "for every case"
go on the workspace keep-list. If someone saved the case while the presenter was deciding, both
edits are kept (:meth:`casekit.store.CaseStore.save_edit` with ``merge``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casekit.deid.review import EVERYWHERE, ReviewItem, apply_decisions, keep_everywhere, pending_review
from casekit.text.words import count

if TYPE_CHECKING:
    from casekit.store import CaseStore
    from casekit.store.records import CaseRecord
    from casekit.workspace import Workspace


@dataclass(frozen=True)
class ReviewSaved:
    """What one save of review decisions did.

    Attributes
    ----------
    case_id, revision
        The case and the revision the decisions were saved as.
    decided, waiting
        How many findings were decided, and how many still wait for a decision.
    kept_everywhere
        Words newly added to the workspace keep-list.
    """

    case_id: str
    revision: int
    decided: int
    waiting: int
    kept_everywhere: tuple[str, ...]

    def summary(self) -> str:
        """One plain line: how many decisions were saved, as which revision, and how many wait."""
        return (
            f"{self.case_id}: {count(self.decided, 'decision')} saved as revision {self.revision}; "
            f"{self.waiting} still waiting"
        )


def load_review(
    store: CaseStore, workspace: Workspace, case_id: str, *, use_ner: bool = True
) -> tuple[CaseRecord, list[ReviewItem]]:
    """The case's newest revision and its findings waiting for a decision (keep-list applied)."""
    record = store.load(case_id)
    secret = store.fingerprint_secret(case_id)
    items = pending_review(record.case, secret=secret, use_ner=use_ner, keep_list=workspace.keep_list())
    return record, items


def save_review(
    store: CaseStore,
    workspace: Workspace,
    record: CaseRecord,
    items: list[ReviewItem],
    decisions: Mapping[int, str],
    *,
    author: str,
) -> ReviewSaved:
    """Save ``decisions`` (item number → ``keep``, ``everywhere`` or ``redact``) as a new revision.

    Raises
    ------
    DeidentificationError
        If a number is not in the list, a decision is unknown, or a case's own name is to be kept for
        every case; nothing is saved then.
    """
    updated = apply_decisions(record.case, items, decisions)
    terms = keep_everywhere(record.case, items, [n for n, d in decisions.items() if d == EVERYWHERE])
    added = workspace.add_to_keep_list(terms)
    saved = store.save_edit(  # someone saved while you decided: keep both where they differ
        updated,
        based_on=record.revision,
        author=author,
        note=f"reviewed {count(len(decisions), 'finding')}",
        merge=True,
    )
    return ReviewSaved(
        record.case.meta.case_id,
        saved.revision,
        len(decisions),
        len(items) - len(decisions),
        tuple(added),
    )
