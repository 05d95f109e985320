"""Where the bundled notebooks, templates and example cases are, installed or in a source checkout."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # In a wheel the folders are copied into the package; in a source checkout they sit beside it.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def notebooks_dir() -> Path:
    """The folder of casekit's workbooks (``notebooks/``)."""
    return _bundled("notebooks")


def templates_dir() -> Path:
    """The folder of casekit's nbconvert templates (``templates/``)."""
    return _bundled("templates")


def examples_dir() -> Path:
    """The folder of the fictional example cases shipped with casekit."""
    return _PACKAGE / "examples"


def rewrite_workbook(name: str, write: Callable[[Path], object], argv: list[str] | None = None) -> int:
    """Rewrite the bundled workbook ``name`` (or the path given first in ``argv``) with ``write``.

    The ``main()`` of each module that builds a workbook (``python -m casekit.widgets.home``).
    """
    args = sys.argv[1:] if argv is None else argv
    write(Path(args[0]) if args else notebooks_dir() / name)
    return 0


def widget_workbook(prefix: str, parameters: str, page: str, *, intro: Any = None) -> Any:
    """A workbook that is one widget page: an optional Markdown intro, then the hidden ``parameters``
    cell and the hidden cell that shows the ``page``; no outputs and no widget state.

    Parameters
    ----------
    prefix
        Cell ids are ``{prefix}-0``, ``{prefix}-1``, ... (stable, so rewriting changes nothing).
    intro
        Markdown text, or a ready Markdown cell (for one with tags such as ``screen-only``).
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata = {"jupyter": {"source_hidden": True}, "tags": ["parameters", "hide-input"]}
    shown = nbformat.v4.new_code_cell(page)
    shown.metadata = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
    head = (
        [] if intro is None else [nbformat.v4.new_markdown_cell(intro) if isinstance(intro, str) else intro]
    )
    nb.cells = [*head, params, shown]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{prefix}-{i}"
    return nb


def write_workbook(path: str | Path, nb: Any) -> Path:
    """Write a built workbook to ``path`` atomically, as the bundled copies are written."""
    import nbformat

    from casekit.fileio import atomic_write

    return atomic_write(Path(path), nbformat.writes(nb) + "\n")
