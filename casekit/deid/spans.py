"""The span type every detector returns."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Detector names, as they appear in reports.
CASE = "case"
PATTERN = "pattern"
NER = "ner"
CONTEXT = "context"


@dataclass
class Span:
    """A stretch of text a detector wants replaced (offsets into the original text).

    Attributes
    ----------
    start, end
        Offsets into the text, end exclusive.
    category
        What it is (``client_name``, ``date``, ``person``, ...).
    detector
        Which detector found it: ``case``, ``pattern``, ``ner`` or ``context``.
    key
        Identity of what is named, so that every mention gets the same label.
    label
        A fixed replacement (patterns), or None to ask the labeller.
    confidence
        1.0 for certain; below 0.5 means the presenter should confirm.
    priority
        Lower wins where spans overlap.
    keep
        The span was judged an ordinary word and stays (recorded for the residual check).
    """

    start: int
    end: int
    category: str
    detector: str
    key: str = ""
    label: str | None = None
    confidence: float = 1.0
    priority: int = 5
    keep: bool = False
    reason: str = ""
    possessive: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share a character."""
        return self.start < other.end and other.start < self.end
