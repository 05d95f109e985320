"""The presenter's review of spans de-identification was unsure of.

An export stops while any low-confidence finding is unreviewed. Reviewing shows each finding in its
sentence — locally, to the presenter, who already knows the case — and records a keep-or-redact
decision with the case as a keyed fingerprint (never the text), so the next scrub applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casekit.deid.casewalk import case_texts
from casekit.deid.report import Finding
from casekit.errors import DeidentificationError
from casekit.model.case import Case, ReviewDecision

#: Characters of context shown on each side of a flagged span.
CONTEXT = 60


@dataclass(frozen=True)
class ReviewItem:
    """A pending finding with the sentence around it (for the presenter's eyes only).

    Attributes
    ----------
    number
        1-based position in the review list, used to decide on it.
    finding
        The finding.
    before, span, after
        The text around the flagged span, the span itself, and what follows.
    """

    number: int
    finding: Finding
    before: str
    span: str
    after: str

    def line(self) -> str:
        """One line: number, where, category, and the span marked with [[ ]] in its context."""
        f = self.finding
        return (
            f"{self.number}. {f.where} ({f.category.replace('_', ' ')}): "
            f"…{self.before}[[{self.span}]]{self.after}…"
        )


def pending_review(case: Case, *, secret: bytes, use_ner: bool = True) -> list[ReviewItem]:
    """The findings of a fresh scrub of ``case`` that no stored decision covers yet.

    Parameters
    ----------
    case
        The case, with its identifiers.
    secret
        The case's fingerprint key (``CaseStore.fingerprint_secret``).
    use_ner
        Scrub with name recognition, as an export does (it finds more to review).
    """
    from casekit.deid.scrubber import Scrubber

    scrubber = Scrubber.for_case(case, use_ner=use_ner, secret=secret)
    scrubber.scrub_case(case)
    texts = dict(case_texts(case))
    items: list[ReviewItem] = []
    for finding in scrubber.report.pending(case.deid_decisions):
        text = texts.get(finding.where, "")
        before = " ".join(text[max(0, finding.start - CONTEXT) : finding.start].split())
        after = " ".join(text[finding.end : finding.end + CONTEXT].split())
        items.append(ReviewItem(len(items) + 1, finding, before, text[finding.start : finding.end], after))
    return items


def apply_decisions(case: Case, items: list[ReviewItem], decisions: Mapping[int, str]) -> Case:
    """A copy of ``case`` with the presenter's decisions added to ``deid_decisions``.

    Parameters
    ----------
    decisions
        Item number → ``"keep"`` or ``"redact"``.

    Raises
    ------
    DeidentificationError
        If a number is not in the list or a decision is neither keep nor redact.
    """
    by_number = {item.number: item for item in items}
    added = []
    for number, decision in sorted(decisions.items()):
        if number not in by_number:
            raise DeidentificationError(
                f"finding {number} is not in the review list (1 to {len(items)}); list them with "
                f"`casekit deid review {case.meta.case_id} --list`"
            )
        try:
            choice = ReviewDecision(decision)
        except ValueError:
            raise DeidentificationError(
                f"finding {number}: decide 'keep' or 'redact', not {decision!r}"
            ) from None
        added.append(by_number[number].finding.decide(choice))
    seen = {(d.fingerprint, d.category) for d in case.deid_decisions}
    fresh = [d for d in added if (d.fingerprint, d.category) not in seen]
    return case.model_copy(update={"deid_decisions": [*case.deid_decisions, *fresh]})
