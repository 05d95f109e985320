"""Scrub a whole case: every string a person typed into it, found by the model's one walker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.deid.report import Report
from casekit.model.case import Case, PrivateIdentifiers
from casekit.model.walk import iter_texts, replace_texts

if TYPE_CHECKING:
    from casekit.deid.scrubber import Scrubber


def case_texts(case: Case) -> list[tuple[str, str]]:
    """``(path, text)`` of every non-empty string :func:`casekit.model.walk.iter_texts` finds, in walk
    order: entries, short free-text fields and dictionary keys, outside the identifiers."""
    return [(path, text) for path, text in iter_texts(case) if text.strip()]


def scrub_case(scrubber: Scrubber, case: Case) -> tuple[Case, Report]:
    """Scrub ``case`` with ``scrubber``; see :meth:`Scrubber.scrub_case`."""
    items = case_texts(case)
    results = scrubber.scrub_many(items)
    report = Report()
    for result in results:
        report.extend(result)
    scrubbed = {path: result.text for (path, _), result in zip(items, results, strict=True)}
    clean = replace_texts(case, scrubbed)
    return clean.model_copy(update={"identifiers": PrivateIdentifiers()}), report
