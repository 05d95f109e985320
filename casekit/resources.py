"""Where the bundled notebooks, templates and example cases are, installed or in a source checkout."""

from __future__ import annotations

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
