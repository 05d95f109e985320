"""The audit rules: a small registry, one class per category.

Built-in rules live in the modules listed in :data:`BUILTIN_MODULES`; other packages can add rules
through the ``casekit.audit.rules`` entry-point group (each entry point names a module whose rule
classes use :func:`~casekit.audit.rules.base.register`).
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from casekit.audit.rules.base import RULES, RULES_BY_LANGUAGE, Finding, Rule, register

#: Modules holding the built-in rules, imported on first use.
BUILTIN_MODULES = (
    "casekit.audit.rules.identity",
    "casekit.audit.rules.family",
    "casekit.audit.rules.access",
    "casekit.audit.rules.religion",
    "casekit.audit.rules.wording",
    "casekit.audit.rules.es",
    "casekit.audit.rules.fr",
)

#: The categories in the order reports list them.
CATEGORIES = (
    "gender-binary",
    "pronouns-missing",
    "chosen-name-missing",
    "race-single-choice",
    "family-structure",
    "language-access",
    "fees-access",
    "disability-access",
    "religion-assumed",
    "stigmatizing-language",
)

_loaded = False


def all_rules(language: str = "en") -> dict[str, type[Rule]]:
    """Every registered rule for forms in ``language``, built-in and from entry points, by category
    (built-ins in report order). A language without rules of its own gets the English ones."""
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            import_module(module)
        for entry in entry_points(group="casekit.audit.rules"):
            entry.load()
        _loaded = True
    table = RULES_BY_LANGUAGE.get(language) or RULES
    ordered = {c: table[c] for c in CATEGORIES if c in table}
    ordered.update({c: r for c, r in table.items() if c not in ordered})
    return ordered


def report_labels(language: str = "en") -> tuple[str, str]:
    """How a report in ``language`` introduces a finding's "why it matters" and "try instead"."""
    from casekit.audit.rules.localized import REPORT_LABELS

    all_rules()
    return REPORT_LABELS.get(language, REPORT_LABELS["en"])


def rule_languages() -> tuple[str, ...]:
    """The languages that have rules of their own (English first)."""
    all_rules()
    return tuple(RULES_BY_LANGUAGE)


__all__ = [
    "BUILTIN_MODULES",
    "CATEGORIES",
    "RULES",
    "RULES_BY_LANGUAGE",
    "Finding",
    "Rule",
    "all_rules",
    "register",
    "report_labels",
    "rule_languages",
]
