"""The audit rules: a small registry, one class per category.

Built-in rules live in the modules listed in :data:`BUILTIN_MODULES`; other packages can add rules
through the ``casekit.audit.rules`` entry-point group (each entry point names a module whose rule
classes use :func:`~casekit.audit.rules.base.register`).
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from casekit.audit.rules.base import RULES, Finding, Rule, register

#: Modules holding the built-in rules, imported on first use.
BUILTIN_MODULES = (
    "casekit.audit.rules.identity",
    "casekit.audit.rules.family",
    "casekit.audit.rules.access",
    "casekit.audit.rules.religion",
    "casekit.audit.rules.wording",
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


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, built-in and from entry points, by category (built-ins in report order)."""
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            import_module(module)
        for entry in entry_points(group="casekit.audit.rules"):
            entry.load()
        _loaded = True
    ordered = {c: RULES[c] for c in CATEGORIES if c in RULES}
    ordered.update({c: r for c, r in RULES.items() if c not in ordered})
    return ordered


__all__ = ["BUILTIN_MODULES", "CATEGORIES", "RULES", "Finding", "Rule", "all_rules", "register"]
