"""Where the bundled notebooks, templates and example cases are, installed or in a source checkout."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

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
