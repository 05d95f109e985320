"""Live copies of the shipped workbooks: a workbook copied into the workspace with its parameters.

A live copy is what a person opens to work in (the formulation form, the home page, the client card,
the self-assessment form): papermill injects its ids and paths, nothing is run, and the copy carries
no outputs and no widget state. The command line (``casekit open``, ``casekit app`` …) and the home
page both make their copies here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import WorkbookError

if TYPE_CHECKING:
    from casekit.workspace import Workspace


def prepare_workbook(source: Path, parameters: Mapping[str, str], target: Path, *, what: str) -> Path:
    """Write ``source`` to ``target`` with ``parameters`` injected (not run); returns ``target``.

    The injected cell is hidden like the workbook's own code, and the copy carries no outputs and no
    widget state. Re-running replaces the copy (what it edits lives in the workspace, not in it).

    Parameters
    ----------
    source
        The workbook shipped with casekit.
    parameters
        Ids, paths, dates and options only (never a name or a secret).
    target
        Where the copy goes, inside the workspace's ``runs/`` folder.
    what
        The workbook's name in an error message ("the case formulation workbook").
    """
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from casekit.fileio import atomic_write, ensure_folder

    if not source.is_file():
        raise WorkbookError(f"{source}: {what} is missing; reinstall casekit")
    nb = load_notebook_node(str(source))  # adds the metadata papermill expects
    nb = parameterize_notebook(nb, dict(parameters), report_mode=False)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = [*cell.metadata["tags"], "hide-input"]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    ensure_folder(target.parent)
    atomic_write(target, nbformat.writes(nb), mode=0o600)
    return target


def prepare_formulation(ws: Workspace, case_id: str) -> Path:
    """Write ``runs/<case>/case-formulation-live.ipynb`` with the parameters injected; returns its path.

    A copy left by an older casekit at ``runs/<case>-formulation.ipynb`` is removed once the new one is
    written (migration): each open replaced it, so it holds nothing the new copy lacks.
    """
    from casekit import layout
    from casekit.resources import notebooks_dir
    from casekit.widgets.formulation_workbook import NOTEBOOK_NAME

    target = prepare_workbook(
        notebooks_dir() / NOTEBOOK_NAME,
        {"case_id": case_id, "workspace": str(ws.root)},
        layout.live_path(ws.root, NOTEBOOK_NAME, case_id),
        what="the case formulation workbook",
    )
    for old in layout.legacy_live_paths(ws.root, NOTEBOOK_NAME, case_id):
        old.unlink(missing_ok=True)
    return target
