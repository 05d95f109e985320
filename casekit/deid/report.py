"""What a scrub did: replacements, low-confidence findings, and the presenter's decisions on them.

Nothing here holds an original span except in private fields that :meth:`Report.to_dict` writes out
only when asked with ``include_originals=True`` (for a presenter's local review, never for export).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from casekit.model.case import DeidDecision, ReviewDecision

PENDING = "pending"


def _json_ready(
    item: Replacement | Finding,
    include_originals: bool,
    *,
    rename: Mapping[str, str] | None = None,
    **values: Any,
) -> dict[str, Any]:
    """``item``'s fields in order as a JSON-ready dict (``rename``d, ``values`` put in their place).

    The original text is left out unless ``include_originals``, and then it comes last.
    """
    rename = rename or {}
    out = {rename.get(f.name, f.name): getattr(item, f.name) for f in fields(item) if f.name != "original"}
    out.update(values)
    if include_originals:
        out["original"] = item.original
    return out


@dataclass
class Replacement:
    """One span that was replaced.

    Attributes
    ----------
    category
        What kind of identifier it was.
    where
        Location path of the text (``goals[0].client_words``).
    start, end
        Offsets of the span in the original text.
    label
        What it became.
    detector
        ``case``, ``pattern``, ``ner`` or ``context``.
    """

    category: str
    where: str
    start: int
    end: int
    label: str
    detector: str
    confidence: float = 1.0
    original: str = field(default="", repr=False, compare=False)

    def to_dict(self, *, include_originals: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; the original text only when asked."""
        return _json_ready(
            self, include_originals, rename={"label": "became"}, confidence=round(self.confidence, 2)
        )


@dataclass
class Finding:
    """A span de-identification was unsure of, for the presenter to confirm or dismiss.

    Attributes
    ----------
    fingerprint
        Keyed hash of the normalised span (see :func:`casekit.deid.text.fingerprint`).
    status
        ``pending`` (no decision yet), ``keep`` or ``redact``.
    applied
        What the scrub did with it: ``redacted`` or ``kept``. Pending spans are redacted.
    """

    category: str
    where: str
    start: int
    end: int
    fingerprint: str
    status: str
    applied: str
    detector: str
    reason: str = ""
    original: str = field(default="", repr=False, compare=False)

    def decide(self, decision: ReviewDecision | str) -> DeidDecision:
        """The :class:`~casekit.model.DeidDecision` to store with the case for this finding."""
        return DeidDecision(
            fingerprint=self.fingerprint, category=self.category, decision=ReviewDecision(decision)
        )

    def to_dict(self, *, include_originals: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; the original text only when asked."""
        return _json_ready(self, include_originals)


@dataclass
class ScrubResult:
    """The outcome of scrubbing one text."""

    text: str
    replacements: list[Replacement]
    findings: list[Finding]


@dataclass
class Report:
    """Every replacement and finding of a scrubber, accumulated across calls."""

    replacements: list[Replacement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def extend(self, result: ScrubResult) -> None:
        """Add one text's replacements and findings."""
        self.replacements += result.replacements
        self.findings += result.findings

    def pending(self, decisions: Iterable[DeidDecision] = ()) -> list[Finding]:
        """Findings that no decision covers yet (export refuses while this is not empty)."""
        return pending_findings(self.findings, decisions)

    def counts(self) -> dict[str, int]:
        """How many replacements of each category."""
        out: dict[str, int] = {}
        for r in self.replacements:
            out[r.category] = out.get(r.category, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self, *, include_originals: bool = False) -> dict[str, Any]:
        """A JSON-ready dict without any original text, unless ``include_originals`` (local use only)."""
        return {
            "replacements": [r.to_dict(include_originals=include_originals) for r in self.replacements],
            "findings": [f.to_dict(include_originals=include_originals) for f in self.findings],
            "counts": self.counts(),
            "pending": sum(1 for f in self.findings if f.status == PENDING),
        }


def pending_findings(
    findings: Iterable[Finding] | Report, decisions: Iterable[DeidDecision] = ()
) -> list[Finding]:
    """The findings that no stored decision covers (matched on fingerprint and category).

    Parameters
    ----------
    findings
        A :class:`Report` or its findings.
    decisions
        The case's ``deid_decisions``.
    """
    if isinstance(findings, Report):
        findings = findings.findings
    decided = {(d.fingerprint, d.category) for d in decisions}
    return [f for f in findings if (f.fingerprint, f.category) not in decided]
