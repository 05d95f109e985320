"""Count systemic barriers across an organisation's cases, without exposing any one case.

Each case may record power dynamics with a short ``kind`` label ("fees", "language", "immigration
status"). :func:`count_barriers` counts, for each kind, in how many cases it appears. Only counts
leave this function: never case ids, aliases or text. Small cells are suppressed: a kind recorded in
fewer than ``min_cell`` cases is not named at all (a rare free-text label can itself point to a
client); those kinds are only counted together as "other kinds".

Pure functions over :class:`~casekit.model.Case` objects; no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from casekit.errors import AuditError
from casekit.model.case import Case, PowerLevel

#: Smallest count shown as a number (the usual small-cell threshold for service data).
DEFAULT_MIN_CELL = 3


def normalise_kind(kind: str) -> str:
    """A barrier label in a comparable form: lower case, single spaces, no punctuation at the ends.

    ``"  Immigration-Status. "`` and ``"immigration status"`` both become ``"immigration status"``.
    An empty label becomes ``"unlabelled"``.
    """
    text = re.sub(r"[\s_\-/]+", " ", kind.casefold())
    text = re.sub(r"[^\w ']+", "", text).strip()
    return text or "unlabelled"


@dataclass(frozen=True)
class BarrierRow:
    """One row of the barrier table: a kind and in how many cases it appears (None when suppressed)."""

    kind: str
    cases: int | None
    shown: str


@dataclass(frozen=True)
class BarrierTable:
    """Counts of systemic barriers by kind, safe to share.

    Parameters
    ----------
    rows
        Kinds seen in at least ``min_cell`` cases, most common first, then one row for the rest.
    cases_total
        How many cases were counted, or None when fewer than ``min_cell``.
    min_cell
        The suppression threshold used.
    """

    rows: tuple[BarrierRow, ...]
    cases_total: int | None
    min_cell: int

    def as_rows(self) -> list[dict[str, object]]:
        """Rows as dicts (``kind``, ``cases``, ``shown``), for tables and JSON."""
        return [{"kind": r.kind, "cases": r.cases, "shown": r.shown} for r in self.rows]

    def to_markdown(self) -> str:
        """The table as Markdown, with a line on how small counts were handled."""
        total = str(self.cases_total) if self.cases_total is not None else f"fewer than {self.min_cell}"
        lines = [
            f"Cases counted: {total}",
            "",
            "| Kind of barrier | Cases |",
            "|---|---|",
            *[f"| {r.kind} | {r.shown} |" for r in self.rows],
            "",
            f"Counts below {self.min_cell} are not shown, and kinds seen in fewer than {self.min_cell} "
            f"cases are not named, so that no single case can be picked out.",
        ]
        return "\n".join(lines)


def count_barriers(
    cases: Iterable[Case],
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    level: PowerLevel | None = PowerLevel.SYSTEMIC,
) -> BarrierTable:
    """Count in how many cases each kind of barrier appears, suppressing small cells.

    Parameters
    ----------
    cases
        The organisation's cases.
    min_cell
        Counts below this are shown as "fewer than N" and such kinds are not named (at least 2).
    level
        Which power dynamics count: systemic ones (default), in-the-room ones, or both (None).

    Returns
    -------
    BarrierTable
        Only labels and counts: no case id, alias or text.
    """
    if min_cell < 2:
        raise AuditError(f"min_cell={min_cell} would show single cases; use 2 or more (3 is usual)")
    per_kind: Counter[str] = Counter()
    total = 0
    for case in cases:
        total += 1
        kinds = {normalise_kind(p.kind) for p in case.power if level is None or p.level == level}
        per_kind.update(kinds)
    shown_rows = [
        BarrierRow(kind, count, str(count))
        for kind, count in sorted(per_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        if count >= min_cell
    ]
    if any(count < min_cell for count in per_kind.values()):
        shown_rows.append(BarrierRow("other kinds", None, f"each fewer than {min_cell}"))
    return BarrierTable(
        rows=tuple(shown_rows),
        cases_total=total if total >= min_cell else None,
        min_cell=min_cell,
    )
