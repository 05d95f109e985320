"""De-identification of case text: case-aware, pattern and NER detection with consistent pseudonyms.

Public API (imported lazily, so ``import casekit.deid`` costs nothing until used)::

    from casekit.deid import Scrubber, identifier_forms, scan_for_identifiers
    s = Scrubber.for_case(case, extra_terms=(), use_ner=True, secret=b"...")
    result = s.scrub(text, where="identity.self_description")   # ScrubResult(text, replacements, findings)
    scrubbed_case, report = s.scrub_case(case)
    s.report.pending(case.deid_decisions); s.report.to_dict(include_originals=False)
    s.check_residual(text, where="...")                           # raises ResidualIdentifierError
    identifier_forms(case.identifiers) -> list[str]
    scan_for_identifiers(text_or_bytes, case.identifiers) -> list[Hit]

The NER model (:data:`casekit.deid.lexicon.MODEL_PACKAGE`) loads on the first scrub that needs it and
is shared by the whole process; nothing is ever downloaded.
"""

from __future__ import annotations

from casekit._lazy import lazy_getattr

_LAZY = {
    "Scrubber": "casekit.deid.scrubber",
    "Labeller": "casekit.deid.scrubber",
    "ScrubResult": "casekit.deid.report",
    "Report": "casekit.deid.report",
    "Replacement": "casekit.deid.report",
    "Finding": "casekit.deid.report",
    "pending_findings": "casekit.deid.report",
    "identifier_forms": "casekit.deid.forms",
    "known_forms": "casekit.deid.forms",
    "scan_for_identifiers": "casekit.deid.scan",
    "Hit": "casekit.deid.scan",
    "fingerprint": "casekit.deid.text",
    "MODEL_PACKAGE": "casekit.deid.lexicon",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_getattr("casekit.deid", _LAZY)
