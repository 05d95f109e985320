"""casekit.workbooks as a package: the old names still import, and importing it starts nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import casekit.workbooks as workbooks

ROOT = Path(__file__).resolve().parents[2]
#: Every name imported from casekit.workbooks in casekit/, tests/, bench/ and notebooks/.
OLD_NAMES = (
    "ORGANISATION",
    "Runner",
    "RunResult",
    "BatchResult",
    "check_scope",
    "get_workbook",
    "registry",
    "run_workbook",
    "validate_parameters",
    "_kernel_env",
)


def test_every_name_imported_from_casekit_workbooks_still_imports():
    """Do the names callers import from casekit.workbooks still resolve, each from its one module?"""
    for name in OLD_NAMES:
        value = getattr(workbooks, name)
        assert value is not None, name
        assert name in dir(workbooks)
    assert workbooks.Runner.__module__ == "casekit.workbooks.runner"
    assert workbooks.registry.__module__ == "casekit.workbooks.catalog"
    assert callable(workbooks.registry)  # the function, not a module that shadows it


def test_importing_the_package_loads_no_notebook_or_kernel_library():
    """Does `import casekit.workbooks` (and asking for a workbook's scope) leave nbclient, papermill and
    jupyter_client unimported until a run needs them?"""
    code = (
        "import sys, casekit.workbooks as w\n"
        "w.CASE, w.check_scope\n"
        "print(sorted(m for m in ('nbclient', 'papermill', 'jupyter_client') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
