"""Audit an intake form: read it, run every rule, and gather the findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from casekit.audit.document import FormDocument
from casekit.audit.language import detect_language
from casekit.audit.readers import read_form
from casekit.audit.rules import all_rules
from casekit.audit.rules.base import Finding
from casekit.errors import AuditError


@dataclass(frozen=True)
class FormAudit:
    """The findings on one form.

    Parameters
    ----------
    source
        The form's file name.
    kind
        The format it was read as.
    passages
        How many passages were read (a sanity check that the reader saw the form).
    findings
        Findings in category order, then in reading order.
    language
        The language the form was read in (detected unless given), and the findings are worded in.
    """

    source: str
    kind: str
    passages: int
    findings: tuple[Finding, ...]
    language: str = "en"

    @property
    def categories(self) -> set[str]:
        """The categories with at least one finding."""
        return {f.category for f in self.findings}

    def by_category(self) -> dict[str, list[Finding]]:
        """Findings grouped by category, in report order."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.category, []).append(finding)
        return groups

    def as_dict(self) -> dict[str, object]:
        """The audit as JSON-ready values."""
        return {
            "source": self.source,
            "kind": self.kind,
            "passages": self.passages,
            "language": self.language,
            "findings": [f.as_dict() for f in self.findings],
        }


def audit_document(
    doc: FormDocument, *, categories: Iterable[str] | None = None, language: str | None = None
) -> FormAudit:
    """Run the rules (all, or only ``categories``) on a form already read into passages.

    The rules are those for the form's language: ``language`` if given, else the one
    :func:`casekit.audit.language.detect_language` reads from the form (English when unclear).

    Raises
    ------
    AuditError
        If a requested category has no rule.
    """
    language = language or detect_language(" ".join(p.text for p in doc.passages))
    rules = all_rules(language)
    chosen = list(rules) if categories is None else list(categories)
    unknown = [c for c in chosen if c not in rules]
    if unknown:
        raise AuditError(f"unknown audit category {unknown[0]!r}; choose from {', '.join(rules)}")
    position = {p.location: i for i, p in enumerate(doc.passages)}
    findings: list[Finding] = []
    for category in chosen:
        found = list(rules[category]().check(doc))
        # Whole-form findings first, then in reading order.
        findings.extend(sorted(found, key=lambda f: position.get(f.location, -1)))
    return FormAudit(doc.source, doc.kind, len(doc.passages), tuple(findings), language)


def audit_form(
    path: str | Path, *, categories: Iterable[str] | None = None, language: str | None = None
) -> FormAudit:
    """Read a form file and audit it.

    Parameters
    ----------
    path
        A text, Markdown, HTML, DOCX or PDF form.
    categories
        Only run these rules (default: all).
    language
        The form's language (``en``, ``es``, ``fr``); detected from the form when not given.

    Raises
    ------
    AuditError
        If the file cannot be read or a category is unknown.
    """
    return audit_document(read_form(path), categories=categories, language=language)
