"""ipywidgets forms bound to the case model. The only package of casekit that imports ipywidgets.

Use :func:`open_form` in a workbook::

    from casekit.widgets import open_form
    form = open_form(case_id, workspace)
    form

Heavy imports are lazy, so importing this package is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "CaseForm": "casekit.widgets.form",
    "SaveStatus": "casekit.widgets.form",
    "open_form": "casekit.widgets.form",
    "ManualScheduler": "casekit.widgets.scheduler",
    "LoopScheduler": "casekit.widgets.scheduler",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'casekit.widgets' has no attribute {name!r}")
    return getattr(import_module(module), name)
