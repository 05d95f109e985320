"""Run casekit's workbooks (``notebooks/*.ipynb``) for one case or many, into the workspace's ``runs/``.

One module per job:

* :mod:`~casekit.workbooks.catalog`: the registry of workbooks (parameters, scope) and the scope check;
* :mod:`~casekit.workbooks.parameters`: a user's parameters checked, converted and screened for
  identifiers;
* :mod:`~casekit.workbooks.pool`: warm kernels on an asyncio loop, executing notebooks with nbclient;
* :mod:`~casekit.workbooks.runner`: :class:`Runner`, which ties them together (one case, or a batch);
* :mod:`~casekit.workbooks.output`: what a written run carries (provenance, no widget state);
* :mod:`~casekit.workbooks.failures`: a failure in one line that quotes no identifier;
* :mod:`~casekit.workbooks.live_copy`: a workbook copied into the workspace to be worked in (not run).

Where runs are written is :mod:`casekit.layout`'s concern. The names below are imported from their
module on first use, so ``import casekit.workbooks`` stays cheap and does no I/O.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.workbooks.catalog import (
        CASE,
        ORGANISATION,
        RUNNER_PARAMETERS,
        Workbook,
        check_scope,
        get_workbook,
        peek,
        registry,
    )
    from casekit.workbooks.parameters import validate_parameters
    from casekit.workbooks.pool import KernelPool, _kernel_env  # noqa: F401 - tests use it
    from casekit.workbooks.runner import BatchResult, Runner, RunResult, output_path, run_workbook

_HOMES = {
    "CASE": "catalog",
    "ORGANISATION": "catalog",
    "RUNNER_PARAMETERS": "catalog",
    "Workbook": "catalog",
    "check_scope": "catalog",
    "get_workbook": "catalog",
    "peek": "catalog",
    "registry": "catalog",
    "validate_parameters": "parameters",
    "KernelPool": "pool",
    "_kernel_env": "pool",
    "BatchResult": "runner",
    "Runner": "runner",
    "RunResult": "runner",
    "output_path": "runner",
    "run_workbook": "runner",
}

__all__ = [
    "CASE",
    "ORGANISATION",
    "RUNNER_PARAMETERS",
    "BatchResult",
    "KernelPool",
    "RunResult",
    "Runner",
    "Workbook",
    "check_scope",
    "get_workbook",
    "output_path",
    "peek",
    "registry",
    "run_workbook",
    "validate_parameters",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
