"""ipywidgets forms bound to the case model. The only package of casekit that imports ipywidgets.

Use :func:`open_form` in a workbook::

    from casekit.widgets import open_form
    form = open_form(case_id, workspace)
    form

Heavy imports are lazy, so importing this package is cheap.
"""

from __future__ import annotations

from casekit._lazy import lazy_getattr

_LAZY = {
    "CaseForm": "casekit.widgets.formulation_form",
    "SaveStatus": "casekit.widgets.formulation_form",
    "open_form": "casekit.widgets.formulation_form",
    "ManualScheduler": "casekit.widgets.scheduler",
    "LoopScheduler": "casekit.widgets.scheduler",
}

__all__ = list(_LAZY)


__getattr__ = lazy_getattr("casekit.widgets", _LAZY)
