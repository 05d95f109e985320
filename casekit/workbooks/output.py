"""What a run's notebook carries when it is written: no widget state, casekit's provenance, mode 0600.

Provenance goes under the notebook's ``casekit`` metadata (workbook, title, scope, casekit version,
parameters, time, status); the parameters are ids, paths, dates and options only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import __version__

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from casekit.workbooks.catalog import Workbook

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_PLACEHOLDER = "(interactive form: see the static rendering below it)"


def shows_widgets(nb: NotebookNode) -> bool:
    """Whether any output of the executed notebook is a live widget view."""
    return any(
        _WIDGET_VIEW in output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", [])
    )


def tidy(nb: NotebookNode) -> None:
    """Drop widget state and the text fallbacks of widget outputs (both can hold case data)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and _WIDGET_VIEW in data:
                data["text/plain"] = _WIDGET_PLACEHOLDER


def provenance(nb: NotebookNode, book: Workbook, params: dict[str, Any], *, ok: bool) -> None:
    """Record in the notebook's ``casekit`` metadata what ran, with what, when, and how it went."""
    nb.metadata["casekit"] = {
        "workbook": book.name,
        "title": book.title,
        "scope": book.scope,
        "casekit_version": __version__,
        "parameters": params,
        "executed_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "status": "ok" if ok else "failed",
    }


def write(nb: NotebookNode, target: Path) -> None:
    """Write the notebook atomically, readable by its owner only."""
    import nbformat

    from casekit.fileio import atomic_write, ensure_folder

    ensure_folder(target.parent)
    atomic_write(target, nbformat.writes(nb), mode=0o600)
