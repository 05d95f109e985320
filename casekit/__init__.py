"""casekit: case consultation workbooks grounded in cultural humility.

The public API is small and imports lazily, so ``import casekit`` stays fast and does no I/O.
"""

from __future__ import annotations

from casekit._lazy import lazy_getattr

__version__ = "0.1.0"

_LAZY = {
    "Case": "casekit.model",
    "CaseStore": "casekit.store",
    "Workspace": "casekit.workspace",
    "CasekitError": "casekit.errors",
}

__all__ = ["__version__", *_LAZY]


__getattr__ = lazy_getattr("casekit", _LAZY)
