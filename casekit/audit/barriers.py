"""Count systemic barriers across an organisation's cases, without exposing any one case.

Each case may record power dynamics with a short ``kind`` label, typed freely ("fees", "can't afford
the copay", "no interpreter", "fear of deportation"). :func:`barrier_group` puts each label into a
plain group (cost and fees, language, transport and distance, ...), so differently worded labels of
the same barrier are counted together; a label no group fits is counted as itself.
:func:`count_barriers` counts, for each group, in how many cases it appears. Only counts
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


#: (group, pattern) in the order they are tried: the first that matches a label names its group.
#: More specific groups come first ("fear of deportation" is immigration status, not distrust).
BARRIER_GROUPS: tuple[tuple[str, str], ...] = (
    (
        "immigration status",
        r"immigra|undocumented|\bvisas?\b|\bpapers\b|deport|asylum|refugee|\bice\b|residen(?:cy|t permit)"
        r"|citizenship",
    ),
    (
        "racism and other discrimination",
        r"racis|audis|discriminat|prejudice|\bbias|homophob|transphob|islamophob|antisemit|xenophob|ableis"
        r"|sexis|misogyn|slur|hate crime|profiling",
    ),
    (
        "language",
        r"language|interpret|translat|english|\besl\b|\blep\b|sign(?:ed)? language|\basl\b|accent",
    ),
    (
        "cost and fees",
        r"\bfees?\b|\bcosts?\b|costly|afford|expens|price|money|\bpay\b|payment|copay|co pay|insur"
        r"|sliding scale|poverty|\bpoor\b|income|\bbills?\b|financ|debt|benefits|compensation|wages",
    ),
    (
        "stigma and shame",
        r"stigma|shame|ashamed|embarrass|taboo|loss of face|losing face|what people (?:will )?(?:say|think)"
        r"|gossip|labelled|seen as (?:weak|crazy)",
    ),
    (
        "distrust of services",
        r"distrust|mistrust|\btrust|suspicio|fear of (?:the )?(?:police|services|authorities|social"
        r"|child)|bad experience|past harm|harmed by|institution|police|child protection|sectioned",
    ),
    (
        "transport and distance",
        r"transport|\bbus(?:es)?\b|\btrains?\b|\bcar\b|travel|distance|\bfar\b|rural|commut|parking"
        r"|\brides?\b|\bdrive|petrol|\bgas money\b",
    ),
    (
        "childcare and caring",
        r"child ?care|babysit|nursery|daycare|day care|caring for|carer|caregiv|looking after|school run",
    ),
    (
        "time and work",
        r"\bwork|\bjobs?\b|shifts?\b|time off|\bhours\b|schedul|employer|\bboss\b|lose pay|unpaid leave"
        r"|no time|opening times|office hours|waiting list|wait(?:ing)? times?",
    ),
    (
        "historical and intergenerational trauma",
        r"historic|intergenerational|generational|colonis|coloniz|boarding school|residential school"
        r"|slavery|genocide",
    ),
    ("housing", r"housing|evict|homeless|landlord|\brent\b|overcrowd|shelter"),
    ("disability access", r"disab|wheelchair|step free|accessib|\bblind|\bdeaf|hearing|mobility"),
)
_GROUPS = tuple((group, re.compile(pattern)) for group, pattern in BARRIER_GROUPS)


def barrier_group(kind: str) -> str:
    """The group a free-text barrier label belongs to, or the label itself (normalised) if none fits.

    ``"Can't afford the copay"`` and ``"fees"`` are both ``"cost and fees"``; ``"no interpreter"`` is
    ``"language"``; ``"eviction"`` is ``"housing"``.
    """
    text = normalise_kind(kind)
    for group, pattern in _GROUPS:
        if pattern.search(text):
            return group
    return text


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
    """Count in how many cases each kind of barrier appears (grouped by :func:`barrier_group`),
    suppressing small cells.

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
        kinds = {barrier_group(p.kind) for p in case.power if level is None or p.level == level}
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
