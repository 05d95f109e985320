"""Systems-of-care audit: intake forms, a self-assessment of the organisation, and barrier counts.

* :func:`audit_form` reads an intake form (text, Markdown, HTML, DOCX, PDF) and reports what may keep
  people from being seen as they are (see :mod:`casekit.audit.rules`).
* :mod:`casekit.audit.assessment` is the structured self-assessment grouped under the National CLAS
  Standards' three themes; :mod:`casekit.audit.history` stores, loads and compares assessments and
  :mod:`casekit.audit.plot` draws the comparison.
* :func:`count_barriers` counts systemic barriers across cases, showing only counts and hiding small
  cells.

Submodules are imported on first use.
"""

from __future__ import annotations

from casekit._lazy import lazy_getattr

_LAZY = {
    "audit_form": "casekit.audit.form_audit",
    "audit_document": "casekit.audit.form_audit",
    "FormAudit": "casekit.audit.form_audit",
    "read_form": "casekit.audit.readers",
    "Finding": "casekit.audit.rules.base",
    "CATEGORIES": "casekit.audit.rules",
    "SelfAssessment": "casekit.audit.assessment",
    "blank_assessment": "casekit.audit.assessment",
    "save_assessment": "casekit.audit.history",
    "load_assessment": "casekit.audit.history",
    "compare_assessments": "casekit.audit.history",
    "plot_comparison": "casekit.audit.plot",
    "count_barriers": "casekit.audit.barriers",
    "example_forms_dir": "casekit.audit.examples",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_getattr("casekit.audit", _LAZY)
