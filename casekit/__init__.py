"""casekit: case consultation workbooks grounded in cultural humility.

The public API is small and imports lazily, so ``import casekit`` stays fast and does no I/O.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Case": "casekit.model",
    "CaseStore": "casekit.store",
    "Workspace": "casekit.workspace",
    "CasekitError": "casekit.errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'casekit' has no attribute {name!r}")
    return getattr(import_module(module), name)
